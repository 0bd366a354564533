/**
 * Budget versions (R6.3, 社会保险经办条例 art. 39; 财社〔2017〕144号): a region's budget for a year, version by version.
 *
 *   create (from the draft) ─► drafted ─submit─► submitted ─复核, 审批─► approved (immutable: the database refuses a change)
 *   aggregate (Σ below) ──────►    ▲ adjust,          │ return with comments per line
 *                                  │ targets          ▼
 *                                  └──────────── returned ─submit (resubmit)─► submitted …
 *
 * A drafted version keeps the region's own fund tables of the draft (the funds whose pooling region it is); an
 * aggregated one sums, scheme by scheme and line by line, the latest approved version of every region right below that
 * holds a fund, plus the level's own latest drafted version, and names what is still missing. The identities of every
 * table are checked before each submission. The sign-off engine (kind budget.version) enforces separation of duties:
 * the drafter never approves, one person signs one level.
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inActorScope, inScope, type Actor, type Tx } from '../../../platform/actor.ts';
import { requireAnyPermission, requirePermission } from '../../../platform/access/permissions.ts';
import { conflict, invalid, notFound } from '../../../platform/errors.ts';
import { fieldRules } from '../../../platform/fields.messages.ts';
import { newId } from '../../../platform/ids.ts';
import { render, type Said } from '../../../platform/messages.ts';
import { formatYuan, parseYuan } from '../../../platform/money.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { registerSignoffKind, submitForApproval, type SignoffLevel } from '../../../platform/signoff/index.ts';
import { decide, drafterAction } from '../../../platform/signoff/signoff.service.ts';
import { draftRules } from '../budget.messages.ts';
import { draftBudget, type BudgetDraft } from '../draft/draft.service.ts';
import {
  adjustedLines, aggregateVersions, linesOfDraftedTable, tableProblems, totalsOf, versionDifferences,
  type DraftedTable, type LineForecast, type VersionContent, type VersionLine, type VersionTable,
} from './versions.calc.ts';
import { versionSaid as say } from './versions.messages.ts';
import { performanceTargets, TARGET_VALUE } from './versions.targets.ts';
import * as repository from './versions.repository.ts';
import { adjustmentsCreating } from '../adjustments/adjustments.repository.ts';
import type { VersionRow } from './versions.repository.ts';
import type { VersionStatus } from './versions.tables.ts';

interface VersionPayload { versionId: string; region: string; year: number; number: number }

/**
 * The levels after the 经办 of the budget and of every decision that moves it or its money (adjustments, allocation
 * plans, the year-end settlement, the sharing settlement): 复核 and 审批 by the budget permissions.
 */
export const budgetSignoffLevels: SignoffLevel[] = [
  { name: 'review', label: '复核', permission: 'budget.review' },
  { name: 'approve', label: '审批', permission: 'budget.approve' },
];

export const budgetVersionSignoff = registerSignoffKind<VersionPayload>({
  kind: 'budget.version',
  label: '社会保险基金预算',
  parameters: 'signoff.budget_version',
  requestPermission: 'budget.draft',
  // 社会保险经办条例 art. 39: the agency drafts; the department reviews and consolidates (复核), then it is approved (审批)
  levels: budgetSignoffLevels,
  effect: async (tx, approver, item) => approveVersion(tx, approver, BigInt(item.payload.versionId)),
  onStep: async (tx, actor, item, action) => versionFollowsItem(tx, actor, BigInt(item.payload.versionId), action),
  subjectLink: (payload) => `/budget/versions/${payload.versionId}`,
});

export const statusSaid: Record<VersionStatus, () => Said> = { drafted: say.drafted, submitted: say.submitted, returned: say.returned, approved: say.approved };

// ——— reading a version ———

const lineOf = (row: repository.LineRow | Awaited<ReturnType<typeof repository.linesOf>>[number]): VersionLine => ({
  fund: row.fund, side: row.side, subject: row.subject, parentSubject: row.parent_subject, lineNumber: row.line_number, name: row.name,
  amount: row.amount, draftedAmount: row.drafted_amount, forecast: (row.forecast as LineForecast | null) ?? null,
  reason: row.reason, adjustedBy: row.adjusted_by, adjustedAt: row.adjusted_at,
});

