/** Typed SQL of the one-off benefit payment orders: the orders, their bank events, the overpayments they offset. */
import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../../platform/actor.ts';
import '../awards/awards.tables.ts';
import '../deaths/deaths.tables.ts';
import './payment-order.tables.ts';
import type { PaymentOrderStatus } from './payroll.statuses.ts';

export interface NewOrder {
  person_id: bigint; id: bigint; region_code: string; fund_code: string; benefit_type: string; subject_code: string; amount: bigint;
  payee_name: string; payee_id_number: string; bank_account: string; reason: string; source_type: string; source_id: bigint; source_part: string; reference: string;
  requested_by: string; approval_item_id: bigint | null;
}

/** For the budget indicators (预算指标 committed): what approved orders not yet paid still pay, per fund and benefit type. */
export async function unpaidOrdersByFund(tx: Tx, fundCodes: string[]): Promise<{ fund_code: string; benefit_type: string; amount: bigint }[]> {
  const { rows } = await sql<{ fund_code: string; benefit_type: string; amount: string }>`
    select fund_code, benefit_type, sum(amount - amount_offset)::text as amount from benefit_payment_order
     where fund_code = any(${fundCodes}::text[]) and status in ('approved', 'funded', 'sent', 'returned')
     group by fund_code, benefit_type`.execute(tx);
  return rows.map((row) => ({ ...row, amount: BigInt(row.amount) }));
}

export const insertOrder = (tx: Tx, order: NewOrder) => tx.insertInto('benefit_payment_order').values(order).execute();

const orderColumns = ['person_id', 'id', 'region_code', 'fund_code', 'benefit_type', 'subject_code', 'amount', 'amount_offset', 'payee_name', 'payee_id_number', 'bank_account',
  'reason', 'source_type', 'source_id', 'source_part', 'reference', 'status', 'return_count', 'return_reason', 'approval_item_id', 'transfer_request_id', 'requested_by'] as const;

export type OrderRow = NonNullable<Awaited<ReturnType<typeof lockOrder>>>;

export const lockOrder = (tx: Tx, personId: bigint, id: bigint) => tx.selectFrom('benefit_payment_order').select(orderColumns)
  .select(sql<string | null>`paid_on::text`.as('paid_on')).where('person_id', '=', personId).where('id', '=', id).forUpdate().executeTakeFirst();

/** The order of a source's part that is not cancelled (at most one). */
export const liveOrderOfSource = (tx: Tx, sourceType: string, sourceId: bigint, part: string) => tx.selectFrom('benefit_payment_order').select(['person_id', 'id', 'reference', 'status'])
  .where('source_type', '=', sourceType).where('source_id', '=', sourceId).where('source_part', '=', part).where('status', '<>', 'cancelled').forUpdate().executeTakeFirst();

/** Every order of a source, by reference (time-ordered ids: oldest first). */
export const ordersOfSource = (tx: Tx, sourceType: string, sourceId: bigint) => tx.selectFrom('benefit_payment_order').select(orderColumns)
  .select(sql<string | null>`paid_on::text`.as('paid_on')).where('source_type', '=', sourceType).where('source_id', '=', sourceId).orderBy('id').execute();

export const updateOrder = (tx: Tx, order: { person_id: bigint; id: bigint }, patch: {
  status?: PaymentOrderStatus; amount_offset?: bigint; approval_item_id?: bigint; transfer_request_id?: bigint; paid_on?: string; return_reason?: string; return_count?: number;
}) => tx.updateTable('benefit_payment_order').set(patch).where('person_id', '=', order.person_id).where('id', '=', order.id).execute();

export interface OpenOverpayment { person_id: bigint; id: bigint; region_code: string; cause: 'death' | 'stopped' | 'case'; amount: bigint; outstanding: bigint }

/** The person's open overpayments paid by the fund (through their award), oldest first, locked, with what is still owed. */
export async function openOverpaymentsOfFund(tx: Tx, personId: bigint, fundCode: string): Promise<OpenOverpayment[]> {
  const { rows } = await sql<{ person_id: string; id: string; region_code: string; cause: OpenOverpayment['cause']; amount: string; recovered: string }>`
    select o.person_id::text, o.id::text, o.region_code, o.cause, o.amount::text,
      (select coalesce(sum(r.amount), 0) from benefit_overpayment_recovery r where r.person_id = o.person_id and r.overpayment_id = o.id)::text as recovered
    from benefit_overpayment o join pension_award a on a.person_id = o.person_id and a.id = o.award_id
    where o.person_id = ${personId} and o.status = 'open' and a.fund_code = ${fundCode}
    order by o.created_at, o.id for update of o`.execute(tx);
  return rows.map((r) => ({ person_id: BigInt(r.person_id), id: BigInt(r.id), region_code: r.region_code, cause: r.cause, amount: BigInt(r.amount), outstanding: BigInt(r.amount) - BigInt(r.recovered) }));
}

/** The award of the person (by ID number) that the fund pays, live (active or suspended): what a case's offset keeps back from. */
export async function awardPayingPerson(tx: Tx, idNumber: string, fundCode: string) {
  return tx.selectFrom('pension_award as a').innerJoin('person as p', 'p.id', 'a.person_id')
    .select(['a.person_id', 'a.id', 'a.region_code']).where('p.id_number', '=', idNumber).where('a.fund_code', '=', fundCode).where('a.status', '<>', 'stopped')
    .orderBy('a.id', 'desc').executeTakeFirst();
}

