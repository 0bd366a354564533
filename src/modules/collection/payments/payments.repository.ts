/** Typed SQL of payments: recording, allocations, credits, individual account contributions and the payment list. */
import { sql, type Insertable, type Selectable } from 'kysely';
import { creditDifferences } from '../accounts/paid-periods.sql.ts';
import type { Tx } from '../../../platform/actor.ts';
import { idExpression, reserveIds } from '../../../platform/ids.ts';
import type { Tables } from '../../../platform/database.ts';
import type { BilledInsurance } from '../billing/billing.calc.ts';
import { BANK_TRANSACTION_KEY } from './collection-file.schema.ts';
import { regionChain } from '../../../platform/params/index.ts';

export type PaymentRow = Selectable<Tables['payment']>;
export type NewPayment = Insertable<Tables['payment']>;
export type NewAllocation = Insertable<Tables['payment_allocation']>;

/**
 * One employer's allocations at a time: two payments of the same employer must not both pay the same part. Several
 * employers are locked in id order (unnest keeps the array's order), so two files with common payers never deadlock.
 */
export async function lockEmployerAllocations(tx: Tx, employerIds: readonly bigint[]): Promise<void> {
  const ordered = [...employerIds].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  await sql`select count(pg_advisory_xact_lock(hashtext('payment_allocation'), hashtext(id::text))) from unnest(${ordered}::bigint[]) as id`.execute(tx);
}

/** Arrays, one per column, for an `insert … select * from unnest(…)` of many rows (a parameter per column, not per value). */
const columnOf = <Row extends object>(rows: readonly Row[]) => <K extends keyof Row>(key: K) => rows.map((row) => row[key] ?? null);

/** Inserts payments; a payment whose import key is already recorded is skipped. Returns the ones inserted. */
export async function insertNewPayments(tx: Tx, payments: NewPayment[]): Promise<PaymentRow[]> {
  if (!payments.length) return [];
  const column = columnOf(payments);
  return (await sql<PaymentRow>`
    insert into payment (employer_id, id, region_code, paid_on, amount, reference, source, import_key, file_name, line_number, recorded_by)
    select * from unnest(${column('employer_id')}::bigint[], ${column('id')}::bigint[], ${column('region_code')}::text[], ${column('paid_on')}::date[],
      ${column('amount')}::bigint[], ${column('reference')}::text[], ${column('source')}::text[], ${column('import_key')}::text[], ${column('file_name')}::text[],
      ${column('line_number')}::int[], ${column('recorded_by')}::text[])
    on conflict (import_key) do nothing
    returning *`.execute(tx)).rows;
}

/** Which of these import keys are recorded already (a payment of an earlier file). */
export async function recordedImportKeys(tx: Tx, keys: string[]): Promise<Set<string>> {
  if (!keys.length) return new Set();
  const rows = await tx.selectFrom('payment').select('import_key').where(sql<boolean>`import_key = any(${keys}::text[])`).execute();
  return new Set(rows.map((r) => r.import_key));
}

/** Inserts allocations, a collection file's thousands in one statement (one array per column, not a parameter per value). */
export async function insertAllocations(tx: Tx, rows: NewAllocation[]): Promise<void> {
  if (!rows.length) return;
  const column = columnOf(rows);
  await sql`
    insert into payment_allocation (employer_id, id, payment_id, bill_id, insurance, part, amount, allocated_on, booked_on, fund_code, region_code)
    select * from unnest(${column('employer_id')}::bigint[], ${column('id')}::bigint[], ${column('payment_id')}::bigint[], ${column('bill_id')}::bigint[],
      ${column('insurance')}::text[], ${column('part')}::text[], ${column('amount')}::bigint[], ${column('allocated_on')}::date[], ${column('booked_on')}::date[],
      ${column('fund_code')}::text[], ${column('region_code')}::text[])`.execute(tx);
}