const tableOf = (row: repository.TableRow): VersionTable => ({
  fund: row.fund, scheme: row.scheme, tableCode: row.table_code, tableName: row.table_name, totalIncome: row.total_income, totalExpense: row.total_expense,
  balance: row.balance, previousAccumulatedBalance: row.previous_accumulated_balance, accumulatedBalance: row.accumulated_balance,
});

/** The tables and lines of versions, by version id. */
export async function contentsOf(tx: Tx, ids: bigint[]): Promise<Map<bigint, VersionContent>> {
  const contents = new Map<bigint, VersionContent>(ids.map((id) => [id, { tables: [], lines: [] }]));
  if (!ids.length) return contents;
  for (const row of await repository.tablesOf(tx, ids)) contents.get(row.version_id)!.tables.push(tableOf(row));
  for (const row of await repository.linesOf(tx, ids)) contents.get(row.version_id)!.lines.push(lineOf(row));
  return contents;
}

export async function lockedVersion(tx: Tx, id: bigint): Promise<VersionRow> {
  const version = await repository.versionById(tx, id, true);
  if (!version) throw notFound(say.versionNotFound({ id: String(id) }));
  return version;
}

const totalsAnswer = (table: Omit<VersionTable, 'fund' | 'scheme' | 'tableCode' | 'tableName'>) => ({
  totalIncome: formatYuan(table.totalIncome), totalExpense: formatYuan(table.totalExpense), balance: formatYuan(table.balance),
  previousAccumulatedBalance: formatYuan(table.previousAccumulatedBalance), accumulatedBalance: formatYuan(table.accumulatedBalance),
});

type CommentRow = Awaited<ReturnType<typeof repository.commentsOf>>[number];

export interface LineView {
  subject: string; name: string; amount: string; draftedAmount: string; forecast: LineForecast | null;
  adjustment: { reason: string; by: string; at: string } | null;
  comments: { submission: number; comment: string; by: string; at: string }[];
  items?: LineView[];
}

function lineViews(lines: readonly VersionLine[], comments: readonly CommentRow[], side: 'income' | 'expense', parent: string | null): LineView[] {
  return lines.filter((line) => line.side === side && line.parentSubject === parent).map((line) => {
    const items = lineViews(lines, comments, side, line.subject);
    return {
      subject: line.subject, name: line.name, amount: formatYuan(line.amount), draftedAmount: formatYuan(line.draftedAmount), forecast: line.forecast,
      adjustment: line.reason ? { reason: line.reason, by: line.adjustedBy!, at: line.adjustedAt!.toISOString() } : null,
      comments: comments.filter((c) => c.fund === line.fund && c.side === line.side && c.subject === line.subject)
        .map((c) => ({ submission: c.submission, comment: c.comment, by: c.commented_by, at: c.created_at.toISOString() })),
      ...(items.length ? { items } : {}),
    };
  });
}

/**
 * The later approved version that replaces an approved one (an adjustment's, or a version approved after it): the
 * newest approved of the region and year is the budget (approvedBudget), every earlier approved one is superseded.
 */
function supersededBy(version: VersionRow, approvedNewestFirst: readonly VersionRow[]) {
  if (version.status !== 'approved') return null;
  const later = approvedNewestFirst.filter((candidate) => candidate.number > version.number).at(-1);
  return later ? { id: String(later.id), number: later.number } : null;
}

