/**
 * The monthly allocation plan (分月用款计划, R7.4), pure: a line's approved amount split into 12 monthly amounts that sum
 * to it exactly, and the checks of amounts given by hand.
 *
 * The split is the largest-remainder rule (Hamilton's method) on fen: each month first gets the floor of
 * amount × weight ÷ total weight, then the fen left over go one each to the months with the largest remainders (the
 * earlier month first on a tie), so that the twelve amounts always sum to the line and no month is more than one fen
 * from its exact share (`splitByLargestRemainder`, platform/money.ts).
 */
import { splitByLargestRemainder } from '../../../platform/money.ts';

export type AllocationMethod = 'even' | 'seasonal' | 'manual';
export const allocationMethods: readonly AllocationMethod[] = ['even', 'seasonal', 'manual'];

/** 1/12 each. */
export const evenMonths = (amount: bigint) => splitByLargestRemainder(amount, Array<bigint>(12).fill(1n));

export interface LineSplit { months: bigint[]; split: AllocationMethod; basisYear: number | null }

/**
 * The line's share per month in the basis year's ledger (its actual expense per month); a month whose movement is
 * negative (a reversal larger than the month's payments) weighs nothing. A year without movement on the line gives
 * no profile: the line is split evenly, and the plan says so (split 'even').
 */
export function seasonalMonths(amount: bigint, monthlyActuals: readonly bigint[], basisYear: number): LineSplit {
  const weights = monthlyActuals.map((actual) => (actual > 0n ? actual : 0n));
  if (!weights.some((weight) => weight > 0n)) return { months: evenMonths(amount), split: 'even', basisYear: null };
  return { months: splitByLargestRemainder(amount, weights), split: 'seasonal', basisYear };
}

export const allocatedToMonth = (months: readonly bigint[], month: number) => months.slice(0, month).reduce((sum, fen) => sum + fen, 0n);

/**
 * Hand amounts that do not sum to the line: what December would have to be for them to, and the difference (given −
 * line amount, fen). null when they sum exactly.
 */
export function manualDifference(amount: bigint, months: readonly bigint[]): { difference: bigint; december: bigint } | null {
  const difference = months.reduce((sum, fen) => sum + fen, 0n) - amount;
  return difference === 0n ? null : { difference, december: months[11] - difference };
}
