/**
 * 预警推送 (R8.2 "notifications … by webhook (signed, retried)"): endpoints registered by an administrator receive the
 * alerts' lifecycle events and the monthly analyses generated at month close, as signed JSON POSTs.
 *
 * An event is queued in the transaction of the change it reports (`notifyAlert`, `emitEvent`): one delivery row and
 * one kernel job (kind execution.webhook, key `<event id>/<subscription id>`) per subscription, so a rolled-back
 * change sends nothing and a committed one is never lost (the server's job worker picks the job up). The job POSTs
 * `{event, id, occurredAt, alert|analysis}` with X-Sifund-Event, X-Sifund-Delivery, X-Sifund-Timestamp and
 * X-Sifund-Signature (notifications.calc.ts); each attempt is logged (append-only). A 2xx is delivered; any other
 * answer, a timeout (execution.webhook_timeout_seconds) or a connection error fails the job, and the runner's own
 * retry (`retryJob`) queues it again once the interval of execution.webhook_retry_minutes has passed — from a timer
 * in the process that made the attempt and, after a restart, from the schedule execution.webhook-retries; after the
 * last interval the delivery has failed and its job stays failed.
 *
 * Nothing personal is sent: an alert carries its rule, severity, fund, region, month and figures (no note, no name).
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inActorScope, inScope, scopePrefix, systemActor, type Actor, type Tx } from '../../../platform/actor.ts';
import { requirePermission } from '../../../platform/access/permissions.ts';
import { AppError, forbidden, invalid, notFound } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { render } from '../../../platform/messages.ts';
import { getParameters, todayInChina } from '../../../platform/params/index.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { listPage, type ListAnswer, type ListRequest, type SortKey } from '../../../platform/http/lists.ts';
import { createOrFindJob, retryJob, type JobContext, type JobDefinition, type JobSchedule } from '../../../platform/jobs/index.ts';
import { alertById, type AlertRow } from '../execution.repository.ts';
import {
  afterAttempt, deliveryStatus, isEndpointUrl, isWebhookEvent, secretHint, signature, webhookEvents,
  type DeliveryOutcome, type DeliveryStatus, type WebhookEvent,
} from './notifications.calc.ts';
import { notificationSaid as said } from './notifications.messages.ts';
import * as repository from './notifications.repository.ts';
import type { SubscriptionRow } from './notifications.repository.ts';

/** The deliveries are the system's doing: their jobs run, and are retried, as this actor (national scope). */
const deliverer = () => systemActor('execution-webhooks', ['notifications.manage']);

// ——— subscriptions ———

export interface SubscriptionView {
  id: string; url: string; secretHint: string; events: WebhookEvent[]; region: string | null; enabled: boolean;
  createdBy: string; createdAt: string; changedBy: string | null; changedAt: string | null;
}

const subscriptionView = (row: SubscriptionRow): SubscriptionView => ({
  id: String(row.id), url: row.url, secretHint: secretHint(row.secret), events: row.events, region: row.region_code, enabled: row.enabled,
  createdBy: row.created_by, createdAt: row.created_at.toISOString(), changedBy: row.changed_by, changedAt: row.changed_at?.toISOString() ?? null,
});

function checkUrl(url: unknown): string {
  const text = typeof url === 'string' ? url.trim() : '';
  if (!isEndpointUrl(text)) throw invalid('url', said.urlNotHttp({ value: String(url ?? '') }));
  return text;
}

function checkEvents(events: unknown): WebhookEvent[] {
  const list = Array.isArray(events) ? events.map(String) : [];
  if (!list.length) throw invalid('events', said.eventsRequired());
  const unknown = list.find((event) => !isWebhookEvent(event));
  if (unknown !== undefined) throw invalid('events', said.eventsUnknown({ values: webhookEvents.join(', '), value: unknown }));
  return [...new Set(list as WebhookEvent[])];
}

export interface NewSubscription { url: string; secret: string; events: string[]; region?: string }