/** A version as the API and the command show it: amounts in yuan, each table with its lines, comments and targets. */
export async function versionView(tx: Tx, version: VersionRow) {
  const content = (await contentsOf(tx, [version.id])).get(version.id)!;
  const approved = (await repository.versionsOf(tx, version.region_code, version.year)).filter((candidate) => candidate.status === 'approved');
  const [adjustment] = version.basis === 'adjustment' ? await adjustmentsCreating(tx, [version.id]) : [];
  const adjusted = adjustment ? await repository.versionById(tx, adjustment.version_id) : undefined;
  const comments = await repository.commentsOf(tx, version.id);
  // in the order of the standard indicators (决策, 过程, 产出, 效益)
  const standard = performanceTargets().indicators.map((indicator) => indicator.indicator);
  const targets = (await repository.targetsOf(tx, version.id)).toSorted((a, b) => standard.indexOf(a.indicator) - standard.indexOf(b.indicator));
  const summary = totalsOf([], 0n);
  for (const table of content.tables) {
    for (const key of ['totalIncome', 'totalExpense', 'balance', 'previousAccumulatedBalance', 'accumulatedBalance'] as const) summary[key] += table[key];
  }
  return {
    id: String(version.id), region: version.region_code, year: version.year, number: version.number, status: version.status, basis: version.basis,
    chartYear: version.chart_year, lastActualMonth: version.last_actual_month, sources: (version.sources as AggregationSources | null) ?? null,
    submissions: version.submissions, createdBy: version.created_by, createdAt: version.created_at.toISOString(),
    approvalItemId: version.approval_item_id === null ? null : String(version.approval_item_id),
    approvedAt: version.approved_at?.toISOString() ?? null, approvedBy: version.approved_by,
    supersededBy: supersededBy(version, approved),
    adjustment: adjustment && adjusted ? { id: String(adjustment.id), explanation: adjustment.explanation, adjusted: { id: String(adjusted.id), number: adjusted.number } } : null,
    tables: content.tables.map((table) => {
      const lines = content.lines.filter((line) => line.fund === table.fund);
      return {
        fund: table.fund, scheme: table.scheme, table: table.tableCode, tableName: table.tableName,
        income: lineViews(lines, comments, 'income', null), expense: lineViews(lines, comments, 'expense', null), ...totalsAnswer(table),
        targets: targets.filter((target) => target.fund === table.fund).map((target) => ({
          indicator: target.indicator, dimension: target.dimension, name: target.name, unit: target.unit, comparison: target.comparison,
          value: target.target_value, reason: target.reason,
        })),
      };
    }),
    summary: totalsAnswer(summary),
  };
}
export type VersionView = Awaited<ReturnType<typeof versionView>>;

export interface AggregationSources {
  versions: { id: string; region: string; number: number; basis: string; status: string }[];
  /** Regions right below (or the level itself, 本级) whose budget is not in the sum yet. */
  missing: { region: string; name: string | null }[];
}

function checkYearAndRegion(actor: Actor, input: { year: number | string; region: string }): number {
  const year = Number(input.year);
  if (!/^\d{4}$/.test(String(input.year)) || year < 2000 || year > 2100) throw invalid('year', draftRules.yearShape({ value: String(input.year) }));
  if (!/^\d{6}$/.test(input.region ?? '')) throw invalid('region', draftRules.regionShape({ value: String(input.region) }));
  if (!inActorScope(actor, input.region)) throw notFound(say.noVersion({ region: input.region, year }));
  return year;
}

export async function getVersion(database: DatabaseHandle, actor: Actor, id: bigint): Promise<VersionView> {
  requirePermission(actor, 'budget.read');
  return inScope(database, actor, async (tx) => {
    const version = await repository.versionById(tx, id);
    if (!version) throw notFound(say.versionNotFound({ id: String(id) }));
    return versionView(tx, version);
  });
}

/** A region's version of a year by its number, or its newest. */
export async function findVersion(database: DatabaseHandle, actor: Actor, input: { year: number | string; region: string; number?: number }): Promise<VersionView> {
  requirePermission(actor, 'budget.read');
  const year = checkYearAndRegion(actor, input);
  return inScope(database, actor, async (tx) => {
    const version = input.number === undefined ? await repository.latestVersion(tx, input.region, year, {}) : await repository.versionByNumber(tx, input.region, year, input.number);
    if (!version) throw notFound(input.number === undefined ? say.noVersion({ region: input.region, year }) : say.numberNotFound({ region: input.region, year, number: input.number }));
    return versionView(tx, version);
  });
}

