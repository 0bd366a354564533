/**
 * The self-paying bill's rules (个人缴费: 灵活就业人员 and 无雇工的个体工商户), as pure functions: the parameters of a
 * period per region and a line's amounts. The base is the chosen share of the average wage (国办发〔2019〕13号: 60% to
 * 300%), rounded once to the fen and held within the period's limits; pension is `contribution.pension.flexible_rate`
 * (20%) of which `flexible_account_rate` (8%) goes to the individual account (国发〔2005〕38号); medical is the region's
 * `contribution.medical.flexible_rate` [local]. No unemployment, work injury or maternity (社会保险法 第十条、第二十三条).
 *
 * On the bill line the person pays both parts: the employee columns carry the individual-account share (what the
 * account is credited when paid, as for an employee's 8%), the employer columns the share that goes to the pooled fund.
 */
import { formatDecimal, multiplyFen, parseDecimal, type RoundingMode } from '../../../platform/money.ts';
import { parameterVersion, type ParameterStore } from '../../../platform/params/index.ts';
import { baseLimits, cutoffDate, dueDate } from './billing.calc.ts';

export interface SelfPayingRates { pooledRate: string; accountRate: string | null; refs: string[] }

export interface SelfPayingRegionParameters {
  floor: string; ceiling: string; averageWage: string;   // fen, as decimal strings (JSON has no bigint)
  rounding: RoundingMode; cutoffDate: string; dueDate: string;
  pension: SelfPayingRates; medical: SelfPayingRates | null;
}

export interface SelfPayingParameters { period: string; regions: Record<string, SelfPayingRegionParameters> }

const ref = parameterVersion;

/** a − b, exact. */
function subtract(a: string, b: string): string {
  const x = parseDecimal(a), y = parseDecimal(b);
  const scale = Math.max(x.scale, y.scale);
  return formatDecimal({ units: x.units * 10n ** BigInt(scale - x.scale) - y.units * 10n ** BigInt(scale - y.scale), scale });
}

/**
 * The parameters of `period` for each region, in force on the period's first day; the medical rate only where someone
 * pays medical (a region that sets none answers 422 parameter_missing naming it, rather than bill without it).
 */
export function resolveSelfPayingParameters(store: ParameterStore, period: string, regionCodes: { regionCode: string; medical: boolean }[]): SelfPayingParameters {
  const date = `${period}-01`;
  const regions: Record<string, SelfPayingRegionParameters> = {};
  for (const { regionCode: region, medical: needsMedical } of regionCodes) {
    const get = (path: string) => store.lookup(path, date, region);
    const rounding = get('contribution.rounding'), average = get('contribution.base.average_wage');
    const floorRatio = get('contribution.base.floor_ratio'), ceilingRatio = get('contribution.base.ceiling_ratio');
    const mode = rounding.value as RoundingMode;
    const limits = baseLimits(average.value as bigint, floorRatio.value as string, ceilingRatio.value as string, mode);
    const common = [average, floorRatio, ceilingRatio, rounding].map(ref);
    const pension = get('contribution.pension.flexible_rate'), account = get('contribution.pension.flexible_account_rate');
    const medical = needsMedical ? get('contribution.medical.flexible_rate') : null;
    regions[region] = {
      floor: limits.floor.toString(), ceiling: limits.ceiling.toString(), averageWage: (average.value as bigint).toString(), rounding: mode,
      cutoffDate: cutoffDate(period, store.integer('contribution.mid_month_cutoff_day', date, region)),
      dueDate: dueDate(period, store.integer('contribution.due_day', date, region)),
      pension: { pooledRate: subtract(pension.value as string, account.value as string), accountRate: account.value as string, refs: [...common, ref(pension), ref(account)] },
      medical: medical ? { pooledRate: medical.value as string, accountRate: null, refs: [...common, ref(medical)] } : null,
    };
  }
  return { period, regions };
}

/** The base of a base level: average wage × the chosen share, rounded once, held within [floor, ceiling] of the period. */
export function selfPayingBase(averageWage: bigint, baseRatio: string, floor: bigint, ceiling: bigint, mode: RoundingMode): bigint {
  const base = multiplyFen(averageWage, parseDecimal(baseRatio), mode);
  return base < floor ? floor : base > ceiling ? ceiling : base;
}
