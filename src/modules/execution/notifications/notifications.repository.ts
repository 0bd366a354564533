/**
 * Typed SQL of the alert webhooks and the stored monthly analyses (migrations/0061_notifications.sql). Row-level
 * security keeps each to the actor's scope; subscriptions of the regions above are readable from below, so that an
 * event raised in a county reaches them (see the migration).
 */
import { sql } from 'kysely';
import type { Tx } from '../../../platform/actor.ts';
import type { DeliveryOutcome, WebhookEvent } from './notifications.calc.ts';
import './notifications.tables.ts';

const subscriptionColumns = ['id', 'url', 'secret', 'events', 'region_code', 'enabled', 'created_by', 'created_at', 'changed_by', 'changed_at'] as const;
export interface SubscriptionRow {
  id: bigint; url: string; secret: string; events: WebhookEvent[]; region_code: string | null; enabled: boolean;
  created_by: string; created_at: Date; changed_by: string | null; changed_at: Date | null;
}

export const insertSubscription = (tx: Tx, row: { id: bigint; url: string; secret: string; events: WebhookEvent[]; region_code: string | null; created_by: string }) =>
  tx.insertInto('webhook_subscription').values(row).returning(subscriptionColumns).executeTakeFirstOrThrow() as Promise<SubscriptionRow>;

/**
 * The subscriptions the actor manages: of regions within `scopePrefix`, and those of every region when the scope is
 * national (`national`); the ones above, readable from below for sending, are not listed.
 */
export function managedSubscriptions(tx: Tx, scopePrefix: string, national: boolean) {
  return tx.selectFrom('webhook_subscription').select(subscriptionColumns)
    .where((eb) => national ? eb.lit(true) : eb('region_code', 'like', `${scopePrefix}%`))
    .orderBy('id', 'desc').execute() as Promise<SubscriptionRow[]>;
}

export const subscriptionById = (tx: Tx, id: bigint) =>
  tx.selectFrom('webhook_subscription').select(subscriptionColumns).where('id', '=', id).executeTakeFirst() as Promise<SubscriptionRow | undefined>;

export const updateSubscription = (tx: Tx, id: bigint, change: { enabled?: boolean; url?: string; events?: WebhookEvent[]; changed_by: string }) =>
  tx.updateTable('webhook_subscription').set({ ...change, changed_at: new Date() }).where('id', '=', id)
    .returning(subscriptionColumns).executeTakeFirst() as Promise<SubscriptionRow | undefined>;

/** The enabled subscriptions of the event whose region (or every region) covers `regionCode`. */
export const subscriptionsFor = (tx: Tx, event: WebhookEvent, regionCode: string) =>
  tx.selectFrom('webhook_subscription').select(subscriptionColumns)
    .where('enabled', '=', true).where(sql<boolean>`${event} = any(events)`)
    .where(sql<boolean>`(region_code is null or ${regionCode} like region_scope_prefix(region_code) || '%')`)
    .orderBy('id').execute() as Promise<SubscriptionRow[]>;

export const regionExists = async (tx: Tx, code: string) =>
  (await tx.selectFrom('region').select('code').where('code', '=', code).executeTakeFirst()) !== undefined;

// ——— deliveries ———

export interface DeliveryRow { id: bigint; subscription_id: bigint; event: WebhookEvent; event_id: bigint; region_code: string; body: string; job_id: bigint; created_at: Date }

export const insertDelivery = (tx: Tx, row: Omit<DeliveryRow, 'created_at'>) => tx.insertInto('webhook_delivery').values(row).execute();

export const deliveryById = (tx: Tx, id: bigint) =>
  tx.selectFrom('webhook_delivery').selectAll().where('id', '=', id).executeTakeFirst() as Promise<DeliveryRow | undefined>;

export const attemptCount = async (tx: Tx, deliveryId: bigint) =>
  Number((await tx.selectFrom('webhook_delivery_attempt').select((eb) => eb.fn.countAll<string>().as('n')).where('delivery_id', '=', deliveryId).executeTakeFirstOrThrow()).n);

