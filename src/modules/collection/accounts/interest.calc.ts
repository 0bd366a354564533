/**
 * Year-end interest of the pension individual account (个人账户记账利息), as pure functions (no I/O).
 *
 * Every method is a table of integer weights, so the interest of a year is one exact fraction, rounded once,
 * half up, to the fen:
 *
 *   interest = r × (balance × opening + Σ credit × months[month − 1]) / denominator
 *
 * where balance is last year-end's balance (every entry of earlier years, their interest included) and the credits
 * are this year's entries. The same table drives the set-based SQL of the interest run (accounts.service.ts), so
 * the database computes exactly what these functions compute.
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
  const weights = interestWeights[method];
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