/** The versions of a region and year, newest first, without their lines. */
export async function listVersions(database: DatabaseHandle, actor: Actor, input: { year: number | string; region: string }) {
  requirePermission(actor, 'budget.read');
  const year = checkYearAndRegion(actor, input);
  return inScope(database, actor, async (tx) => {
    const versions = await repository.versionsOf(tx, input.region, year);
    const approved = versions.filter((version) => version.status === 'approved');
    const contents = await contentsOf(tx, versions.map((version) => version.id));
    return versions.map((version) => {
      const tables = contents.get(version.id)!.tables;
      const total = (pick: (table: VersionTable) => bigint) => formatYuan(tables.reduce((sum, table) => sum + pick(table), 0n));
      return {
        id: String(version.id), region: version.region_code, year: version.year, number: version.number, status: version.status, basis: version.basis,
        createdBy: version.created_by, createdAt: version.created_at.toISOString(), approvedAt: version.approved_at?.toISOString() ?? null,
        supersededBy: supersededBy(version, approved), funds: tables.map((table) => table.fund), totalIncome: total((table) => table.totalIncome), totalExpense: total((table) => table.totalExpense),
      };
    });
  });
}

// ——— creating a version ———

/** What a version keeps of a draft: its own fund tables (the draft module's shape). */
export interface DraftForVersion {
  year: number; region: string; lastActualMonth: string; chartYear: number;
  tables: (DraftedTable & { region: string })[];
}

export function draftForVersion(draft: BudgetDraft): DraftForVersion {
  const line = (drafted: BudgetDraft['tables'][number]['income'][number]): DraftedTable['income'][number] => ({
    subject: drafted.subject, name: drafted.name, amount: drafted.amount, model: drafted.model, beatsNaive: drafted.beatsNaive,
    backtest: drafted.backtest ? { ...drafted.backtest } : null, items: drafted.items?.map(line),
  });
  return {
    year: draft.year, region: draft.region, lastActualMonth: draft.lastActualMonth, chartYear: draft.chart.year,
    tables: draft.tables.map((table) => ({ ...table, income: table.income.map(line), expense: table.expense.map(line) })),
  };
}

async function insertVersion(tx: Tx, actor: Actor, header: { region: string; year: number; basis: 'model' | 'aggregated'; chartYear: number | null; lastActualMonth: string | null; sources: AggregationSources | null }, content: VersionContent) {
  const id = newId();
  const number = await repository.nextNumber(tx, header.region, header.year);
  await repository.insertVersion(tx, {
    id, region_code: header.region, year: header.year, number, basis: header.basis, chart_year: header.chartYear, last_actual_month: header.lastActualMonth,
    sources: header.sources === null ? null : JSON.stringify(header.sources), created_by: actor.username, created_by_id: actor.userId,
  });
  const { indicators } = performanceTargets();
  await repository.insertContent(tx,
    content.tables.map((table) => ({
      version_id: id, fund: table.fund, region_code: header.region, scheme: table.scheme, table_code: table.tableCode, table_name: table.tableName,
      total_income: table.totalIncome, total_expense: table.totalExpense, balance: table.balance,
      previous_accumulated_balance: table.previousAccumulatedBalance, accumulated_balance: table.accumulatedBalance,
    })),
    content.lines.map((line) => ({
      version_id: id, fund: line.fund, side: line.side, subject: line.subject, parent_subject: line.parentSubject, line_number: line.lineNumber, region_code: header.region,
      name: line.name, amount: line.amount, drafted_amount: line.draftedAmount, forecast: line.forecast === null ? null : JSON.stringify(line.forecast),
      reason: null, adjusted_by: null, adjusted_at: null,
    })),
    content.tables.flatMap((table) => indicators.map((indicator) => ({
      version_id: id, fund: table.fund, indicator: indicator.indicator, region_code: header.region, dimension: indicator.dimension, name: indicator.name,
      unit: indicator.unit, comparison: indicator.comparison, target_value: indicator.value, reason: null,
    }))));
  const totals = content.tables.map((table) => ({ fund: table.fund, totalIncome: formatYuan(table.totalIncome), totalExpense: formatYuan(table.totalExpense) }));
  await recordAudit(tx, actor, { action: header.basis === 'model' ? 'budget.version.create' : 'budget.version.aggregate', entityType: 'budget_version', entityId: id, regionCode: header.region,
    after: { year: header.year, number, basis: header.basis, tables: totals, ...(header.sources ? { sources: header.sources } : {}) } });
  return (await repository.versionById(tx, id))!;
}

