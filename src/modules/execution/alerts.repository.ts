/** Typed SQL of the early-warning rules that read the collection records (bills and their allocations). */
import { sql } from 'kysely';
import type { Tx } from '../../platform/actor.ts';
import type { Collected } from './alerts.calc.ts';

/**
 * A fund's principal billed for the periods `from` to `to` (every bill of them, credit notes netting) and the
 * principal paid of it by `paidBy` (the employee and employer parts allocated to the fund's insurances of those
 * bills, late fees not counted): the collection KPIs' billed and paid (collection/kpi), per fund and on a day. The
 * bills are those of the fund's pooling region (`regionPrefix`), found by the index on bill (period, region_code).
 */
export async function collectedOfFund(tx: Tx, fund: { code: string; regionPrefix: string }, from: string, to: string, paidBy: string): Promise<Collected> {
  const row = (await sql<{ billed: bigint; paid: bigint }>`
    select coalesce(sum(i.employer_amount + i.employee_amount), 0)::bigint as billed, coalesce(sum(p.paid), 0)::bigint as paid
    from bill b
    join bill_item i on i.employer_id = b.employer_id and i.bill_id = b.id
    left join lateral (
      select sum(a.amount) as paid from payment_allocation a
      where a.employer_id = i.employer_id and a.bill_id = i.bill_id and a.insurance = i.insurance
        and a.part in ('employee', 'employer') and a.allocated_on <= ${paidBy}::date
    ) p on true
    where b.period between ${from} and ${to} and b.region_code like ${fund.regionPrefix} || '%' and i.fund_code = ${fund.code}`.execute(tx)).rows[0];
  return { billed: BigInt(row.billed), paid: BigInt(row.paid) };
}

/** Marks the funds' alerts for evaluation: one statement, nothing when a fund is marked already (its first change keeps its time). */
export async function markChanged(tx: Tx, funds: { code: string; regionCode: string }[]): Promise<void> {
  if (!funds.length) return;
  await sql`insert into execution_alert_pending (fund_code, region_code)
    select * from unnest(${funds.map((fund) => fund.code)}::text[], ${funds.map((fund) => fund.regionCode)}::text[])
    on conflict (fund_code) do nothing`.execute(tx);
}

/** Takes (deletes) the marks made before `before` and answers their funds' codes. */
export async function takeChangedBefore(tx: Tx, before: Date): Promise<string[]> {
  return (await sql<{ fund_code: string }>`delete from execution_alert_pending where changed_at <= ${before} returning fund_code`.execute(tx)).rows
    .map((row) => row.fund_code).sort();
}
