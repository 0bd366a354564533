/** Typed SQL of the death registry, the overpayments it opens and the survivors' entitlements. */
import { sql } from 'kysely';
import type { Tx } from '../../../platform/actor.ts';
import '../awards/awards.tables.ts';
import './deaths.tables.ts';
import '../payroll/payment-order.tables.ts';
import type { EntitlementKind, OverpaymentCause, OverpaymentStatus, RecoveryMethod } from './deaths.tables.ts';

export interface DeathPerson { id: bigint; id_number: string; name: string; region_code: string }

export const personsByIdNumbers = (tx: Tx, idNumbers: string[]) => idNumbers.length === 0 ? Promise.resolve([] as DeathPerson[])
  : tx.selectFrom('person').select(['id', 'id_number', 'name', 'region_code']).where('id_number', 'in', idNumbers).execute() as Promise<DeathPerson[]>;

export const deathRecordsOf = (tx: Tx, personIds: bigint[]) => personIds.length === 0 ? Promise.resolve([])
  : tx.selectFrom('death_record').select(['person_id', 'import_id', sql<string>`date_of_death::text`.as('date_of_death')]).where('person_id', 'in', personIds).execute();

export interface LiveAward { person_id: bigint; id: bigint; region_code: string; status: string }

/** The award each person draws or had suspended (not stopped). */
export const liveAwardsOf = (tx: Tx, personIds: bigint[]) => personIds.length === 0 ? Promise.resolve([] as LiveAward[])
  : tx.selectFrom('pension_award').select(['person_id', 'id', 'region_code', 'status']).where('person_id', 'in', personIds).where('status', '<>', 'stopped').execute() as Promise<LiveAward[]>;

/** The months paid (bank confirmed) of an award, with the amount paid. */
export async function paidMonthsOf(tx: Tx, personId: bigint, awardId: bigint): Promise<{ period: string; amount: bigint }[]> {
  const { rows } = await sql<{ period: string; amount: string }>`select b.period, l.amount::text as amount
    from payroll_line l join payroll_batch b on b.id = l.batch_id
    where l.person_id = ${personId} and l.award_id = ${awardId} and l.status = 'paid'`.execute(tx);
  return rows.map((r) => ({ period: r.period, amount: BigInt(r.amount) }));
}

/** The months an overpayment covers, as the payroll paid them: what its recoveries are booked against, year by year (recoveryBooking). */
export async function overpaidMonthsOf(tx: Tx, personId: bigint, overpaymentId: bigint): Promise<{ period: string; amount: bigint }[]> {
  const { rows } = await sql<{ period: string; amount: string }>`select b.period, l.amount::text as amount
    from benefit_overpayment o
      join payroll_line l on l.person_id = o.person_id and l.award_id = o.award_id and l.status = 'paid'
      join payroll_batch b on b.id = l.batch_id
    where o.person_id = ${personId} and o.id = ${overpaymentId} and b.period = any(o.periods)`.execute(tx);
  return rows.map((r) => ({ period: r.period, amount: BigInt(r.amount) }));
}

/** The award's monthly amount in a month (its dated amount changes applied). */
export async function amountInMonth(tx: Tx, personId: bigint, awardId: bigint, period: string): Promise<bigint> {
  const { rows } = await sql<{ amount: string }>`select pension_amount_in(${personId}, ${awardId}, ${period})::text as amount`.execute(tx);
  return BigInt(rows[0].amount);
}

export const insertDeathRecord = (tx: Tx, row: { person_id: bigint; id: bigint; region_code: string; date_of_death: string; import_id: bigint; recorded_by: string }) =>
  tx.insertInto('death_record').values(row).execute();

/** Suspends a live award (暂停发放) for the reason; a suspended one keeps its status and takes the new reason. */
export const suspendAward = (tx: Tx, award: { personId: bigint; awardId: bigint }, reason: string, on: string) =>
  tx.updateTable('pension_award').set({ status: 'suspended', status_reason: reason, status_changed_on: on })
    .where('person_id', '=', award.personId).where('id', '=', award.awardId).where('status', '<>', 'stopped').execute();

export const insertOverpayment = (tx: Tx, row: {
  person_id: bigint; id: bigint; region_code: string; award_id: bigint; cause: OverpaymentCause; death_record_id: bigint | null; award_event_id?: bigint; case_id?: bigint; periods: string[]; amount: bigint;
}) =>
  tx.insertInto('benefit_overpayment').values(row).execute();

export const insertEntitlements = (tx: Tx, rows: { person_id: bigint; id: bigint; region_code: string; award_id: bigint; death_record_id: bigint; kind: EntitlementKind; amount: bigint; basis: string }[]) =>
  rows.length ? tx.insertInto('survivor_entitlement').values(rows).execute() : Promise.resolve([]);

