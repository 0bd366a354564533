/**
 * The SQL of one billing chunk (text only, no I/O): one statement that reads the chunk's employers, their
 * enrollments covering the cut-off day and the declared bases, computes every line exactly in numeric, and writes
 * bills, lines and per-insurance items at once. Set-based, so a million persons bill at close to insert speed.
 */
import { idExpression, type IdBlock } from '../../../platform/ids.ts';
import { fullyFundedEmployerTypes, occupationalAnnuity, publicPensionEmployerTypes, roundedSql, type BillingParameters, type InsuranceRates } from './billing.calc.ts';
import type { RoundingMode } from '../../../platform/money.ts';

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * VALUES lists of the run's parameters (a few rows per region), inlined so the planner sees them as constants. A
 * region bills the public-institution pension scheme when its rates are in force and the run knows its fund (a job
 * resolved before that fund existed bills as it was resolved).
 */
function parameterValues(parameters: BillingParameters, funds: Record<string, Record<string, string>>) {
  const regions: string[] = [], rates: string[] = [], annuityRates: string[] = [], classes: string[] = [], industries: string[] = [];
  const rateRow = (code: string, insurance: string, scheme: string | null, rate: InsuranceRates, fund: string) =>
    `(${quote(code)}, ${quote(insurance)}, ${scheme === null ? 'null::text' : quote(scheme)}, ${quote(rate.employerRate)}::numeric, ${rate.employeeRate === null ? 'null::numeric' : `${quote(rate.employeeRate)}::numeric`}, ${quote(fund)})`;
  for (const [code, region] of Object.entries(parameters.regions)) {
    const refs = Object.fromEntries(Object.entries(region.insurances).map(([insurance, rate]) => [insurance, rate!.refs]));
    const publicFund = region.publicPension && funds[code]?.public_pension;
    const annuity = publicFund && region.occupationalAnnuity;
    const annuityFund = annuity && funds[code]?.[occupationalAnnuity];
    const publicRefs = publicFund
      ? JSON.stringify({ ...refs, pension: region.publicPension!.refs, ...(annuityFund ? { [occupationalAnnuity]: annuity.refs } : {}) }) : null;
    const short = region.shortEmployment ?? { month: 'none', previousCutoffDate: region.cutoffDate, nextCutoffDate: region.cutoffDate };
    regions.push(`(${quote(code)}, ${region.floor}::bigint, ${region.ceiling}::bigint, ${region.averageWage}::bigint, date ${quote(region.cutoffDate)}, date ${quote(region.dueDate)}, ${quote(JSON.stringify(refs))}::jsonb, ${publicRefs === null ? 'null::jsonb' : `${quote(publicRefs)}::jsonb`}, `
      + `${region.ruralUnemploymentExempt === true}, ${quote(short.month)}, date ${quote(short.previousCutoffDate)}, date ${quote(short.nextCutoffDate)}, ${quote(region.undeclaredAssessmentRatio ?? '1')}::numeric)`);
    for (const [insurance, rate] of Object.entries(region.insurances)) {
      const fund = funds[code]?.[insurance];
      if (!fund || insurance === 'work_injury') continue;
      rates.push(rateRow(code, insurance, insurance === 'pension' ? 'enterprise' : null, rate!, fund));
    }
    if (publicFund) rates.push(rateRow(code, 'pension', 'public', region.publicPension!, publicFund));
    if (annuity && annuityFund) {
      annuityRates.push(`(${quote(code)}, ${quote(annuity.employerRate)}::numeric, ${quote(annuity.employeeRate!)}::numeric, ${annuity.employerPart === 'notional'}, ${quote(annuityFund)})`);
    }
    const injuryFund = funds[code]?.work_injury;
    if (region.insurances.work_injury && injuryFund) {
      for (const [klass, rate] of Object.entries(region.workInjuryClassRates)) classes.push(`(${quote(code)}, ${Number(klass)}::smallint, ${quote(rate)}::numeric, ${quote(injuryFund)})`);
    }
    for (const [industry, klass] of Object.entries(region.workInjuryIndustryClasses ?? {})) industries.push(`(${quote(code)}, ${quote(industry)}, ${klass}::smallint)`);
  }
  const orEmpty = (rows: string[], empty: string) => (rows.length ? `values ${rows.join(', ')}` : empty);
  return {
    regions: orEmpty(regions, 'select null::text, 0::bigint, 0::bigint, 0::bigint, null::date, null::date, null::jsonb, null::jsonb, false, null::text, null::date, null::date, null::numeric where false'),
    rates: orEmpty(rates, 'select null::text, null::text, null::text, null::numeric, null::numeric, null::text where false'),
    annuityRates: orEmpty(annuityRates, 'select null::text, null::numeric, null::numeric, false, null::text where false'),
    classes: orEmpty(classes, 'select null::text, null::smallint, null::numeric, null::text where false'),
    industries: orEmpty(industries, 'select null::text, null::text, null::smallint where false'),
  };
}