/** An unused credit (暂收款): what is left of one payment's overpayment, when its money arrived and the fund holding it. */
export interface CreditHeld { paymentId: bigint; amount: bigint; reference: string | null; paidOn: string; recordedAt: Date; fund: string | null }

/**
 * The employers' unused credits, one per payment and fund holding it (a credit note releases a payment's overpaid
 * parts into the funds they were paid into), oldest money first, by employer.
 */
export async function creditsOf(tx: Tx, employerIds: readonly bigint[]): Promise<Map<bigint, CreditHeld[]>> {
  const credits = new Map<bigint, CreditHeld[]>();
  if (!employerIds.length) return credits;
  const rows = (await sql<{ employer_id: bigint; payment_id: bigint; amount: bigint; reference: string | null; paid_on: string; recorded_at: Date; fund_code: string | null }>`
    select a.employer_id, a.payment_id, sum(a.amount)::bigint as amount, p.reference, p.paid_on, p.recorded_at, a.fund_code
    from payment_allocation a join payment p on p.employer_id = a.employer_id and p.id = a.payment_id
    where a.employer_id = any(${employerIds}::bigint[]) and a.part = 'credit'
    group by a.employer_id, a.payment_id, a.fund_code, p.paid_on, p.recorded_at, p.reference
    having sum(a.amount) > 0
    order by a.employer_id, p.paid_on, a.payment_id, a.fund_code`.execute(tx)).rows;
  for (const row of rows) {
    const held = credits.get(row.employer_id) ?? [];
    held.push({ paymentId: row.payment_id, amount: row.amount, reference: row.reference, paidOn: row.paid_on, recordedAt: row.recorded_at, fund: row.fund_code });
    credits.set(row.employer_id, held);
  }
  return credits;
}

/**
 * The fund that holds each employer's money paying no bill yet (暂收款): the pension fund its latest bill pays (the
 * fund of its pension scheme), else the pension fund of the nearest pooling region above its own; absent when neither.
 */
export async function holdingFunds(tx: Tx, employers: readonly { id: bigint; region_code: string }[]): Promise<Map<bigint, string>> {
  if (!employers.length) return new Map();
  const billed = (await sql<{ employer_id: bigint; fund_code: string }>`
    select distinct on (b.employer_id) b.employer_id, i.fund_code
    from bill b join bill_item i on i.employer_id = b.employer_id and i.bill_id = b.id
    where b.employer_id = any(${employers.map((e) => e.id)}::bigint[]) and i.insurance = 'pension'
    order by b.employer_id, b.period desc, b.issued_at desc`.execute(tx)).rows;
  const funds = new Map(billed.map((row) => [row.employer_id, row.fund_code]));
  const unbilled = employers.filter((employer) => !funds.has(employer.id));
  if (!unbilled.length) return funds;
  const pooled = (await sql<{ code: string; region_code: string }>`
    select f.code, f.region_code from fund f where f.insurance = 'pension' and f.region_code = any(${unbilled.flatMap((e) => regionChain(e.region_code))}::text[])
    order by f.code`.execute(tx)).rows;
  for (const employer of unbilled) {
    const region = regionChain(employer.region_code).find((code) => pooled.some((fund) => fund.region_code === code));
    if (region) funds.set(employer.id, pooled.find((fund) => fund.region_code === region)!.code);
  }
  return funds;
}

/** A part of a period's bills paid beyond what the period now asks (after a credit note), with the last payment and bill it was paid by. */
export interface OverpaidPart { insurance: BilledInsurance; part: 'employee' | 'employer'; fund_code: string; excess: bigint; payment_id: bigint; bill_id: bigint }

