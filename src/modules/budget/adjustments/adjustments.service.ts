/**
 * Budget adjustment (R7.3, 预算调整; 社会保险经办条例 art. 39, 财社〔2017〕144号: the budget is adjusted only through an
 * adjustment plan with the same approvals as the budget).
 *
 *   request (on the latest approved version) ─► submitted ─复核, 审批─► approved: a new version (basis adjustment,
 *                                                   │ return                 approved) supersedes the one adjusted
 *                                                   ▼
 *                                                returned ─resubmit─► submitted …   ─cancel─► cancelled
 *
 * The request names the lines, each with its new amount (or change) and reason, and an explanation (调整说明). The
 * sign-off kind budget.adjustment runs it past 复核 and 审批 (separation of duties by the engine); the final approval
 * creates the new version in its transaction: the changed lines, every other line carried over exactly, the targets
 * carried over, the identities checked. A returned or cancelled request changes no version.
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inActorScope, inScope, type Actor, type Tx } from '../../../platform/actor.ts';
import { requirePermission } from '../../../platform/access/permissions.ts';
import { conflict, invalid, notFound, rejectedRows } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { render } from '../../../platform/messages.ts';
import { formatYuan } from '../../../platform/money.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { openItemsOfSubjects, registerSignoffKind, submitForApproval } from '../../../platform/signoff/index.ts';
import { draftRules } from '../budget.messages.ts';
import { budgetChartFor, schemeTable } from '../draft/budget-chart.ts';
import { tableProblems, type Side, type VersionContent } from '../versions/versions.calc.ts';
import { versionSaid } from '../versions/versions.messages.ts';
import * as versions from '../versions/versions.repository.ts';
import type { VersionRow } from '../versions/versions.repository.ts';
import { budgetSignoffLevels, contentsOf, lockedVersion, statusSaid } from '../versions/versions.service.ts';
import { adjustedContent, checkedChanges, chartSubjects, type ChartSubject, type LineChange, type RequestedLine } from './adjustments.calc.ts';
import { adjustmentSaid as say } from './adjustments.messages.ts';
import * as repository from './adjustments.repository.ts';
import type { AdjustmentLineRow, AdjustmentRow } from './adjustments.repository.ts';
import type { AdjustmentStatus } from './adjustments.tables.ts';

interface AdjustmentPayload { adjustmentId: string; versionId: string; region: string; year: number }

export const budgetAdjustmentSignoff = registerSignoffKind<AdjustmentPayload>({
  kind: 'budget.adjustment',
  label: '社会保险基金预算调整',
  parameters: 'signoff.budget_adjustment',
  requestPermission: 'budget.draft',
  // the same approvals as the budget (社会保险经办条例 art. 39; 财社〔2017〕144号): 复核, then 审批
  levels: budgetSignoffLevels,
  effect: async (tx, approver, item) => approveAdjustment(tx, approver, BigInt(item.payload.adjustmentId), item.id),
  onStep: async (tx, actor, item, action) => adjustmentFollowsItem(tx, actor, BigInt(item.payload.adjustmentId), action),
  // the version adjusted: its page lists the adjustment requests with their sign-off status
  subjectLink: (payload) => `/budget/versions/${payload.versionId}`,
});

/**
 * What an expense line has executed this year (预算执行: paid from the ledger and committed by items signed off and not
 * yet paid), per `fund|subject`: budget execution registers it (its indicators, R7.1) and an adjustment may not lower a
 * line below it — neither when it is requested nor when it is approved, payments having gone on meanwhile (预算法 第十三条:
 * no spending without a budget; a budget below what is spent would leave spending without one). Without budget
 * execution loaded there is nothing executed to check.
 */
export type ExecutedOfLines = (tx: Tx, input: { region: string; year: number; funds: string[] }) => Promise<Map<string, { paid: bigint; committed: bigint }>>;
let executedOfLines: ExecutedOfLines | null = null;
export function registerExecutedOfLines(read: ExecutedOfLines) { executedOfLines = read; }

/** The lowered expense lines that would fall below what they have executed this year, with their figures. */
async function belowExecuted(tx: Tx, version: VersionRow, changes: readonly LineChange[]) {
  const lowered = changes.filter((change) => change.side === 'expense' && change.from !== null && change.to < change.from);
  if (!lowered.length || !executedOfLines) return [];
  const executed = await executedOfLines(tx, { region: version.region_code, year: version.year, funds: [...new Set(lowered.map((change) => change.fund))] });
  return lowered.flatMap((change) => {
    const figures = executed.get(`${change.fund}|${change.subject}`);
    if (!figures || change.to >= figures.paid + figures.committed) return [];
    const said = say.belowExecuted({
      name: change.name, to: formatYuan(change.to), paid: formatYuan(figures.paid), committed: formatYuan(figures.committed), used: formatYuan(figures.paid + figures.committed),
    });
    return [{ change, said }];
  });
}

