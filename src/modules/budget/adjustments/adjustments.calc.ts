/**
 * Budget adjustment, pure (预算调整): the lines a request changes checked against the approved version and the subject
 * chart, every bad line named; and the version the approval creates — the changed lines at their new amounts with their
 * reasons, a 其中 row's line following its rows, every other line carried over exactly, the tables' totals worked out
 * again so that the identities hold (财社〔2017〕144号: 本年收支结余 = 收入合计 − 支出合计; 年末滚存结余 = 上年滚存结余 +
 * 本年收支结余, the balance brought forward unchanged). Money in bigint fen.
 */
import { AppError, type RowProblem } from '../../../platform/errors.ts';
import { formatYuan, parseYuan } from '../../../platform/money.ts';
import type { SchemeTable } from '../draft/budget-chart.ts';
import { itemSubject, totalsOf, type Side, type VersionContent, type VersionLine } from '../versions/versions.calc.ts';
import { versionSaid } from '../versions/versions.messages.ts';
import { adjustmentSaid as say } from './adjustments.messages.ts';

/** A line as the request gives it: the new amount or the change (增减额), in yuan, and the reason. */
export interface RequestedLine { fund: string; side: string; subject: string; amount?: string | null; change?: string | null; reason?: string | null }

/** A checked change: from (null when the line is a subject of the chart the version lacks) to the new amount. */
export interface LineChange {
  fund: string; side: Side; subject: string; parentSubject: string | null; name: string;
  from: bigint | null; to: bigint; reason: string;
}

/** A subject of a scheme's table in the chart, in the standard layout's order (其中 rows after their line). */
export interface ChartSubject { side: Side; subject: string; parentSubject: string | null; name: string; hasItems: boolean }

export function chartSubjects(table: SchemeTable): ChartSubject[] {
  return (['income', 'expense'] as const).flatMap((side) => table[side].flatMap((line) => [
    { side, subject: line.line, parentSubject: null, name: line.name, hasItems: Boolean(line.items?.length) },
    ...(line.items ?? []).map((item) => ({ side, subject: itemSubject(line.line, item.line), parentSubject: line.line, name: item.name, hasItems: false })),
  ]));
}

const lineKey = (line: { fund: string; side: string; subject: string }) => `${line.fund}|${line.side}|${line.subject}`;

