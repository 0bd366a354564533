/**
 * The contribution rules of a bill, as pure functions (no I/O): which months count, the base, the amount of a line,
 * the due date, and the parameters of a period resolved once per region (the run's snapshot).
 *
 * 一个基数, 一单征收, 分别记账: one base per person (the declared monthly wage of the year, clamped to the floor and
 * ceiling of the province's average wage, 国办发〔2019〕13号), one bill per employer, one line per insurance, each
 * line computed exactly and rounded once to the fen by `contribution.rounding`; totals are sums of rounded lines.
 */
import { nextWorkingDay } from '../../../platform/calendar/index.ts';
import { addMonths, periodEnd, fundInsurance, poolingInsuranceOf, type Chart } from '../../ledger/index.ts';
import { multiplyFen, parseDecimal, formatDecimal, type RoundingMode } from '../../../platform/money.ts';
import { parameterVersion, regionChain, type ParameterStore } from '../../../platform/params/index.ts';
import type { Insurance } from '../../registry/index.ts';

/**
 * 职业年金 (国办发〔2015〕18号): billed beside the public-institution pension of government bodies and public
 * institutions where the region has its rates, on the same base; an item of its own, in a book of its own (no
 * social insurance fund: held in trust), never part of the pension item. Nobody enrolls in it: it follows pension.
 */
export const occupationalAnnuity = 'occupational_annuity';
/** What a bill has an item of: the five insurances and the occupational annuity. */
export type BilledInsurance = Insurance | typeof occupationalAnnuity;

/**
 * Items billed, in bill order (and, after the insurances the allocation parameter names, in payment order): the
 * social insurances first, the occupational annuity last. Maternity is billed only while its own rate applies
 * (merged into medical since 2020).
 */
export const billedInsurances: BilledInsurance[] = ['pension', 'medical', 'unemployment', 'work_injury', 'maternity', occupationalAnnuity];
/** The social insurances among them: those with an enrollment and rates of their own (contribution.<insurance>.*). */
const socialInsurances = billedInsurances.filter((item): item is Insurance => item !== occupationalAnnuity);
/** Insurances the employee does not pay (社会保险法 arts. 33, 53). */
export const employerOnly = new Set<Insurance>(['work_injury', 'maternity']);

/**
 * 一险一基金: the employer types whose pension goes to 机关事业单位基本养老保险基金 (国发〔2015〕2号: 机关 and 事业单位, from
 * 2014-10-01) instead of 企业职工基本养老保险基金. Their bill items keep insurance 'pension' and carry the public fund's
 * code. 社会组织 (type other) and enterprises stay in the enterprise scheme. The same types pay 职业年金 where it is billed.
 */
export const publicPensionEmployerTypes = ['government', 'institution_full', 'institution_partial', 'institution_self'] as const;

/**
 * 财政全额供款单位 (国办发〔2015〕18号 第五条): government bodies and fully funded public institutions, whose employer
 * annuity part the region may keep notional (记账: recorded, not billed) by contribution.occupational_annuity.employer_part.
 */
export const fullyFundedEmployerTypes = ['government', 'institution_full'] as const;

/** How the employer annuity part of a fully funded body is kept: funded (实账积累, billed) or notional (记账, not billed). */
export type AnnuityEmployerPart = 'funded' | 'notional';

/**
 * The fund of each billed insurance, and of the public-institution pension ('public_pension'), for an employer region:
 * the fund of the nearest pooling region of the insurance (maternity → the medical fund; public_pension and the
 * occupational annuity's book are pooled where pension is), when that fund exists. billing.service's fundsByRegion
 * builds the run's snapshot with it.
 */
export function fundCodesOfRegion(chart: Chart, pooling: readonly { insurance: string; region_code: string }[], existingFunds: ReadonlySet<string>, region: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const insurance of [...billedInsurances, 'public_pension']) {
    const pooledAs = poolingInsuranceOf(chart, insurance);
    const pool = regionChain(region).find((code) => pooling.some((p) => p.insurance === pooledAs && p.region_code === code));
    const fundKind = fundInsurance(chart, insurance);
    if (pool && fundKind && existingFunds.has(`${fundKind}-${pool}`)) result[insurance] = `${fundKind}-${pool}`;
  }
  return result;
}

/**
 * Mid-month hires and separations (contribution.mid_month_cutoff_day): a month counts for an enrollment when the
 * enrollment and its employment both cover the month's cut-off day — hired on or before it, not separated before it.
 * So a month is billed in full or not at all, and a job change inside a month bills exactly one employer.
 */
export function cutoffDate(period: string, cutoffDay: number): string {
  const last = Number(periodEnd(period).slice(8));
  return `${period}-${String(Math.min(cutoffDay, last)).padStart(2, '0')}`;
}