export interface OverpaymentRow {
  person_id: bigint; id: bigint; id_number: string; name: string; region_code: string; award_id: bigint; fund_code: string; cause: string; periods: string[]; amount: bigint;
  recovered: string; status: OverpaymentStatus; date_of_death: string | null;
}

/** Overpayments with their person, the fund of the award, what is recovered so far and the date of death (ordered by the caller). */
export function overpaymentsQuery(tx: Tx, filter: { status?: OverpaymentStatus; personId?: bigint }) {
  let query = tx.selectFrom('benefit_overpayment as o').innerJoin('person as p', 'p.id', 'o.person_id')
    .innerJoin('pension_award as a', (join) => join.onRef('a.person_id', '=', 'o.person_id').onRef('a.id', '=', 'o.award_id'))
    .leftJoin('death_record as d', (join) => join.onRef('d.person_id', '=', 'o.person_id').onRef('d.id', '=', 'o.death_record_id'))
    .select([
      'o.person_id', 'o.id', 'p.id_number', 'p.name', 'o.region_code', 'o.award_id', 'a.fund_code', 'o.cause', 'o.periods', 'o.amount', 'o.status',
      sql<string | null>`d.date_of_death::text`.as('date_of_death'),
      sql<string>`(select coalesce(sum(r.amount), 0)::text from benefit_overpayment_recovery r where r.person_id = o.person_id and r.overpayment_id = o.id)`.as('recovered'),
    ]);
  if (filter.status) query = query.where('o.status', '=', filter.status);
  if (filter.personId !== undefined) query = query.where('o.person_id', '=', filter.personId);
  return query;
}

/** One overpayment, locked for a recovery. */
export const lockOverpayment = (tx: Tx, id: bigint) => overpaymentsQuery(tx, {}).where('o.id', '=', id).forUpdate('o').executeTakeFirst() as Promise<OverpaymentRow | undefined>;

export const insertRecovery = (tx: Tx, row: { person_id: bigint; id: bigint; overpayment_id: bigint; region_code: string; method: RecoveryMethod; amount: bigint; recovered_on: string; reference: string; recorded_by: string }) =>
  tx.insertInto('benefit_overpayment_recovery').values(row).execute();

export const markRecovered = (tx: Tx, personId: bigint, id: bigint) =>
  tx.updateTable('benefit_overpayment').set({ status: 'recovered' }).where('person_id', '=', personId).where('id', '=', id).execute();

export interface EntitlementRow {
  person_id: bigint; id: bigint; id_number: string; name: string; region_code: string; award_id: bigint; kind: EntitlementKind; amount: bigint; status: 'pending' | 'paid';
  fund_code: string; date_of_death: string; order_reference: string | null; order_status: string | null;
}

/** Survivors' entitlements with the deceased, the fund of the award and the live payment order, if any (ordered by the caller). */
export function entitlementsQuery(tx: Tx, filter: { status?: 'pending' | 'paid' }) {
  let query = tx.selectFrom('survivor_entitlement as e').innerJoin('person as p', 'p.id', 'e.person_id')
    .innerJoin('pension_award as a', (join) => join.onRef('a.person_id', '=', 'e.person_id').onRef('a.id', '=', 'e.award_id'))
    .innerJoin('death_record as d', (join) => join.onRef('d.person_id', '=', 'e.person_id').onRef('d.id', '=', 'e.death_record_id'))
    .leftJoin('benefit_payment_order as o', (join) => join.onRef('o.person_id', '=', 'e.person_id').onRef('o.source_id', '=', 'e.id')
      .on('o.source_type', '=', 'survivor_entitlement').on('o.status', '<>', 'cancelled'))
    .select([
      'e.person_id', 'e.id', 'p.id_number', 'p.name', 'e.region_code', 'e.award_id', 'e.kind', 'e.amount', 'e.status', 'a.fund_code',
      sql<string>`d.date_of_death::text`.as('date_of_death'), 'o.reference as order_reference', 'o.status as order_status',
    ]);
  if (filter.status) query = query.where('e.status', '=', filter.status);
  return query;
}

/** One entitlement, locked while its payment is ordered. */
export const lockEntitlement = (tx: Tx, id: bigint) => entitlementsQuery(tx, {}).where('e.id', '=', id).forUpdate('e').executeTakeFirst() as Promise<EntitlementRow | undefined>;

/** The order paying it was paid. */
export const markEntitlementPaid = (tx: Tx, personId: bigint, id: bigint) =>
  tx.updateTable('survivor_entitlement').set({ status: 'paid' }).where('person_id', '=', personId).where('id', '=', id).execute();

export const entitlementsOf = (tx: Tx, personIds: bigint[]) => personIds.length === 0 ? Promise.resolve([])
  : tx.selectFrom('survivor_entitlement').select(['person_id', 'kind', 'amount', 'status', 'basis']).where('person_id', 'in', personIds).orderBy('person_id').orderBy('kind').execute();