/** Keeps a draft's own fund tables (the funds pooled at the region itself) as a new drafted version. */
export async function saveDraftAsVersion(database: DatabaseHandle, actor: Actor, draft: DraftForVersion): Promise<VersionView> {
  requirePermission(actor, 'budget.draft');
  checkYearAndRegion(actor, draft);
  const own = draft.tables.filter((table) => table.region === draft.region);
  if (!own.length) throw conflict('region', say.noOwnFund({ region: draft.region }));
  const content: VersionContent = {
    tables: own.map((table) => ({ ...table, tableCode: table.table })),
    lines: own.flatMap(linesOfDraftedTable),
  };
  return inScope(database, actor, async (tx) => versionView(tx, await insertVersion(tx, actor,
    { region: draft.region, year: draft.year, basis: 'model', chartYear: draft.chartYear, lastActualMonth: draft.lastActualMonth, sources: null }, content)));
}

/** `budget create`: drafts the region's budget from its ledger (the draft module) and keeps its own tables as a version. */
export async function createVersion(database: DatabaseHandle, actor: Actor, input: { year: number | string; region: string }): Promise<VersionView> {
  requirePermission(actor, 'budget.draft');
  return saveDraftAsVersion(database, actor, draftForVersion(await draftBudget(database, actor, input)));
}

/**
 * `budget aggregate`: a new version of the region summing the latest approved version of each region right below it
 * that holds a fund, and the region's own latest drafted version (本级), exactly; the regions still missing are named.
 */
export async function aggregateVersion(database: DatabaseHandle, actor: Actor, input: { year: number | string; region: string }): Promise<VersionView> {
  requirePermission(actor, 'budget.draft');
  const year = checkYearAndRegion(actor, input);
  return inScope(database, actor, async (tx) => {
    const included: VersionRow[] = [];
    const missing: AggregationSources['missing'] = [];
    if (await repository.holdsOwnFund(tx, input.region)) {
      const own = await repository.latestVersion(tx, input.region, year, { basis: 'model' });
      if (own) included.push(own); else missing.push({ region: input.region, name: render(say.ownLines(), 'zh-CN') });
    }
    for (const child of await repository.childrenWithFunds(tx, input.region)) {
      const approved = await repository.latestVersion(tx, child.code, year, { status: 'approved' });
      if (approved) included.push(approved); else missing.push({ region: child.code, name: child.name });
    }
    if (!included.length) throw conflict('region', say.nothingToAggregate({ region: input.region, year }));
    const contents = await contentsOf(tx, included.map((version) => version.id));
    const content = aggregateVersions(input.region, included.map((version) => contents.get(version.id)!));
    const sources: AggregationSources = {
      versions: included.map((version) => ({ id: String(version.id), region: version.region_code, number: version.number, basis: version.basis, status: version.status })),
      missing,
    };
    const chartYear = included.find((version) => version.chart_year !== null)?.chart_year ?? null;
    return versionView(tx, await insertVersion(tx, actor, { region: input.region, year, basis: 'aggregated', chartYear, lastActualMonth: null, sources }, content));
  });
}

// ——— drafting: adjusting lines and targets ———

const editable = (version: VersionRow) => {
  if (version.status !== 'drafted' && version.status !== 'returned') {
    throw conflict('version', say.notEditable({ id: String(version.id), status: statusSaid[version.status]() }));
  }
};

function checkedReason(reason: string | undefined | null): string {
  const text = reason?.trim() ?? '';
  if (text.length < 2 || text.length > 500) throw invalid('reason', say.reasonRequired());
  return text;
}

export interface LineAdjustment { versionId: bigint; fund: string; subject: string; amount: string; reason: string }

