/**
 * The monthly fund income and expenditure analysis (月度基金收支分析, R7.5; domain.md "Budget practice": execution
 * analysis at least quarterly, within 25 days of the quarter's end), pure: a figure against the same period of last
 * year, the budget totals of a fund's side, the largest deviations of the budget lines, and a driver's comparison.
 * Money is bigint fen; rates are exact fractions rounded once (RATE_PLACES) where they are written out.
 */
import { divideRounded, formatYuan } from '../../../platform/money.ts';
import { deviationFraction, ratioText, type ExecutionLine, type Side, type TimeProgress } from '../execution.calc.ts';

/** A figure of this year against last year's (yuan or count text): change and % change; null when last year has none. */
export interface Comparison { current: string; lastYear: string | null; change: string | null; changeRate: string | null }

/**
 * `lastYear` undefined when last year has no figures (no ledger movement, no bill, no payroll): then no change is
 * said; a change rate only when last year's figure is not zero.
 */
export function compared(current: bigint, lastYear: bigint | undefined, text: (value: bigint) => string = formatYuan): Comparison {
  if (lastYear === undefined) return { current: text(current), lastYear: null, change: null, changeRate: null };
  return {
    current: text(current), lastYear: text(lastYear), change: text(current - lastYear),
    changeRate: lastYear === 0n ? null : ratioText(current - lastYear, lastYear < 0n ? -lastYear : lastYear),
  };
}

/** The lines of the budget table on one side (其中 rows are inside their line, so they are not added again). */
export const sideLines = (lines: ExecutionLine[], side: Side) => lines.filter((line) => line.side === side && line.parentSubject === null);
export const sideActual = (lines: ExecutionLine[], side: Side) => sideLines(lines, side).reduce((sum, line) => sum + line.actual, 0n);

/** A side's budget total with its execution rate and deviation from the time progress (as a report line computes them). */
export function sideBudget(lines: ExecutionLine[], side: Side, progress: TimeProgress) {
  const budget = sideLines(lines, side).reduce((sum, line) => sum + line.budget, 0n);
  const actual = sideActual(lines, side);
  if (budget <= 0n) return { budget, rate: null, deviation: null };
  const deviation = deviationFraction(budget, actual, progress);
  return { budget, rate: ratioText(actual, budget), deviation: ratioText(deviation.numerator, deviation.denominator) };
}

/** How many deviations the analysis lists. */
export const LARGEST_DEVIATIONS = 5;

/**
 * The lines (not 其中 rows) with a budget whose execution lies furthest from the time progress, either way, largest
 * first; ties keep the order given. Compared exactly: |n₁|/d₁ > |n₂|/d₂ ⇔ |n₁|·d₂ > |n₂|·d₁ (d > 0, budget > 0).
 */
export function largestDeviations<Line extends { line: ExecutionLine }>(entries: Line[], progress: TimeProgress, count = LARGEST_DEVIATIONS): Line[] {
  const magnitude = (entry: Line) => {
    const { numerator, denominator } = deviationFraction(entry.line.budget, entry.line.actual, progress);
    return { numerator: numerator < 0n ? -numerator : numerator, denominator };
  };
  return entries.filter((entry) => entry.line.parentSubject === null && entry.line.budget > 0n)
    .map((entry) => ({ entry, size: magnitude(entry) }))
    .sort((a, b) => {
      const left = a.size.numerator * b.size.denominator, right = b.size.numerator * a.size.denominator;
      return left === right ? 0 : left > right ? -1 : 1;
    })
    .slice(0, count).map(({ entry }) => entry);
}

/** A driver behind a line's figures: how many persons, or an average amount. */
export type DriverName = 'contributors' | 'averageBase' | 'pensioners' | 'averagePension' | 'claimants' | 'averageBenefit';
export interface Driver extends Comparison { driver: DriverName; unit: 'count' | 'money' }

/** A month's counts behind a fund: persons and a total amount over `lines` lines (the average is total ÷ lines). */
export interface DriverCounts { persons: number; lines: number; total: bigint }

const averageOf = (counts: DriverCounts) => divideRounded(counts.total, BigInt(counts.lines));

/**
 * The drivers of one kind the data has for the month and the same month last year: the persons, and the average
 * amount per line; none when the month has no such data (a driver the data lacks is omitted, never invented).
 */
export function driversOf(persons: DriverName, average: DriverName, current: DriverCounts | undefined, lastYear: DriverCounts | undefined): Driver[] {
  if (!current || current.lines <= 0) return [];
  const last = lastYear && lastYear.lines > 0 ? lastYear : undefined;
  return [
    { driver: persons, unit: 'count', ...compared(BigInt(current.persons), last && BigInt(last.persons), String) },
    { driver: average, unit: 'money', ...compared(averageOf(current), last && averageOf(last)) },
  ];
}