/** Registers an endpoint; the answer is the only one that carries the secret. */
export async function addSubscription(database: DatabaseHandle, actor: Actor, input: NewSubscription): Promise<SubscriptionView & { secret: string }> {
  requirePermission(actor, 'notifications.manage');
  const url = checkUrl(input.url);
  const secret = typeof input.secret === 'string' ? input.secret : '';
  if (secret.length < 16 || secret.length > 200) throw invalid('secret', said.secretLength());
  const events = checkEvents(input.events);
  // without a region: the actor's own (every region for the national scope)
  const region = input.region ?? actor.regionCode;
  return inScope(database, actor, async (tx) => {
    if (region !== null) {
      if (!(await repository.regionExists(tx, region))) throw invalid('region', said.regionUnknown({ region }));
      if (!inActorScope(actor, region)) throw forbidden(said.regionOutOfScope({ region }));
    }
    const row = await repository.insertSubscription(tx, { id: newId(), url, secret, events, region_code: region, created_by: actor.username });
    // the secret is never written to the audit trail
    await recordAudit(tx, actor, { action: 'execution.webhook.create', entityType: 'webhook_subscription', entityId: String(row.id), regionCode: region, after: { url, events, region } });
    return { ...subscriptionView(row), secret };
  });
}

/** The subscriptions the actor manages (its scope's; every region's too for the national scope). */
export async function listSubscriptions(database: DatabaseHandle, actor: Actor): Promise<{ items: SubscriptionView[] }> {
  requirePermission(actor, 'notifications.manage');
  return inScope(database, actor, async (tx) => ({
    items: (await repository.managedSubscriptions(tx, scopePrefix(actor.regionCode), actor.regionCode === null)).map(subscriptionView),
  }));
}

/** A subscription the actor manages, or 404 (one of a region above, readable for sending, is not the actor's). */
async function managedSubscription(tx: Tx, actor: Actor, id: bigint): Promise<SubscriptionRow> {
  const row = await repository.subscriptionById(tx, id);
  const managed = row && (row.region_code === null ? actor.regionCode === null : inActorScope(actor, row.region_code));
  if (!row || !managed) throw notFound(said.subscription({ id }));
  return row;
}

export interface SubscriptionChange { enabled?: boolean; url?: string; events?: string[] }

/** Disables or enables a subscription, or changes its URL or events (the secret stays: a new one is a new subscription). */
export async function changeSubscription(database: DatabaseHandle, actor: Actor, id: bigint, change: SubscriptionChange): Promise<SubscriptionView> {
  requirePermission(actor, 'notifications.manage');
  if (change.enabled === undefined && change.url === undefined && change.events === undefined) throw invalid('enabled', said.nothingToChange());
  const url = change.url === undefined ? undefined : checkUrl(change.url);
  const events = change.events === undefined ? undefined : checkEvents(change.events);
  return inScope(database, actor, async (tx) => {
    const before = await managedSubscription(tx, actor, id);
    const row = (await repository.updateSubscription(tx, id, { ...(change.enabled === undefined ? {} : { enabled: change.enabled }), ...(url ? { url } : {}), ...(events ? { events } : {}), changed_by: actor.username }))!;
    await recordAudit(tx, actor, { action: 'execution.webhook.change', entityType: 'webhook_subscription', entityId: String(id), regionCode: row.region_code,
      before: { enabled: before.enabled, url: before.url, events: before.events }, after: { enabled: row.enabled, url: row.url, events: row.events } });
    return subscriptionView(row);
  });
}

// ——— events ———

/** What an alert event carries: the alert's rule, figures and state, nothing personal (no note, no user name). */
export const alertBody = (row: AlertRow) => ({
  id: String(row.id), rule: row.rule, severity: row.severity, status: row.status, region: row.region_code, fund: row.fund_code, period: row.period,
  values: (typeof row.figures === 'string' ? JSON.parse(row.figures) : row.figures) as Record<string, unknown>,
  raisedAt: row.raised_at.toISOString(), acknowledgedAt: row.acknowledged_at?.toISOString() ?? null, resolvedAt: row.resolved_at?.toISOString() ?? null,
});

