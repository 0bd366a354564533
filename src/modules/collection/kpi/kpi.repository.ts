/** Typed SQL of the collection KPIs. Every function runs in the caller's scoped transaction (row-level security applies). */
import { sql } from 'kysely';
import type { Tx } from '../../../platform/actor.ts';

/**
 * Per month of [from, to] and per region one level below the prefix (`child`), the principal billed, paid (ever)
 * and paid by each bill's due date: one row per bill with its allocations, grouped.
 */
export async function billedAndPaidByPeriodAndChild(tx: Tx, prefix: string, from: string, to: string) {
  return (await sql<{ period: string; child: string; billed: bigint; paid: bigint; on_time: bigint }>`
      with billed as (
        select b.employer_id, b.id, b.period, b.total, b.due_date,
          rpad(substr(b.region_code, 1, ${prefix.length + 2}), 6, '0') as child
        from bill b where b.period between ${from} and ${to} and b.region_code like ${prefix} || '%'
      )
      select bl.period, bl.child, sum(bl.total)::bigint as billed,
        coalesce(sum(p.paid), 0)::bigint as paid, coalesce(sum(p.on_time), 0)::bigint as on_time
      from billed bl left join lateral (
        select sum(a.amount) as paid, sum(a.amount) filter (where a.allocated_on <= bl.due_date) as on_time
        from payment_allocation a
        where a.employer_id = bl.employer_id and a.bill_id = bl.id and a.part in ('employee', 'employer')
      ) p on true
      group by bl.period, bl.child`.execute(tx)).rows;
}

export const regionNames = (tx: Tx, codes: string[]) => tx.selectFrom('region').select(['code', 'name']).where('code', 'in', codes).execute();
