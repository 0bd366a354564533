/**
 * 少报参保人数 (headcount under-reporting): persons an employer paid a wage to in a month, by its tax declaration, who
 * were not enrolled in the pension insurance at that employer in that month (not registered at all, or registered
 * without enrollment). A person drawing a pension (返聘) is not required to be enrolled. One finding per employer
 * and month; amount: the wages paid to the persons not enrolled (the wage bill left out of the declaration).
 * 社会保险法 第五十八条 (自用工之日起三十日内办理社会保险登记), 第八十四条 (不办理社会保险登记的罚款), 第八十六条;
 * 社会保险稽核办法 第三条 (稽核缴费人数).
 */
import { sql } from 'kysely';
import { formatYuan } from '../../../platform/money.ts';
import { supervisionSaid } from '../supervision.messages.ts';
import { inScopePattern, type DetectionRule } from './rule.ts';

interface EmployerMonth {
  credit_code: string; period: string; region_code: string; tax_headcount: number; enrolled_headcount: number; wages: bigint;
  persons: { idNumber: string; wage: number; registered: boolean }[];
}

export const headcountUnderreporting: DetectionRule = {
  name: 'headcount-underreporting',
  title: supervisionSaid.headcountUnderreporting,
  legalBasis: '社会保险法 第五十八条、第八十四条、第八十六条；社会保险稽核办法（劳社部令第16号）第三条',
  parameters: [],
  async find(tx, { scope }) {
    // Set-based (issue 15): each employer's pension enrollments of a person as one multirange of dates and the live
    // pension awards, hash-joined to the tax wages — not an enrollment lookup per tax wage row. `taxed` is
    // materialized (read twice); the persons not enrolled are aggregated apart, so only their employer-months are
    // counted and no sort of every tax wage row is needed.
    const { rows } = await sql<EmployerMonth>`
      with pension_coverage as (
        select employer_id, person_id, range_agg(daterange(valid_from, valid_to, '[]')) as dates
          from enrollment where insurance = 'pension' group by employer_id, person_id),
      taxed as materialized (
        select t.credit_code, t.period, t.region_code, t.id_number, t.wage, p.id is not null as registered,
               coalesce(c.dates && daterange(to_date(t.period, 'YYYY-MM'), (to_date(t.period, 'YYYY-MM') + interval '1 month')::date), false)
               or a.person_id is not null as covered
          from supervision_tax_wage t
          left join person p on p.id_number = t.id_number
          left join pension_coverage c on c.employer_id = t.employer_id and c.person_id = p.id
          left join pension_award a on a.person_id = p.id and a.status <> 'stopped'
         where t.region_code like ${inScopePattern(scope)}),
      not_enrolled as (
        select credit_code, period, region_code, sum(wage)::bigint as wages,
               json_agg(json_build_object('idNumber', id_number, 'wage', wage, 'registered', registered) order by id_number) as persons
          from taxed where not covered
         group by credit_code, period, region_code),
      headcounts as (
        select credit_code, period, region_code, count(*)::int as tax_headcount, count(*) filter (where covered)::int as enrolled_headcount
          from taxed
         where (credit_code, period, region_code) in (select credit_code, period, region_code from not_enrolled)
         group by credit_code, period, region_code)
      select h.credit_code, h.period, h.region_code, h.tax_headcount, h.enrolled_headcount, n.wages, n.persons
        from headcounts h join not_enrolled n on n.credit_code = h.credit_code and n.period = h.period and n.region_code = h.region_code
       order by h.period, h.credit_code`.execute(tx);
    return rows.map((row) => ({
      key: `${row.credit_code}/${row.period}`, subject: row.credit_code, regionCode: row.region_code, period: row.period, amount: row.wages,
      evidence: {
        creditCode: row.credit_code, period: row.period, taxHeadcount: row.tax_headcount, enrolledHeadcount: row.enrolled_headcount, wagesNotDeclared: formatYuan(row.wages),
        personsNotEnrolled: row.persons.map((p) => ({ idNumber: p.idNumber, wage: formatYuan(BigInt(p.wage)), registered: p.registered })),
      },
    }));
  },
};