/** Per insurance and part, what the employer's bills of `period` have been paid beyond what they ask, net of credit notes. */
export async function overpaidParts(tx: Tx, employerId: bigint, period: string): Promise<OverpaidPart[]> {
  return (await sql<OverpaidPart>`
    with period_bill as (select id from bill where employer_id = ${employerId} and period = ${period}),
    due as (
      select i.insurance, min(i.fund_code) as fund_code, sum(i.employee_amount)::bigint as employee, sum(i.employer_amount)::bigint as employer
      from bill_item i join period_bill b on b.id = i.bill_id where i.employer_id = ${employerId} group by i.insurance
    ),
    paid as (
      select a.insurance, a.part, sum(a.amount)::bigint as amount,
        (array_agg(a.payment_id order by a.id desc))[1] as payment_id, (array_agg(a.bill_id order by a.id desc))[1] as bill_id
      from payment_allocation a join period_bill b on b.id = a.bill_id
      where a.employer_id = ${employerId} and a.part in ('employee', 'employer') group by a.insurance, a.part
    )
    select p.insurance, p.part, d.fund_code, (p.amount - case when p.part = 'employee' then d.employee else d.employer end)::bigint as excess, p.payment_id, p.bill_id
    from paid p join due d on d.insurance = p.insurance
    where p.amount > case when p.part = 'employee' then d.employee else d.employer end
    order by p.insurance, p.part`.execute(tx)).rows;
}

/**
 * Brings the individual accounts (个人账户) of the employers' periods of `bills` in line with what is paid: the pension
 * employee part, by the rule of ../accounts/paid-periods.sql.ts, recorded against the period's latest bill and the
 * payment named. Writes nothing the second time. The caller holds the employers' allocation locks.
 */
export async function reconcileIndividualAccounts(tx: Tx, bills: readonly { employerId: bigint; billId: bigint; paymentId: bigint }[]): Promise<number> {
  if (!bills.length) return 0;
  const differences = creditDifferences({
    bills, insurance: 'pension', parts: ['employee'], credited: { table: 'individual_account_entry', partColumn: null, contributionsOnly: true },
  });
  const { rows: [{ n }] } = await sql<{ n: number }>`${differences} select count(*)::int as n from difference where credit <> 0`.execute(tx);
  if (!n) return 0;
  const ids = reserveIds(n);
  const result = await sql`${differences}
    insert into individual_account_entry (person_id, id, region_code, year, period, kind, amount, employer_id, bill_id, payment_id)
    select d.person_id, ${sql.raw(idExpression(ids, 'row_number() over (order by d.employer_id, d.period, d.person_id) - 1'))}, s.region_code,
      substr(d.period, 1, 4)::smallint, d.period, 'contribution', d.credit, d.employer_id, s.latest_bill, s.payment_id
    from difference d join period_bill s on s.employer_id = d.employer_id and s.period = d.period
    where d.credit <> 0`.execute(tx);
  return Number(result.numAffectedRows ?? 0n);
}

/** One payment of an employer with the employer's credit code. */
export const findPaymentOfEmployer = (tx: Tx, employerId: bigint, paymentId: bigint) =>
  tx.selectFrom('payment').innerJoin('employer', 'employer.id', 'payment.employer_id')
    .select(['payment.employer_id', 'payment.id', 'payment.amount', 'payment.region_code', 'employer.credit_code'])
    .where('payment.employer_id', '=', employerId).where('payment.id', '=', paymentId).executeTakeFirst();

/** A payment by id with the day it was paid and the employer's credit code. */
export const findPaymentById = (tx: Tx, paymentId: bigint) =>
  tx.selectFrom('payment').innerJoin('employer', 'employer.id', 'payment.employer_id')
    .select(['payment.employer_id', 'payment.id', 'payment.amount', 'payment.region_code', 'payment.paid_on', 'employer.credit_code'])
    .where('payment.id', '=', paymentId).executeTakeFirst();

/** The reversal of a payment, if it was reversed. */
export const findReversal = (tx: Tx, employerId: bigint, paymentId: bigint) =>
  tx.selectFrom('payment_reversal').select('reversed_on').where('employer_id', '=', employerId).where('payment_id', '=', paymentId).executeTakeFirst();