/** The overpayments a supervision case opened, oldest first, with what is recovered of each. */
export async function overpaymentsOfCase(tx: Tx, caseId: bigint) {
  const { rows } = await sql<{ id: string; fund_code: string; award_id: string; amount: string; recovered: string; status: 'open' | 'recovered'; created_at: Date }>`
    select o.id::text, a.fund_code, o.award_id::text, o.amount::text, o.status, o.created_at,
      (select coalesce(sum(r.amount), 0) from benefit_overpayment_recovery r where r.person_id = o.person_id and r.overpayment_id = o.id)::text as recovered
    from benefit_overpayment o join pension_award a on a.person_id = o.person_id and a.id = o.award_id
    where o.case_id = ${caseId} order by o.created_at, o.id`.execute(tx);
  return rows.map((row) => ({ ...row, id: BigInt(row.id), award_id: BigInt(row.award_id), amount: BigInt(row.amount), recovered: BigInt(row.recovered) }));
}

/**
 * What the person's payroll lines of the fund keep back in batches not yet approved (computing, computed, in
 * sign-off): promised to an offset, not recovered yet (offsets.ts).
 */
export async function payrollOffsetsReserved(tx: Tx, personId: bigint, fundCode: string): Promise<bigint> {
  const { rows } = await sql<{ reserved: string }>`select ${keptBackByUnapprovedLines(sql`${personId}::bigint`, fundCode)}::text as reserved`.execute(tx);
  return BigInt(rows[0].reserved);
}

/** The same, as an expression over a person id column or value: what the payroll chunk subtracts per pensioner. */
export const keptBackByUnapprovedLines = (personId: RawBuilder<unknown>, fundCode: string) => sql`(select coalesce(sum(l.amount_offset), 0)
    from payroll_line l join payroll_batch b on b.id = l.batch_id
    where l.person_id = ${personId} and l.amount_offset > 0 and b.fund_code = ${fundCode} and b.status in ('computing', 'computed', 'submitted'))`;

/** The orders of the funds that the next bank file pays — funded, or returned and re-queued — move to `sent`, each with its event. */
export async function sendOrdersToPay(tx: Tx, funds: string[], event: { happenedOn: string; recordedBy: string }, newId: () => bigint): Promise<number> {
  const sent = await tx.updateTable('benefit_payment_order').set({ status: 'sent' })
    .where('fund_code', 'in', funds).where('status', 'in', ['funded', 'returned']).returning(['person_id', 'id', 'region_code']).execute();
  if (!sent.length) return 0;
  await tx.insertInto('benefit_payment_order_event').values(sent.map((order) => ({
    person_id: order.person_id, id: newId(), order_id: order.id, region_code: order.region_code, event: 'sent' as const, happened_on: event.happenedOn, reason: null, import_id: null, recorded_by: event.recordedBy,
  }))).execute();
  return sent.length;
}

export interface OrderToPay { reference: string; payee_id_number: string; payee_name: string; bank_account: string; amount: bigint }

/** What the bank file pays of the orders (sent, not answered): the amount after the offset, by reference. */
export async function ordersToPay(tx: Tx, funds: string[]): Promise<OrderToPay[]> {
  if (!funds.length) return [];
  const rows = await tx.selectFrom('benefit_payment_order').select(['reference', 'payee_id_number', 'payee_name', 'bank_account', sql<string>`(amount - amount_offset)::text`.as('net')])
    .where('fund_code', 'in', funds).where('status', '=', 'sent').orderBy('reference').execute();
  return rows.map(({ net, ...row }) => ({ ...row, amount: BigInt(net) }));
}

/** The orders the bank answers for, by reference. */
export const ordersByReferences = async (tx: Tx, references: string[]) => references.length === 0 ? [] : tx.selectFrom('benefit_payment_order').select(orderColumns)
  .select(sql<string | null>`paid_on::text`.as('paid_on')).where('reference', 'in', references).execute();

/** Finance approved the order's 用款申请. */
export const fundOrder = (tx: Tx, id: bigint) => tx.updateTable('benefit_payment_order').set({ status: 'funded' }).where('id', '=', id).where('status', '=', 'approved').execute();

/** The orders a pooled 用款申请 funds: each names it (set once, when the request is filed). */
export async function setOrdersTransfer(tx: Tx, orders: { person_id: bigint; id: bigint }[], requestId: bigint): Promise<void> {
  if (orders.length === 0) return;
  await sql`update benefit_payment_order o set transfer_request_id = ${requestId}
    from unnest(${orders.map((o) => String(o.person_id))}::bigint[], ${orders.map((o) => String(o.id))}::bigint[]) as t (person_id, id)
    where o.person_id = t.person_id and o.id = t.id and o.transfer_request_id is null`.execute(tx);
}

/** A pooled 用款申请 approved: every order waiting on it is funded; how many. */
export async function fundOrdersOfTransfer(tx: Tx, requestId: bigint): Promise<number> {
  const result = await tx.updateTable('benefit_payment_order').set({ status: 'funded' })
    .where('transfer_request_id', '=', requestId).where('status', '=', 'approved').executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export const insertOrderEvents = (tx: Tx, events: { person_id: bigint; id: bigint; order_id: bigint; region_code: string; event: 'sent' | 'paid' | 'returned'; happened_on: string; reason: string | null; import_id: bigint | null; recorded_by: string }[]) =>
  events.length ? tx.insertInto('benefit_payment_order_event').values(events).execute() : Promise.resolve([]);
