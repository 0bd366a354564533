import { Type } from '@sinclair/typebox';
import { inScope } from '../actor.ts';
import { actor, type App } from '../http/server.ts';
import { Instant, Items } from '../http/schemas.ts';
import { AuditRecord, AuditVerify } from './audit.schemas.ts';
import { listAudit, verifyAuditChain } from './audit.service.ts';
import { can } from '../access/permissions.ts';

/** Audit actions of the sign-in log (auth.login, auth.login_failed, auth.lockout, auth.logout, auth.password…). */
const SIGN_IN_ACTIONS = 'auth.';

export async function auditRoutes(app: App) {
  app.get('/api/audit', { config: { permission: 'audit.read' },
    schema: {
      tags: ['audit'], summary: '审计日志 Audit records in your scope, newest first (ID numbers masked except for auditors)',
      querystring: Type.Object({
        entityType: Type.Optional(Type.String()), entityId: Type.Optional(Type.String()), actor: Type.Optional(Type.String()),
        action: Type.Optional(Type.String()), from: Type.Optional(Instant), to: Type.Optional(Instant),
        before: Type.Optional(Type.String({ pattern: '^[0-9]+$' })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
      }),
      response: { 200: Items(AuditRecord) },
    },
  }, async (request) => {
    const query = request.query;
    const who = actor(request);
    // 三员分立: the sign-in log (auth.*) is the security auditor's; the business audit trail leaves it out.
    const excludeAction = can(who, 'auth.log.read') ? undefined : SIGN_IN_ACTIONS;
    const items = await inScope(app.database, who, (tx) => listAudit(tx, { ...query, excludeAction, before: query.before ? BigInt(query.before) : undefined }, who));
    return { items };
  });

  app.get('/api/audit/sign-ins', { config: { permission: 'auth.log.read' },
    schema: {
      tags: ['audit'], summary: '登录日志 The sign-in log: sign-ins, failures, lockouts, sign-outs and password changes in your scope, newest first',
      querystring: Type.Object({
        actor: Type.Optional(Type.String({ maxLength: 64 })), from: Type.Optional(Instant), to: Type.Optional(Instant),
        before: Type.Optional(Type.String({ pattern: '^[0-9]{1,19}$' })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
      }, { additionalProperties: false }),
      response: { 200: Items(AuditRecord) },
    },
  }, async (request) => {
    const query = request.query;
    const who = actor(request);
    const items = await inScope(app.database, who, (tx) => listAudit(tx, { ...query, action: SIGN_IN_ACTIONS, before: query.before ? BigInt(query.before) : undefined }, who));
    return { items };
  });

  app.get('/api/audit/verify', { config: { permission: 'audit.verify' }, schema: { tags: ['audit'], summary: '校验审计链 Verify the hash chain of the whole audit trail', response: { 200: AuditVerify } } }, async (request) => {
    return verifyAuditChain(app.database);
  });
}