/** Sets a line of a drafted or returned version to a new amount with a reason; its line (for a 其中 row) and the table's totals follow. */
export async function adjustLine(database: DatabaseHandle, actor: Actor, input: LineAdjustment): Promise<VersionView> {
  requirePermission(actor, 'budget.draft');
  const amount = parseYuan(input.amount, 'amount');
  if (amount < 0n) throw invalid('amount', say.amountShape({ value: input.amount }));
  const reason = checkedReason(input.reason);
  return inScope(database, actor, async (tx) => {
    const version = await lockedVersion(tx, input.versionId);
    editable(version);
    const content = (await contentsOf(tx, [version.id])).get(version.id)!;
    const line = content.lines.find((candidate) => candidate.fund === input.fund && candidate.subject === input.subject);
    if (!line) throw notFound(say.lineNotFound({ id: String(version.id), fund: input.fund, subject: input.subject }));
    if (line.amount === amount) throw invalid('amount', say.unchanged({ amount: formatYuan(amount) }));
    const adjusted = adjustedLines(content.lines, line, amount);
    if (!Array.isArray(adjusted)) throw conflict('subject', adjusted);
    const changed = adjusted.filter((candidate, index) => candidate.amount !== content.lines[index].amount);
    await repository.updateLines(tx, version.id, changed.map((candidate) => ({
      fund: candidate.fund, side: candidate.side, subject: candidate.subject, amount: candidate.amount,
      ...(candidate.subject === line.subject ? { reason, adjusted_by: actor.username } : {}),
    })));
    const table = content.tables.find((candidate) => candidate.fund === line.fund)!;
    const totals = totalsOf(adjusted.filter((candidate) => candidate.fund === line.fund), table.previousAccumulatedBalance);
    await repository.updateTableTotals(tx, version.id, line.fund, {
      total_income: totals.totalIncome, total_expense: totals.totalExpense, balance: totals.balance, accumulated_balance: totals.accumulatedBalance,
    });
    await recordAudit(tx, actor, { action: 'budget.version.adjust', entityType: 'budget_version', entityId: version.id, regionCode: version.region_code,
      before: { fund: line.fund, subject: line.subject, amount: formatYuan(line.amount) }, after: { fund: line.fund, subject: line.subject, amount: formatYuan(amount), reason } });
    return versionView(tx, (await repository.versionById(tx, version.id))!);
  });
}

export interface TargetSetting { versionId: bigint; fund: string; indicator: string; value: string; reason: string }

/** Sets a fund's performance target (绩效目标) of a drafted or returned version, with a reason. */
export async function setTarget(database: DatabaseHandle, actor: Actor, input: TargetSetting): Promise<VersionView> {
  requirePermission(actor, 'budget.draft');
  if (!TARGET_VALUE.test(String(input.value).trim())) throw invalid('value', say.targetValueShape({ value: String(input.value) }));
  const reason = checkedReason(input.reason);
  return inScope(database, actor, async (tx) => {
    const version = await lockedVersion(tx, input.versionId);
    editable(version);
    const target = (await repository.targetsOf(tx, version.id)).find((candidate) => candidate.fund === input.fund && candidate.indicator === input.indicator);
    if (!target) throw notFound(say.indicatorNotFound({ fund: input.fund, indicator: input.indicator }));
    await repository.updateTarget(tx, version.id, input.fund, input.indicator, String(input.value).trim(), reason);
    await recordAudit(tx, actor, { action: 'budget.version.target', entityType: 'budget_version', entityId: version.id, regionCode: version.region_code,
      before: { fund: input.fund, indicator: input.indicator, value: target.target_value }, after: { fund: input.fund, indicator: input.indicator, value: String(input.value).trim(), reason } });
    return versionView(tx, (await repository.versionById(tx, version.id))!);
  });
}

// ——— the workflow ———

/** Refuses a version whose tables break an identity, naming each break. */
async function checkIdentities(tx: Tx, version: VersionRow) {
  const content = (await contentsOf(tx, [version.id])).get(version.id)!;
  const problems = content.tables.flatMap((table) => tableProblems(table, content.lines));
  if (problems.length) throw conflict('version', say.identitiesBroken({ problems: problems.reduce((first, next) => say.andAlso({ first, next })) }));
}

/**
 * Submits a drafted version to 复核 and 审批 (the identities checked first), or sends a returned one through every
 * level again (the engine's resubmission; the same checks run in its transaction).
 */