/**
 * The CTEs that compute, for the employers selected by `employerFilter` (a condition on employer e) whose ids all
 * satisfy `employerIds` (a condition on an employer id column, such as `between $1 and $2`), every line the period
 * should bill: enrollments covering the cut-off day, the declared base clamped to the limits, the rates, and the
 * amounts rounded once. Ends with the CTE `amount`.
 *
 * Who is billed pension (issue 11): nobody from the month they reach the statutory retirement age on
 * (statutory_retirement_month, migration 0022) unless an exception of 延长缴费 on the enrollment covers the month (migration 0035), and a person with pension
 * enrollments at several employers covering the cut-off day once, by the earliest employment (hired_on, then the
 * employment id) whose employer is active — 一人一个养老保险关系 (人社部发〔2016〕94号 [check]). Government bodies and
 * public institutions bill pension into the public-institution fund at its rates (pension_scheme), and, where the
 * region bills it, 职业年金 on each public pension line's base (国办发〔2015〕18号 第四条: employer 8% of the wage bill,
 * the sum of its staff's bases; employee 4% of the own base) into the annuity's book — the employer part left off
 * (rate 0) for a fully funded body whose region keeps it notional (记账, 第五条). An employer without a work-injury
 * class takes its industry's (contribution.work_injury.industry_class).
 *
 * Speed (docs/decisions.md, "Billing against its floor"): employment and base_declaration are read by the range of
 * employer ids (their keys lead with employer_id), never scanned whole, and enrollment by each employer's key; the
 * annuity's rates ride on the employer's row, so its lines are the public pension lines read again, with no join.
 */
