/**
 * The sign-off engine (R4.5, R5.4): every decision that needs more than one person is an approval item of a kind a
 * module registers (its levels, the permission of each level, its parameters and its effect). One inbox lists what
 * the caller may decide now; every step is audited; the effect of the final approval commits in the same
 * transaction as that approval, so an approved item and its effect never exist apart.
 */
import { addWorkingDays } from '../calendar/index.ts';
import type { DatabaseHandle } from '../database.ts';
import * as repository from './signoff.repository.ts';
import type { ItemRow, StepRow } from './signoff.repository.ts';
import { inScope, scopePrefix, type Actor, type Tx } from '../actor.ts';
import { can, requirePermission, type Permission } from '../access/permissions.ts';
import { AppError, conflict, invalid, notFound } from '../errors.ts';
import { fieldRules } from '../fields.messages.ts';
import { signoffMessages as said } from './signoff.messages.ts';
import { newId } from '../ids.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { getParameters, todayInChina } from '../params/index.ts';
import { formatYuan } from '../money.ts';
import { checkedListPage, listPage, type ListAnswer, type SortKey } from '../http/lists.ts';
import {
  afterDecision, decisionProblem, drafterActionProblem, requiredLevels,
  type Decision, type ItemState, type ItemStatus, type RiskGrade, type SignoffLevel, type StepAction, type StepRecord,
} from './signoff.calc.ts';


/**
 * What an item will spend, on the budget indicator (预算指标, R7.1) of a fund's ledger expense subject
 * (`benefit_expense.basic_pension`): the fund by code, the amount in fen, the budget year it draws on.
 */
export interface BudgetDraw { fund: string; subject: string; amountFen: bigint; year: number }

/**
 * The budget control the execution module registers: checks the draws against the indicators in the final approval's
 * transaction; a draw the rules block throws (the approval rolls back), a warning is returned and kept on the item's
 * result as `budgetWarnings`. The engine knows no budget: without a registered control, or a kind without draws,
 * nothing is checked.
 */
export type BudgetControl = (tx: Tx, actor: Actor, item: { id: bigint; kind: string; regionCode: string }, draws: BudgetDraw[]) => Promise<Record<string, unknown>[]>;

/** What a module declares for one kind of item. */
export interface SignoffKind<Payload = any> {
  kind: string;
  /** 中文 label first: it is what the inbox shows. */
  label: string;
  /** Parameter folder: `<parameters>.risk`, `.all_levels_from`, `.deadline_working_days`. */
  parameters: string;
  /** The permission to submit an item of this kind (经办). */
  requestPermission: Permission;
  /** The decision levels after submission, in order (复核 → 审批 …). */
  levels: SignoffLevel[];
  /** The actor the decision and its effect run as: the approver, widened when the effect books across pools. */
  decisionActor?: (approver: Actor) => Actor;
  /** Runs in the final approval's transaction; what it returns is kept on the item (e.g. the posted entry). */
  effect: (tx: Tx, approver: Actor, item: { id: bigint; payload: Payload; submittedBy: string; submittedById: bigint | null; regionCode: string }) => Promise<Record<string, unknown>>;
  /**
   * Runs in the transaction of a return, of the drafter's resubmission or cancellation, so that a subject keeping a
   * status of its own follows its item (a returned budget version goes back to its drafter); a throw refuses the step.
   */
  onStep?: (tx: Tx, actor: Actor, item: { id: bigint; payload: Payload; regionCode: string }, action: 'return' | 'resubmit' | 'cancel') => Promise<void>;
  /** The web page of the item's subject, for links from the inbox. */
  subjectLink?: (payload: Payload) => string | null;
  /** A kind that spends money: what the item will spend, checked by the budget control before the effect. */
  budgetDraws?: (tx: Tx, item: { id: bigint; payload: Payload; regionCode: string }) => Promise<BudgetDraw[]>;
  /**
   * What this kind's signed-off items not yet paid still spend, per fund and ledger subject (the indicators'
   * committed figure), for the funds given; `year` is the year the money will be paid in.
   */
  budgetCommitments?: (tx: Tx, funds: string[]) => Promise<BudgetDraw[]>;
}

const kinds = new Map<string, SignoffKind>();

/** Modules register their kinds once, from their index.ts. */
export function registerSignoffKind<P>(kind: SignoffKind<P>): SignoffKind<P> {
  const existing = kinds.get(kind.kind);
  if (existing && existing !== kind) throw new Error(`sign-off kind ${kind.kind} registered twice`);
  kinds.set(kind.kind, kind as SignoffKind);
  return kind;
}

export function signoffKinds(): SignoffKind[] { return [...kinds.values()]; }

let budgetControl: BudgetControl | null = null;

