/**
 * Year-end interest of the pension individual account (个人账户记账利息), as pure functions (no I/O).
 *
 * Every method is a table of integer weights, so the interest of a year is one exact fraction, rounded once,
 * half up, to the fen:
 *
 *   interest = r × (balance × opening + Σ credit × months[month − 1]) / denominator
 *
 * where balance is last year-end's balance (every entry of earlier years, their interest included) and the credits
 * are this year's entries other than a 建账余额 (an opening balance taken over from another system is that year's
 * closing balance, its interest credited there). The same table drives the set-based SQL of the interest run
 * (accounts.service.ts), so the database computes exactly what these functions compute.
 *
 * 补记利息: a back-payment for a month of a year whose interest has run is credited in the first open year (an issued
 * statement is never rewritten), and that year's run adds the interest it missed in the closed years (missedInterest).
 */
import { divideRounded, type Decimal } from '../../../platform/money.ts';

/** The choices of the parameter pension.account.interest_method. */
export const interestMethods = ['annual_1083', 'monthly'] as const;
export type InterestMethod = (typeof interestMethods)[number];

export interface InterestWeights {
  denominator: bigint;
  /** Weight of last year-end's balance. */
  opening: bigint;
  /** Weight of a credit by the month it is credited in (index 0 = January). */
  months: readonly bigint[];
}

export const interestWeights: Record<InterestMethod, InterestWeights> = {
  // 劳办发〔1997〕116号 [check]: year-end balance = last year-end balance × (1 + r) + this year's credits ×
  // (1 + r × 1.083 × 1/2), so interest = r × (2000 × balance + 1083 × credits) / 2000, whatever the month.
  annual_1083: { denominator: 2000n, opening: 2000n, months: Array.from({ length: 12 }, () => 1083n) },
  // Monthly accrual (some provinces) [check]: a credit of month m earns r × (13 − m)/12, from its month to the year
  // end (January's a full year, December's one month); the balance earns r. Spread evenly over the year this is
  // r × 78/144 = r × 0.5417 per yuan, which 1.083 × 1/2 = 0.5415 above approximates.
  monthly: { denominator: 12n, opening: 12n, months: Array.from({ length: 12 }, (_, index) => BigInt(12 - index)) },
};

export function isInterestMethod(text: string): text is InterestMethod {
  return (interestMethods as readonly string[]).includes(text);
}

export interface AccountCredit {
  /** 1–12: the month the amount counts from (see creditMonth). */
  month: number;
  /** fen; negative for a transfer out. */
  amount: bigint;
}

export interface AccountYear {
  /** Last year-end's balance in fen. */
  openingBalance: bigint;
  credits: AccountCredit[];
}

export interface YearEnd { creditsTotal: bigint; interest: bigint; closingBalance: bigint }

/**
 * The month a credit of `year` counts from under the monthly method: its contribution period's month when that
 * period lies in the year; December (one month of interest) for a back-payment of an earlier year's period or an
 * entry without a period (a transfer).
 */
export function creditMonth(year: number, period: string | null): number {
  return period !== null && period.startsWith(`${year}-`) ? Number(period.slice(5, 7)) : 12;
}

/** The year's interest and closing balance at crediting rate `rate` (exact, rounded once half up to the fen). */
export function yearEnd(account: AccountYear, rate: Decimal, method: InterestMethod): YearEnd {
  return interestBy(account, rate, interestWeights[method]);
}

/**
 * The weights of a year settled at the end of month `throughMonth` (1–12) instead of its end: last year-end's balance
 * earns r × m/12, a credit of month k ≤ m earns r × (m − k + 1)/12, a credit counted from a later month (a
 * back-payment counts from December) nothing in the year — the monthly method's weights stopped at month m (月积数法),
 * whichever method the year would end by. At m = 12 they are the monthly method's.
 */
export function weightsThroughMonth(throughMonth: number): InterestWeights {
  if (!Number.isInteger(throughMonth) || throughMonth < 1 || throughMonth > 12) throw new Error(`month must be 1–12, got ${throughMonth}`);
  return { denominator: 12n, opening: BigInt(throughMonth), months: Array.from({ length: 12 }, (_, index) => BigInt(Math.max(0, throughMonth - index))) };
}

/**
 * The interest of a year still open on a day of month `throughMonth` (退休当年: the account is settled when the
 * pension is worked out, not at the year end), at `rate`, by weightsThroughMonth [check: 劳办发〔1997〕116号 settles a
 * year end by 1.083 × 1/2; a settlement within the year by the months elapsed is common practice].
 */
export function interestThroughMonth(account: AccountYear, rate: Decimal, throughMonth: number): YearEnd {
  return interestBy(account, rate, weightsThroughMonth(throughMonth));
}

function interestBy(account: AccountYear, rate: Decimal, weights: InterestWeights): YearEnd {
  let weighted = account.openingBalance * weights.opening;
  let creditsTotal = 0n;
  for (const credit of account.credits) {
    if (!Number.isInteger(credit.month) || credit.month < 1 || credit.month > 12) throw new Error(`credit month must be 1–12, got ${credit.month}`);
    weighted += credit.amount * weights.months[credit.month - 1];
    creditsTotal += credit.amount;
  }
  const interest = divideRounded(weighted * rate.units, weights.denominator * 10n ** BigInt(rate.scale), 'half_up');
  return { creditsTotal, interest, closingBalance: account.openingBalance + creditsTotal + interest };
}

/** A year whose interest has run, at the rate and by the method the run applied (interest_run). */
export interface CreditedYear { year: number; rate: Decimal; method: InterestMethod }

/** An exact growth factor, numerator / denominator. */
export interface GrowthFactor { numerator: bigint; denominator: bigint }

/**
 * How a credit of contribution period `period` (YYYY-MM) would have grown by the end of the credited years, had it
 * been credited on time: in its own year from its month (the year's method weights it as a credit of that month), in
 * each later year as part of the balance, compounding year by year. `creditedYears` are the runs from the period's
 * year up to the year before the back-payment is credited; a year with no run (before the system credited interest)
 * adds nothing.
 */
export function missedGrowth(period: string, creditedYears: readonly CreditedYear[]): GrowthFactor {
  const periodYear = Number(period.slice(0, 4));
  const month = Number(period.slice(5, 7));
  let numerator = 1n;
  let denominator = 1n;
  for (const credited of creditedYears) {
    if (credited.year < periodYear) continue;
    const weights = interestWeights[credited.method];
    const scaled = weights.denominator * 10n ** BigInt(credited.rate.scale);
    const weight = credited.year === periodYear ? weights.months[month - 1] : weights.opening;
    numerator *= scaled + credited.rate.units * weight;
    denominator *= scaled;
  }
  return { numerator, denominator };
}

/**
 * 补记利息 of a back-payment of `amount` fen: what it would have become by growth, rounded once half up to the fen,
 * less the amount: the account is made what it would have been (补记利息 for the years missed [check]), each year at
 * that year's crediting rate (人社部发〔2017〕31号). Negative for a reversal of a back-payment.
 */
export function missedInterest(amount: bigint, growth: GrowthFactor): bigint {
  return divideRounded(amount * growth.numerator, growth.denominator, 'half_up') - amount;
}
