/**
 * Budget execution figures (R7.1, R7.2), pure: the time progress of a month, the execution rate and the deviation of
 * a line, and a fund's report lines from its budget table, its approved amounts and its ledger actuals.
 *
 *   execution rate = actual ÷ budget (a line with no budget has none)
 *   time progress  = elapsed days of the year ÷ days of the year, at the month's last day — or at today, when the
 *                    month is the current one (the actuals then run to today)
 *   deviation      = rate − time progress
 * Money is bigint fen; rates are exact fractions rounded once, to RATE_PLACES decimals, when they are written out.
 */
import { divideRounded } from '../../platform/money.ts';

/** Decimals of a rate, a time progress and a deviation in the answers ("0.4167"). */
export const RATE_PLACES = 4;

export type Side = 'income' | 'expense';

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
export const daysInYear = (year: number) => (isLeapYear(year) ? 366 : 365);
const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const dayOfYear = (date: string) => (Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) - Date.UTC(Number(date.slice(0, 4)), 0, 1)) / 86_400_000 + 1;

/** How far the year has gone at the report's date: `basis` says whether that is the month's end or today. */
export interface TimeProgress { asOf: string; basis: 'month_end' | 'today'; elapsedDays: number; daysInYear: number }

/** The time progress of month `month` of `year` seen on `today` (a month after today's has none: the caller refuses it). */
export function timeProgressOf(year: number, month: number, today: string): TimeProgress {
  const period = `${year}-${String(month).padStart(2, '0')}`;
  const current = today.slice(0, 7) === period;
  const asOf = current ? today : `${period}-${String(lastDayOfMonth(year, month)).padStart(2, '0')}`;
  return { asOf, basis: current ? 'today' : 'month_end', elapsedDays: dayOfYear(asOf), daysInYear: daysInYear(year) };
}

/** numerator ÷ denominator as a decimal string with RATE_PLACES places, rounded half up once (denominator > 0). */
export function ratioText(numerator: bigint, denominator: bigint): string {
  const units = divideRounded(numerator * 10n ** BigInt(RATE_PLACES), denominator);
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(RATE_PLACES + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -RATE_PLACES)}.${digits.slice(-RATE_PLACES)}`;
}

export const progressText = (progress: TimeProgress) => ratioText(BigInt(progress.elapsedDays), BigInt(progress.daysInYear));

/** rate − progress as one exact fraction: (actual·days − budget·elapsed) ÷ (budget·days). */
export const deviationFraction = (budget: bigint, actual: bigint, progress: TimeProgress) => ({
  numerator: actual * BigInt(progress.daysInYear) - budget * BigInt(progress.elapsedDays),
  denominator: budget * BigInt(progress.daysInYear),
});

/** A line of a fund's budget table: its subject (as budget versions name it), and the ledger subjects it sums. */
export interface TableLine { subject: string; name: string; side: Side; parentSubject: string | null; ledgerSubjects: string[] }

/** A line of the report, money in fen; rate and deviation null when the line has no budget. */
export interface ExecutionLine {
  subject: string; name: string; side: Side; parentSubject: string | null; budget: bigint; actual: bigint; rate: string | null; deviation: string | null;
}

export interface BudgetAmount { subject: string; side: Side; parentSubject: string | null; amount: bigint }

/**
 * The report lines of one fund: every line of its budget table with its approved amount (0 when the approved version
 * has none) and its actual (the sum of its ledger subjects' actuals on its side), then any approved line the table
 * lacks (a version made on another chart) with no actual. `actuals` maps side and ledger subject to fen.
 */
export function executionLines(table: TableLine[], budget: BudgetAmount[], actuals: Map<string, bigint>, progress: TimeProgress): ExecutionLine[] {
  const key = (side: Side, subject: string) => `${side}|${subject}`;
  const approved = new Map(budget.map((line) => [key(line.side, line.subject), line]));
  const line = (subject: string, name: string, side: Side, parentSubject: string | null, amount: bigint, actual: bigint): ExecutionLine => {
    if (amount <= 0n) return { subject, name, side, parentSubject, budget: amount, actual, rate: null, deviation: null };
    const deviation = deviationFraction(amount, actual, progress);
    return { subject, name, side, parentSubject, budget: amount, actual, rate: ratioText(actual, amount), deviation: ratioText(deviation.numerator, deviation.denominator) };
  };
  const lines = table.map((entry) => line(entry.subject, entry.name, entry.side, entry.parentSubject, approved.get(key(entry.side, entry.subject))?.amount ?? 0n,
    entry.ledgerSubjects.reduce((sum, subject) => sum + (actuals.get(key(entry.side, subject)) ?? 0n), 0n)));
  const inTable = new Set(table.map((entry) => key(entry.side, entry.subject)));
  const extra = budget.filter((entry) => !inTable.has(key(entry.side, entry.subject)))
    .map((entry) => line(entry.subject, entry.subject, entry.side, entry.parentSubject, entry.amount, 0n));
  return [...lines, ...extra];
}

/** A ledger subject's actual on its side: income is credit − debit on revenue accounts, expense debit − credit. */
export const actualOf = (side: Side, movement: { debit: bigint; credit: bigint }) => (side === 'income' ? movement.credit - movement.debit : movement.debit - movement.credit);

/** The year-to-date periods of a report: January to the month. */
export const yearToDate = (year: number, month: number) => ({ from: `${year}-01`, to: `${year}-${String(month).padStart(2, '0')}` });