/** The execution module registers the one budget control, once, from its index.ts. */
export function registerBudgetControl(control: BudgetControl) {
  if (budgetControl && budgetControl !== control) throw new Error('a budget control is registered already');
  budgetControl = control;
}

function kindOf(name: string): SignoffKind {
  const kind = kinds.get(name);
  if (!kind) throw new Error(`unknown sign-off kind ${name} (is its module loaded?)`);
  return kind;
}

export interface SubmitInput<P> {
  regionCode: string;
  title: string;
  /** One open item per subject: a second submission while the first waits is a 409. */
  subjectKey: string;
  /** fen; compared with the kind's threshold to choose the levels. */
  amount?: bigint | null;
  payload: P;
  comment?: string | null;
}

/** Submits an item in the caller's transaction (with whatever it checked or wrote): the 经办 step. */
export async function submitForApproval<P>(tx: Tx, actor: Actor, kind: SignoffKind<P>, input: SubmitInput<P>) {
  requirePermission(actor, kind.requestPermission);
  const today = todayInChina();
  const parameters = getParameters();
  const risk = parameters.lookup(`${kind.parameters}.risk`, today, input.regionCode);
  const threshold = parameters.lookup(`${kind.parameters}.all_levels_from`, today, input.regionCode);
  const deadline = parameters.lookup(`${kind.parameters}.deadline_working_days`, today, input.regionCode);
  const amount = input.amount ?? null;
  const levels = requiredLevels(kind.levels, risk.value as RiskGrade, amount, threshold.value as bigint);
  const refs = Object.fromEntries([risk, threshold, deadline].map((p) => [p.path, { since: p.since, reference: p.reference }]));
  const [open] = await repository.openItemsOfSubjects(tx, [input.subjectKey]);
  if (open) throw conflict('subjectKey', said.alreadyWaiting({ kind: kind.label, id: open.id, submittedBy: open.submitted_by }));
  const id = newId();
  await repository.insertItem(tx, {
    id, kind: kind.kind, region_code: input.regionCode, title: input.title, subject_key: input.subjectKey, amount, risk: risk.value as RiskGrade,
    levels: JSON.stringify(levels) as never, parameter_refs: JSON.stringify(refs), payload: JSON.stringify(input.payload, bigintAsText),
    submitted_by_id: actor.userId, submitted_by: actor.username, deadline_on: addWorkingDays(today, deadline.value as number),
  });
  await appendStep(tx, actor, { id, region_code: input.regionCode }, 'submit', null, input.comment ?? null);
  await recordAudit(tx, actor, { action: 'signoff.submit', entityType: 'approval_item', entityId: id, regionCode: input.regionCode,
    after: { kind: kind.kind, title: input.title, amount: amount === null ? null : formatYuan(amount), levels: levels.map((l) => l.label), comment: input.comment ?? null } });
  return itemView(await loadItem(tx, id, false), await loadSteps(tx, id), actor);
}

const bigintAsText = (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value);

function appendStep(tx: Tx, actor: Actor, item: { id: bigint; region_code: string }, action: StepAction, level: SignoffLevel & { index: number } | null, comment: string | null) {
  return repository.appendStep(tx, {
    item_id: item.id, region_code: item.region_code, action, level: level?.index ?? null, level_name: level?.name ?? null,
    user_id: actor.userId, username: actor.username, role: actor.role, comment,
  });
}

async function loadItem(tx: Tx, id: bigint, forUpdate: boolean): Promise<ItemRow> {
  const row = await repository.findItem(tx, id, forUpdate);
  if (!row) throw notFound(said.approvalItem({ id }));
  return row;
}

const loadSteps = (tx: Tx, id: bigint) => repository.stepsOfItems(tx, [id]);

function stateOf(row: ItemRow, steps: StepRow[]): ItemState {
  return {
    status: row.status, nextLevel: row.next_level, levels: row.levels, submittedById: row.submitted_by_id, submittedBy: row.submitted_by,
    steps: steps.map((s): StepRecord => ({ action: s.action, level: s.level, userId: s.user_id, username: s.username })),
  };
}

const decider = (actor: Actor) => ({ userId: actor.userId, username: actor.username, holds: (permission: Permission) => can(actor, permission) });

