/**
 * HTTP for pension individual accounts: statements and contribution records (/api/persons/:id/…, /api/me/…), the
 * interest run, and the occupational annuity account.
 */
import { Type } from '@sinclair/typebox';
import { actor, type App } from '../../../platform/http/server.ts';
import { ReportFormatQuery, sendReport } from '../../../platform/reports/http.ts';
import { Id, Period, Year } from '../../../platform/http/schemas.ts';
import { AccountStatement, ContributionRecord } from '../collection.schemas.ts';
import { Job } from '../../../platform/jobs/jobs.schemas.ts';
import { accountStatement, contributionRecord, ownPersonId, startInterest } from './accounts.service.ts';
import { accountStatementReport } from './statement.report.ts';
import { occupationalAnnuityAccount } from './occupational-annuity.service.ts';
import { OccupationalAnnuityAccount } from './occupational-annuity.schemas.ts';

const StatementQuery = Type.Object({ year: Year, ...ReportFormatQuery });
const RangeQuery = Type.Object({ from: Type.Optional(Period), to: Type.Optional(Period) });
const Strict = { additionalProperties: false } as const;
const tags = ['accounts'];

export async function accountsRoutes(app: App) {
  const db = app.database;

  app.get('/api/persons/:id/account', { config: { permission: 'accounts.read' },
    schema: { tags, summary: '个人账户对账单 A person\'s individual account for a year: opening, credits, interest, closing (JSON, XLSX, CSV or PDF)', params: Type.Object({ id: Id }), querystring: StatementQuery, response: { 200: AccountStatement } },
  }, async (request, reply) => sendReport(reply, accountStatementReport(await accountStatement(db, actor(request), BigInt(request.params.id), request.query.year)), request.query.format));
  app.get('/api/persons/:id/contributions', { config: { permission: 'accounts.read' },
    schema: { tags, summary: '缴费记录 A person\'s contribution record: bill lines by period with whether each is paid', params: Type.Object({ id: Id }), querystring: RangeQuery, response: { 200: ContributionRecord } },
  }, async (request) => contributionRecord(db, actor(request), BigInt(request.params.id), request.query));

  app.get('/api/persons/:id/occupational-annuity', { config: { permission: 'accounts.read' },
    schema: { tags, summary: '职业年金个人账户 A person\'s occupational annuity account: the employee and employer parts credited by period', params: Type.Object({ id: Id }), response: { 200: OccupationalAnnuityAccount } },
  }, async (request) => occupationalAnnuityAccount(db, actor(request), BigInt(request.params.id)));

  app.get('/api/me/account', { config: { permission: 'portal.person' },
    schema: { tags, summary: '我的个人账户 Your own individual account (insured-person accounts)', querystring: StatementQuery, response: { 200: AccountStatement } },
  }, async (request, reply) => {
    const who = actor(request);
    return sendReport(reply, accountStatementReport(await accountStatement(db, who, ownPersonId(who), request.query.year)), request.query.format);
  });
  app.get('/api/me/contributions', { config: { permission: 'portal.person' },
    schema: { tags, summary: '我的缴费记录 Your own contribution record (insured-person accounts)', querystring: RangeQuery, response: { 200: ContributionRecord } },
  }, async (request) => {
    const who = actor(request);
    return contributionRecord(db, who, ownPersonId(who), request.query);
  });

  app.post('/api/accounts/interest', { config: { permission: 'accounts.interest.run' },
    schema: { tags, summary: '年度计息 Credit a past year\'s interest to every individual account: a job (kind accounts.interest, one per year; a second call returns the same job), its result the run', body: Type.Object({ year: Year }, Strict), response: { 202: Job } },
  }, async (request, reply) => {
    const job = await startInterest(db, actor(request), request.body.year);
    void app.jobs.nudge();
    return reply.code(202).send(job);
  });
}