const MAX_LINES = 200;
const statusText: Record<AdjustmentStatus, () => ReturnType<typeof say.submitted>> = {
  submitted: say.submitted, returned: say.returned, cancelled: say.cancelled, approved: say.approved,
};
const subjectKey = (region: string, year: number) => `budget.adjustment:${region}:${year}`;

/** The subjects of a scheme's table in the chart the version follows. */
function chartOfVersion(version: VersionRow): (scheme: string) => ChartSubject[] {
  const chart = budgetChartFor(version.chart_year ?? version.year);
  return (scheme) => {
    const table = schemeTable(chart, scheme);
    return table ? chartSubjects(table) : [];
  };
}

/** Refuses a version that is not the region's latest approved one, naming the newer version. */
async function checkLatestApproved(tx: Tx, version: VersionRow) {
  if (version.status !== 'approved') throw conflict('version', say.notApproved({ id: String(version.id), status: statusSaid[version.status]() }));
  const latest = await versions.latestVersion(tx, version.region_code, version.year, { status: 'approved' });
  if (latest && latest.id !== version.id) throw conflict('version', say.newerVersion({ id: String(version.id), number: latest.number, newer: String(latest.id) }));
}

// ——— the view ———

function adjustmentView(row: AdjustmentRow, lines: readonly AdjustmentLineRow[], adjusted: VersionRow | undefined, result: VersionRow | undefined, nextLevel: number | null) {
  const mine = lines.filter((line) => line.adjustment_id === row.id);
  // a 其中 row moves its line, and so the table's total, by its own change: each side moves by the sum of its changes
  const change = (side: Side) => mine.filter((line) => line.side === side).reduce((sum, line) => sum + line.to_amount - (line.from_amount ?? 0n), 0n);
  return {
    id: String(row.id), region: row.region_code, year: row.year, status: row.status, statusLabel: render(statusText[row.status](), 'zh-CN'),
    explanation: row.explanation,
    version: { id: String(row.version_id), number: adjusted?.number ?? null },
    resultVersion: result ? { id: String(result.id), number: result.number } : null,
    approvalItemId: String(row.approval_item_id),
    nextLevel: row.status === 'submitted' && nextLevel !== null ? budgetAdjustmentSignoff.levels[nextLevel]?.label ?? null : null,
    requestedBy: row.requested_by, requestedAt: row.requested_at.toISOString(), approvedBy: row.approved_by, approvedAt: row.approved_at?.toISOString() ?? null,
    incomeChange: formatYuan(change('income')), expenseChange: formatYuan(change('expense')),
    lines: mine.map((line) => ({
      fund: line.fund, side: line.side, subject: line.subject, name: line.name,
      from: line.from_amount === null ? null : formatYuan(line.from_amount), to: formatYuan(line.to_amount),
      change: formatYuan(line.to_amount - (line.from_amount ?? 0n)), reason: line.reason,
    })),
  };
}
export type AdjustmentView = ReturnType<typeof adjustmentView>;

async function viewsOf(tx: Tx, rows: AdjustmentRow[]): Promise<AdjustmentView[]> {
  const lines = await repository.linesOf(tx, rows.map((row) => row.id));
  const versionIds = [...new Set(rows.flatMap((row) => [row.version_id, ...(row.result_version_id === null ? [] : [row.result_version_id])]))];
  const versionRows = new Map((await Promise.all(versionIds.map((id) => versions.versionById(tx, id)))).filter((row) => row !== undefined).map((row) => [row.id, row]));
  const open = await openItemsOfSubjects(tx, [...new Set(rows.map((row) => subjectKey(row.region_code, row.year)))]);
  return rows.map((row) => adjustmentView(row, lines, versionRows.get(row.version_id), row.result_version_id === null ? undefined : versionRows.get(row.result_version_id),
    open.find((item) => item.id === row.approval_item_id)?.next_level ?? null));
}

