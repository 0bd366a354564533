/**
 * Budget versions, pure: a version's lines from a draft, the identities of a fund table, adjusting a line, summing
 * versions upward and comparing two versions line by line. Money in bigint fen, every sum exact.
 *
 * Identities (财社〔2017〕144号 社会保险基金财务制度): 收入合计 = Σ income lines, 支出合计 = Σ expense lines, a line
 * with 其中 rows = Σ its rows, 本年收支结余 = 收入合计 − 支出合计, 年末滚存结余 = 上年滚存结余 + 本年收支结余.
 */
import type { Said } from '../../../platform/messages.ts';
import { formatYuan } from '../../../platform/money.ts';
import { versionSaid as say } from './versions.messages.ts';

export type Side = 'income' | 'expense';

export interface LineForecast { model: string; beatsNaive: boolean; backtest: Record<string, number | null> | null }

/** One line of a fund table: a line of the standard layout, or (parentSubject set) one of its 其中 rows. */
export interface VersionLine {
  fund: string; side: Side; subject: string; parentSubject: string | null; lineNumber: number; name: string;
  amount: bigint; draftedAmount: bigint; forecast: LineForecast | null;
  reason: string | null; adjustedBy: string | null; adjustedAt: Date | null;
}

export interface TableTotals { totalIncome: bigint; totalExpense: bigint; balance: bigint; previousAccumulatedBalance: bigint; accumulatedBalance: bigint }

export interface VersionTable extends TableTotals { fund: string; scheme: string; tableCode: string; tableName: string }

/** What a draft gives per fund table (the draft module's `tables`). */
export interface DraftedLine {
  subject: string; name: string; amount: bigint;
  model?: string; beatsNaive?: boolean; backtest?: Record<string, number | null> | null;
  items?: DraftedLine[];
}
export interface DraftedTable extends TableTotals { fund: string; scheme: string; table: string; tableName: string; income: DraftedLine[]; expense: DraftedLine[] }

const sum = (values: readonly bigint[]) => values.reduce((total, value) => total + value, 0n);

/** A 其中 row's subject: its line's subject and its own (benefit_expense.basic_pension), unique in its table. */
export const itemSubject = (parent: string, item: string) => `${parent}.${item}`;

/** The lines of a drafted table, in the layout's order, each 其中 row after its line. */
export function linesOfDraftedTable(table: DraftedTable): VersionLine[] {
  const lines: VersionLine[] = [];
  const add = (side: Side, line: DraftedLine, parentSubject: string | null) => {
    const subject = parentSubject ? itemSubject(parentSubject, line.subject) : line.subject;
    lines.push({
      fund: table.fund, side, subject, parentSubject, lineNumber: lines.length + 1, name: line.name, amount: line.amount, draftedAmount: line.amount,
      forecast: line.model ? { model: line.model, beatsNaive: line.beatsNaive ?? false, backtest: line.backtest ?? null } : null,
      reason: null, adjustedBy: null, adjustedAt: null,
    });
    for (const item of line.items ?? []) add(side, item, subject);
  };
  for (const line of table.income) add('income', line, null);
  for (const line of table.expense) add('expense', line, null);
  return lines;
}

/** A table's totals worked out from its lines and the balance brought forward. */
export function totalsOf(lines: readonly VersionLine[], previousAccumulatedBalance: bigint): TableTotals {
  const side = (name: Side) => sum(lines.filter((line) => line.side === name && line.parentSubject === null).map((line) => line.amount));
  const totalIncome = side('income'), totalExpense = side('expense');
  const balance = totalIncome - totalExpense;
  return { totalIncome, totalExpense, balance, previousAccumulatedBalance, accumulatedBalance: previousAccumulatedBalance + balance };
}

/** Where a fund table breaks an identity, each named (checked before a version is submitted). */
export function tableProblems(table: VersionTable, lines: readonly VersionLine[]): Said[] {
  const problems: Said[] = [];
  const yuan = formatYuan;
  for (const line of lines.filter((candidate) => candidate.fund === table.fund)) {
    const items = lines.filter((item) => item.fund === table.fund && item.side === line.side && item.parentSubject === line.subject);
    if (items.length && sum(items.map((item) => item.amount)) !== line.amount) {
      problems.push(say.itemsDoNotAdd({ fund: table.fund, name: line.name, amount: yuan(line.amount), items: yuan(sum(items.map((item) => item.amount))) }));
    }
  }
  const worked = totalsOf(lines.filter((line) => line.fund === table.fund), table.previousAccumulatedBalance);
  if (worked.totalIncome !== table.totalIncome) problems.push(say.totalIncomeWrong({ fund: table.fund, total: yuan(table.totalIncome), lines: yuan(worked.totalIncome) }));
  if (worked.totalExpense !== table.totalExpense) problems.push(say.totalExpenseWrong({ fund: table.fund, total: yuan(table.totalExpense), lines: yuan(worked.totalExpense) }));
  if (table.balance !== table.totalIncome - table.totalExpense) problems.push(say.balanceWrong({ fund: table.fund, balance: yuan(table.balance), difference: yuan(table.totalIncome - table.totalExpense) }));
  if (table.accumulatedBalance !== table.previousAccumulatedBalance + table.balance) {
    problems.push(say.accumulatedWrong({ fund: table.fund, accumulated: yuan(table.accumulatedBalance), worked: yuan(table.previousAccumulatedBalance + table.balance) }));
  }
  return problems;
}

