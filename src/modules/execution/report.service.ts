/**
 * The execution report (R7.1, R7.2): per fund of a region and below, per line of its budget table, the approved amount
 * against the actual of the year to the month's end, read from the ledger's entry lines at the moment of asking (an
 * entry posted a second ago is in it), with the execution rate, the time progress and the deviation.
 *
 * A fund's budget is the latest approved version of its pooling region (budget module, approvedBudget); a line's
 * ledger subjects are those the budget subject chart gives it (budget module, schemeTable), so a budget line and its
 * actual are the same money. A fund whose scheme has no budget table (职业年金) is not in the report.
 */
import type { DatabaseHandle } from '../../platform/database.ts';
import { inScope, scopePrefix, type Actor, type Tx } from '../../platform/actor.ts';
import { requirePermission } from '../../platform/access/permissions.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { formatYuan } from '../../platform/money.ts';
import { todayInChina } from '../../platform/params/index.ts';
import { budgetChartFor, itemSubject, schemeTable } from '../budget/index.ts';
import {
  actualOf, executionLines, progressText, timeProgressOf, yearToDate,
  type ExecutionLine, type Side, type TableLine, type TimeProgress,
} from './execution.calc.ts';
import { executionSaid as said } from './execution.messages.ts';
import * as repository from './execution.repository.ts';
import type { FundRow } from './execution.repository.ts';

export interface ReportInput { year: number; month: number; region: string }

export interface FundExecution { fund: FundRow; budgetApproved: boolean; lines: ExecutionLine[] }
export interface ExecutionFigures { year: number; month: number; region: string; regionName: string | null; progress: TimeProgress; funds: FundExecution[] }

/** Refuses a month that is no month, or one that has not begun on `today`. */
export function checkReportMonth(input: { year: number; month: number }, today: string) {
  if (!Number.isInteger(input.month) || input.month < 1 || input.month > 12) throw invalid('month', said.monthOutOfRange());
  if (!Number.isInteger(input.year) || input.year < 1990 || input.year > 2100) throw invalid('year', said.monthOutOfRange());
  const period = `${input.year}-${String(input.month).padStart(2, '0')}`;
  if (period > today.slice(0, 7)) throw invalid('month', said.monthAfterToday({ year: input.year, month: input.month }));
}

/**
 * Per chart (loaded once per process) and scheme, the table's lines, built on first use: the report asked for each
 * fund's on every request (1.7 % of a busy server's time, by the execution bench's profile). Frozen: every caller shares them.
 */
const tableLinesByChart = new WeakMap<ReturnType<typeof budgetChartFor>, Map<string, TableLine[] | undefined>>();

/** The lines of a scheme's budget table for the year, each 其中 row after its line; undefined when the scheme has none. */
export function tableLinesOf(year: number, scheme: string): TableLine[] | undefined {
  const chart = budgetChartFor(year);
  let byScheme = tableLinesByChart.get(chart);
  if (!byScheme) tableLinesByChart.set(chart, byScheme = new Map());
  if (!byScheme.has(scheme)) {
    const table = schemeTable(chart, scheme);
    byScheme.set(scheme, table && Object.freeze((['income', 'expense'] as const).flatMap((side) => table[side].flatMap((line) => [
      { subject: line.line, name: line.name, side, parentSubject: null, ledgerSubjects: line.subjects },
      ...(line.items ?? []).map((item) => ({ subject: itemSubject(line.line, item.line), name: item.name, side, parentSubject: line.line, ledgerSubjects: item.subjects })),
    ]).map((entry) => Object.freeze(entry)))) as TableLine[]);
  }
  return byScheme.get(scheme);
}

/** The actuals of each fund by side and ledger subject from the movements (key `side|subject`); other funds' movements are left out. */
function actualsOf(funds: FundRow[], movements: repository.SubjectMovement[]): Map<bigint, Map<string, bigint>> {
  const actuals = new Map<bigint, Map<string, bigint>>(funds.map((fund) => [fund.id, new Map()]));
  for (const movement of movements) {
    const side: Side = movement.role === 'revenue' ? 'income' : 'expense';
    const key = `${side}|${movement.subject}`;
    const fund = actuals.get(movement.fund_id);
    if (fund) fund.set(key, (fund.get(key) ?? 0n) + actualOf(side, movement));
  }
  return actuals;
}