export async function getAdjustment(database: DatabaseHandle, actor: Actor, id: bigint): Promise<AdjustmentView> {
  requirePermission(actor, 'budget.read');
  return inScope(database, actor, async (tx) => {
    const row = await repository.adjustmentById(tx, id);
    if (!row) throw notFound(say.adjustmentNotFound({ id: String(id) }));
    return (await viewsOf(tx, [row]))[0];
  });
}

/** The adjustment requests of a region's budget for a year, newest first, with their sign-off status. */
export async function listAdjustments(database: DatabaseHandle, actor: Actor, input: { year: number | string; region: string }): Promise<AdjustmentView[]> {
  requirePermission(actor, 'budget.read');
  const year = Number(input.year);
  if (!/^\d{4}$/.test(String(input.year)) || year < 2000 || year > 2100) throw invalid('year', draftRules.yearShape({ value: String(input.year) }));
  if (!/^\d{6}$/.test(input.region ?? '')) throw invalid('region', draftRules.regionShape({ value: String(input.region) }));
  if (!inActorScope(actor, input.region)) return [];
  return inScope(database, actor, async (tx) => viewsOf(tx, await repository.adjustmentsOf(tx, input.region, year)));
}

// ——— the request ———

export interface AdjustmentRequest { explanation: string; lines: RequestedLine[] }

/**
 * Submits an adjustment of the latest approved version to 复核 and 审批: the explanation and every line checked first
 * (a bad request names every bad line and submits nothing); one open adjustment per budget at a time (the engine).
 */
export async function requestAdjustment(database: DatabaseHandle, actor: Actor, versionId: bigint, input: AdjustmentRequest): Promise<AdjustmentView> {
  requirePermission(actor, 'budget.draft');
  const explanation = input.explanation?.trim() ?? '';
  if (explanation.length < 2 || explanation.length > 2000) throw invalid('explanation', say.explanationRequired());
  if (!Array.isArray(input.lines) || input.lines.length === 0) throw invalid('adjustmentLines', say.noLines());
  if (input.lines.length > MAX_LINES) throw invalid('adjustmentLines', say.tooManyLines({ max: MAX_LINES }));
  return inScope(database, actor, async (tx) => {
    const version = await lockedVersion(tx, versionId);
    await checkLatestApproved(tx, version);
    const content = (await contentsOf(tx, [version.id])).get(version.id)!;
    const { changes, problems } = checkedChanges(content, chartOfVersion(version), input.lines);
    for (const { change, said } of await belowExecuted(tx, version, changes)) {
      const index = input.lines.findIndex((line) => line.fund === change.fund && line.side === change.side && line.subject === change.subject);
      const line = input.lines[index];
      problems.push({ row: index + 1, field: line.amount !== undefined && line.amount !== null && String(line.amount).trim() !== '' ? 'amount' : 'change', message: said });
    }
    if (problems.length) throw rejectedRows(say.linesRejected({ count: new Set(problems.map((problem) => problem.row)).size }), problems);
    const id = newId();
    const payload: AdjustmentPayload = { adjustmentId: String(id), versionId: String(version.id), region: version.region_code, year: version.year };
    const item = await submitForApproval(tx, actor, budgetAdjustmentSignoff, {
      regionCode: version.region_code, subjectKey: subjectKey(version.region_code, version.year), comment: explanation,
      // the amount moved, whatever the direction: what the inbox shows beside the title
      amount: changes.reduce((sum, change) => sum + (change.to > (change.from ?? 0n) ? change.to - (change.from ?? 0n) : (change.from ?? 0n) - change.to), 0n),
      title: render(say.signoffTitle({ region: version.region_code, year: version.year, number: version.number, count: changes.length }), 'zh-CN'),
      payload,
    });
    await repository.insertAdjustment(tx, {
      id, region_code: version.region_code, year: version.year, version_id: version.id, explanation, approval_item_id: BigInt(item.id),
      requested_by: actor.username, requested_by_id: actor.userId,
    }, changes.map((change) => ({
      adjustment_id: id, fund: change.fund, side: change.side, subject: change.subject, region_code: version.region_code, name: change.name,
      from_amount: change.from, to_amount: change.to, reason: change.reason,
    })));
    await recordAudit(tx, actor, { action: 'budget.adjustment.request', entityType: 'budget_adjustment', entityId: id, regionCode: version.region_code,
      after: { versionId: String(version.id), approvalItemId: item.id, explanation, lines: changes.map((change) => ({ fund: change.fund, subject: change.subject, from: change.from === null ? null : formatYuan(change.from), to: formatYuan(change.to), reason: change.reason })) } });
    return (await viewsOf(tx, [(await repository.adjustmentById(tx, id))!]))[0];
  });
}

