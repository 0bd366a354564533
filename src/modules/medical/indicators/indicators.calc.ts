/**
 * Monitoring indicators of a designated institution's month (医保智能监控指标, agreed in its service agreement,
 * 医疗保障基金使用监督管理条例 2021 第十四条), compared with the agreed upper limits of its kind (regional parameter
 * medical.indicators) and flagged when above. Pure: money in fen, ratios as exact decimals rounded once to 4 places.
 *
 * - per-case cost (次均住院费用): the cost of the DIP cases ÷ the cases;
 * - bed-day cost (床日费用): the cost of the DIP cases ÷ the inpatient days;
 * - personal-burden rate (个人负担率): (total cost − fund-payable) ÷ total cost;
 * - visits per person (人次人头比): visits ÷ patients;
 * - cost growth (费用增长率): (total cost − the same month a year before) ÷ that month's.
 */
import { divideRounded, type Decimal } from '../../../platform/money.ts';

export const indicatorNames = ['perCaseCost', 'bedDayCost', 'personalBurdenRate', 'visitsPerPerson', 'costGrowth'] as const;
export type IndicatorName = (typeof indicatorNames)[number];
/** The parameter's key of each indicator. */
export const indicatorParameterKeys: Record<IndicatorName, string> = {
  perCaseCost: 'per_case_cost', bedDayCost: 'bed_day_cost', personalBurdenRate: 'personal_burden_rate', visitsPerPerson: 'visits_per_person', costGrowth: 'cost_growth',
};

export interface InstitutionMonth {
  cases: number; dipCost: bigint; visits: number; patients: number; inpatientDays: number; totalCost: bigint; fundPayable: bigint;
  /** The total cost of the same month a year before; null when there is none. */
  totalCostYearBefore: bigint | null;
}

/** An indicator's value (yuan for the costs, a ratio for the others) and whether it passes its agreed limit. */
export interface Indicator { value: Decimal | null; agreed: Decimal | null; flagged: boolean }

const RATIO_PLACES = 4;
const ratio = (numerator: bigint, denominator: bigint): Decimal | null =>
  denominator > 0n ? { units: divideRounded(numerator * 10n ** BigInt(RATIO_PLACES), denominator), scale: RATIO_PLACES } : null;
/** fen ÷ count as yuan with two places. */
const yuanPer = (fen: bigint, count: number): Decimal | null => (count > 0 ? { units: divideRounded(fen, BigInt(count)), scale: 2 } : null);

const above = (value: Decimal, limit: Decimal) => {
  const scale = Math.max(value.scale, limit.scale);
  return value.units * 10n ** BigInt(scale - value.scale) > limit.units * 10n ** BigInt(scale - limit.scale);
};

/** The month's indicators against the agreed limits (a missing limit: the indicator is shown, never flagged). */
export function monthIndicators(month: InstitutionMonth, agreed: Partial<Record<IndicatorName, Decimal>>): Record<IndicatorName, Indicator> {
  const values: Record<IndicatorName, Decimal | null> = {
    perCaseCost: yuanPer(month.dipCost, month.cases),
    bedDayCost: yuanPer(month.dipCost, month.inpatientDays),
    personalBurdenRate: ratio(month.totalCost - month.fundPayable, month.totalCost),
    visitsPerPerson: ratio(BigInt(month.visits), BigInt(month.patients)),
    costGrowth: month.totalCostYearBefore === null ? null : ratio(month.totalCost - month.totalCostYearBefore, month.totalCostYearBefore),
  };
  return Object.fromEntries(indicatorNames.map((name) => {
    const value = values[name];
    const limit = agreed[name] ?? null;
    return [name, { value, agreed: limit, flagged: value !== null && limit !== null && above(value, limit) }];
  })) as Record<IndicatorName, Indicator>;
}