export async function submitVersion(database: DatabaseHandle, actor: Actor, versionId: bigint, comment?: string | null): Promise<VersionView> {
  requirePermission(actor, 'budget.draft');
  const returned = await inScope(database, actor, async (tx) => {
    const version = await repository.versionById(tx, versionId);
    if (!version) throw notFound(say.versionNotFound({ id: String(versionId) }));
    if (version.status === 'returned') return version;
    if (version.status !== 'drafted') throw conflict('version', say.notSubmittable({ id: String(version.id), status: statusSaid[version.status]() }));
    const locked = await lockedVersion(tx, versionId);
    await checkIdentities(tx, locked);
    const item = await submitForApproval(tx, actor, budgetVersionSignoff, {
      regionCode: locked.region_code, subjectKey: `budget.version:${locked.region_code}:${locked.year}`, amount: null, comment: comment ?? null,
      title: render(say.signoffTitle({ region: locked.region_code, year: locked.year, number: locked.number, basis: say[locked.basis]() }), 'zh-CN'),
      payload: { versionId: String(locked.id), region: locked.region_code, year: locked.year, number: locked.number },
    });
    await repository.updateVersion(tx, locked.id, { status: 'submitted', approval_item_id: BigInt(item.id), submissions: locked.submissions + 1 });
    await recordAudit(tx, actor, { action: 'budget.version.submit', entityType: 'budget_version', entityId: locked.id, regionCode: locked.region_code,
      after: { status: 'submitted', approvalItemId: item.id, submission: locked.submissions + 1 } });
    return null;
  });
  if (returned) await drafterAction(database, actor, returned.approval_item_id!, 'resubmit', comment);
  return inScope(database, actor, async (tx) => versionView(tx, (await repository.versionById(tx, versionId))!));
}

/** The version follows its sign-off item: returned to its drafter, resubmitted (identities checked again), withdrawn. */
async function versionFollowsItem(tx: Tx, actor: Actor, versionId: bigint, action: 'return' | 'resubmit' | 'cancel') {
  const version = await lockedVersion(tx, versionId);
  if (action === 'return') return versionStep(tx, actor, version, 'returned', 'budget.version.return');
  if (action === 'cancel') return versionStep(tx, actor, version, 'drafted', 'budget.version.withdraw');
  await checkIdentities(tx, version);
  return versionStep(tx, actor, version, 'submitted', 'budget.version.submit');
}

async function versionStep(tx: Tx, actor: Actor, version: VersionRow, status: VersionStatus, auditAction: string) {
  const submissions = version.submissions + (status === 'submitted' ? 1 : 0);
  await repository.updateVersion(tx, version.id, { status, submissions });
  await recordAudit(tx, actor, { action: auditAction, entityType: 'budget_version', entityId: version.id, regionCode: version.region_code,
    before: { status: version.status }, after: { status, submission: submissions } });
}

export interface LineComment { fund: string; subject: string; comment: string }

/**
 * A reviewer returns a submitted version to its drafter with a reason and comments per line (kept with the version,
 * naming the round). The comments are written only when the reviewer may decide the item now; the engine refuses
 * anyone else (the drafter, a signer of another level, a holder of neither level's permission) with its reason.
 */
export async function returnVersion(database: DatabaseHandle, actor: Actor, versionId: bigint, input: { reason: string; comments?: LineComment[] }): Promise<VersionView> {
  requireAnyPermission(actor, ['budget.review', 'budget.approve']);
  const version = await inScope(database, actor, async (tx) => {
    const found = await repository.versionById(tx, versionId);
    if (!found) throw notFound(say.versionNotFound({ id: String(versionId) }));
    if (found.status !== 'submitted') throw conflict('version', say.notSubmitted({ id: String(found.id), status: statusSaid[found.status]() }));
    const { lines } = (await contentsOf(tx, [found.id])).get(found.id)!;
    for (const comment of input.comments ?? []) {
      if (!lines.some((line) => line.fund === comment.fund && line.subject === comment.subject)) throw notFound(say.lineNotFound({ id: String(found.id), fund: comment.fund, subject: comment.subject }));
      if (!comment.comment?.trim()) throw invalid('comment', fieldRules.required());
      if (comment.comment.trim().length > 1000) throw invalid('comment', fieldRules.atMostCharacters({ max: 1000 }));
    }
    return { row: found, lines };
  });
  // the engine decides whether this reviewer may return it now; only a return that happened keeps its comments
  await decide(database, actor, version.row.approval_item_id!, 'return', input.reason);
  if (input.comments?.length) {
    await inScope(database, actor, (tx) => repository.insertComments(tx, input.comments!.map((comment) => ({
      version_id: version.row.id, id: newId(), fund: comment.fund, side: version.lines.find((line) => line.fund === comment.fund && line.subject === comment.subject)!.side,
      subject: comment.subject, region_code: version.row.region_code, submission: version.row.submissions, comment: comment.comment.trim(),
      commented_by: actor.username, commented_by_id: actor.userId,
    }))));
  }
  return inScope(database, actor, async (tx) => versionView(tx, (await repository.versionById(tx, versionId))!));
}

