/** Answers of the audit routes (audit.routes.ts). TypeBox only: the web imports their types. */
import { Type } from '@sinclair/typebox';
import { IdText, Nullable, Timestamp } from '../http/schemas.ts';

/** One audit record; ID numbers in the images and the entity id are masked unless the viewer is an auditor. */
export const AuditRecord = Type.Object({
  id: IdText, createdAt: Timestamp, actorId: Nullable(IdText), actorUsername: Nullable(Type.String()), actorName: Nullable(Type.String({ description: 'the display name, when the viewer\'s scope sees the user' })), actorRole: Nullable(Type.String()),
  regionCode: Nullable(Type.String()), action: Type.String(), actionName: Type.String({ description: 'the action by its name in the request\'s language (登录, Sign-in); a code without a name as it is' }),
  entityType: Type.String(), entityTypeName: Type.String({ description: 'the entity type by its name in the request\'s language (参保人员, Person)' }), entityId: Nullable(Type.String()),
  before: Type.Unknown({ description: 'the record before the change (JSON), or null' }), after: Type.Unknown({ description: 'the record after the change (JSON), or null' }),
  requestId: Nullable(Type.String()),
  scopeWidened: Nullable(Type.String({ description: '"990000: reason" when the step crossed the pooling structure' })),
});

export const AuditVerify = Type.Object({
  ok: Type.Boolean(), count: Type.Integer({ description: 'records verified' }),
  brokenAt: Type.Optional(Type.Object({ id: IdText, reason: Type.String() })),
  anchor: Type.Optional(Type.Object({ ok: Type.Boolean(), lastId: Nullable(IdText), count: Type.Integer(), at: Timestamp, problem: Type.Optional(Type.String()) })),
});

/** A code the trail records and its name in the request's language: the audit page's filter choices. */
const NamedCode = Type.Object({ code: Type.String(), name: Type.String() });
export const AuditCodes = Type.Object({ actions: Type.Array(NamedCode), entityTypes: Type.Array(NamedCode) });