/**
 * Contributions of a month are due by `contribution.due_day` of the following month (the day is clamped to its end);
 * a due day on a weekend or public holiday moves to the next working day (民法典 第二百零三条; 税收征收管理法实施细则
 * 第一百零九条), by the State Council's 放假安排 (src/platform/calendar).
 */
export function dueDate(period: string, dueDay: number): string {
  return nextWorkingDay(cutoffDate(addMonths(period, 1), dueDay));
}

/** floor = average wage × floor ratio, ceiling = average wage × ceiling ratio, each rounded once to the fen. */
export function baseLimits(averageWage: bigint, floorRatio: string, ceilingRatio: string, mode: RoundingMode) {
  return { floor: multiplyFen(averageWage, parseDecimal(floorRatio), mode), ceiling: multiplyFen(averageWage, parseDecimal(ceilingRatio), mode) };
}

/** The contribution base: the declared monthly wage clamped to [floor, ceiling] (国办发〔2019〕13号). */
export function contributionBase(declaredWage: bigint, floor: bigint, ceiling: bigint): bigint {
  return declaredWage < floor ? floor : declaredWage > ceiling ? ceiling : declaredWage;
}

/** base × rate, exact, rounded once to the fen. */
export function lineAmount(base: bigint, rate: string, mode: RoundingMode): bigint {
  return multiplyFen(base, parseDecimal(rate), mode);
}

/** Work injury: the class base rate × the employer's floating factor (人社部发〔2015〕71号), exact. */
export function workInjuryRate(classRate: string, floatFactor: string): string {
  const a = parseDecimal(classRate), b = parseDecimal(floatFactor);
  return formatDecimal({ units: a.units * b.units, scale: a.scale + b.scale });
}

/** The same rounding in SQL, for an exact non-negative numeric expression (PostgreSQL round() is half away from zero). */
export function roundedSql(expression: string, mode: RoundingMode): string {
  if (mode === 'down') return `trunc(${expression})`;
  if (mode === 'half_even') return `(case when (${expression}) - trunc(${expression}) = 0.5 and mod(trunc(${expression}), 2) = 0 then trunc(${expression}) else round(${expression}) end)`;
  return `round(${expression})`;
}

export interface InsuranceRates { employerRate: string; employeeRate: string | null; refs: string[] }

/** Everything a region's bills for one period depend on, resolved from the dated parameters once. */
export interface RegionParameters {
  floor: string;        // fen, as a decimal string (JSON has no bigint)
  ceiling: string;
  averageWage: string;
  rounding: RoundingMode;
  cutoffDate: string;
  dueDate: string;
  insurances: Partial<Record<Insurance, InsuranceRates>>;
  /** Work injury class (1–8) → base rate; the employer's floating factor multiplies it per bill. */
  workInjuryClassRates: Record<string, string>;
  /** GB/T 4754 section → work-injury class, for an employer whose class is not set (contribution.work_injury.industry_class). */
  workInjuryIndustryClasses: Record<string, number>;
  /** The public-institution pension's rates (contribution.public_pension.*), when in force and pension is billed. */
  publicPension?: InsuranceRates;
  /**
   * 职业年金 (contribution.occupational_annuity.*), when the region has its rates in force and bills the public pension;
   * employerPart: how a fully funded body's employer part is kept. Absent: not billed (nor in a job resolved before).
   */
  occupationalAnnuity?: InsuranceRates & { employerPart: AnnuityEmployerPart };
  /**
   * 失业保险条例 第六条: a person of rural household registration (农民合同制工人) pays no employee unemployment share
   * where the region keeps that rule (contribution.unemployment.rural_contract_worker_share = exempt). Absent in a job
   * resolved before the rule existed: everybody pays, as that job was resolved.
   */
  ruralUnemploymentExempt?: boolean;
  /**
   * A short job covering no cut-off day (contribution.short_employment_month): billed in the month of hire, of
   * separation, or not at all; with the cut-off days of the months before and after this one. Absent: 'none'.
   */
  shortEmployment?: { month: ShortEmploymentMonth; previousCutoffDate: string; nextCutoffDate: string };
  /** 社会保险法 第六十二条: the share of the last declared base an undeclared period is assessed at. Absent: carried over (1). */
  undeclaredAssessmentRatio?: string;
}

export type ShortEmploymentMonth = 'hire' | 'separation' | 'none';

export interface BillingParameters { period: string; regions: Record<string, RegionParameters> }

const ref = parameterVersion;