/** The request follows its sign-off item: returned to its drafter, resubmitted (the version still the latest approved), withdrawn. */
async function adjustmentFollowsItem(tx: Tx, actor: Actor, adjustmentId: bigint, action: 'return' | 'resubmit' | 'cancel') {
  const adjustment = (await repository.adjustmentById(tx, adjustmentId, true))!;
  if (action === 'resubmit') await checkLatestApproved(tx, await lockedVersion(tx, adjustment.version_id));
  const status: AdjustmentStatus = action === 'return' ? 'returned' : action === 'cancel' ? 'cancelled' : 'submitted';
  await repository.updateAdjustment(tx, adjustment.id, { status });
  await recordAudit(tx, actor, { action: `budget.adjustment.${action}`, entityType: 'budget_adjustment', entityId: adjustment.id, regionCode: adjustment.region_code,
    before: { status: adjustment.status }, after: { status } });
}

/**
 * The final approval's effect (批复): a new approved version of the budget, the adjusted lines at their new amounts,
 * everything else carried over, the identities checked; the version adjusted is superseded by it.
 */
async function approveAdjustment(tx: Tx, approver: Actor, adjustmentId: bigint, itemId: bigint) {
  const adjustment = (await repository.adjustmentById(tx, adjustmentId, true))!;
  if (adjustment.status !== 'submitted') throw conflict('adjustment', say.notSubmitted({ id: String(adjustment.id), status: statusText[adjustment.status]() }));
  const adjusted = await lockedVersion(tx, adjustment.version_id);
  await checkLatestApproved(tx, adjusted);
  const content = (await contentsOf(tx, [adjusted.id])).get(adjusted.id)!;
  const chart = chartOfVersion(adjusted);
  const schemeOf = new Map(content.tables.map((table) => [table.fund, table.scheme]));
  const changes: LineChange[] = (await repository.linesOf(tx, [adjustment.id])).map((line) => {
    const charted = chart(schemeOf.get(line.fund)!).find((subject) => subject.side === line.side && subject.subject === line.subject);
    const existing = content.lines.find((candidate) => candidate.fund === line.fund && candidate.side === line.side && candidate.subject === line.subject);
    return { fund: line.fund, side: line.side, subject: line.subject, parentSubject: existing?.parentSubject ?? charted?.parentSubject ?? null, name: line.name, from: line.from_amount, to: line.to_amount, reason: line.reason };
  });
  const chartOrder = (line: { fund: string; side: Side; subject: string }) => {
    const position = chart(schemeOf.get(line.fund)!).findIndex((subject) => subject.side === line.side && subject.subject === line.subject);
    return position < 0 ? undefined : position;
  };
  const executed = await belowExecuted(tx, adjusted, changes);
  if (executed.length) throw conflict('adjustmentLines', say.belowExecutedAtApproval({ lines: executed.map(({ said }) => said).reduce((first, next) => versionSaid.andAlso({ first, next })) }));
  const next = adjustedContent(content, changes, chartOrder, { username: adjustment.requested_by, at: adjustment.requested_at });
  const problems = next.tables.flatMap((table) => tableProblems(table, next.lines));
  if (problems.length) throw conflict('version', versionSaid.identitiesBroken({ problems: problems.reduce((first, following) => versionSaid.andAlso({ first, next: following })) }));

  const id = newId();
  const number = await versions.nextNumber(tx, adjusted.region_code, adjusted.year);
  await versions.insertVersion(tx, {
    id, region_code: adjusted.region_code, year: adjusted.year, number, basis: 'adjustment', chart_year: adjusted.chart_year, last_actual_month: null,
    sources: null, created_by: adjustment.requested_by, created_by_id: adjustment.requested_by_id,
  });
  await insertContent(tx, id, adjusted.region_code, next);
  await repository.copyTargets(tx, adjusted.id, id);
  const approvedAt = new Date();
  await versions.updateVersion(tx, id, { status: 'approved', approval_item_id: itemId, submissions: 1, approved_at: approvedAt, approved_by: approver.username });
  await repository.updateAdjustment(tx, adjustment.id, { status: 'approved', result_version_id: id, approved_by: approver.username, approved_at: approvedAt });
  const totals = (table: VersionContent['tables'][number]) => ({ fund: table.fund, totalIncome: formatYuan(table.totalIncome), totalExpense: formatYuan(table.totalExpense), accumulatedBalance: formatYuan(table.accumulatedBalance) });
  await recordAudit(tx, approver, { action: 'budget.adjustment.approve', entityType: 'budget_adjustment', entityId: adjustment.id, regionCode: adjustment.region_code,
    before: { versionId: String(adjusted.id), number: adjusted.number, tables: content.tables.map(totals) },
    after: { versionId: String(id), number, tables: next.tables.map(totals) } });
  return { adjustmentId: String(adjustment.id), versionId: String(id), number, supersedes: String(adjusted.id) };
}

