/** Typed SQL of payments: recording, allocations, credits, individual account contributions and the payment list. */
import { sql, type Insertable, type Selectable } from 'kysely';
import type { Tx } from '../../../platform/actor.ts';
import { idExpression, reserveIds } from '../../../platform/ids.ts';
import type { Tables } from '../../../platform/database.ts';
import type { Insurance } from '../../registry/index.ts';

export type PaymentRow = Selectable<Tables['payment']>;
export type NewPayment = Insertable<Tables['payment']>;
export type NewAllocation = Insertable<Tables['payment_allocation']>;

/** One employer's allocations at a time: two payments of the same employer must not both pay the same part. */
export async function lockEmployerAllocations(tx: Tx, employerId: bigint): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('payment_allocation'), hashtext(${String(employerId)}))`.execute(tx);
}

/** Inserts payments; a payment whose import key is already recorded is skipped. Returns the ones inserted. */
export async function insertNewPayments(tx: Tx, payments: NewPayment[]): Promise<PaymentRow[]> {
  if (!payments.length) return [];
  return tx.insertInto('payment').values(payments).onConflict((oc) => oc.column('import_key').doNothing()).returningAll().execute();
}

export async function insertAllocations(tx: Tx, rows: NewAllocation[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) await tx.insertInto('payment_allocation').values(rows.slice(i, i + 2000)).execute();
}

/** The employer's unused credits, one per payment that left one, oldest payment first. */
export async function creditsOf(tx: Tx, employerId: bigint): Promise<{ paymentId: bigint; amount: bigint; reference: string | null }[]> {
  const rows = (await sql<{ payment_id: bigint; amount: bigint; reference: string | null }>`
    select a.payment_id, sum(a.amount)::bigint as amount, p.reference
    from payment_allocation a join payment p on p.employer_id = a.employer_id and p.id = a.payment_id
    where a.employer_id = ${employerId} and a.part = 'credit'
    group by a.payment_id, p.paid_on, p.reference
    having sum(a.amount) > 0
    order by p.paid_on, a.payment_id`.execute(tx)).rows;
  return rows.map((row) => ({ paymentId: row.payment_id, amount: row.amount, reference: row.reference }));
}

/**
 * 个人账户 contributions of bills whose pension employee part is now paid in full: one entry per person with a pension
 * line in the bill (the line's employee amount, credited in the bill's period), by the payment that completed it.
 * Idempotent: the unique index individual_account_contribution keeps one entry per person and bill.
 */
/**
 * Credits individual accounts for the periods of `bills` whose pension employee part is paid in full — over all the
 * period's bills, so corrections count: a credit note lowers what is due, a supplementary bill adds to it. Each
 * person gets what their lines of the period add up to, less what was credited for the period before (so a later
 * correction credits or debits the difference), recorded against the period's latest bill. Safe to call again.
 */
export async function insertIndividualAccountContributions(tx: Tx, employerId: bigint, bills: { billId: bigint; paymentId: bigint }[]): Promise<number> {
  if (!bills.length) return 0;
  const lines = (await sql<{ n: number }>`
    select count(*)::int as n from bill b join bill_line l on l.employer_id = b.employer_id and l.bill_id = b.id and l.insurance = 'pension'
    where b.employer_id = ${employerId} and b.period in (select period from bill where employer_id = ${employerId} and id = any(${bills.map((x) => x.billId)}::bigint[]))`.execute(tx)).rows[0].n;
  if (!lines) return 0;
  const ids = reserveIds(lines);
  const paidBy = sql.join(bills.map((x) => sql`(${x.billId}::bigint, ${x.paymentId}::bigint)`));
  const result = await sql`
    with paid_by (bill_id, payment_id) as (values ${paidBy}),
    period as (
      select b.period, max(p.payment_id) as payment_id from paid_by p join bill b on b.employer_id = ${employerId} and b.id = p.bill_id group by b.period
    ),
    period_bill as (
      select b.id, b.period, p.payment_id from bill b join period p on p.period = b.period where b.employer_id = ${employerId}
    ),
    complete as (
      select pb.period, min(pb.payment_id) as payment_id, (array_agg(pb.id order by b.number desc))[1] as latest_bill
      from period_bill pb join bill b on b.employer_id = ${employerId} and b.id = pb.id
      group by pb.period
      having (select coalesce(sum(i.employee_amount), 0) from bill_item i
              where i.employer_id = ${employerId} and i.bill_id = any(array_agg(pb.id)) and i.insurance = 'pension')
          <= (select coalesce(sum(a.amount), 0) from payment_allocation a
              where a.employer_id = ${employerId} and a.bill_id = any(array_agg(pb.id)) and a.insurance = 'pension' and a.part = 'employee')
    ),
    due as (
      select l.person_id, c.period, c.latest_bill, c.payment_id, min(l.region_code) as region_code, sum(l.employee_amount)::bigint as amount
      from complete c join period_bill pb on pb.period = c.period
        join bill_line l on l.employer_id = ${employerId} and l.bill_id = pb.id and l.insurance = 'pension' and l.employee_amount is not null
      group by l.person_id, c.period, c.latest_bill, c.payment_id
    ),
    difference as (
      select d.*, d.amount - coalesce((select sum(e.amount) from individual_account_entry e
        where e.person_id = d.person_id and e.employer_id = ${employerId} and e.period = d.period and e.kind = 'contribution'), 0) as credit
      from due d
    )
    insert into individual_account_entry (person_id, id, region_code, year, period, kind, amount, employer_id, bill_id, payment_id)
    select person_id, ${sql.raw(idExpression(ids, 'row_number() over (order by period, person_id) - 1'))}, region_code,
      substr(period, 1, 4)::smallint, period, 'contribution', credit, ${employerId}, latest_bill, payment_id
    from difference where credit <> 0
    on conflict (person_id, bill_id) where kind = 'contribution' do nothing`.execute(tx);
  return Number(result.numAffectedRows ?? 0n);
}

export interface PaymentQuery { employerId?: bigint; from?: string; to?: string; limit: number; offset: number }

export interface PaymentListRow {
  employer_id: bigint; id: bigint; credit_code: string; employer_name: string; paid_on: string; amount: bigint;
  reference: string | null; source: 'bank_file' | 'manual';
}

export async function findPayments(tx: Tx, query: PaymentQuery): Promise<PaymentListRow[]> {
  let q = tx.selectFrom('payment').innerJoin('employer', 'employer.id', 'payment.employer_id')
    .select(['payment.employer_id', 'payment.id', 'employer.credit_code', 'employer.name as employer_name', 'payment.paid_on', 'payment.amount', 'payment.reference', 'payment.source']);
  if (query.employerId !== undefined) q = q.where('payment.employer_id', '=', query.employerId);
  if (query.from) q = q.where('payment.paid_on', '>=', query.from);
  if (query.to) q = q.where('payment.paid_on', '<=', query.to);
  return q.orderBy('payment.paid_on', 'desc').orderBy('payment.id', 'desc').limit(query.limit).offset(query.offset).execute();
}

export interface AllocationListRow {
  payment_id: bigint; bill_number: string | null; period: string | null; insurance: Insurance | null;
  part: NewAllocation['part']; amount: bigint;
}

export async function allocationsOfPayments(tx: Tx, payments: { employer_id: bigint; id: bigint }[]): Promise<AllocationListRow[]> {
  if (!payments.length) return [];
  return tx.selectFrom('payment_allocation as a').leftJoin('bill as b', (join) => join.onRef('b.employer_id', '=', 'a.employer_id').onRef('b.id', '=', 'a.bill_id'))
    .select(['a.payment_id', 'b.number as bill_number', 'b.period', 'a.insurance', 'a.part', 'a.amount'])
    .where((eb) => eb.or(payments.map((p) => eb.and([eb('a.employer_id', '=', p.employer_id), eb('a.payment_id', '=', p.id)]))))
    .orderBy('a.payment_id').orderBy('a.id').execute();
}
