/**
 * Typed SQL of the replay: what collection and benefits stored for a month, read as it is (never written). Bills are
 * paged by their key and their lines read by the bills' keys, so a month of a million persons is read in pages
 * without scanning the other months' lines.
 */
import { sql } from 'kysely';
import type { Tx } from '../../../platform/actor.ts';

export interface BillKey { employer_id: bigint; id: bigint }

/** Up to `limit` bills of `period` under the region prefix, after the key (employerId, billId), in key order. */
export async function billsOfPeriod(tx: Tx, input: { period: string; prefix: string; after: { employerId: bigint; billId: bigint } | null; limit: number }): Promise<BillKey[]> {
  const after = input.after ? sql`and (b.employer_id, b.id) > (${input.after.employerId}::bigint, ${input.after.billId}::bigint)` : sql``;
  const { rows } = await sql<BillKey>`select b.employer_id, b.id from bill b
    where b.period = ${input.period} and b.region_code like ${`${input.prefix}%`} ${after}
    order by b.employer_id, b.id limit ${input.limit}`.execute(tx);
  return rows;
}

export interface StoredBillLine {
  employer_id: bigint; bill_id: bigint; person_id: bigint; insurance: string; region_code: string;
  base: bigint; employer_rate: string; employee_rate: string | null; employer_amount: bigint; employee_amount: bigint | null;
}

/** Every line of these bills, as stored (rates as the exact numeric text). */
export async function linesOfBills(tx: Tx, bills: BillKey[]): Promise<StoredBillLine[]> {
  if (bills.length === 0) return [];
  const { rows } = await sql<StoredBillLine>`select l.employer_id, l.bill_id, l.person_id, l.insurance, l.region_code, l.base,
      l.employer_rate::text as employer_rate, l.employee_rate::text as employee_rate, l.employer_amount, l.employee_amount
    from unnest(${bills.map((b) => String(b.employer_id))}::bigint[], ${bills.map((b) => String(b.id))}::bigint[]) as k (employer_id, bill_id)
      join bill_line l on l.employer_id = k.employer_id and l.bill_id = k.bill_id
    order by l.employer_id, l.bill_id, l.person_id, l.insurance`.execute(tx);
  return rows;
}

export interface StoredPayrollLine { reference: string; amount: bigint; amount_in_force: bigint }

/**
 * The pension payroll lines of `period` whose pensioner is administered under the region prefix, each with the
 * award's monthly amount in force for the month as it stood when the batch was computed: the latest adjustment
 * effective by then and recorded before the batch (an adjustment recorded later pays its arrears apart), else the
 * award's own amount.
 */
export async function payrollLinesOfPeriod(tx: Tx, input: { period: string; prefix: string }): Promise<StoredPayrollLine[]> {
  const { rows } = await sql<StoredPayrollLine>`select l.reference, l.amount,
      coalesce((select c.monthly_amount from pension_award_amount c
                where c.person_id = a.person_id and c.award_id = a.id and c.effective_period <= b.period and c.created_at <= b.created_at
                order by c.effective_period desc limit 1), a.monthly_amount) as amount_in_force
    from payroll_batch b
      join payroll_line l on l.batch_id = b.id
      join pension_award a on a.person_id = l.person_id and a.id = l.award_id
    where b.period = ${input.period} and a.region_code like ${`${input.prefix}%`}
    order by l.reference`.execute(tx);
  return rows;
}