function yuanOrProblem(text: string, field: string): bigint | AppError {
  try { return parseYuan(text, field); } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

/**
 * Checks each requested line against the version and the chart of its table's scheme. Returns the changes, or the
 * problems of every bad line (row = the line's place in the request, from 1).
 */
export function checkedChanges(content: VersionContent, chartOf: (scheme: string) => ChartSubject[], requested: readonly RequestedLine[]): { changes: LineChange[]; problems: RowProblem[] } {
  const changes: LineChange[] = [];
  const problems: RowProblem[] = [];
  const seen = new Set<string>();
  requested.forEach((request, index) => {
    const row = index + 1;
    const problem = (field: string, message: RowProblem['message']) => problems.push({ row, field, message });
    const before = problems.length;
    const table = content.tables.find((candidate) => candidate.fund === request.fund);
    if (!table) problem('fund', say.fundNotInVersion({ fund: String(request.fund) }));
    const side = request.side === 'income' || request.side === 'expense' ? request.side : null;
    if (!side) problem('side', say.sideShape({ value: String(request.side) }));
    const reason = request.reason?.trim() ?? '';
    if (reason.length < 2 || reason.length > 500) problem('reason', say.reasonRequired());
    const given = [request.amount, request.change].filter((value) => value !== undefined && value !== null && String(value).trim() !== '');
    if (given.length !== 1) problem(given.length === 0 ? 'amount' : 'change', say.amountOrChange());
    if (!table || !side) return;

    const key = lineKey({ fund: table.fund, side, subject: request.subject });
    if (seen.has(key)) problem('subject', say.twice({ subject: request.subject }));
    seen.add(key);
    const existing = content.lines.find((line) => lineKey(line) === key);
    const charted = existing ? undefined : chartOf(table.scheme).find((subject) => subject.side === side && subject.subject === request.subject);
    if (!existing && !charted) {
      problem('subject', say.notASubject({ subject: request.subject, scheme: table.scheme, side: say[side]() }));
      return;
    }
    const name = existing?.name ?? charted!.name;
    const parentSubject = existing ? existing.parentSubject : charted!.parentSubject;
    const hasItems = existing
      ? content.lines.some((line) => line.fund === table.fund && line.side === side && line.parentSubject === existing.subject)
      : charted!.hasItems;
    if (hasItems) problem('subject', versionSaid.adjustItemsInstead({ name }));
    if (!existing && parentSubject && !content.lines.some((line) => lineKey(line) === lineKey({ fund: table.fund, side, subject: parentSubject }))) {
      problem('subject', say.parentMissing({ subject: request.subject, parent: parentSubject }));
    }
    if (given.length !== 1) return;
    const from = existing?.amount ?? null;
    const field = request.amount !== undefined && request.amount !== null && String(request.amount).trim() !== '' ? 'amount' : 'change';
    const parsed = yuanOrProblem(String(given[0]), field);
    if (parsed instanceof AppError) { problem(field, parsed.said); return; }
    const to = field === 'amount' ? parsed : (from ?? 0n) + parsed;
    if (to < 0n) problem(field, say.negativeResult({ from: formatYuan(from ?? 0n), to: formatYuan(to) }));
    else if (to === (from ?? 0n)) problem(field, say.unchanged({ name, amount: formatYuan(to) }));
    if (problems.length === before) changes.push({ fund: table.fund, side, subject: request.subject, parentSubject, name, from, to, reason });
  });
  return { changes, problems };
}

/**
 * The content of the version an approved adjustment creates: a chart line the version lacked is placed in the
 * layout's order (its fund's lines numbered again), each change takes its amount and reason, a 其中 row's line becomes
 * the sum of its rows again, and each changed table's totals are worked out from its lines.
 */
export function adjustedContent(content: VersionContent, changes: readonly LineChange[], chartOrder: (line: { fund: string; side: Side; subject: string }) => number | undefined, by: { username: string; at: Date }): VersionContent {
  let lines: VersionLine[] = content.lines.map((line) => ({ ...line }));
  for (const change of changes.filter((candidate) => candidate.from === null)) {
    const added: VersionLine = {
      fund: change.fund, side: change.side, subject: change.subject, parentSubject: change.parentSubject, lineNumber: 0, name: change.name,
      amount: 0n, draftedAmount: 0n, forecast: null, reason: null, adjustedBy: null, adjustedAt: null,
    };
    const position = chartOrder(added) ?? Number.MAX_SAFE_INTEGER;
    const fundLines = lines.filter((line) => line.fund === change.fund);
    let at = 0;
    fundLines.forEach((line, index) => { if ((chartOrder(line) ?? -1) < position) at = index + 1; });
    fundLines.splice(at, 0, added);
    fundLines.forEach((line, index) => { line.lineNumber = index + 1; });
    const first = lines.findIndex((line) => line.fund === change.fund);
    lines = [...lines.slice(0, first), ...fundLines, ...lines.slice(first + fundLines.length - 1)];
  }
  const byKey = new Map(lines.map((line) => [lineKey(line), line]));
  for (const change of changes) Object.assign(byKey.get(lineKey(change))!, { amount: change.to, reason: change.reason, adjustedBy: by.username, adjustedAt: by.at });
  for (const change of changes.filter((candidate) => candidate.parentSubject !== null)) {
    const parent = byKey.get(lineKey({ fund: change.fund, side: change.side, subject: change.parentSubject! }))!;
    parent.amount = lines.filter((line) => line.fund === change.fund && line.side === change.side && line.parentSubject === parent.subject).reduce((sum, line) => sum + line.amount, 0n);
  }
  const changedFunds = new Set(changes.map((change) => change.fund));
  const tables = content.tables.map((table) => (changedFunds.has(table.fund)
    ? { ...table, ...totalsOf(lines.filter((line) => line.fund === table.fund), table.previousAccumulatedBalance) }
    : { ...table }));
  return { tables, lines };
}
