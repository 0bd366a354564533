import { Type } from '@sinclair/typebox';
import { inScope } from '../actor.ts';
import { actor, requireRole, type App } from '../http/server.ts';
import { invalid } from '../errors.ts';
import { listAudit, verifyAuditChain } from './audit.service.ts';

const isoDate = (field: string, value?: string) => {
  if (value !== undefined && Number.isNaN(new Date(value).getTime())) throw invalid(field, 'must be a date or timestamp (ISO 8601)');
  return value;
};

export async function auditRoutes(app: App) {
  app.get('/api/audit', {
    schema: {
      tags: ['audit'], summary: '审计日志 Audit records in your scope, newest first',
      querystring: Type.Object({
        entityType: Type.Optional(Type.String()), entityId: Type.Optional(Type.String()), actor: Type.Optional(Type.String()),
        action: Type.Optional(Type.String()), from: Type.Optional(Type.String()), to: Type.Optional(Type.String()),
        before: Type.Optional(Type.String({ pattern: '^[0-9]+$' })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
      }),
    },
  }, async (request) => {
    const query = request.query;
    const who = requireRole(request, 'auditor', 'supervisor', 'reviewer', 'approver', 'operator', 'finance');
    isoDate('from', query.from); isoDate('to', query.to);
    const items = await inScope(app.database, who, (tx) => listAudit(tx, { ...query, before: query.before ? BigInt(query.before) : undefined }));
    return { items };
  });

  app.get('/api/audit/verify', { schema: { tags: ['audit'], summary: '校验审计链 Verify the hash chain of the whole audit trail' } }, async (request) => {
    requireRole(request, 'auditor', 'supervisor');
    actor(request);
    return verifyAuditChain(app.database);
  });
}
