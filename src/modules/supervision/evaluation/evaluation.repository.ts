/**
 * Typed SQL of the performance evaluation: what the system's own records say of each county in a year — the bills
 * of the year's months and what was paid on them (by the due date or at all), the bases declared or assessed, the
 * arrears at the year's start and end, the persons billed and the inspection findings. Read only.
 */
import { sql } from 'kysely';
import type { Tx } from '../../../platform/actor.ts';

export interface CountyFacts {
  region: string; name: string;
  billed: bigint; paid: bigint; paid_on_time: bigint;
  lines: number; assessed_lines: number; insured: number;
  arrears_start: bigint; arrears_end: bigint; findings: number;
}

/**
 * Per county under the region prefix: the principal billed for the months of `year` and paid on it (ever, and by each
 * bill's due date); the bill lines with a base (and those whose base was assessed, not declared: 核定); the persons
 * billed; the arrears (the unpaid principal of the bills due by then) at `start` and at `end`; the findings of the year.
 */
export async function countyFacts(tx: Tx, input: { prefix: string; year: number; start: string; end: string }): Promise<CountyFacts[]> {
  const prefix = `${input.prefix}%`, from = `${input.year}-01`, to = `${input.year}-12`;
  const { rows } = await sql<CountyFacts>`
    with county as (select code, name from region where level = 'county' and code like ${prefix}),
    year_bill as (
      select b.employer_id, b.id, b.region_code, b.total, b.due_date from bill b
      where b.period between ${from} and ${to} and b.region_code like ${prefix}
    ),
    collection as (
      select y.region_code, sum(y.total)::bigint as billed, coalesce(sum(p.paid), 0)::bigint as paid, coalesce(sum(p.on_time), 0)::bigint as paid_on_time
      from year_bill y left join lateral (
        select sum(a.amount) as paid, sum(a.amount) filter (where a.allocated_on <= y.due_date) as on_time
        from payment_allocation a where a.employer_id = y.employer_id and a.bill_id = y.id and a.part in ('employee', 'employer')
      ) p on true
      group by y.region_code
    ),
    billed_line as (
      select y.region_code, count(*) filter (where l.base > 0)::int as lines, count(*) filter (where l.base > 0 and l.base_assessed)::int as assessed_lines,
        count(distinct l.person_id)::int as insured
      from year_bill y join bill_line l on l.employer_id = y.employer_id and l.bill_id = y.id
      group by y.region_code
    ),
    arrears as (
      select b.region_code,
        coalesce(sum(greatest(0, b.total - coalesce(p.by_start, 0))) filter (where b.due_date <= ${input.start}::date), 0)::bigint as arrears_start,
        coalesce(sum(greatest(0, b.total - coalesce(p.by_end, 0))), 0)::bigint as arrears_end
      from bill b left join lateral (
        select sum(a.amount) filter (where a.allocated_on <= ${input.start}::date) as by_start, sum(a.amount) filter (where a.allocated_on <= ${input.end}::date) as by_end
        from payment_allocation a where a.employer_id = b.employer_id and a.bill_id = b.id and a.part in ('employee', 'employer')
      ) p on true
      where b.due_date <= ${input.end}::date and b.region_code like ${prefix}
      group by b.region_code
    ),
    finding as (
      select c.code as region_code, count(f.id)::int as findings
      from county c join supervision_finding f on f.region_code like c.code || '%' and f.period between ${from} and ${to}
      group by c.code
    )
    select c.code as region, c.name, coalesce(k.billed, 0)::bigint as billed, coalesce(k.paid, 0)::bigint as paid, coalesce(k.paid_on_time, 0)::bigint as paid_on_time,
      coalesce(l.lines, 0) as lines, coalesce(l.assessed_lines, 0) as assessed_lines, coalesce(l.insured, 0) as insured,
      coalesce(r.arrears_start, 0)::bigint as arrears_start, coalesce(r.arrears_end, 0)::bigint as arrears_end, coalesce(f.findings, 0) as findings
    from county c
      left join collection k on k.region_code = c.code
      left join billed_line l on l.region_code = c.code
      left join arrears r on r.region_code = c.code
      left join finding f on f.region_code = c.code
    order by c.code`.execute(tx);
  return rows;
}