function daysBetween(from: string, to: string) {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function itemView(row: ItemRow, steps: StepRow[], viewer: Actor) {
  const state = stateOf(row, steps);
  const kind = kinds.get(row.kind);
  const today = todayInChina();
  const submittedOn = todayInChina(row.submitted_at);
  const drafter = isDrafter(viewer, row);
  return {
    id: row.id.toString(), kind: row.kind, kindLabel: kind?.label ?? row.kind, title: row.title, regionCode: row.region_code,
    amount: row.amount === null ? null : formatYuan(row.amount), risk: row.risk, status: row.status,
    levels: row.levels.map((level, index) => ({ ...level, index, signed: index < row.next_level && row.status !== 'returned' })),
    nextLevel: row.status === 'pending' ? { index: row.next_level, ...row.levels[row.next_level] } : null,
    submittedBy: row.submitted_by, submittedAt: row.submitted_at.toISOString(), deadlineOn: row.deadline_on,
    ageDays: daysBetween(submittedOn, row.decided_at ? todayInChina(row.decided_at) : today),
    overdue: (row.status === 'pending' || row.status === 'returned') && today > row.deadline_on,
    decidedAt: row.decided_at?.toISOString() ?? null, payload: row.payload, result: row.result, parameterRefs: row.parameter_refs,
    subjectLink: kind?.subjectLink?.(row.payload) ?? null,
    canDecide: decisionProblem(state, decider(viewer)) === null,
    canResubmit: drafter && drafterActionProblem(state, viewer, 'resubmit') === null,
    canCancel: drafter && drafterActionProblem(state, viewer, 'cancel') === null,
    timeline: steps.map((s) => ({
      seq: s.seq, action: s.action, level: s.level, levelLabel: s.level === null ? null : row.levels[s.level]?.label ?? s.level_name,
      userId: s.user_id?.toString() ?? null, username: s.username, role: s.role, comment: s.comment, at: s.at.toISOString(),
    })),
  };
}
export type ApprovalItemView = ReturnType<typeof itemView>;

/** Staff with the inbox permission see items in scope; anyone else only the items they submitted. */
function mayView(actor: Actor, row: ItemRow) {
  if (!row.region_code.startsWith(scopePrefix(actor.regionCode))) return false;
  return can(actor, 'approvals.read') || isDrafter(actor, row);
}

/** The drafter by user id; a system actor (no user id) by its name. */
function isDrafter(actor: Actor, row: ItemRow) {
  return row.submitted_by_id !== null ? row.submitted_by_id === actor.userId : actor.userId === null && row.submitted_by === actor.username;
}

export async function getApproval(database: DatabaseHandle, actor: Actor, id: bigint) {
  return inScope(database, actor, async (tx) => {
    const row = await loadItem(tx, id, false);
    if (!mayView(actor, row)) throw notFound(said.approvalItem({ id }));
    return itemView(row, await loadSteps(tx, id), actor);
  });
}

export interface ApprovalQuery { status?: ItemStatus | ItemStatus[]; kind?: string; fund?: string; mine?: boolean; limit?: number; after?: string; offset?: number }

/**
 * The inbox. `status=pending` lists the items the caller may decide now (their level's permission, not drafted or
 * signed by them); `mine` lists what the caller submitted; otherwise every item in scope with that status. What
 * waits is served oldest first (first in, first out); what is done, newest first.
 */
export async function listApprovals(database: DatabaseHandle, actor: Actor, query: ApprovalQuery): Promise<ListAnswer<ApprovalItemView>> {
  return inScope(database, actor, (tx) => approvalsPage(tx, actor, query));
}

function approvalsPage(tx: Tx, actor: Actor, query: ApprovalQuery): Promise<ListAnswer<ApprovalItemView>> {
  const request = { limit: query.limit ?? 50, after: query.after, offset: query.offset };
  const statuses = query.status === undefined ? [] : [query.status].flat();
  const submittedById = query.mine || !can(actor, 'approvals.read') ? actor.userId ?? -1n : undefined;
  const direction = statuses.length > 0 && statuses.every((s) => s === 'pending' || s === 'returned') ? 'asc' : 'desc';
  const order: SortKey[] = [{ by: 'submitted_at', direction }, { by: 'id', direction }];
  const items = repository.itemsQuery(tx, { statuses, kind: query.kind, fund: query.fund, submittedById });
  const views = async (rows: ItemRow[]) => {
    const steps = await repository.stepsOfItems(tx, rows.map((r) => r.id));
    return rows.map((row) => itemView(row, steps.filter((s) => s.item_id === row.id), actor));
  };
  // Pending items in a scope are few (the inbox of an agency); each is checked with the same rule as a decision.
  const decidable = statuses.length === 1 && statuses[0] === 'pending' && !query.mine && actor.userId !== null;
  return decidable ? checkedListPage(items, order, request, views, (view) => view.canDecide) : listPage(tx, items, order, request, views);
}

/** Counts for the header badge: what waits for the caller's decision, and what was returned to them. */
export async function approvalCounts(database: DatabaseHandle, actor: Actor) {
  return inScope(database, actor, async (tx) => ({
    toDecide: can(actor, 'approvals.read') ? (await approvalsPage(tx, actor, { status: 'pending', limit: 1 })).total : 0,
    returnedToMe: (await approvalsPage(tx, actor, { status: 'returned', mine: true, limit: 1 })).total,
  }));
}

/**
 * Approve (signs the next level; the last level runs the kind's effect in this transaction) or return to the
 * drafter with a reason. Before the effect, the budget control checks what the item will spend (a block refuses the
 * approval, a warning is kept on the result). A failed check or effect rolls the approval back: the item waits at the
 * same level.
 */
export async function decide(database: DatabaseHandle, actor: Actor, id: bigint, decision: Decision, comment: string | null | undefined) {
  const note = comment?.trim() || null;
  if (decision === 'return' && !note) throw invalid('comment', said.returnNeedsReason());
  if (note && note.length > 1000) throw invalid('comment', fieldRules.atMostCharacters({ max: 1000 }));
  const visible = await inScope(database, actor, (tx) => loadItem(tx, id, false));
  if (!mayView(actor, visible)) throw notFound(said.approvalItem({ id }));
  const kind = kindOf(visible.kind);
  const acting = kind.decisionActor?.(actor) ?? actor;
  return inScope(database, acting, async (tx) => {
    const row = await loadItem(tx, id, true);
    const steps = await loadSteps(tx, id);
    const problem = decisionProblem(stateOf(row, steps), decider(actor));
    if (problem) throw new AppError(problem.status, problem.status === 403 ? 'separation_of_duties' : 'conflict', problem.message);
    const level = { ...row.levels[row.next_level], index: row.next_level };
    const next = afterDecision(stateOf(row, steps), decision);
    await appendStep(tx, acting, row, decision, decision === 'approve' ? level : null, note);
    let result: Record<string, unknown> | null = null;
    if (decision === 'return') await kind.onStep?.(tx, acting, { id: row.id, payload: row.payload, regionCode: row.region_code }, 'return');
    if (next.final) {
      const draws = budgetControl && kind.budgetDraws ? await kind.budgetDraws(tx, { id: row.id, payload: row.payload, regionCode: row.region_code }) : [];
      const budgetWarnings = draws.length ? await budgetControl!(tx, acting, { id: row.id, kind: row.kind, regionCode: row.region_code }, draws) : [];
      result = await kind.effect(tx, acting, { id: row.id, payload: row.payload, submittedBy: row.submitted_by, submittedById: row.submitted_by_id, regionCode: row.region_code });
      if (budgetWarnings.length) result = { ...result, budgetWarnings };
    }
    await repository.updateItem(tx, id, {
      status: next.status, next_level: next.nextLevel,
      ...(next.final ? { decided_at: new Date(), result: JSON.stringify(result, bigintAsText) } : {}),
    });
    await recordAudit(tx, acting, { action: `signoff.${decision}`, entityType: 'approval_item', entityId: id, regionCode: row.region_code,
      before: { status: row.status, level: level.label }, after: { kind: row.kind, status: next.status, comment: note, ...(result ? { result } : {}) } });
    return itemView(await loadItem(tx, id, false), await loadSteps(tx, id), actor);
  });
}

/** The drafter sends a returned item through every level again, or withdraws it. */
export async function drafterAction(database: DatabaseHandle, actor: Actor, id: bigint, action: 'resubmit' | 'cancel', comment: string | null | undefined) {
  const note = comment?.trim() || null;
  if (action === 'cancel' && !note) throw invalid('comment', said.cancelNeedsReason());
  return inScope(database, actor, async (tx) => {
    const row = await loadItem(tx, id, true);
    if (!mayView(actor, row)) throw notFound(said.approvalItem({ id }));
    const steps = await loadSteps(tx, id);
    const problem = drafterActionProblem(stateOf(row, steps), actor, action);
    if (problem) throw new AppError(row.submitted_by_id === actor.userId ? 409 : 403, row.submitted_by_id === actor.userId ? 'conflict' : 'forbidden', problem);
    await appendStep(tx, actor, row, action, null, note);
    await kinds.get(row.kind)?.onStep?.(tx, actor, { id: row.id, payload: row.payload, regionCode: row.region_code }, action);
    await repository.updateItem(tx, id, action === 'resubmit' ? { status: 'pending', next_level: 0 } : { status: 'cancelled', decided_at: new Date() });
    await recordAudit(tx, actor, { action: `signoff.${action}`, entityType: 'approval_item', entityId: id, regionCode: row.region_code,
      before: { status: row.status }, after: { kind: row.kind, status: action === 'resubmit' ? 'pending' : 'cancelled', comment: note } });
    return itemView(await loadItem(tx, id, false), await loadSteps(tx, id), actor);
  });
}

/** The open (pending or returned) items of these subjects, e.g. to show "冲正审核中" beside a payment. */
export const openItemsOfSubjects = repository.openItemsOfSubjects;
/** The open items of a kind whose subject key starts with a prefix (e.g. the reopen requests of one fund). */
export const openItemsOfKind = repository.openItemsOfKind;
