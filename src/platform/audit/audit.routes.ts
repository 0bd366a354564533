import { Type } from '@sinclair/typebox';
import { inScope } from '../actor.ts';
import { actor, type App } from '../http/server.ts';
import { Instant } from '../http/schemas.ts';
import { listAudit, verifyAuditChain } from './audit.service.ts';

export async function auditRoutes(app: App) {
  app.get('/api/audit', { config: { permission: 'audit.read' },
    schema: {
      tags: ['audit'], summary: '审计日志 Audit records in your scope, newest first (ID numbers masked except for auditors)',
      querystring: Type.Object({
        entityType: Type.Optional(Type.String()), entityId: Type.Optional(Type.String()), actor: Type.Optional(Type.String()),
        action: Type.Optional(Type.String()), from: Type.Optional(Instant), to: Type.Optional(Instant),
        before: Type.Optional(Type.String({ pattern: '^[0-9]+$' })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
      }),
    },
  }, async (request) => {
    const query = request.query;
    const who = actor(request);
    const items = await inScope(app.database, who, (tx) => listAudit(tx, { ...query, before: query.before ? BigInt(query.before) : undefined }, who));
    return { items };
  });

  app.get('/api/audit/verify', { config: { permission: 'audit.verify' }, schema: { tags: ['audit'], summary: '校验审计链 Verify the hash chain of the whole audit trail' } }, async (request) => {
    return verifyAuditChain(app.database);
  });
}
