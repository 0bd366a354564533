/** HTTP for pension individual accounts: statements and contribution records (/api/persons/:id/…, /api/me/…) and the interest run. */
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { actor, type App } from '../../../platform/http/server.ts';
import { sendXlsx } from '../../../platform/http/xlsx.ts';
import { Id, Period, Year } from '../../../platform/http/schemas.ts';
import { maskIdNumber } from '../../../platform/personal-data.ts';
import { accountStatement, contributionRecord, ownPersonId, runInterest, type AccountStatement } from './accounts.service.ts';
import { accountStatementXlsx } from './statement.xlsx.ts';

const StatementQuery = Type.Object({ year: Year, format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('xlsx')])) });
const RangeQuery = Type.Object({ from: Type.Optional(Period), to: Type.Optional(Period) });
const Strict = { additionalProperties: false } as const;
const tags = ['accounts'];

async function statementReply(reply: FastifyReply, statement: AccountStatement, format: 'json' | 'xlsx' | undefined) {
  if (format !== 'xlsx') return statement;
  // The file name carries the person's name, never the ID number (file names end up in logs, mail and shares).
  return sendXlsx(reply, `个人账户对账单-${statement.name || maskIdNumber(statement.idNumber)}-${statement.year}.xlsx`, await accountStatementXlsx(statement));
}

export async function accountsRoutes(app: App) {
  const db = app.database;

  app.get('/api/persons/:id/account', { config: { permission: 'accounts.read' },
    schema: { tags, summary: '个人账户对账单 A person\'s individual account for a year: opening, credits, interest, closing (JSON or XLSX)', params: Type.Object({ id: Id }), querystring: StatementQuery },
  }, async (request, reply) => statementReply(reply, await accountStatement(db, actor(request), BigInt(request.params.id), request.query.year), request.query.format));
  app.get('/api/persons/:id/contributions', { config: { permission: 'accounts.read' },
    schema: { tags, summary: '缴费记录 A person\'s contribution record: bill lines by period with whether each is paid', params: Type.Object({ id: Id }), querystring: RangeQuery },
  }, async (request) => contributionRecord(db, actor(request), BigInt(request.params.id), request.query));

  app.get('/api/me/account', { config: { permission: 'portal.person' },
    schema: { tags, summary: '我的个人账户 Your own individual account (insured-person accounts)', querystring: StatementQuery },
  }, async (request, reply) => {
    const who = actor(request);
    return statementReply(reply, await accountStatement(db, who, ownPersonId(who), request.query.year), request.query.format);
  });
  app.get('/api/me/contributions', { config: { permission: 'portal.person' },
    schema: { tags, summary: '我的缴费记录 Your own contribution record (insured-person accounts)', querystring: RangeQuery },
  }, async (request) => {
    const who = actor(request);
    return contributionRecord(db, who, ownPersonId(who), request.query);
  });

  app.post('/api/accounts/interest', { config: { permission: 'accounts.interest.run' },
    schema: { tags, summary: '年度计息 Credit a past year\'s interest to every individual account (once per year; a second call returns the first result)', body: Type.Object({ year: Year }, Strict) },
  }, async (request) => runInterest(db, actor(request), request.body.year));
}