/**
 * The parameters of `period` for each region: values in force on the first day of the period (a rate changing on
 * 2019-05-01 applies from the May bill), each with a reference "path@since[/region]" for the bill lines.
 */
export function resolveBillingParameters(store: ParameterStore, period: string, regionCodes: string[]): BillingParameters {
  const date = `${period}-01`;
  const regions: Record<string, RegionParameters> = {};
  for (const region of regionCodes) {
    const get = (path: string) => store.lookup(path, date, region);
    const rounding = get('contribution.rounding');
    const average = get('contribution.base.average_wage');
    const floorRatio = get('contribution.base.floor_ratio'), ceilingRatio = get('contribution.base.ceiling_ratio');
    const mode = rounding.value as RoundingMode;
    const limits = baseLimits(average.value as bigint, floorRatio.value as string, ceilingRatio.value as string, mode);
    const undeclaredRatio = get('contribution.base.undeclared_assessment_ratio'), shortMonth = get('contribution.short_employment_month');
    const ruralShare = get('contribution.unemployment.rural_contract_worker_share');
    const common = [average, floorRatio, ceilingRatio, rounding, undeclaredRatio, shortMonth].map(ref);
    const insurances: RegionParameters['insurances'] = {};
    for (const insurance of socialInsurances) {
      const employer = store.find(`contribution.${insurance}.${insurance === 'work_injury' ? 'class_base_rate' : 'employer_rate'}`, date, region);
      if (!employer) continue;
      if (insurance === 'work_injury') { insurances.work_injury = { employerRate: '', employeeRate: null, refs: [...common, ref(employer)] }; continue; }
      if (Number(employer.value) === 0) continue; // no contribution (maternity after the merger)
      const employee = employerOnly.has(insurance) ? undefined : get(`contribution.${insurance}.employee_rate`);
      insurances[insurance] = {
        employerRate: employer.value as string, employeeRate: employee ? (employee.value as string) : null,
        refs: [...common, ref(employer), ...(employee ? [ref(employee)] : []), ...(insurance === 'unemployment' ? [ref(ruralShare)] : [])],
      };
    }
    const classRates = store.table('contribution.work_injury.class_base_rate', date, region);
    const industryClasses = store.find('contribution.work_injury.industry_class', date, region);
    if (insurances.work_injury && industryClasses) insurances.work_injury.refs.push(ref(industryClasses));
    const cutoffDay = (month: string) => store.integer('contribution.mid_month_cutoff_day', `${month}-01`, region);
    const publicEmployer = insurances.pension && store.find('contribution.public_pension.employer_rate', date, region);
    const publicEmployee = publicEmployer && get('contribution.public_pension.employee_rate');
    const annuityEmployer = publicEmployee && store.find('contribution.occupational_annuity.employer_rate', date, region);
    const annuityEmployee = annuityEmployer && get('contribution.occupational_annuity.employee_rate');
    const annuityPart = annuityEmployee && get('contribution.occupational_annuity.employer_part');
    regions[region] = {
      floor: limits.floor.toString(), ceiling: limits.ceiling.toString(), averageWage: (average.value as bigint).toString(), rounding: mode,
      cutoffDate: cutoffDate(period, cutoffDay(period)),
      dueDate: dueDate(period, store.integer('contribution.due_day', date, region)),
      insurances,
      workInjuryClassRates: Object.fromEntries(Object.entries(classRates).map(([k, v]) => [k, String(v)])),
      workInjuryIndustryClasses: Object.fromEntries(Object.entries((industryClasses?.value ?? {}) as Record<string, unknown>).map(([k, v]) => [k, Number(v)])),
      ...(publicEmployer && publicEmployee ? { publicPension: {
        employerRate: publicEmployer.value as string, employeeRate: publicEmployee.value as string, refs: [...common, ref(publicEmployer), ref(publicEmployee)],
      } } : {}),
      ...(annuityEmployer && annuityEmployee && annuityPart ? { occupationalAnnuity: {
        employerRate: annuityEmployer.value as string, employeeRate: annuityEmployee.value as string, employerPart: annuityPart.value as AnnuityEmployerPart,
        refs: [...common, ref(annuityEmployer), ref(annuityEmployee), ref(annuityPart)],
      } } : {}),
      ruralUnemploymentExempt: ruralShare.value === 'exempt',
      shortEmployment: {
        month: shortMonth.value as ShortEmploymentMonth,
        previousCutoffDate: cutoffDate(addMonths(period, -1), cutoffDay(addMonths(period, -1))),
        nextCutoffDate: cutoffDate(addMonths(period, 1), cutoffDay(addMonths(period, 1))),
      },
      undeclaredAssessmentRatio: undeclaredRatio.value as string,
    };
  }
  return { period, regions };
}
