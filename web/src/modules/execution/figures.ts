/**
 * What the execution pages compute from the report (display only; the server's figures are not recomputed): a fund's
 * totals per side from its table lines (a 其中 row is inside its line, docs/execution.md), their execution rate as the
 * server rounds a rate (exact, half up, four places), and how far a line's deviation is off the time progress.
 */
import { fenToYuan, toFen } from '../../format.ts';
import type { ExecutionFund, ExecutionLine } from './types.ts';

/** numerator ÷ denominator as a decimal string of four places, rounded half up (half away from zero), as the server does. */
export function ratioText(numerator: bigint, denominator: bigint): string {
  const negative = (numerator < 0n) !== (denominator < 0n);
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const scaled = (n * 20000n + d) / (2n * d);
  const text = `${scaled / 10000n}.${String(scaled % 10000n).padStart(4, '0')}`;
  return negative && scaled > 0n ? `-${text}` : text;
}

export interface SideTotal { budget: string; actual: string; rate: string | null }
export interface FundTotals { income: SideTotal; expense: SideTotal; surplus: string }

function sideTotal(lines: readonly ExecutionLine[], side: ExecutionLine['side']): SideTotal {
  const ofSide = lines.filter((line) => line.side === side && line.parentSubject === null);
  const budget = ofSide.reduce((sum, line) => sum + toFen(line.budget), 0n);
  const actual = ofSide.reduce((sum, line) => sum + toFen(line.actual), 0n);
  return { budget: fenToYuan(budget), actual: fenToYuan(actual), rate: budget > 0n ? ratioText(actual, budget) : null };
}

/** 本年收入、本年支出 and 本年收支结余 (income − expense) of the year to the report's month. */
export function fundTotals(fund: ExecutionFund): FundTotals {
  const income = sideTotal(fund.lines, 'income');
  const expense = sideTotal(fund.lines, 'expense');
  return { income, expense, surplus: fenToYuan(toFen(income.actual) - toFen(expense.actual)) };
}

/** "0.9151" → 9151n: a rate of four places in ten-thousandths (exact). */
export function tenThousandths(rate: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d{1,4}))?$/.exec(rate.trim());
  if (!match) throw new Error(`not a rate: ${rate}`);
  const size = BigInt(match[2]) * 10000n + BigInt((match[3] ?? '').padEnd(4, '0'));
  return match[1] ? -size : size;
}

/** "0.9151" → "91.51%"; no rate → "—". */
export const percent = (rate: string | null | undefined) => (rate === null || rate === undefined ? '—' : `${fenToYuan(tenThousandths(rate))}%`);

/**
 * A deviation beyond the threshold (warning.execution_deviation_points, the parameter the execution_deviation alert
 * reads; strictly more than, as the alert): 'unfavourable' when income is short of the time progress or expense ahead
 * of it, 'favourable' when off the other way; null within the threshold or without a rate.
 */
export type DeviationLevel = 'unfavourable' | 'favourable' | null;
export function deviationLevel(line: Pick<ExecutionLine, 'side' | 'deviation'>, thresholdPoints: number): DeviationLevel {
  if (line.deviation === null) return null;
  const deviation = tenThousandths(line.deviation);
  const size = deviation < 0n ? -deviation : deviation;
  if (size <= BigInt(thresholdPoints) * 100n) return null;
  return (line.side === 'income') === (deviation < 0n) ? 'unfavourable' : 'favourable';
}