/**
 * Queues the event for every enabled subscription that wants it and covers the region, in the caller's transaction:
 * the delivery (its exact body) and the job that sends it. Returns the deliveries' ids.
 */
export async function emitEvent(tx: Tx, event: WebhookEvent, regionCode: string, subject: { alert: unknown } | { analysis: unknown }): Promise<bigint[]> {
  const subscriptions = await repository.subscriptionsFor(tx, event, regionCode);
  if (!subscriptions.length) return [];
  const eventId = newId();
  const body = JSON.stringify({ event, id: String(eventId), occurredAt: new Date().toISOString(), ...subject });
  const deliveries: bigint[] = [];
  for (const subscription of subscriptions) {
    const id = newId();
    const { job } = await createOrFindJob(tx, deliverer(), webhookJob, {
      key: `${eventId}/${subscription.id}`, regionCode, parameters: { delivery: String(id) }, chunks: [],
    });
    await repository.insertDelivery(tx, { id, subscription_id: subscription.id, event, event_id: eventId, region_code: regionCode, body, job_id: job.id });
    deliveries.push(id);
  }
  return deliveries;
}

/** The alert's event (raised, acknowledged, resolved, auto-resolved), in the transaction of the change. */
export async function notifyAlert(tx: Tx, event: Extract<WebhookEvent, `alert.${string}`>, alertId: bigint): Promise<void> {
  const alert = await alertById(tx, alertId);
  if (alert) await emitEvent(tx, event, alert.region_code, { alert: alertBody(alert) });
}

// ——— delivery: the job ———

interface DeliveryParameters { delivery: string }
export interface DeliveryResult { delivery: string; attempt: number; outcome: DeliveryOutcome; statusCode: number | null }

/** One POST: the answer's status, or null and why there was none. */
async function post(url: string, headers: Record<string, string>, body: string, timeoutSeconds: number): Promise<{ statusCode: number | null; error: string | null }> {
  try {
    const answer = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutSeconds * 1000) });
    await answer.body?.cancel();
    return { statusCode: answer.status, error: answer.status >= 200 && answer.status < 300 ? null : render(said.answeredStatus({ status: answer.status }), 'en') };
  } catch (error) {
    const timedOut = (error as Error)?.name === 'TimeoutError';
    return { statusCode: null, error: timedOut ? render(said.timedOut({ seconds: timeoutSeconds }), 'en') : String((error as Error)?.cause ?? (error as Error)?.message ?? error).slice(0, 500) };
  }
}

/** Requeues a delivery's job at its retry time, in this process (the schedule does it after a restart). */
function retryLater(database: DatabaseHandle, at: Date) {
  setTimeout(() => { retryDueDeliveries(database, new Date()).catch(() => { /* the schedule retries it */ }); }, Math.max(0, at.getTime() - Date.now())).unref();
}

async function deliver(database: DatabaseHandle, context: JobContext<DeliveryParameters>): Promise<DeliveryResult> {
  const id = BigInt(context.parameters.delivery);
  const found = await inScope(database, context.actor, async (tx) => {
    const delivery = await repository.deliveryById(tx, id);
    if (!delivery) throw new Error(`webhook delivery ${id} does not exist`);
    return { delivery, subscription: (await repository.subscriptionById(tx, delivery.subscription_id))!, attempts: await repository.attemptCount(tx, id) };
  });
  const { delivery, subscription } = found;
  const attempt = found.attempts + 1;
  const today = todayInChina();
  const retryMinutes = getParameters().table('execution.webhook_retry_minutes', today).after as number[];
  let answer: { statusCode: number | null; error: string | null };
  if (!subscription.enabled) answer = { statusCode: null, error: render(said.subscriptionDisabled(), 'en') };
  else {
    const timestamp = String(Math.floor(Date.now() / 1000));
    answer = await post(subscription.url, {
      'content-type': 'application/json', 'user-agent': 'sifund-webhooks',
      'x-sifund-event': delivery.event, 'x-sifund-delivery': String(delivery.id), 'x-sifund-timestamp': timestamp,
      'x-sifund-signature': signature(subscription.secret, timestamp, delivery.body),
    }, delivery.body, getParameters().integer('execution.webhook_timeout_seconds', today));
  }
  const attemptedAt = new Date();
  // a disabled subscription is not tried again
  const next = subscription.enabled ? afterAttempt(attempt, answer.statusCode, retryMinutes, attemptedAt) : { outcome: 'failed' as const, nextAttemptAt: null };
  await inScope(database, context.actor, (tx) => repository.insertAttempt(tx, {
    delivery_id: id, attempt, region_code: delivery.region_code, attempted_at: attemptedAt, status_code: answer.statusCode,
    error: next.outcome === 'delivered' ? null : answer.error, outcome: next.outcome, next_attempt_at: next.nextAttemptAt,
  }));
  if (next.outcome === 'delivered') return { delivery: String(id), attempt, outcome: next.outcome, statusCode: answer.statusCode };
  if (next.nextAttemptAt) retryLater(database, next.nextAttemptAt);
  // the job fails with the attempt's error: retried by retryDueDeliveries, or failed for good after the last interval
  throw new AppError(502, 'webhook_failed', answer.error ?? '');
}