function expectedLinesSql(parameters: BillingParameters, funds: Record<string, Record<string, string>>, rounding: RoundingMode, employerFilter: string, employerIds: string,
  yearParameter: string, employerSource = 'employer'): string {
  const values = parameterValues(parameters, funds);
  const round = (expression: string) => `${roundedSql(expression, rounding)}::bigint`;
  const publicTypes = publicPensionEmployerTypes.map(quote).join(', ');
  const fullyFundedTypes = fullyFundedEmployerTypes.map(quote).join(', ');
  return `with
region_parameters (region_code, floor, ceiling, average_wage, cutoff, due_date, parameter_refs, public_pension_refs,
  rural_unemployment_exempt, short_employment_month, previous_cutoff, next_cutoff, undeclared_ratio) as (${values.regions}),
insurance_rate (region_code, insurance, pension_scheme, employer_rate, employee_rate, fund_code) as (${values.rates}),
annuity_rate (region_code, employer_rate, employee_rate, notional_when_fully_funded, fund_code) as (${values.annuityRates}),
injury_class_rate (region_code, class, rate, fund_code) as (${values.classes}),
industry_class (region_code, industry_code, class) as (${values.industries}),
billed_employer as (
  select e.id, e.region_code, e.credit_code, e.employer_type, coalesce(e.work_injury_class, i.class) as work_injury_class, e.work_injury_float,
    p.floor, p.ceiling, p.average_wage, p.cutoff, p.due_date, s.pension_scheme, p.rural_unemployment_exempt, p.undeclared_ratio,
    p.short_employment_month, p.previous_cutoff, p.next_cutoff, date_trunc('month', p.cutoff)::date as month_start,
    (date_trunc('month', p.cutoff) + interval '1 month')::date as next_month_start,
    -- 职业年金 of a public pension employer where the region bills it (null otherwise)
    case when a.notional_when_fully_funded and e.employer_type in (${fullyFundedTypes}) then 0 else a.employer_rate end as annuity_employer_rate,
    a.employee_rate as annuity_employee_rate, a.fund_code as annuity_fund_code,
    (case when s.pension_scheme = 'public' then p.public_pension_refs else p.parameter_refs end) || jsonb_build_object('employer', jsonb_build_object(
      'workInjuryClass', coalesce(e.work_injury_class, i.class), 'workInjuryFloat', e.work_injury_float, 'employerType', e.employer_type)
      || case when e.work_injury_class is null and i.class is not null then jsonb_build_object('workInjuryClassOfIndustry', e.industry_code) else '{}'::jsonb end) as parameter_refs
  from ${employerSource} e join region_parameters p on p.region_code = e.region_code
    left join industry_class i on e.work_injury_class is null and i.region_code = e.region_code and i.industry_code = e.industry_code
    cross join lateral (select case when e.employer_type in (${publicTypes}) and p.public_pension_refs is not null then 'public' else 'enterprise' end as pension_scheme) s
    left join annuity_rate a on s.pension_scheme = 'public' and a.region_code = e.region_code
  where ${employerFilter}
),
enrolled as (
  select n.employer_id, n.person_id, n.insurance
  from billed_employer e
    join enrollment n on n.employer_id = e.id
    join employment m on m.employer_id = n.employer_id and m.id = n.employment_id
  where m.employer_id ${employerIds}
    and ((n.valid_from <= e.cutoff and (n.valid_to is null or n.valid_to >= e.cutoff)
      and m.hired_on <= e.cutoff and (m.separated_on is null or m.separated_on >= e.cutoff))
    -- a short job covering no cut-off day bills the month of hire or of separation (contribution.short_employment_month),
    -- unless another enrollment of the person in the insurance covers this month's cut-off day (one month, one bill)
    or (m.separated_on is not null and n.valid_from <= m.separated_on and (n.valid_to is null or n.valid_to >= m.hired_on)
      and ((e.short_employment_month = 'hire' and m.hired_on >= e.month_start and m.hired_on < e.next_month_start
          and m.separated_on < case when m.hired_on <= e.cutoff then e.cutoff else e.next_cutoff end)
        or (e.short_employment_month = 'separation' and m.separated_on >= e.month_start and m.separated_on < e.next_month_start
          and m.hired_on > case when m.separated_on >= e.cutoff then e.cutoff else e.previous_cutoff end))
      and not exists (
        select 1 from enrollment o join employment om on om.employer_id = o.employer_id and om.id = o.employment_id
        where o.person_id = n.person_id and o.insurance = n.insurance
          and o.valid_from <= e.cutoff and (o.valid_to is null or o.valid_to >= e.cutoff)
          and om.hired_on <= e.cutoff and (om.separated_on is null or om.separated_on >= e.cutoff))))
    -- the person is read for pension rows only, one index probe each: a scalar subquery, whatever the planner thinks
    -- of the rows' number (a join to the persons, or to a set of them, became a loop over every row when it guessed one)
    and (n.insurance <> 'pension' or (
      (e.cutoff < (select statutory_retirement_month(p.birth_date, p.gender, p.occupation) from person p where p.id = n.person_id)
        -- 延长缴费 (社会保险法 第十六条): past the age, only by an exception on the enrollment covering the cut-off day
        or exists (select 1 from pension_extension x where x.employer_id = n.employer_id and x.enrollment_id = n.id
          and x.valid_from <= e.cutoff and (x.valid_to is null or x.valid_to >= e.cutoff)))
      and not exists (
        select 1 from enrollment o
          join employment om on om.employer_id = o.employer_id and om.id = o.employment_id
          join employer oe on oe.id = o.employer_id
        where o.person_id = n.person_id and o.insurance = 'pension' and o.employer_id <> n.employer_id
          and o.valid_from <= e.cutoff and (o.valid_to is null or o.valid_to >= e.cutoff)
          and om.hired_on <= e.cutoff and (om.separated_on is null or om.separated_on >= e.cutoff)
          and oe.status = 'active' and (om.hired_on, om.id) < (m.hired_on, m.id))))
  group by n.employer_id, n.person_id, n.insurance
),
declared as (
  select distinct on (d.employer_id, d.person_id) d.employer_id, d.person_id, d.monthly_wage, d.year
  from base_declaration d
  where d.employer_id ${employerIds} and d.year <= ${yearParameter}
  order by d.employer_id, d.person_id, d.year desc, d.version desc
),
line as (
  select n.employer_id, n.person_id, n.insurance, e.region_code,
    -- the base declared for the period's year; none declared for it: assessed (核定) at the undeclared ratio (110%,
    -- 社会保险法 第六十二条) of the last base this employer declared, the one its last month was billed on; none ever
    -- declared (a new hire without the first month's wage declared): the average wage (按上年度社平工资核定) [check]
    greatest(e.floor, least(e.ceiling, case when d.year = ${yearParameter} then d.monthly_wage
      when d.year is not null then ${round('d.monthly_wage * e.undeclared_ratio')} else e.average_wage end)) as base,
    d.year is distinct from ${yearParameter} as base_assessed,
    coalesce(r.employer_rate, c.rate * e.work_injury_float) as employer_rate,
    -- 失业保险条例 第六条: no employee unemployment share for a rural contract worker (农村户口) where the region keeps
    -- the rule; the household type is read for unemployment rows of such regions only, one index probe each
    case when n.insurance = 'unemployment' and e.rural_unemployment_exempt
      and (select p.hukou_type from person p where p.id = n.person_id) = 'rural' then 0 else r.employee_rate end as employee_rate,
    coalesce(r.fund_code, c.fund_code) as fund_code,
    e.annuity_employer_rate, e.annuity_employee_rate, e.annuity_fund_code
  from enrolled n
    join billed_employer e on e.id = n.employer_id
    left join declared d on d.employer_id = n.employer_id and d.person_id = n.person_id
    left join insurance_rate r on r.region_code = e.region_code and r.insurance = n.insurance and coalesce(r.pension_scheme, e.pension_scheme) = e.pension_scheme
    left join injury_class_rate c on n.insurance = 'work_injury' and c.region_code = e.region_code and c.class = e.work_injury_class
  where r.employer_rate is not null or c.rate is not null
),
billed_line as (
  select employer_id, person_id, insurance, region_code, base, base_assessed, employer_rate, employee_rate, fund_code from line
  union all
  select employer_id, person_id, '${occupationalAnnuity}', region_code, base, base_assessed, annuity_employer_rate, annuity_employee_rate, annuity_fund_code
  from line where insurance = 'pension' and annuity_fund_code is not null
),
amount as (
  select l.*, ${round('l.base * l.employer_rate')} as employer_amount,
    case when l.employee_rate is null then null else ${round('l.base * l.employee_rate')} end as employee_amount
  from billed_line l
)`;
}