/**
 * A line set to a new amount: the line and, for a 其中 row, its line (the sum of its rows) change; the table's totals
 * follow. A line with 其中 rows is adjusted through its rows, so that it stays their sum.
 */
export function adjustedLines(lines: readonly VersionLine[], target: VersionLine, amount: bigint): VersionLine[] | Said {
  if (lines.some((line) => line.fund === target.fund && line.side === target.side && line.parentSubject === target.subject)) {
    return say.adjustItemsInstead({ name: target.name });
  }
  const changed = lines.map((line) => (line === target ? { ...line, amount } : line));
  if (target.parentSubject === null) return changed;
  const itemsTotal = sum(changed.filter((line) => line.fund === target.fund && line.side === target.side && line.parentSubject === target.parentSubject).map((line) => line.amount));
  return changed.map((line) => (line.fund === target.fund && line.side === target.side && line.subject === target.parentSubject ? { ...line, amount: itemsTotal } : line));
}

export interface VersionContent { tables: VersionTable[]; lines: VersionLine[] }

/** A scheme's table of an aggregated version is named like the fund of the level: <scheme>-<region>. */
export const aggregatedFund = (scheme: string, region: string) => `${scheme}-${region}`;

/**
 * The sum of versions (the level's own lines and the approved versions of the regions below), table by table per
 * scheme and line by line per subject, exact; a line one version has and another lacks counts as zero there. The
 * drafted amount of an aggregated line is the sum of the versions' amounts: the aggregation starts a new draft.
 */
export function aggregateVersions(region: string, versions: readonly VersionContent[]): VersionContent {
  const tables = new Map<string, VersionTable>();
  const lines = new Map<string, VersionLine>();
  for (const version of versions) {
    for (const table of version.tables) {
      const fund = aggregatedFund(table.scheme, region);
      const kept = tables.get(table.scheme) ?? { fund, scheme: table.scheme, tableCode: table.tableCode, tableName: table.tableName, totalIncome: 0n, totalExpense: 0n, balance: 0n, previousAccumulatedBalance: 0n, accumulatedBalance: 0n };
      kept.previousAccumulatedBalance += table.previousAccumulatedBalance;
      tables.set(table.scheme, kept);
      for (const line of version.lines.filter((candidate) => candidate.fund === table.fund)) {
        const key = `${table.scheme}|${line.side}|${line.subject}`;
        const row = lines.get(key) ?? { ...line, fund, amount: 0n, draftedAmount: 0n, forecast: null, reason: null, adjustedBy: null, adjustedAt: null };
        row.amount += line.amount;
        row.draftedAmount = row.amount;
        lines.set(key, row);
      }
    }
  }
  const allLines = [...lines.values()];
  const allTables = [...tables.values()].map((table) => ({ ...table, ...totalsOf(allLines.filter((line) => line.fund === table.fund), table.previousAccumulatedBalance) }));
  const order = (line: VersionLine) => [allTables.findIndex((table) => table.fund === line.fund), line.side === 'income' ? 0 : 1, line.lineNumber] as const;
  allLines.sort((a, b) => {
    const [x, y] = [order(a), order(b)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  });
  return { tables: allTables, lines: allLines };
}

export interface LineDifference { fund: string; side: Side; subject: string; name: string; from: bigint | null; to: bigint | null; change: bigint }

/** Two versions compared line by line: each line whose amount differs (or that one of them lacks), in the layout's order. */
export function versionDifferences(from: readonly VersionLine[], to: readonly VersionLine[]): LineDifference[] {
  const key = (line: VersionLine) => `${line.fund}|${line.side}|${line.subject}`;
  const before = new Map(from.map((line) => [key(line), line]));
  const after = new Map(to.map((line) => [key(line), line]));
  const keys = [...new Set([...to.map(key), ...from.map(key)])];
  return keys.flatMap((name) => {
    const [a, b] = [before.get(name), after.get(name)];
    const line = (b ?? a)!;
    const change = (b?.amount ?? 0n) - (a?.amount ?? 0n);
    if (a && b && change === 0n) return [];
    return [{ fund: line.fund, side: line.side, subject: line.subject, name: line.name, from: a?.amount ?? null, to: b?.amount ?? null, change }];
  });
}
