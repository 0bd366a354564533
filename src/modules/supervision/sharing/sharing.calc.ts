/**
 * Responsibility sharing (责任分担, issue 15 R9.6) as pure functions: a county's pension deficit of a year (pensions
 * paid to its pensioners − contributions collected from its employers; the fund pools at the province, so the gap is
 * counted per county from the collection and payroll records), the part that is the county's own (collection below
 * the target: 征缴不力形成的缺口由当地承担), and the rest shared between province, city and county by the scheme's
 * shares — in whole fen by the largest remainder, so the shares add up to the gap exactly (seed 001: 自治区、市、县
 * 三级政府风险责任分担).
 */
import { multiplyFen, parseDecimal, type RoundingMode } from '../../../platform/money.ts';
import { splitByWeights } from '../evaluation/evaluation.calc.ts';

/** One scheme's rule of a year: the levels' shares (exact decimals adding up to 1) and the collection target. */
export interface SharingRule { province: string; city: string; county: string; collectionTarget: string }
export interface Shares { province: bigint; city: bigint; county: bigint }

/** A county's pension year, in fen: contributions billed and collected, pensions paid. */
export interface PensionYear { billed: bigint; collected: bigint; paid: bigint }

export interface CountyGap { gap: bigint; ownGap: bigint; surplus: bigint; shares: Shares }

const levels = ['province', 'city', 'county'] as const;

/** The shares as integer weights at their common scale (0.50, 0.30, 0.20 → 50, 30, 20); they must add up to exactly 1. */
function shareWeights(rule: SharingRule): bigint[] {
  const decimals = levels.map((level) => parseDecimal(rule[level], level));
  const scale = Math.max(...decimals.map((d) => d.scale));
  const weights = decimals.map((d) => d.units * 10n ** BigInt(scale - d.scale));
  if (weights.some((w) => w < 0n) || weights.reduce((a, b) => a + b, 0n) !== 10n ** BigInt(scale)) {
    throw new Error(`the shares ${levels.map((level) => `${level} ${rule[level]}`).join(', ')} must be non-negative and add up to 1`);
  }
  return weights;
}

/**
 * The county's gap and its shares: gap = paid − collected when positive (a surplus is no gap: nothing to share); its
 * own part = what it collected short of billed × target (rounded once to the fen), at most the gap, borne by the
 * county alone; the rest split by the shares. province + city + county = gap, always.
 */
export function shareCountyGap(year: PensionYear, rule: SharingRule, rounding: RoundingMode): CountyGap {
  const balance = year.collected - year.paid;
  if (balance >= 0n) return { gap: 0n, ownGap: 0n, surplus: balance, shares: { province: 0n, city: 0n, county: 0n } };
  const gap = -balance;
  const target = multiplyFen(year.billed, parseDecimal(rule.collectionTarget), rounding);
  const shortfall = target > year.collected ? target - year.collected : 0n;
  const ownGap = shortfall < gap ? shortfall : gap;
  const [province, city, county] = splitByWeights(gap - ownGap, shareWeights(rule));
  return { gap, ownGap, surplus: 0n, shares: { province, city, county: county + ownGap } };
}