/** The actuals of each fund by side and ledger subject over the periods (key `side|subject`). */
export async function actualsByFund(tx: Tx, funds: FundRow[], from: string, to: string): Promise<Map<bigint, Map<string, bigint>>> {
  return actualsOf(funds, await repository.subjectMovements(tx, funds.map((fund) => fund.id), from, to));
}

/** The report's figures in fen, in the caller's transaction (alerts and publication read them too). */
export async function executionFigures(tx: Tx, input: ReportInput, today = todayInChina()): Promise<ExecutionFigures> {
  checkReportMonth(input, today);
  return figuresOf(tx, { regionPrefix: scopePrefix(input.region) }, input, today);
}

/** The same for the funds given (an alert evaluation works one fund at a time). */
export async function executionFiguresOf(tx: Tx, funds: FundRow[], input: ReportInput, today: string): Promise<ExecutionFigures> {
  return figuresOf(tx, { fundIds: funds.map((fund) => fund.id) }, input, today);
}

/**
 * The figures of the funds chosen, from one statement (repository.reportSources): each fund's budget is the latest
 * approved version of its pooling region, as approvedBudget reads it; a fund without a line there has none approved.
 */
async function figuresOf(tx: Tx, funds: { regionPrefix: string } | { fundIds: bigint[] }, input: ReportInput, today: string): Promise<ExecutionFigures> {
  const progress = timeProgressOf(input.year, input.month, today);
  const { from, to } = yearToDate(input.year, input.month);
  const sources = await repository.reportSources(tx, funds, input.region, input.year, from, to);
  const budgeted = sources.funds.flatMap((fund) => {
    const table = tableLinesOf(input.year, fund.insurance);
    return table ? [{ fund, table }] : [];
  });
  const actuals = actualsOf(budgeted.map(({ fund }) => fund), sources.movements);
  return {
    ...input, regionName: sources.regionName, progress,
    funds: budgeted.map(({ fund, table }) => {
      const budget = sources.budgetLines.filter((line) => line.fund === fund.code)
        .map((line) => ({ subject: line.subject, side: line.side, parentSubject: line.parent_subject, amount: line.amount }));
      return { fund, budgetApproved: budget.length > 0, lines: executionLines(table, budget, actuals.get(fund.id)!, progress) };
    }),
  };
}

export interface ExecutionLineView { subject: string; name: string; side: Side; parentSubject: string | null; budget: string; actual: string; rate: string | null; deviation: string | null }
export interface ExecutionReport {
  year: number; month: number; region: string; regionName: string | null; asOf: string; timeProgressBasis: TimeProgress['basis']; timeProgress: string;
  funds: { fund: string; name: string; region: string; budgetApproved: boolean; lines: ExecutionLineView[] }[];
}

const lineView = (line: ExecutionLine): ExecutionLineView => ({ ...line, budget: formatYuan(line.budget), actual: formatYuan(line.actual) });

/** `sifund execution report`, GET /api/execution/report: the figures as the API and the CLI give them. */
export async function executionReport(database: DatabaseHandle, actor: Actor, input: ReportInput): Promise<ExecutionReport> {
  requirePermission(actor, 'execution.read');
  return inScope(database, actor, async (tx) => {
    const figures = await executionFigures(tx, input);
    if (!figures.funds.length) throw notFound(said.noFundInRegion({ region: input.region }));
    return {
      year: figures.year, month: figures.month, region: figures.region, regionName: figures.regionName,
      asOf: figures.progress.asOf, timeProgressBasis: figures.progress.basis, timeProgress: progressText(figures.progress),
      funds: figures.funds.map(({ fund, budgetApproved, lines }) => ({ fund: fund.code, name: fund.name, region: fund.region_code, budgetApproved, lines: lines.map(lineView) })),
    };
  });
}
