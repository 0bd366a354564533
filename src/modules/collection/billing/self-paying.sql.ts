/**
 * The SQL of one self-paying billing chunk (text only, no I/O): the payers with ids in a range, the terms in force for
 * the period, each line computed exactly in numeric and rounded once, and the bills, lines and items written at once.
 */
import { idExpression, type IdBlock } from '../../../platform/ids.ts';
import type { RoundingMode } from '../../../platform/money.ts';
import { roundedSql } from './billing.calc.ts';
import type { SelfPayingParameters } from './self-paying.calc.ts';

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** The run's parameters as VALUES lists (a few rows per region), inlined so the planner sees them as constants. */
function parameterValues(parameters: SelfPayingParameters, funds: Record<string, Record<string, string>>) {
  const regions: string[] = [], rates: string[] = [];
  for (const [code, region] of Object.entries(parameters.regions)) {
    const refs = { pension: region.pension.refs, ...(region.medical ? { medical: region.medical.refs } : {}) };
    regions.push(`(${quote(code)}, ${region.floor}::bigint, ${region.ceiling}::bigint, ${region.averageWage}::bigint, date ${quote(region.cutoffDate)}, date ${quote(region.dueDate)}, ${quote(JSON.stringify(refs))}::jsonb)`);
    for (const [insurance, rate] of [['pension', region.pension], ['medical', region.medical]] as const) {
      const fund = funds[code]?.[insurance];
      if (!rate || !fund) continue;
      rates.push(`(${quote(code)}, ${quote(insurance)}, ${quote(rate.pooledRate)}::numeric, ${rate.accountRate === null ? 'null::numeric' : `${quote(rate.accountRate)}::numeric`}, ${quote(fund)})`);
    }
  }
  return {
    regions: regions.length ? `values ${regions.join(', ')}` : 'select null::text, 0::bigint, 0::bigint, 0::bigint, null::date, null::date, null::jsonb where false',
    rates: rates.length ? `values ${rates.join(', ')}` : 'select null::text, null::text, null::numeric, null::numeric, null::text where false',
  };
}

/**
 * Bills the self-paying payers with id in [$1, $2] whose region starts with $3 and who have no bill for $4 (period)
 * yet; $5 the run (job) id, $6 the chunk number. Who pays for the month and what:
 * - the terms in force on the period's first day (the latest month on or before it; the latest recorded of a month);
 *   terms without insurances (停保) bill nothing;
 * - not an insurance an employer pays for that month: an enrollment at an active employer covering the cut-off day
 *   (一人一个养老保险关系, 人社部发〔2016〕94号 [check]; the same for medical);
 * - no pension from the statutory retirement month on (statutory_retirement_month, migration 0022; 延长缴费 is not handled);
 * - base = round(average wage × the chosen share), held within [floor, ceiling] of the period; each part rounded once.
 */
export function selfPayingChunkSql(parameters: SelfPayingParameters, funds: Record<string, Record<string, string>>, billIds: IdBlock, rounding: RoundingMode): string {
  const values = parameterValues(parameters, funds);
  const round = (expression: string) => `${roundedSql(expression, rounding)}::bigint`;
  return `with
region_parameters (region_code, floor, ceiling, average_wage, cutoff, due_date, parameter_refs) as (${values.regions}),
insurance_rate (region_code, insurance, pooled_rate, account_rate, fund_code) as (${values.rates}),
terms as (
  select distinct on (t.employer_id) t.employer_id, t.person_id, t.region_code, t.base_ratio, t.insurances
  from self_paying_terms t
  where t.employer_id between $1 and $2 and t.region_code like $3 || '%' and t.valid_from <= ($4 || '-01')::date
  order by t.employer_id, t.valid_from desc, t.id desc
),
payer as (
  select t.employer_id, t.person_id, t.region_code, t.base_ratio, t.insurances, e.credit_code, p.floor, p.ceiling, p.cutoff, p.due_date,
    ${round('p.average_wage * t.base_ratio')} as chosen_base,
    p.parameter_refs || jsonb_build_object('selfPaying', jsonb_build_object('baseRatio', t.base_ratio::text)) as parameter_refs
  from terms t join employer e on e.id = t.employer_id join region_parameters p on p.region_code = t.region_code
  where e.status = 'active' and cardinality(t.insurances) > 0
    and not exists (select 1 from bill b where b.employer_id = t.employer_id and b.period = $4)
),
line as (
  select y.employer_id, y.person_id, i.insurance, y.region_code, greatest(y.floor, least(y.ceiling, y.chosen_base)) as base,
    r.pooled_rate as employer_rate, r.account_rate as employee_rate, r.fund_code
  from payer y cross join lateral unnest(y.insurances) as i (insurance)
    join insurance_rate r on r.region_code = y.region_code and r.insurance = i.insurance
  where not exists (
      select 1 from enrollment n
        join employment m on m.employer_id = n.employer_id and m.id = n.employment_id
        join employer o on o.id = n.employer_id
      where n.person_id = y.person_id and n.insurance = i.insurance and o.status = 'active'
        and n.valid_from <= y.cutoff and (n.valid_to is null or n.valid_to >= y.cutoff)
        and m.hired_on <= y.cutoff and (m.separated_on is null or m.separated_on >= y.cutoff))
    and (i.insurance <> 'pension'
      or y.cutoff < (select statutory_retirement_month(p.birth_date, p.gender, p.occupation) from person p where p.id = y.person_id))
),
amount as (
  select l.*, ${round('l.base * l.employer_rate')} as employer_amount,
    case when l.employee_rate is null then null else ${round('l.base * l.employee_rate')} end as employee_amount
  from line l
),
per_payer as (
  select employer_id, count(*)::int as lines, sum(employer_amount + coalesce(employee_amount, 0))::bigint as total from amount group by employer_id
),
new_bill as (
  insert into bill (employer_id, id, number, period, kind, sequence, region_code, due_date, run_id, chunk, persons, lines, total, parameter_refs)
  select g.employer_id, ${idExpression(billIds, 'row_number() over (order by g.employer_id) - 1')},
    replace($4, '-', '') || y.credit_code || '01', $4, 'regular', 1, y.region_code, y.due_date, $5, $6, 1, g.lines, g.total, y.parameter_refs
  from per_payer g join payer y on y.employer_id = g.employer_id
  order by g.employer_id
  on conflict do nothing
  returning employer_id, id
),
new_line as (
  insert into bill_line (employer_id, bill_id, person_id, insurance, region_code, base, employer_rate, employee_rate, employer_amount, employee_amount)
  select a.employer_id, b.id, a.person_id, a.insurance, a.region_code, a.base, a.employer_rate, a.employee_rate, a.employer_amount, a.employee_amount
  from amount a join new_bill b on b.employer_id = a.employer_id
)
insert into bill_item (employer_id, bill_id, insurance, fund_code, region_code, employer_amount, employee_amount)
select a.employer_id, b.id, a.insurance, a.fund_code, a.region_code, a.employer_amount, coalesce(a.employee_amount, 0)
from amount a join new_bill b on b.employer_id = a.employer_id`;
}
