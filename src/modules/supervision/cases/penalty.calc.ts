/**
 * The administrative penalty (罚款) decided with a case concluded 违规成立 (pure): a multiple of the amount at stake,
 * within the range the provision it rests on sets (supervision.penalty_multiples, dated, per provision):
 * 社会保险法 第八十六条 1–3× of the contributions left unpaid, 第八十七条 and 第八十八条 2–5× of what was obtained by
 * fraud; 医疗保障基金使用监督管理条例 (2021) 第三十八条 1–2× of the fund's loss, 第四十条 2–5× of what was obtained by
 * fraud. The amount at stake is the case's amount to recover (its sum over the funds); the penalty is that times the
 * multiple, rounded once by the region's rounding rule. The fine is paid to the treasury (行政处罚法 第七十四条), not to
 * the fund: it is recorded on the case and posted to no fund's ledger.
 */
import { compareDecimals, multiplyFen, parseDecimal, type Decimal, type RoundingMode } from '../../../platform/money.ts';

/** The lowest and the highest multiple a provision allows, as the parameter gives them. */
export interface PenaltyRange { min: string; max: string }

/** The ranges of the provisions in force, by provision key (social_insurance_law_88, medical_fund_regulation_40, …). */
export type PenaltyRanges = Record<string, PenaltyRange>;

export type PenaltyProblem = 'unknown_provision' | 'multiple_outside_range';

/**
 * The penalty of `multiple` (a decimal text) under `provision` on `amountAtStake` fen, or why it cannot be: the
 * provision is not in force, or the multiple lies outside its range (both ends allowed).
 */
export function penaltyOf(amountAtStake: bigint, provision: string, multiple: Decimal, ranges: PenaltyRanges, rounding: RoundingMode):
  { amount: bigint } | { problem: PenaltyProblem; range?: PenaltyRange } {
  const range = Object.hasOwn(ranges, provision) ? ranges[provision] : undefined;
  if (!range) return { problem: 'unknown_provision' };
  if (compareDecimals(multiple, parseDecimal(range.min)) < 0 || compareDecimals(multiple, parseDecimal(range.max)) > 0) return { problem: 'multiple_outside_range', range };
  return { amount: multiplyFen(amountAtStake, multiple, rounding) };
}