export const insertReversal = (tx: Tx, reversal: Insertable<Tables['payment_reversal']>) => tx.insertInto('payment_reversal').values(reversal).execute();

export interface PaymentFilter { employerId?: bigint; from?: string; to?: string; minAmount?: bigint; maxAmount?: bigint }

/**
 * Payments matching the filter, with their employer, reversal, and the bank's transaction number (交易流水号, kept
 * in the import key of a file line that had one). The caller orders and pages (lists.ts).
 */
export function paymentsQuery(tx: Tx, filter: PaymentFilter) {
  let q = tx.selectFrom('payment').innerJoin('employer', 'employer.id', 'payment.employer_id')
    .leftJoin('payment_reversal as reversal', (join) => join.onRef('reversal.employer_id', '=', 'payment.employer_id').onRef('reversal.payment_id', '=', 'payment.id'))
    .select(['payment.employer_id', 'payment.id', 'employer.credit_code', 'employer.name as employer_name', 'payment.paid_on', 'payment.amount', 'payment.reference', 'payment.source',
      'reversal.reversed_on', 'reversal.reason as reversal_reason', 'reversal.reversed_by'])
    .select(sql<string | null>`case when payment.import_key like ${`${BANK_TRANSACTION_KEY}%`} then substr(payment.import_key, ${BANK_TRANSACTION_KEY.length + 1}) end`.as('transaction_id'));
  if (filter.employerId !== undefined) q = q.where('payment.employer_id', '=', filter.employerId);
  if (filter.from) q = q.where('payment.paid_on', '>=', filter.from);
  if (filter.to) q = q.where('payment.paid_on', '<=', filter.to);
  if (filter.minAmount !== undefined) q = q.where('payment.amount', '>=', filter.minAmount);
  if (filter.maxAmount !== undefined) q = q.where('payment.amount', '<=', filter.maxAmount);
  return q;
}

export type PaymentListRow = Awaited<ReturnType<ReturnType<typeof paymentsQuery>['executeTakeFirstOrThrow']>>;

/** What the matching payments add up to (fen). */
export async function sumOfPayments(tx: Tx, filter: PaymentFilter): Promise<bigint> {
  const { sum } = await paymentsQuery(tx, filter).clearSelect().select(sql<string>`coalesce(sum(payment.amount), 0)::text`.as('sum')).executeTakeFirstOrThrow();
  return BigInt(sum);
}

export interface AllocationListRow {
  payment_id: bigint; bill_number: string | null; period: string | null; insurance: BilledInsurance | null;
  part: NewAllocation['part']; amount: bigint;
}

export async function allocationsOfPayments(tx: Tx, payments: { employer_id: bigint; id: bigint }[]): Promise<AllocationListRow[]> {
  if (!payments.length) return [];
  return tx.selectFrom('payment_allocation as a').leftJoin('bill as b', (join) => join.onRef('b.employer_id', '=', 'a.employer_id').onRef('b.id', '=', 'a.bill_id'))
    .select(['a.payment_id', 'b.number as bill_number', 'b.period', 'a.insurance', 'a.part', 'a.amount'])
    .where((eb) => eb.or(payments.map((p) => eb.and([eb('a.employer_id', '=', p.employer_id), eb('a.payment_id', '=', p.id)]))))
    .orderBy('a.payment_id').orderBy('a.id').execute();
}

/** The allocations of one payment, summed per bill, insurance and part (credits included), to be negated on reversal. */
export async function allocationsOfPayment(tx: Tx, employerId: bigint, paymentId: bigint) {
  return (await sql<{ bill_id: bigint | null; insurance: BilledInsurance | null; part: NewAllocation['part']; fund_code: string | null; region_code: string; allocated_on: string; amount: bigint }>`
    select bill_id, insurance, part, fund_code, region_code, allocated_on::text as allocated_on, sum(amount)::bigint as amount
    from payment_allocation where employer_id = ${employerId} and payment_id = ${paymentId}
    group by bill_id, insurance, part, fund_code, region_code, allocated_on
    having sum(amount) <> 0
    order by allocated_on, bill_id, insurance, part`.execute(tx)).rows;
}

