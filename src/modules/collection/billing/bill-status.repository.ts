/** Typed SQL of a bill's settlement: its allocations by payment, insurance and part, and the status filter of the bills list. */
import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../../platform/actor.ts';
import type { BillStatus } from './bill-status.calc.ts';

export interface BillAllocationRow {
  bill_id: bigint; payment_id: bigint; paid_on: string; reversed: boolean;
  insurance: string | null; part: 'employee' | 'employer' | 'late_fee'; amount: bigint;
}

/** What each payment put on each bill, per insurance and part (a reversal's negative allocations netted in). */
export async function allocationsOfBills(tx: Tx, bills: { employer_id: bigint; id: bigint }[]): Promise<BillAllocationRow[]> {
  if (!bills.length) return [];
  return (await sql<BillAllocationRow>`
    select a.bill_id, a.payment_id, p.paid_on::text as paid_on, a.insurance, a.part, sum(a.amount)::bigint as amount,
      exists (select 1 from payment_reversal r where r.employer_id = a.employer_id and r.payment_id = a.payment_id) as reversed
    from payment_allocation a join payment p on p.employer_id = a.employer_id and p.id = a.payment_id
    where (a.employer_id, a.bill_id) in (select * from unnest(${bills.map((b) => b.employer_id)}::bigint[], ${bills.map((b) => b.id)}::bigint[]))
      and a.part <> 'credit'
    group by a.employer_id, a.bill_id, a.payment_id, p.paid_on, a.insurance, a.part
    order by p.paid_on, a.payment_id`.execute(tx)).rows;
}

/** The principal paid on the bill `bill` (the list query's alias): its employer and employee allocations. */
const principalPaid = sql<bigint>`(select coalesce(sum(a.amount), 0) from payment_allocation a
  where a.employer_id = bill.employer_id and a.bill_id = bill.id and a.part in ('employee', 'employer'))`;

/**
 * The bills list's `status` filter on `asOf`: the same rule as billStatus (bill-status.calc.ts) in SQL, on the list
 * query's `bill` (add it with `.where(billStatusCondition(status, asOf))`).
 */
export function billStatusCondition(status: BillStatus, asOf: string): RawBuilder<boolean> {
  switch (status) {
    case 'paid': return sql<boolean>`${principalPaid} >= bill.total`;
    case 'overdue': return sql<boolean>`(bill.due_date < ${asOf}::date and ${principalPaid} < bill.total)`;
    case 'unpaid': return sql<boolean>`(bill.due_date >= ${asOf}::date and bill.total > 0 and ${principalPaid} = 0)`;
    case 'partial': return sql<boolean>`(bill.due_date >= ${asOf}::date and ${principalPaid} > 0 and ${principalPaid} < bill.total)`;
  }
}
