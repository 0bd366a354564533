/**
 * Late fees (滞纳金) as pure functions (no I/O).
 *
 * 社会保险法 art. 86: an employer that does not pay in full and on time pays, from the day the arrears arise, a
 * late fee of 0.05% of the arrears per day (contribution.late_fee.daily_rate, dated: 0.2% under 社会保险费征缴暂行条例
 * art. 13 before 2011-07-01). The due date itself is not late: the fee runs on each day from the day after the due
 * date to the as-of date, on that day's unpaid principal. A payment on day D counts as paid at the end of D, so D is
 * still charged on the amount it pays (paying on the due date costs nothing). The fee is summed exactly over the
 * days and rounded once to the fen (contribution.rounding).
 */
import { addDays, daysBetween } from '../../ledger/index.ts';
import { divideRounded, parseDecimal, type Decimal, type RoundingMode } from '../../../platform/money.ts';

/** A daily rate in force from `since` (inclusive) until the next one's `since`. */
export interface DailyRate { since: string; rate: string }

/** Principal paid on a date (fen). */
export interface PrincipalPayment { date: string; amount: bigint }

/** One principal with its payments: a bill, or one insurance of a bill. */
export interface PrincipalStream { principal: bigint; payments: PrincipalPayment[] }

/** Days overdue on `asOf`: the days after the due date, never negative. */
export function daysOverdue(dueDate: string, asOf: string): number {
  return Math.max(0, daysBetween(dueDate, asOf));
}

/** The rate in force on `date` in a timeline sorted by `since` (oldest first). */
function rateOn(rates: DailyRate[], date: string): Decimal {
  let found: DailyRate | undefined;
  for (const rate of rates) if (rate.since <= date) found = rate;
  if (!found) throw new Error(`no late fee rate in force on ${date}`);
  return parseDecimal(found.rate, 'contribution.late_fee.daily_rate');
}

/**
 * The exact late fee of a principal in fen (units / 10^scale): Σ over the days from dueDate + 1 to asOf of
 * (principal − payments dated before that day) × the rate of that day. Computed per stretch of days with the same
 * unpaid amount and rate, so the cost does not grow with the number of days.
 */
export function exactLateFee(stream: PrincipalStream, dueDate: string, asOf: string, rates: DailyRate[]): Decimal {
  const first = addDays(dueDate, 1);
  if (asOf < first) return { units: 0n, scale: 0 };
  const end = addDays(asOf, 1);
  const sortedRates = [...rates].sort((a, b) => (a.since < b.since ? -1 : 1));
  // Where the unpaid amount or the rate changes: the day after each payment, each new rate.
  const changes = new Set<string>([first, end]);
  for (const payment of stream.payments) { const day = addDays(payment.date, 1); if (day > first && day < end) changes.add(day); }
  for (const rate of sortedRates) if (rate.since > first && rate.since < end) changes.add(rate.since);
  const days = [...changes].sort();
  const stretches = days.slice(0, -1).map((from, i) => {
    const paid = stream.payments.reduce((sum, p) => (p.date < from ? sum + p.amount : sum), 0n);
    const unpaid = stream.principal - paid;
    return { unpaid: unpaid > 0n ? unpaid : 0n, days: BigInt(daysBetween(from, days[i + 1])), rate: rateOn(sortedRates, from) };
  });
  const scale = Math.max(0, ...stretches.map((s) => s.rate.scale));
  const units = stretches.reduce((sum, s) => sum + s.unpaid * s.days * s.rate.units * 10n ** BigInt(scale - s.rate.scale), 0n);
  return { units, scale };
}

export const roundToFen = (exact: Decimal, mode: RoundingMode): bigint => divideRounded(exact.units, 10n ** BigInt(exact.scale), mode);

/**
 * Splits a rounded total over exact shares by the largest remainder: each share gets its whole fen, the fen left
 * over go to the largest fractions (the earlier share on a tie). The parts always add up to the total.
 */
export function apportion(total: bigint, shares: Decimal[]): bigint[] {
  const scale = Math.max(0, ...shares.map((s) => s.scale));
  const one = 10n ** BigInt(scale);
  const units = shares.map((s) => s.units * 10n ** BigInt(scale - s.scale));
  const parts = units.map((u) => u / one);
  let left = total - parts.reduce((sum, p) => sum + p, 0n);
  const byRemainder = units.map((u, index) => ({ index, remainder: u % one })).sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (let i = 0; left > 0n && parts.length; i = (i + 1) % parts.length, left--) parts[byRemainder[i].index] += 1n;
  return parts;
}

/**
 * The late fee of several principals that share a due date (the insurances of one bill): the exact fees are added
 * and the sum is rounded once; `shares` splits that rounded total back over the principals (each fund books its own).
 */
export function lateFee(streams: PrincipalStream[], dueDate: string, asOf: string, rates: DailyRate[], rounding: RoundingMode): { total: bigint; shares: bigint[] } {
  const exact = streams.map((stream) => exactLateFee(stream, dueDate, asOf, rates));
  const scale = Math.max(0, ...exact.map((e) => e.scale));
  const sum = exact.reduce((total, e) => total + e.units * 10n ** BigInt(scale - e.scale), 0n);
  const total = roundToFen({ units: sum, scale }, rounding);
  return { total, shares: apportion(total, exact) };
}