/**
 * One payment for its receipt (缴费凭证): the list's columns, who recorded it and when, and the moment of its reversal;
 * the staff account that recorded it by name where the viewer's scope shows that account (the username otherwise).
 */
export const paymentForReceipt = (tx: Tx, paymentId: bigint) =>
  paymentsQuery(tx, {}).leftJoin('app_user as recorder', 'recorder.username', 'payment.recorded_by')
    .select(['payment.region_code', 'payment.recorded_by', 'payment.recorded_at', 'recorder.display_name as recorded_by_name', 'reversal.reversed_at'])
    .where('payment.id', '=', paymentId).executeTakeFirst();

export interface ReceiptAllocationRow {
  bill_number: string | null; period: string | null; insurance: BilledInsurance | null; part: NewAllocation['part']; fund_code: string | null;
  /** The day the part was paid (a credit used later pays on its own day); null for the credit left. */
  allocated_on: string | null; amount: bigint;
}

/**
 * Where a payment's money went, summed per bill, insurance, part and day, as it stood before a reversal: the reversal
 * negates every allocation in its own transaction (created at the moment it was recorded), which the receipt leaves
 * out so that a reversed payment still shows what it had paid. A credit is one line (the credit left, not yet used).
 */
export async function receiptAllocations(tx: Tx, employerId: bigint, paymentId: bigint, reversedAt: Date | null): Promise<ReceiptAllocationRow[]> {
  return (await sql<ReceiptAllocationRow>`
    select b.number as bill_number, b.period, a.insurance, a.part, a.fund_code,
      case when a.part = 'credit' then null else a.allocated_on::text end as allocated_on, sum(a.amount)::bigint as amount
    from payment_allocation a left join bill b on b.employer_id = a.employer_id and b.id = a.bill_id
    where a.employer_id = ${employerId} and a.payment_id = ${paymentId} and (${reversedAt}::timestamptz is null or a.created_at < ${reversedAt}::timestamptz)
    group by b.number, b.period, a.insurance, a.part, a.fund_code, 6
    having sum(a.amount) <> 0
    order by a.part = 'credit', 6, b.period, b.number,
      array_position(array['pension', 'medical', 'unemployment', 'work_injury', 'maternity'], a.insurance),
      array_position(array['employer', 'employee', 'late_fee'], a.part)`.execute(tx)).rows;
}

/** A payment already recorded for the employer, not reversed, on the day with the amount or under the bank reference (the checks that warn on a payment by hand). */
export interface SimilarPayment { paid_on: string; amount: bigint; reference: string | null; source: 'bank_file' | 'manual' | 'tax'; file_name: string | null; recorded_by: string; same_day_amount: boolean; same_reference: boolean }

export async function similarPayments(tx: Tx, input: { employerId: bigint; date: string; amount: bigint; reference: string | null }): Promise<SimilarPayment[]> {
  const { rows } = await sql<SimilarPayment>`
    select to_char(p.paid_on, 'YYYY-MM-DD') as paid_on, p.amount, p.reference, p.source, p.file_name, p.recorded_by,
      (p.paid_on = ${input.date}::date and p.amount = ${input.amount}) as same_day_amount,
      coalesce(p.reference = ${input.reference}, false) as same_reference
    from payment p
    where p.employer_id = ${input.employerId}
      and ((p.paid_on = ${input.date}::date and p.amount = ${input.amount}) or p.reference = ${input.reference})
      and not exists (select 1 from payment_reversal r where r.employer_id = p.employer_id and r.payment_id = p.id)
    order by p.paid_on, p.id
    limit 5`.execute(tx);
  return rows.map((row) => ({ ...row, amount: BigInt(row.amount) }));
}