export const webhookJob: JobDefinition<DeliveryParameters, never> = {
  kind: 'execution.webhook', label: '预警推送', permission: 'notifications.manage', finish: deliver,
};

/** Queues again the deliveries whose retry time has come (their jobs failed at the last attempt). */
export async function retryDueDeliveries(database: DatabaseHandle, now: Date): Promise<bigint[]> {
  const actor = deliverer();
  const due = await inScope(database, actor, (tx) => repository.deliveriesDueForRetry(tx, now, 500));
  const queued: bigint[] = [];
  for (const { job_id } of due) {
    try {
      queued.push(BigInt((await retryJob(database, actor, job_id)).id));
    } catch (error) {
      // 409: queued already (by the timer or another process)
      if (!(error instanceof AppError && error.status === 409)) throw error;
    }
  }
  return queued;
}

/** After a restart, the retries whose timers were lost; the server asks its schedules at start and every hour. */
export const webhookRetrySchedule: JobSchedule = { name: 'execution.webhook-retries', createDueJobs: retryDueDeliveries };

// ——— the deliveries of a subscription ———

export interface DeliveryView {
  id: string; event: WebhookEvent; eventId: string; region: string; job: string; createdAt: string;
  status: DeliveryStatus; attempts: number; lastStatusCode: number | null; lastError: string | null; lastAttemptAt: string | null; nextAttemptAt: string | null;
}

const newestFirst: SortKey[] = [{ by: 'delivery.created_at', direction: 'desc' }, { by: 'delivery.id', direction: 'desc' }];

type DeliveryListRow = Awaited<ReturnType<ReturnType<typeof repository.deliveriesQuery>['execute']>>[number];
const deliveryView = (row: DeliveryListRow): DeliveryView => ({
  id: String(row.id), event: row.event, eventId: String(row.event_id), region: row.region_code, job: String(row.job_id), createdAt: row.created_at.toISOString(),
  status: deliveryStatus(row.last?.outcome ?? null), attempts: row.attempts,
  lastStatusCode: row.last?.status_code ?? null, lastError: row.last?.error ?? null,
  lastAttemptAt: row.last ? new Date(row.last.attempted_at).toISOString() : null, nextAttemptAt: row.last?.next_attempt_at ? new Date(row.last.next_attempt_at).toISOString() : null,
});

/** A subscription's deliveries, newest first, with their last attempt. */
export async function listDeliveries(database: DatabaseHandle, actor: Actor, subscriptionId: bigint, request: ListRequest): Promise<ListAnswer<DeliveryView>> {
  requirePermission(actor, 'notifications.manage');
  return inScope(database, actor, async (tx) => {
    await managedSubscription(tx, actor, subscriptionId);
    return listPage(tx, repository.deliveriesQuery(tx, subscriptionId), newestFirst, request, (rows) => rows.map(deliveryView));
  });
}