/** The final approval's effect (批复): the version approved, from now on immutable in the database. */
async function approveVersion(tx: Tx, approver: Actor, versionId: bigint) {
  const version = await lockedVersion(tx, versionId);
  if (version.status !== 'submitted') throw conflict('version', say.notSubmitted({ id: String(version.id), status: statusSaid[version.status]() }));
  await checkIdentities(tx, version);
  await repository.updateVersion(tx, version.id, { status: 'approved', approved_at: new Date(), approved_by: approver.username });
  const result = { versionId: String(version.id), region: version.region_code, year: version.year, number: version.number };
  await recordAudit(tx, approver, { action: 'budget.version.approve', entityType: 'budget_version', entityId: version.id, regionCode: version.region_code, after: result });
  return result;
}

// ——— comparing, and what execution reads ———

/** Two versions of one region and year compared line by line: the lines whose amounts differ. */
export async function diffVersions(database: DatabaseHandle, actor: Actor, fromId: bigint, toId: bigint) {
  requirePermission(actor, 'budget.read');
  return inScope(database, actor, async (tx) => {
    const [from, to] = await Promise.all([fromId, toId].map(async (id) => {
      const version = await repository.versionById(tx, id);
      if (!version) throw notFound(say.versionNotFound({ id: String(id) }));
      return version;
    }));
    if (from.region_code !== to.region_code || from.year !== to.year) throw invalid('version', say.differentBudgets({ from: String(from.id), to: String(to.id) }));
    const contents = await contentsOf(tx, [from.id, to.id]);
    const lines = versionDifferences(contents.get(from.id)!.lines, contents.get(to.id)!.lines);
    const head = (version: VersionRow) => ({ id: String(version.id), number: version.number, status: version.status, basis: version.basis });
    return {
      region: from.region_code, year: from.year, from: head(from), to: head(to),
      lines: lines.map((line) => ({
        fund: line.fund, side: line.side, subject: line.subject, name: line.name,
        from: line.from === null ? null : formatYuan(line.from), to: line.to === null ? null : formatYuan(line.to), change: formatYuan(line.change),
      })),
    };
  });
}
export type VersionDiff = Awaited<ReturnType<typeof diffVersions>>;

export interface ApprovedLine { versionId: bigint; fund: string; scheme: string; side: 'income' | 'expense'; subject: string; parentSubject: string | null; amount: bigint }

/**
 * For budget execution: the lines of the region's latest approved version of the year (with `first`, of the first one
 * approved: the budget before any adjustment), or null when none is approved.
 */
export async function approvedBudget(tx: Tx, input: { year: number; region: string; first?: boolean }): Promise<ApprovedLine[] | null> {
  const version = await repository.latestVersion(tx, input.region, input.year, { status: 'approved', earliest: input.first });
  if (!version) return null;
  const content = (await contentsOf(tx, [version.id])).get(version.id)!;
  const schemeOf = new Map(content.tables.map((table) => [table.fund, table.scheme]));
  return content.lines.map((line) => ({ versionId: version.id, fund: line.fund, scheme: schemeOf.get(line.fund)!, side: line.side, subject: line.subject, parentSubject: line.parentSubject, amount: line.amount }));
}