/**
 * Bills the active employers with id in [$1, $2] whose region starts with $3 and who have no bill for $4 (period)
 * yet; $5 the period's year, $6 the run id, $7 the chunk number. The rounding mode is the same for every region of
 * a run (checked by the service).
 */
export function billChunkSql(parameters: BillingParameters, funds: Record<string, Record<string, string>>, billIds: IdBlock, rounding: RoundingMode): string {
  const employers = `e.id between $1 and $2 and e.region_code like $3 || '%' and e.status = 'active'
    and not exists (select 1 from bill b where b.employer_id = e.id and b.period = $4)`;
  return `${expectedLinesSql(parameters, funds, rounding, employers, 'between $1 and $2', '$5')},
per_employer as (
  select employer_id, count(distinct person_id)::int as persons, count(*)::int as lines, sum(employer_amount + coalesce(employee_amount, 0))::bigint as total,
    count(distinct person_id) filter (where base_assessed)::int as assessed_persons
  from amount group by employer_id
),
new_bill as (
  insert into bill (employer_id, id, number, period, kind, sequence, region_code, due_date, run_id, chunk, persons, lines, total, assessed_persons, parameter_refs)
  select g.employer_id, ${idExpression(billIds, 'row_number() over (order by g.employer_id) - 1')},
    replace($4, '-', '') || e.credit_code || '01', $4, 'regular', 1, e.region_code, e.due_date, $6, $7, g.persons, g.lines, g.total, g.assessed_persons, e.parameter_refs
  from per_employer g join billed_employer e on e.id = g.employer_id
  order by g.employer_id
  on conflict do nothing
  returning employer_id, id
),
new_line as (
  insert into bill_line (employer_id, bill_id, person_id, insurance, region_code, base, base_assessed, employer_rate, employee_rate, employer_amount, employee_amount)
  select a.employer_id, b.id, a.person_id, a.insurance, a.region_code, a.base, a.base_assessed, a.employer_rate, a.employee_rate, a.employer_amount, a.employee_amount
  from amount a join new_bill b on b.employer_id = a.employer_id
)
${insertItemsSql('new_bill')}`;
}

