/**
 * 养老金调整 (pure): the monthly increase of one pension in a year's adjustment, by the province's split of the
 * national overall level (定额调整、挂钩调整与适当倾斜相结合, the yearly 人社部 财政部 notice):
 *  - a fixed amount (定额);
 *  - a years-based part: an amount per completed contribution year, deemed years included (与缴费年限挂钩);
 *  - a level-based part: a share of the pensioner's own monthly pension before the adjustment (与养老金水平挂钩);
 *  - an age tilt: the amount of the highest age band reached by 31 December of the year (高龄倾斜).
 * The increase is worked out exactly and rounded once to the fen (money.ts, half up).
 */
import { divideRounded, formatDecimal, formatYuan, type Decimal } from '../../../platform/money.ts';
import { completedMonths } from '../pension/quote.calc.ts';
import type { Cited } from '../trace.ts';

export interface AdjustmentRules {
  overallRate: Cited<Decimal>;
  fixedAmount: Cited<bigint>;
  perContributionYear: Cited<bigint>;
  levelRate: Cited<Decimal>;
  /** Age (whole years) → monthly amount (fen). */
  ageTilts: Cited<Record<string, bigint>>;
}

export interface AdjustedAward { amountBefore: bigint; contributionMonths: number | null; birthDate: string }

export interface AdjustmentParts { fixed: bigint; years: bigint; level: bigint; ageTilt: bigint; contributionYears: number; age: number }

/** The age counted: completed years on 31 December of the adjustment's year. */
export const ageInYear = (birthDate: string, year: number) => Math.floor(completedMonths(birthDate, `${year}-12-31`) / 12);

/** The tilt of the highest band reached (0 below the first). */
export function ageTilt(age: number, tilts: Record<string, bigint>): bigint {
  const reached = Object.keys(tilts).map(Number).filter((band) => age >= band).sort((a, b) => b - a);
  return reached.length ? tilts[String(reached[0])] : 0n;
}

export function adjustmentIncrease(award: AdjustedAward, rules: AdjustmentRules, year: number): { increase: bigint; parts: AdjustmentParts } {
  const contributionYears = Math.floor((award.contributionMonths ?? 0) / 12);
  const age = ageInYear(award.birthDate, year);
  const fixed = rules.fixedAmount.value;
  const years = rules.perContributionYear.value * BigInt(contributionYears);
  const tilt = ageTilt(age, rules.ageTilts.value);
  const rate = rules.levelRate.value, scale = 10n ** BigInt(rate.scale);
  // fixed + years + tilt + amount × rate, exactly; one rounding
  const increase = divideRounded((fixed + years + tilt) * scale + award.amountBefore * rate.units, scale);
  const level = increase - fixed - years - tilt;
  return { increase, parts: { fixed, years, level, ageTilt: tilt, contributionYears, age } };
}

/** The parts as the run keeps them (yuan strings). */
export const shownParts = (parts: AdjustmentParts, rules: AdjustmentRules) => ({
  fixed: formatYuan(parts.fixed), years: formatYuan(parts.years), contributionYears: parts.contributionYears,
  level: formatYuan(parts.level), levelRate: formatDecimal(rules.levelRate.value), ageTilt: formatYuan(parts.ageTilt), age: parts.age,
});