export const insertAttempt = (tx: Tx, row: { delivery_id: bigint; attempt: number; region_code: string; attempted_at: Date; status_code: number | null; error: string | null; outcome: DeliveryOutcome; next_attempt_at: Date | null }) =>
  tx.insertInto('webhook_delivery_attempt').values(row).execute();

/** A delivery with its attempts so far and its last attempt, for the list of a subscription's deliveries. */
export function deliveriesQuery(tx: Tx, subscriptionId: bigint) {
  return tx.selectFrom('webhook_delivery as delivery')
    .select(['delivery.id', 'delivery.event', 'delivery.event_id', 'delivery.region_code', 'delivery.job_id', 'delivery.created_at'])
    .select(sql<number>`(select count(*)::int from webhook_delivery_attempt a where a.delivery_id = delivery.id)`.as('attempts'))
    .select(sql<{ outcome: DeliveryOutcome; status_code: number | null; error: string | null; attempted_at: string; next_attempt_at: string | null } | null>`(
      select to_jsonb(a) from webhook_delivery_attempt a where a.delivery_id = delivery.id order by a.attempt desc limit 1)`.as('last'))
    .where('delivery.subscription_id', '=', subscriptionId);
}

/** Deliveries whose last attempt asked for a retry that is due at `now`, with the job that sends them. */
export async function deliveriesDueForRetry(tx: Tx, now: Date, limit: number): Promise<{ delivery_id: bigint; job_id: bigint }[]> {
  const { rows } = await sql<{ delivery_id: bigint; job_id: bigint }>`
    select a.delivery_id, d.job_id
      from webhook_delivery_attempt a
      join webhook_delivery d on d.id = a.delivery_id
     where a.outcome = 'retry' and a.next_attempt_at <= ${now}
       and not exists (select 1 from webhook_delivery_attempt later where later.delivery_id = a.delivery_id and later.attempt > a.attempt)
     order by a.next_attempt_at
     limit ${limit}`.execute(tx);
  return rows.map((row) => ({ delivery_id: BigInt(row.delivery_id), job_id: BigInt(row.job_id) }));
}

// ——— monthly analyses ———

/**
 * Funds within the region's subtree whose month is not closed (no fund_period row, or open): the ledger's period close
 * (migrations/0004_ledger.sql) read, never written.
 */
export async function fundsWithMonthOpen(tx: Tx, regionPrefix: string, period: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from fund
     where region_code like ${`${regionPrefix}%`}
       and not exists (select 1 from fund_period p where p.fund_id = fund.id and p.period = ${period} and p.status = 'closed')`.execute(tx);
  return rows[0].n;
}

export const parentRegion = async (tx: Tx, code: string): Promise<string | null> =>
  (await tx.selectFrom('region').select('parent_code').where('code', '=', code).executeTakeFirst())?.parent_code ?? null;

/** Stores the month's analysis of the region unless one is stored: the new row's id, or null. */
export async function insertMonthlyAnalysis(tx: Tx, row: { id: bigint; region_code: string; period: string; report: string; job_id: bigint }): Promise<bigint | null> {
  const inserted = await tx.insertInto('monthly_analysis').values({ ...row, report: sql`${row.report}::jsonb` })
    .onConflict((oc) => oc.columns(['region_code', 'period']).doNothing()).returning('id').executeTakeFirst();
  return inserted ? inserted.id : null;
}

export interface MonthlyAnalysisRow { id: bigint; region_code: string; period: string; job_id: bigint; generated_at: Date }

/** The stored analyses under the region prefix (ordered by the caller). */
export function monthlyAnalysesQuery(tx: Tx, regionPrefix: string, region?: string) {
  let query = tx.selectFrom('monthly_analysis').select(['id', 'region_code', 'period', 'job_id', 'generated_at']).where('region_code', 'like', `${regionPrefix}%`);
  if (region) query = query.where('region_code', '=', region);
  return query;
}

export const monthlyAnalysisReport = (tx: Tx, id: bigint) =>
  tx.selectFrom('monthly_analysis').select(['id', 'region_code', 'period', 'job_id', 'generated_at', 'report']).where('id', '=', id).executeTakeFirst();
