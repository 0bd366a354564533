import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { inScope } from '../actor.ts';
import { actor, requestLanguage, type App } from '../http/server.ts';
import { Instant } from '../http/schemas.ts';
import { answerList, type ListQueryValues } from '../http/lists.ts';
import { ListAnswer, listQuery } from '../http/lists.schemas.ts';
import { AuditCodes, AuditRecord, AuditVerify } from './audit.schemas.ts';
import { auditPage, auditRecords, verifyAuditChain, type AuditFilter } from './audit.service.ts';
import { auditLine, auditReport } from './audit.report.ts';
import { can } from '../access/permissions.ts';
import { auditCodeChoices, namedAuditRecord } from './audit.messages.ts';

/** Audit actions of the sign-in log (auth.login, auth.login_failed, auth.lockout, auth.logout, auth.password…). */
const SIGN_IN_ACTIONS = 'auth.';

export async function auditRoutes(app: App) {
  /** The trail (or the sign-in log) as a list: a page with its count, or with `format` the file of every record. */
  const answer = (request: FastifyRequest, reply: FastifyReply, source: 'trail' | 'signIns', query: ListQueryValues, filter: AuditFilter) => {
    const who = actor(request);
    const named = namedAuditRecord(requestLanguage(request));
    return answerList(reply, query, {
      defaultLimit: 50,
      page: async (page) => {
        const found = await inScope(app.database, who, (tx) => auditPage(tx, filter, page, who));
        return { ...found, items: found.items.map(named) };
      },
      rows: async (page) => {
        const found = await inScope(app.database, who, (tx) => auditRecords(tx, filter, page, who));
        return { items: found.items.map(auditLine), nextCursor: found.nextCursor };
      },
      report: auditReport(source, filter),
    });
  };

  app.get('/api/audit', { config: { permission: 'audit.read' },
    schema: {
      tags: ['audit'], summary: '审计日志 Audit records in your scope, newest first (ID numbers masked except for auditors); format=xlsx|csv for every matching record',
      querystring: Type.Object({
        entityType: Type.Optional(Type.String({ maxLength: 60 })), entityId: Type.Optional(Type.String({ maxLength: 100 })), actor: Type.Optional(Type.String({ maxLength: 64 })),
        action: Type.Optional(Type.String({ maxLength: 60 })), from: Type.Optional(Instant), to: Type.Optional(Instant), ...listQuery(1000),
      }, { additionalProperties: false }),
      response: { 200: ListAnswer(AuditRecord) },
    },
  }, async (request, reply) => {
    const { limit, after, offset, format, ...filter } = request.query;
    // 三员分立: the sign-in log (auth.*) is the security auditor's; the business audit trail leaves it out.
    const excludeAction = can(actor(request), 'auth.log.read') ? undefined : SIGN_IN_ACTIONS;
    return answer(request, reply, 'trail', { limit, after, offset, format }, { ...filter, excludeAction });
  });

  app.get('/api/audit/sign-ins', { config: { permission: 'auth.log.read' },
    schema: {
      tags: ['audit'], summary: '登录日志 The sign-in log: sign-ins, failures, lockouts, sign-outs and password changes in your scope, newest first; format=xlsx|csv for every matching record',
      querystring: Type.Object({ actor: Type.Optional(Type.String({ maxLength: 64 })), from: Type.Optional(Instant), to: Type.Optional(Instant), ...listQuery(1000) }, { additionalProperties: false }),
      response: { 200: ListAnswer(AuditRecord) },
    },
  }, async (request, reply) => {
    const { limit, after, offset, format, ...filter } = request.query;
    return answer(request, reply, 'signIns', { limit, after, offset, format }, { ...filter, action: SIGN_IN_ACTIONS });
  });

  app.get('/api/audit/codes', { config: { permission: 'audit.read' },
    schema: { tags: ['audit'], summary: '操作与对象类型名称 The actions and entity types the trail records, by name in the request\'s language (the filters\' choices)', response: { 200: AuditCodes } },
  }, async (request) => {
    const choices = auditCodeChoices(requestLanguage(request));
    // 三员分立: the sign-in actions are the security auditor's, as in the trail itself
    const signIns = can(actor(request), 'auth.log.read');
    return { ...choices, actions: choices.actions.filter((choice) => signIns || !choice.code.startsWith(SIGN_IN_ACTIONS)) };
  });

  app.get('/api/audit/verify', { config: { permission: 'audit.verify' }, schema: { tags: ['audit'], summary: '校验审计链 Verify the hash chain of the whole audit trail', response: { 200: AuditVerify } } }, async (request) => {
    return verifyAuditChain(app.database);
  });
}