/** The new version's tables and lines (its comments stay with the version reviewed; its targets are copied in SQL). */
function insertContent(tx: Tx, versionId: bigint, region: string, content: VersionContent) {
  return versions.insertContent(tx,
    content.tables.map((table) => ({
      version_id: versionId, fund: table.fund, region_code: region, scheme: table.scheme, table_code: table.tableCode, table_name: table.tableName,
      total_income: table.totalIncome, total_expense: table.totalExpense, balance: table.balance,
      previous_accumulated_balance: table.previousAccumulatedBalance, accumulated_balance: table.accumulatedBalance,
    })),
    content.lines.map((line) => ({
      version_id: versionId, fund: line.fund, side: line.side, subject: line.subject, parent_subject: line.parentSubject, line_number: line.lineNumber, region_code: region,
      name: line.name, amount: line.amount, drafted_amount: line.draftedAmount, forecast: line.forecast === null ? null : JSON.stringify(line.forecast),
      reason: line.reason, adjusted_by: line.adjustedBy, adjusted_at: line.adjustedAt,
    })),
    []);
}

// ——— the history of a line ———

/**
 * A line through the approved versions of its budget, oldest first: each version's amount, the change from the one
 * before, and — where an adjustment changed it — the adjustment, its reason, who asked and who approved it.
 */
export async function lineHistory(database: DatabaseHandle, actor: Actor, input: { versionId: bigint; fund: string; subject: string }) {
  requirePermission(actor, 'budget.read');
  return inScope(database, actor, async (tx) => {
    const version = await versions.versionById(tx, input.versionId);
    if (!version) throw notFound(versionSaid.versionNotFound({ id: String(input.versionId) }));
    const approved = (await versions.versionsOf(tx, version.region_code, version.year)).filter((candidate) => candidate.status === 'approved').reverse();
    const contents = await contentsOf(tx, approved.map((candidate) => candidate.id));
    const adjustments = await repository.adjustmentsCreating(tx, approved.map((candidate) => candidate.id));
    const adjustmentLines = await repository.linesOf(tx, adjustments.map((adjustment) => adjustment.id));
    let previous: bigint | null = null;
    let name: string | null = null;
    const entries = approved.map((candidate) => {
      const line = contents.get(candidate.id)!.lines.find((entry) => entry.fund === input.fund && entry.subject === input.subject);
      name ??= line?.name ?? null;
      const adjustment = adjustments.find((entry) => entry.result_version_id === candidate.id);
      const changed = adjustment ? adjustmentLines.find((entry) => entry.adjustment_id === adjustment.id && entry.fund === input.fund && entry.subject === input.subject) : undefined;
      const amount = line?.amount ?? null;
      const change = amount === null || previous === null ? null : amount - previous;
      previous = amount;
      return {
        versionId: String(candidate.id), number: candidate.number, basis: candidate.basis, approvedAt: candidate.approved_at!.toISOString(), approvedBy: candidate.approved_by,
        amount: amount === null ? null : formatYuan(amount), change: change === null ? null : formatYuan(change),
        // an adjustment's line carries its own reason; a version drafted or aggregated, the reason of its drafting
        reason: adjustment ? changed?.reason ?? null : line?.reason ?? null,
        adjustment: adjustment ? { id: String(adjustment.id), requestedBy: adjustment.requested_by, explanation: adjustment.explanation, changed: changed !== undefined } : null,
      };
    });
    if (name === null) throw notFound(say.lineNeverBudgeted({ region: version.region_code, year: version.year, fund: input.fund, subject: input.subject }));
    const side = approved.flatMap((candidate) => contents.get(candidate.id)!.lines).find((entry) => entry.fund === input.fund && entry.subject === input.subject)!.side;
    return { region: version.region_code, year: version.year, fund: input.fund, side, subject: input.subject, name, entries };
  });
}
export type LineHistory = Awaited<ReturnType<typeof lineHistory>>;
