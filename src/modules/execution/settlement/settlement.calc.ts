/**
 * Final accounts (决算) and year-end settlement (年终清算), pure (issue 14 R7.4; domain.md "Budget practice": 决算 with
 * 完成预算% and a narrative of causes; 财社〔2017〕144号 第四十一条: the 支出户's unspent allocations go back to the 财政专户).
 *
 *   完成预算%   = 决算数 ÷ 预算数 (the execution report's rate at December: four places, half up; null without a budget)
 *   差额        = 决算数 − 预算数
 *   unspent     = the 支出户's balance at 31 December − what payments signed off and not yet paid still take, never
 *                 below zero: what the settling transfer returns, leaving the 支出户 with exactly the committed amount;
 *                 at most its balance now − committed, so that a payment made since 31 December (of an item committed
 *                 then, no longer committed now) is not returned a second time and the 支出户 keeps what is spoken for
 * Money is bigint fen.
 */
import { formatYuan } from '../../../platform/money.ts';
import { groupThousands } from '../../../platform/reports/html.ts';
import { percentText } from '../../../platform/reports/report.ts';
import type { ExecutionLine, Side } from '../execution.calc.ts';
import type { Driver } from '../analysis/analysis.calc.ts';
import { driverText } from '../analysis/analysis.report.ts';

/** A line of the final accounts table, fen. */
export interface FinalAccountLine {
  subject: string; name: string; side: Side; parentSubject: string | null;
  budget: bigint; actual: bigint; completionRate: string | null; gap: bigint;
}

/** The year's execution report lines (month 12) as final accounts lines: the rate at December is 完成预算%. */
export const finalAccountLines = (lines: ExecutionLine[]): FinalAccountLine[] => lines.map((line) => ({
  subject: line.subject, name: line.name, side: line.side, parentSubject: line.parentSubject,
  budget: line.budget, actual: line.actual, completionRate: line.rate, gap: line.actual - line.budget,
}));

const magnitude = (fen: bigint) => (fen < 0n ? -fen : fen);

/**
 * The `count` lines of the table (not 其中 rows: they are inside their line) with the largest gap between actual and
 * budget, either way, largest first; a line on budget has no gap to explain; ties keep the table's order.
 */
export function largestGaps(lines: FinalAccountLine[], count: number): FinalAccountLine[] {
  return lines.filter((line) => line.parentSubject === null && line.gap !== 0n)
    .map((line, index) => ({ line, index }))
    .sort((a, b) => {
      const left = magnitude(a.line.gap), right = magnitude(b.line.gap);
      return left === right ? a.index - b.index : left > right ? -1 : 1;
    })
    .slice(0, Math.max(0, count)).map(({ line }) => line);
}

const yuanText = (fen: bigint) => `${groupThousands(formatYuan(magnitude(fen)))}元`;

/**
 * The narrative of one line's gap in the words of a 决算说明: the actual against the budget, 完成预算%, then the
 * drivers the data holds (the analysis' drivers of December against December of the year before), or that it holds
 * none — a cause the data does not show is never invented.
 * "社会保险费收入决算数1,300,000.00元，比预算数1,200,000.00元增加100,000.00元，完成预算108.33%。主要因素：缴费人数 3人（上年同月 2人，增长 50%）。"
 */
export function causeText(line: FinalAccountLine, drivers: Driver[]): string {
  const figures = line.budget > 0n
    ? `${line.name}决算数${yuanText(line.actual)}，比预算数${yuanText(line.budget)}${line.gap > 0n ? '增加' : '减少'}${yuanText(line.gap)}，完成预算${percentText(line.completionRate!)}。`
    : `${line.name}未列预算，决算数${yuanText(line.actual)}。`;
  const causes = drivers.length ? `主要因素：${drivers.map(driverText).join('；')}。` : '暂无缴费人数、缴费基数或待遇发放数据可供分析，原因由经办机构另行说明。';
  return figures + causes;
}

/** A year is over once its 31 December has passed (China's date). */
export const yearIsOver = (year: number, today: string) => `${year}-12-31` < today;

/** The 支出户's year (fen) as the settlement records it. */
export interface SettlementFigures {
  openingBalance: bigint;
  /** Dr 支出户 / Cr 财政专户 in the year: what finance allocated (用款). */
  transferred: bigint;
  /** other money into the 支出户 (an institution's repayment, interest not yet swept). */
  otherReceipts: bigint;
  /** the 支出户 paid to payees (benefits and other expense paid from it). */
  paid: bigint;
  /** Dr 财政专户 / Cr 支出户 in the year (an earlier settlement's return dated in this year, interest handed over). */
  returnedInYear: bigint;
  closingBalance: bigint;
  /** the 支出户 as the books stand at the settlement (the year after: later payments and transfers in). */
  currentBalance: bigint;
  committed: bigint;
  /** what the settling transfer returns to the 财政专户. */
  unspent: bigint;
}

/**
 * The settlement of a 支出户's year: its balance at 31 December less what signed-off, unpaid payments still take, and
 * never more than its balance now less the same (what it holds free today).
 */
export function settlementFigures(account: { opening: bigint; fromSpecial: bigint; otherDebits: bigint; toSpecial: bigint; otherCredits: bigint }, currentBalance: bigint, committed: bigint): SettlementFigures {
  const closingBalance = account.opening + account.fromSpecial + account.otherDebits - account.toSpecial - account.otherCredits;
  const free = closingBalance < currentBalance ? closingBalance - committed : currentBalance - committed;
  return {
    openingBalance: account.opening, transferred: account.fromSpecial, otherReceipts: account.otherDebits, paid: account.otherCredits,
    returnedInYear: account.toSpecial, closingBalance, currentBalance, committed, unspent: free > 0n ? free : 0n,
  };
}