/** Per-insurance items of the bills in CTE `bills` (employer_id, id) from the lines in CTE `amount`. */
function insertItemsSql(bills: string): string {
  return `insert into bill_item (employer_id, bill_id, insurance, fund_code, region_code, employer_amount, employee_amount)
select a.employer_id, b.id, a.insurance, min(a.fund_code), min(a.region_code), sum(a.employer_amount)::bigint, coalesce(sum(a.employee_amount), 0)::bigint
from amount a join ${bills} b on b.employer_id = a.employer_id
group by a.employer_id, b.id, a.insurance`;
}

/**
 * Reassessment of one employer's period ($1 employer id, $2 period, $3 year): what the period should bill now —
 * with the employer's facts of that period, its bases, rates and limits — against every line billed so far, per
 * person and insurance. Returns the differences: lines to bill (a
 * supplementary bill: newly enrolled, or a changed base/rate billed anew) and lines to reverse (a credit note:
 * no longer due, or replaced). Nothing is written.
 */
export function reassessmentSql(parameters: BillingParameters, funds: Record<string, Record<string, string>>, rounding: RoundingMode): string {
  // the employer's facts (type, region, work-injury class and factor) as they were in the period (migration 0026)
  return `${expectedLinesSql(parameters, funds, rounding, 'e.id = $1', '= $1', '$3', "employer_facts_on(($2 || '-01')::date)")},
billed as (
  select l.person_id, l.insurance, l.region_code, i.fund_code, sum(l.base)::bigint as base, bool_or(l.base_assessed) as base_assessed, l.employer_rate, l.employee_rate,
    sum(l.employer_amount)::bigint as employer_amount, sum(l.employee_amount)::bigint as employee_amount
  from bill b join bill_line l on l.employer_id = b.employer_id and l.bill_id = b.id
    join bill_item i on i.employer_id = b.employer_id and i.bill_id = b.id and i.insurance = l.insurance
  where b.employer_id = $1 and b.period = $2
  group by l.person_id, l.insurance, l.region_code, i.fund_code, l.employer_rate, l.employee_rate
  having sum(l.base) <> 0
)
select 'bill' as action, a.person_id, a.insurance, a.region_code, a.fund_code, a.base, a.base_assessed, a.employer_rate::text, a.employee_rate::text, a.employer_amount, a.employee_amount
from amount a
where not exists (select 1 from billed x where x.person_id = a.person_id and x.insurance = a.insurance and x.base = a.base
  and x.employer_rate = a.employer_rate and x.employee_rate is not distinct from a.employee_rate)
union all
select 'reverse', x.person_id, x.insurance, x.region_code, x.fund_code, -x.base, x.base_assessed, x.employer_rate::text, x.employee_rate::text, -x.employer_amount, -x.employee_amount
from billed x
where not exists (select 1 from amount a where x.person_id = a.person_id and x.insurance = a.insurance and x.base = a.base
  and x.employer_rate = a.employer_rate and x.employee_rate is not distinct from a.employee_rate)
order by 1, 2, 3`;
}
