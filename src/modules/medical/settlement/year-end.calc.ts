/**
 * Year-end settlement (年终清算) of designated medical institutions under total budget control (总额预算管理):
 * 结余留用、合理超支分担 (docs/domain.md "Medical total budget control" and "Medical settlement with institutions").
 * Pure: amounts are bigint fen, shares exact decimals, and every figure is rounded once to the fen (half up).
 *
 * - Saving (actual < quota): the fund accepts the actual cost plus `savingRewardShare` of the saving, the reward
 *   capped at `savingRewardCapShareOfQuota` × quota when the region sets a cap.
 * - Overrun (actual > quota): the overrun is cut into slices by `overrunBands` (ascending upper bounds as shares of
 *   the quota); the fund pays each slice at its band's `fundShare` and nothing beyond the last band.
 * - `settlement` = allowed − prepaid: positive is paid to the institution, negative recovered from it.
 */
import { divideRounded, multiplyFen, type Decimal } from '../../../platform/money.ts';

/** One band of the overrun: up to this share of the quota, the fund pays this share of the slice. */
export interface OverrunBand { upToShareOfQuota: Decimal; fundShare: Decimal }

/** A region's year-end sharing rule (a regional parameter: params/medical/year_end_settlement.yaml). */
export interface YearEndRules {
  /** 结余留用奖励比例: the share of the saving paid as a reward. */
  savingRewardShare: Decimal;
  /** 奖励上限: the reward at most this share of the quota; null when uncapped. */
  savingRewardCapShareOfQuota: Decimal | null;
  /** 超支分担分段, by ascending `upToShareOfQuota`. */
  overrunBands: readonly OverrunBand[];
}

/** An institution's year: its quota (年度总额指标), actual cost to the fund and what was prepaid (月度预拨). */
export interface InstitutionYear { code: string; quota: bigint; actual: bigint; prepaid: bigint }

export interface InstitutionSettlement extends InstitutionYear {
  /** What the fund accepts for the year. */
  allowed: bigint;
  /** allowed − prepaid: paid to the institution when positive, recovered when negative. */
  settlement: bigint;
  /** 结余留用奖励 (0 without a saving). */
  savingReward: bigint;
  /** 超支分担: the part of the overrun the fund pays (0 without an overrun). */
  overrunPaid: bigint;
}

const power = (scale: number) => 10n ** BigInt(scale);
/** A decimal's units at a larger scale. */
const unitsAt = (decimal: Decimal, scale: number) => decimal.units * power(scale - decimal.scale);

/** The reward for a saving: share × saving, at most cap share × quota (each rounded once to the fen). */
export function savingReward(rules: YearEndRules, quota: bigint, saving: bigint): bigint {
  const reward = multiplyFen(saving, rules.savingRewardShare);
  if (rules.savingRewardCapShareOfQuota === null) return reward;
  const cap = multiplyFen(quota, rules.savingRewardCapShareOfQuota);
  return reward < cap ? reward : cap;
}

/**
 * The part of an overrun the fund pays: each band's slice × its fund share, summed exactly and rounded once.
 * Band bounds are shares of the quota, so they may fall between two fen: the slices are kept at the scale of the
 * bounds and the products at the scale of the bounds and the shares, and only the sum is rounded.
 */
export function overrunPaid(rules: YearEndRules, quota: bigint, overrun: bigint): bigint {
  const boundScale = Math.max(0, ...rules.overrunBands.map((band) => band.upToShareOfQuota.scale));
  const shareScale = Math.max(0, ...rules.overrunBands.map((band) => band.fundShare.scale));
  const scaledOverrun = overrun * power(boundScale);
  let lowerBound = 0n;
  let paid = 0n;
  for (const band of rules.overrunBands) {
    const upperBound = quota * unitsAt(band.upToShareOfQuota, boundScale);
    const sliceTop = scaledOverrun < upperBound ? scaledOverrun : upperBound;
    if (sliceTop > lowerBound) paid += (sliceTop - lowerBound) * unitsAt(band.fundShare, shareScale);
    lowerBound = upperBound;
  }
  return divideRounded(paid, power(boundScale + shareScale));
}

/** Settles one institution's year. */
export function settleInstitution(rules: YearEndRules, institution: InstitutionYear): InstitutionSettlement {
  const { quota, actual, prepaid } = institution;
  const reward = actual < quota ? savingReward(rules, quota, quota - actual) : 0n;
  const paidOfOverrun = actual > quota ? overrunPaid(rules, quota, actual - quota) : 0n;
  const allowed = actual > quota ? quota + paidOfOverrun : actual + reward;
  return { ...institution, allowed, settlement: allowed - prepaid, savingReward: reward, overrunPaid: paidOfOverrun };
}

/** 信用等级挂钩: the factors an institution's credit grade applies to its saving reward share and to the fund's share of each overrun band. */
export interface CreditFactors { savingReward: Decimal; overrunPaid: Decimal }

const times = (a: Decimal, b: Decimal): Decimal => ({ units: a.units * b.units, scale: a.scale + b.scale });

/**
 * The rules an institution of a credit grade is settled by (医疗保障基金使用监督管理条例 第十六条: the grade bears on
 * 年终清算): the reward share and each band's fund share times the grade's factors, exactly, so that every figure is
 * still rounded once. The cap and the bands' bounds are the region's.
 */
export function rulesForCredit(rules: YearEndRules, factors: CreditFactors): YearEndRules {
  return {
    savingRewardShare: times(rules.savingRewardShare, factors.savingReward),
    savingRewardCapShareOfQuota: rules.savingRewardCapShareOfQuota,
    overrunBands: rules.overrunBands.map((band) => ({ upToShareOfQuota: band.upToShareOfQuota, fundShare: times(band.fundShare, factors.overrunPaid) })),
  };
}

/** Settles every institution of a region's year under its rules. */
export function settleYear(input: { rules: YearEndRules; institutions: readonly InstitutionYear[] }): { institutions: InstitutionSettlement[] } {
  return { institutions: input.institutions.map((institution) => settleInstitution(input.rules, institution)) };
}
