/** API shapes of the alert webhooks and of the analyses generated at month close (TypeBox: OpenAPI and the web's types). */
import { Type } from '@sinclair/typebox';
import { Id, IdText, Nullable, RegionCode, Timestamp } from '../../../platform/http/schemas.ts';
import { ListAnswer, listQuery } from '../../../platform/http/lists.schemas.ts';
import { ReportFormatQuery } from '../../../platform/reports/http.ts';
import { webhookEvents } from './notifications.calc.ts';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((value) => Type.Literal(value)));
const { limit, after, offset } = listQuery(200);

export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });

const Events = Type.Array(Type.String({ maxLength: 40 }), { maxItems: 10, description: `one or more of ${webhookEvents.join(', ')}` });

export const NewSubscriptionBody = Type.Object({
  // any string: the service refuses one that is not http(s) naming the field `url`
  url: Type.String({ maxLength: 2000, description: 'the endpoint: an http:// or https:// URL' }),
  secret: Type.String({ maxLength: 200, description: '16 to 200 characters; signs every POST (X-Sifund-Signature); shown only in this answer' }),
  events: Events,
  region: Type.Optional(RegionCode),
}, { additionalProperties: false });

export const SubscriptionChangeBody = Type.Object({
  enabled: Type.Optional(Type.Boolean({ description: 'false: nothing is sent any more (deliveries not yet made fail)' })),
  url: Type.Optional(Type.String({ maxLength: 2000 })),
  events: Type.Optional(Events),
}, { additionalProperties: false });

export const SubscriptionView = Type.Object({
  id: IdText, url: Type.String(), secretHint: Type.String({ description: 'the secret\'s last 4 characters' }),
  events: Type.Array(literals(webhookEvents)), region: Nullable(Type.String({ description: 'only this region\'s subtree; null: every region' })),
  enabled: Type.Boolean(), createdBy: Type.String(), createdAt: Timestamp, changedBy: Nullable(Type.String()), changedAt: Nullable(Timestamp),
});
export const NewSubscriptionView = Type.Object({ ...SubscriptionView.properties, secret: Type.String({ description: 'the secret, this once' }) });
export const SubscriptionList = Type.Object({ items: Type.Array(SubscriptionView) });

export const DeliveryQuery = Type.Object({ limit, after, offset }, { additionalProperties: false });
export const DeliveryView = Type.Object({
  id: IdText, event: literals(webhookEvents), eventId: IdText, region: Type.String(), job: IdText, createdAt: Timestamp,
  status: literals(['pending', 'delivered', 'retry', 'failed'] as const),
  attempts: Type.Integer(), lastStatusCode: Nullable(Type.Integer()), lastError: Nullable(Type.String()),
  lastAttemptAt: Nullable(Timestamp), nextAttemptAt: Nullable(Timestamp),
});
export const DeliveryList = ListAnswer(DeliveryView);

export const MonthlyAnalysisQuery = Type.Object({ region: Type.Optional(RegionCode), limit, after, offset }, { additionalProperties: false });
export const MonthlyAnalysisView = Type.Object({
  id: IdText, region: Type.String(), period: Type.String(), generatedAt: Timestamp, job: IdText,
});
export const MonthlyAnalysisList = ListAnswer(MonthlyAnalysisView);
export const StoredAnalysisQuery = Type.Object({ ...ReportFormatQuery }, { additionalProperties: false });
