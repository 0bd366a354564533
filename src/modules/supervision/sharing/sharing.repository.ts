/**
 * Typed SQL of responsibility sharing: per county, a pension scheme's contributions billed for the year's months and
 * collected on those bills (the pension items billed into the scheme's funds: pension-… for the enterprise employees,
 * public_pension-… for the public institutions), and the pensions of the year's payrolls paid to the pensioners of the
 * scheme it administers. Read only.
 */
import { sql } from 'kysely';
import type { Tx } from '../../../platform/actor.ts';

export interface CountyPensionYear { region: string; name: string; billed: bigint; collected: bigint; paid: bigint }

export async function countyPensionYears(tx: Tx, input: { prefix: string; year: number; awardScheme: string; fundInsurance: string }): Promise<CountyPensionYear[]> {
  const prefix = `${input.prefix}%`, from = `${input.year}-01`, to = `${input.year}-12`;
  const { rows } = await sql<CountyPensionYear>`
    with county as (select code, name from region where level = 'county' and code like ${prefix}),
    contribution as (
      select i.region_code, sum(i.employer_amount + i.employee_amount)::bigint as billed, coalesce(sum(p.collected), 0)::bigint as collected
      from bill b join bill_item i on i.employer_id = b.employer_id and i.bill_id = b.id
        left join lateral (
          select sum(a.amount) as collected from payment_allocation a
          where a.employer_id = i.employer_id and a.bill_id = i.bill_id and a.insurance = i.insurance and a.part in ('employee', 'employer')
        ) p on true
      where b.period between ${from} and ${to} and b.region_code like ${prefix} and i.insurance = 'pension' and i.fund_code like ${`${input.fundInsurance}-%`}
      group by i.region_code
    ),
    pension as (
      select a.region_code, sum(l.amount)::bigint as paid
      from payroll_batch t join payroll_line l on l.batch_id = t.id
        join pension_award a on a.person_id = l.person_id and a.id = l.award_id
      where t.period between ${from} and ${to} and a.scheme = ${input.awardScheme} and a.region_code like ${prefix}
      group by a.region_code
    )
    select c.code as region, c.name, coalesce(k.billed, 0)::bigint as billed, coalesce(k.collected, 0)::bigint as collected, coalesce(p.paid, 0)::bigint as paid
    from county c left join contribution k on k.region_code = c.code left join pension p on p.region_code = c.code
    order by c.code`.execute(tx);
  return rows;
}
