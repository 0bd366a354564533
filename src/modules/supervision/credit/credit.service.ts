/**
 * Credit grades (信用等级) and the blacklist (严重失信人名单) of employers (credit code), medical institutions (code) and
 * persons (ID number), issue 15 R9.4.
 *
 * Grading: a run grades every subject supervision knows in the actor's scope from its record — cases concluded with
 * an established violation in the look-back years (supervision.credit.lookback_years) and their amounts to recover,
 * open findings, money still outstanding, a listing in force — by the dated scheme (supervision.credit.grades and
 * .grade_thresholds, regional overrides allowed; credit.calc.ts). One query reads the facts of all subjects, one
 * statement writes the history of the grades that changed (a row only on a change, with its reasons), one the current
 * grades. A subject supervision has no record of is not graded: it has the best grade by default.
 * A case concluded 违规成立 counts whether or not a 罚款 was decided with it (cases.service.ts): the grades read the
 * violation, not the fine.
 *
 * Blacklist: 人社部《社会保险领域严重失信人名单管理暂行办法》(人社部规〔2019〕2号) — a subject is listed after the notice
 * of the intended listing is served (告知, its date recorded) and only when it meets the rule
 * (supervision.credit.blacklist_rule: repeat offender or one large case); the listing is a decision signed by 复核 and
 * 审批 (sign-off kind supervision.blacklist, params/signoff/supervision_blacklist, high risk) and lasts the term
 * (supervision.credit.blacklist_term_years, three years) from its approval: past it the subject is off the list by the
 * dates, no job. An early removal (信用修复) is signed off the same way, with its reason. 医疗保障基金使用监督管理条例
 * (2021) 第十六条、第三十八条至第四十一条 (信用管理, 失信惩戒) [check]; 社会保险经办条例 (2023) [check: article].
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, scopePrefix, type Actor, type Tx } from '../../../platform/actor.ts';
import { can, requirePermission } from '../../../platform/access/permissions.ts';
import { conflict, invalid, invalidFields, notFound } from '../../../platform/errors.ts';
import { fieldRules } from '../../../platform/fields.messages.ts';
import { newId } from '../../../platform/ids.ts';
import { render, type Said } from '../../../platform/messages.ts';
import { formatYuan } from '../../../platform/money.ts';
import { checkDate } from '../../../platform/dates.ts';
import { getParameters, parameterVersion, todayInChina } from '../../../platform/params/index.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { listPage, type ListAnswer, type ListRequest, type SortKey } from '../../../platform/http/lists.ts';
import { maskIdNumbersIn } from '../../../platform/personal-data.ts';
import { registerSignoffKind, submitForApproval } from '../../../platform/signoff/index.ts';
import { subjectKinds, type SubjectKind } from '../cases/cases.statuses.ts';
import { subjectKindOfRule } from '../cases/cases.service.ts';
import { creditSaid as said } from './credit.messages.ts';
import { blacklistGrounds, gradeOf, listingInForce, listingUntil, readBlacklistRule, readGradingScheme, yearsBefore, type CreditFacts, type Grade, type GradeReason } from './credit.calc.ts';
import type { ListingStatus } from './credit.statuses.ts';
import * as repository from './credit.repository.ts';

/** The grading scheme in force on the day for the region (its override, else the national one). */
export function gradingScheme(day: string, regionCode: string | null): Grade[] {
  const store = getParameters();
  return readGradingScheme(store.table('supervision.credit.grades', day, regionCode), store.table('supervision.credit.grade_thresholds', day, regionCode));
}

/** The facts as stored with a grade and shown (money in yuan). */
export interface FactsView { concludedCases: number; concludedAmount: string; openFindings: number; outstanding: string; listed: boolean }

const factsJson = (facts: CreditFacts): FactsView => ({
  concludedCases: facts.concludedCases, concludedAmount: formatYuan(facts.concludedAmount), openFindings: facts.openFindings, outstanding: formatYuan(facts.outstanding),
  listed: facts.listed,
});

/**
 * 信用等级评定: grades every subject in the actor's scope (see above) and records the run; answers how many subjects
 * were graded, how many changed grade, and the count per kind and grade.
 */
export async function runGrading(database: DatabaseHandle, actor: Actor) {
  requirePermission(actor, 'supervision.run');
  const asOf = todayInChina();
  const store = getParameters();
  const lookbackYears = store.integer('supervision.credit.lookback_years', asOf, actor.regionCode);
  const scheme = gradingScheme(asOf, actor.regionCode);
  const since = yearsBefore(asOf, lookbackYears);
  const rules = Object.keys(subjectKindOfRule);
  return inScope(database, actor, async (tx) => {
    const rows = await repository.subjectFacts(tx, { since, today: asOf, rules, kinds: rules.map((rule) => subjectKindOfRule[rule]) });
    const graded = rows.map((row) => {
      const facts: CreditFacts = {
        concludedCases: row.concluded_cases, concludedAmount: BigInt(row.concluded_amount), openFindings: row.open_findings, outstanding: BigInt(row.outstanding), listed: row.listed,
      };
      const { grade, reasons } = gradeOf(scheme, facts);
      return {
        id: newId(), subject_kind: row.subject_kind, subject: row.subject, region_code: row.region_code, grade, previous_grade: row.current_grade,
        facts: JSON.stringify(factsJson(facts)), reasons: JSON.stringify(reasons),
      };
    });
    const changed = graded.filter((row) => row.grade !== row.previous_grade);
    const runId = newId();
    const parameters = { lookbackYears, since, grades: scheme.map((g) => ({ grade: g.grade, label: g.label, thresholds: g.thresholds })) };
    await repository.insertRun(tx, {
      id: runId, region_code: scopePrefix(actor.regionCode), as_of: asOf, parameters: JSON.stringify(parameters), subjects: graded.length, changed: changed.length, run_by: actor.username,
    });
    await repository.insertGradeHistory(tx, runId, asOf, changed);
    await repository.upsertGrades(tx, runId, asOf, graded);
    await recordAudit(tx, actor, { action: 'supervision.credit.run', entityType: 'supervision_credit_run', entityId: runId, regionCode: actor.regionCode,
      after: { asOf, subjects: graded.length, changed: changed.length, parameters } });
    return { runId: String(runId), asOf, subjects: graded.length, changed: changed.length, counts: await countsOf(tx, scheme) };
  });
}

async function countsOf(tx: Tx, scheme: Grade[]) {
  const labels = new Map(scheme.map((g) => [g.grade, g.label]));
  const place = (grade: string) => scheme.findIndex((g) => g.grade === grade);
  return (await repository.gradeCounts(tx)).sort((a, b) => a.subject_kind.localeCompare(b.subject_kind) || place(a.grade) - place(b.grade)).map((row) => ({ subjectKind: row.subject_kind, grade: row.grade, gradeLabel: labels.get(row.grade) ?? row.grade, subjects: row.subjects }));
}

const mask = (actor: Actor) => (can(actor, 'personal.full.read') ? (text: string) => text : maskIdNumbersIn);

export interface CreditGradeView {
  subjectKind: SubjectKind; subject: string; regionCode: string; grade: string; gradeLabel: string; facts: FactsView; reasons: GradeReason[]; gradedOn: string;
}

/** Worst grade first by the grade's place in the scheme (a grade no longer in it last), then by kind and code. */
const worstFirst = (scheme: Grade[]): SortKey[] => [
  { by: repository.gradePlace(scheme.map((g) => g.grade)), direction: 'desc' }, { by: 'subject_kind', direction: 'asc' }, { by: 'subject', direction: 'asc' },
];

/** The graded subjects in scope, worst grade first, with the count per kind and grade (in the scheme's order); ID numbers masked without personal.full.read. */
export async function listGrades(database: DatabaseHandle, actor: Actor, filter: { subjectKind?: SubjectKind; grade?: string }, request: ListRequest) {
  requirePermission(actor, 'supervision.read');
  const scheme = gradingScheme(todayInChina(), actor.regionCode);
  const labels = new Map(scheme.map((g) => [g.grade, g.label]));
  const shown = mask(actor);
  return inScope(database, actor, async (tx) => {
    const page: ListAnswer<CreditGradeView> = await listPage(tx, repository.gradesQuery(tx, filter), worstFirst(scheme), request, (rows) => rows.map((row) => ({
      subjectKind: row.subject_kind, subject: shown(row.subject), regionCode: row.region_code, grade: row.grade, gradeLabel: labels.get(row.grade) ?? row.grade,
      facts: row.facts as FactsView, reasons: row.reasons as GradeReason[], gradedOn: row.graded_on,
    })));
    return { ...page, counts: await countsOf(tx, scheme) };
  });
}

export interface InspectionPlanItem {
  subjectKind: SubjectKind; subject: string; regionCode: string; grade: string; gradeLabel: string; intervalMonths: number; lastInspected: string | null;
  dueOn: string; overdue: boolean;
}

/**
 * 检查计划: the graded subjects in scope by the day they are due for inspection (supervision.credit.inspection_interval_months:
 * the lower the grade, the sooner — 医疗保障基金使用监督管理条例 第十六条 ties inspections to the credit evaluation),
 * earliest first; `due` keeps those due by today. Inspected means a case opened about the subject.
 */
export async function inspectionPlan(database: DatabaseHandle, actor: Actor, filter: { subjectKind?: SubjectKind; due?: boolean }, request: ListRequest) {
  requirePermission(actor, 'supervision.read');
  const today = todayInChina();
  const found = getParameters().lookup('supervision.credit.inspection_interval_months', today, actor.regionCode);
  const intervals = found.value as unknown as Record<string, number>; // a table of integers (params.loader)
  const labels = new Map(gradingScheme(today, actor.regionCode).map((g) => [g.grade, g.label]));
  const shown = mask(actor);
  return inScope(database, actor, async (tx) => {
    const page: ListAnswer<InspectionPlanItem> = await listPage(tx, repository.inspectionPlanQuery(tx, intervals, { subjectKind: filter.subjectKind, dueBy: filter.due ? today : undefined }),
      [{ by: repository.inspectionDueOn, direction: 'asc' }, { by: 'p.subject_kind', direction: 'asc' }, { by: 'p.subject', direction: 'asc' }], request,
      (rows) => rows.map((row) => ({
        subjectKind: row.subject_kind, subject: shown(row.subject), regionCode: row.region_code, grade: row.grade, gradeLabel: labels.get(row.grade) ?? row.grade,
        intervalMonths: row.interval_months, lastInspected: row.last_inspected, dueOn: row.due_on, overdue: row.due_on <= today,
      })));
    return { ...page, asOf: today, parameter: parameterVersion(found) };
  });
}

export const checkSubjectKind = (kind: string | undefined): SubjectKind | undefined => {
  if (kind === undefined) return undefined;
  if (!(subjectKinds as readonly string[]).includes(kind)) throw invalid('subjectType', fieldRules.oneOf({ values: subjectKinds.join(', ') }));
  return kind as SubjectKind;
};

const SUBJECT = /^[0-9A-Za-z]{1,40}$/;
function checkSubject(subject: string | undefined): string {
  const code = subject?.trim().toUpperCase() ?? '';
  if (!SUBJECT.test(code)) throw invalid('subject', said.subjectShape());
  return code;
}

/** The kind of a code given without one: the one kind supervision knows it by; none → 404, several → name the type. */
async function subjectKindOf(tx: Tx, subject: string, given: SubjectKind | undefined): Promise<SubjectKind> {
  if (given) return given;
  const kinds = await repository.kindsOfSubject(tx, subject);
  if (kinds.length === 0) throw notFound(said.subjectUnknown());
  if (kinds.length > 1) throw invalid('subjectType', said.subjectKindAmbiguous({ subject: maskIdNumbersIn(subject), kinds: kinds.join(', ') }));
  return kinds[0];
}

const statusSaid: Record<ListingStatus | 'expired', () => Said> = {
  proposed: said.statusProposed, listed: said.statusListed, expired: said.statusExpired, removed: said.statusRemoved, rejected: said.statusRejected,
};

/** A listing's status as the list shows it: `expired` once a listing's term has passed (by its dates). */
const shownStatus = (row: { status: ListingStatus; listed_on: string | null; listed_until: string | null }, today: string): ListingStatus | 'expired' =>
  row.status === 'listed' && !listingInForce({ status: row.status, listedOn: row.listed_on, listedUntil: row.listed_until }, today) && row.listed_until !== null && row.listed_until <= today
    ? 'expired' : row.status;

function listingView(row: repository.ListingRow, today: string, shown: (text: string) => string) {
  const status = shownStatus(row, today);
  return {
    id: String(row.id), subjectKind: row.subject_kind, subject: shown(row.subject), regionCode: row.region_code, reason: row.reason, notifiedOn: row.notified_on,
    status, statusLabel: render(statusSaid[status](), 'zh-CN'),
    inForce: listingInForce({ status: row.status, listedOn: row.listed_on, listedUntil: row.listed_until }, today),
    listingItemId: String(row.listing_item_id), listedOn: row.listed_on, listedUntil: row.listed_until,
    removalItemId: row.removal_item_id === null ? null : String(row.removal_item_id), removalReason: row.removal_reason, removedOn: row.removed_on,
    proposedBy: row.proposed_by, proposedAt: row.proposed_at.toISOString(),
  };
}
export type ListingView = ReturnType<typeof listingView>;

/** Whether the subject may be proposed for the blacklist today, by the rule in force for its region. */
async function eligibility(tx: Tx, subjectKind: SubjectKind, subject: string, regionCode: string | null) {
  const today = todayInChina();
  const rule = readBlacklistRule(getParameters().table('supervision.credit.blacklist_rule', today, regionCode));
  const cases = await repository.establishedCases(tx, subjectKind, subject, yearsBefore(today, rule.withinYears));
  const largest = BigInt(cases.largest_case);
  return { rule, cases: cases.cases, largestCase: largest, regionCode: cases.region_code, grounds: blacklistGrounds(rule, { cases: cases.cases, largestCase: largest }) };
}

/** A subject's credit: its current grade with the facts and reasons, the grade history, its listings and whether it may be proposed. */
export async function getSubjectCredit(database: DatabaseHandle, actor: Actor, input: { subjectKind?: string; subject: string }) {
  requirePermission(actor, 'supervision.read');
  const given = checkSubjectKind(input.subjectKind);
  const subject = checkSubject(input.subject);
  const today = todayInChina();
  const scheme = gradingScheme(today, actor.regionCode);
  const labels = new Map(scheme.map((g) => [g.grade, g.label]));
  const shown = mask(actor);
  return inScope(database, actor, async (tx) => {
    const subjectKind = await subjectKindOf(tx, subject, given);
    const current = await repository.gradeOfSubject(tx, subjectKind, subject);
    const listings = (await repository.listingsOfSubject(tx, subjectKind, subject)).map((row) => listingView(row, today, shown));
    const eligible = await eligibility(tx, subjectKind, subject, actor.regionCode);
    const inForce = listings.find((l) => l.inForce) ?? null;
    return {
      subjectKind, subject: shown(subject),
      grade: current?.grade ?? scheme[0].grade, gradeLabel: labels.get(current?.grade ?? scheme[0].grade) ?? '', graded: current !== undefined,
      facts: (current?.facts ?? null) as FactsView | null, reasons: (current?.reasons ?? []) as GradeReason[], gradedOn: current?.graded_on ?? null,
      listed: inForce !== null, listedUntil: inForce?.listedUntil ?? null,
      blacklistGrounds: eligible.grounds, establishedCases: eligible.cases, largestCase: formatYuan(eligible.largestCase),
      history: (await repository.historyOfSubject(tx, subjectKind, subject)).map((row) => ({
        grade: row.grade, gradeLabel: labels.get(row.grade) ?? row.grade, previousGrade: row.previous_grade, facts: row.facts as FactsView, reasons: row.reasons as GradeReason[],
        runId: String(row.run_id), gradedOn: row.graded_on,
      })),
      listings,
    };
  });
}
export type SubjectCreditView = Awaited<ReturnType<typeof getSubjectCredit>>;

/** A subject's credit as a finding or a case shows it: its grade (null when not graded), listed, and watched — the worst grade or listed. */
export interface SubjectCredit { grade: string | null; gradeLabel: string | null; listed: boolean; watched: boolean }

/**
 * The current grade and blacklist status of the subjects findings or cases name (by code, whatever the kind), in the
 * scope of the transaction: for the findings' list, the detection run's flags and the case page. A subject not graded
 * and not listed is absent.
 */
export async function creditOfSubjects(tx: Tx, subjects: string[], regionCode: string | null): Promise<Map<string, SubjectCredit>> {
  const unique = [...new Set(subjects)];
  const today = todayInChina();
  const scheme = gradingScheme(today, regionCode);
  const worst = scheme[scheme.length - 1].grade;
  const labels = new Map(scheme.map((g) => [g.grade, g.label]));
  const [grades, listed] = [await repository.gradesOfSubjects(tx, unique), await repository.listedSubjects(tx, unique, today)];
  const listedCodes = new Set(listed.map((row) => row.subject));
  const result = new Map<string, SubjectCredit>();
  for (const subject of unique) {
    const grade = grades.find((row) => row.subject === subject)?.grade ?? null;
    const isListed = listedCodes.has(subject);
    if (grade === null && !isListed) continue;
    result.set(subject, { grade, gradeLabel: grade === null ? null : labels.get(grade) ?? grade, listed: isListed, watched: isListed || grade === worst });
  }
  return result;
}

type BlacklistPayload =
  | { action: 'list'; listingId: string; subject: string }
  | { action: 'remove'; listingId: string; subject: string; reason: string };

/** 严重失信人名单列入与移出: a listing and an early removal, each signed by 复核 and 审批. */
export const supervisionBlacklistSignoff = registerSignoffKind<BlacklistPayload>({
  kind: 'supervision.blacklist',
  label: '严重失信人名单列入与移出',
  parameters: 'signoff.supervision_blacklist',
  requestPermission: 'supervision.case',
  levels: [
    { name: 'review', label: '复核', permission: 'supervision.case.review' },
    { name: 'approve', label: '审批', permission: 'supervision.case.approve' },
  ],
  effect: (tx, approver, item) => item.payload.action === 'list' ? approveListing(tx, approver, item.id, item.payload) : approveRemoval(tx, approver, item.id, item.payload),
  onStep: async (tx, actor, item, action) => {
    if (action === 'cancel') await cancel(tx, actor, item.id, item.payload);
  },
  subjectLink: () => '/supervision/credit',
});

const step = (tx: Tx, actor: Actor, row: { id: bigint; region_code: string }, name: string, note: string | null, approvalItemId: bigint | null = null) =>
  repository.insertStep(tx, { id: newId(), listing_id: row.id, region_code: row.region_code, step: name, username: actor.username, note, approval_item_id: approvalItemId });

async function approveListing(tx: Tx, approver: Actor, itemId: bigint, payload: { listingId: string }) {
  const row = (await repository.findListing(tx, BigInt(payload.listingId), true))!;
  const listedOn = todayInChina();
  const listedUntil = listingUntil(listedOn, getParameters().integer('supervision.credit.blacklist_term_years', listedOn, row.region_code));
  await repository.updateListing(tx, row.id, { status: 'listed', listed_on: listedOn, listed_until: listedUntil });
  await step(tx, approver, row, 'listed', `${listedOn} – ${listedUntil}`, itemId);
  await recordAudit(tx, approver, { action: 'supervision.blacklist.list', entityType: 'supervision_blacklist', entityId: row.id, regionCode: row.region_code,
    after: { subjectKind: row.subject_kind, subject: row.subject, listedOn, listedUntil, approvalItem: itemId.toString() } });
  return { listing: String(row.id), status: 'listed', listedOn, listedUntil };
}

async function approveRemoval(tx: Tx, approver: Actor, itemId: bigint, payload: { listingId: string; reason: string }) {
  const row = (await repository.findListing(tx, BigInt(payload.listingId), true))!;
  const removedOn = todayInChina();
  await repository.updateListing(tx, row.id, { status: 'removed', removed_on: removedOn });
  await step(tx, approver, row, 'removed', payload.reason, itemId);
  await recordAudit(tx, approver, { action: 'supervision.blacklist.remove', entityType: 'supervision_blacklist', entityId: row.id, regionCode: row.region_code,
    after: { subjectKind: row.subject_kind, subject: row.subject, removedOn, reason: payload.reason, approvalItem: itemId.toString() } });
  return { listing: String(row.id), status: 'removed', removedOn };
}

/** The drafter cancels before the approval: a proposed listing is not listed; a removal is dropped (the listing stays). */
async function cancel(tx: Tx, actor: Actor, itemId: bigint, payload: BlacklistPayload) {
  const row = (await repository.findListing(tx, BigInt(payload.listingId), true))!;
  if (payload.action === 'remove') {
    await repository.updateListing(tx, row.id, { removal_item_id: null, removal_reason: null });
    await step(tx, actor, row, 'removal_cancelled', null, itemId);
    return;
  }
  await repository.updateListing(tx, row.id, { status: 'rejected' });
  await step(tx, actor, row, 'cancelled', null, itemId);
  await recordAudit(tx, actor, { action: 'supervision.blacklist.reject', entityType: 'supervision_blacklist', entityId: row.id, regionCode: row.region_code,
    after: { subjectKind: row.subject_kind, subject: row.subject } });
}

export interface ProposeInput { subjectKind?: string; subject: string; reason: string; notifiedOn: string }

const reasonOf = (text: string | undefined, problems: { field: string; message: Said }[]) => {
  const reason = text?.trim() ?? '';
  if (reason.length < 2 || reason.length > 500) problems.push({ field: 'reason', message: said.reasonLength() });
  return reason;
};

/**
 * 列入严重失信人名单 (proposal): a subject meeting the blacklist rule, after the notice of the intended listing was
 * served (its date, not after today), with the reason; the listing waits for its sign-off. A subject already listed,
 * or with a proposal waiting, is refused; one not meeting the rule is refused with its figures.
 */
export async function proposeListing(database: DatabaseHandle, actor: Actor, input: ProposeInput) {
  requirePermission(actor, 'supervision.case');
  const problems: { field: string; message: Said }[] = [];
  const reason = reasonOf(input.reason, problems);
  if (problems.length) throw invalidFields(problems);
  const given = checkSubjectKind(input.subjectKind);
  const subject = checkSubject(input.subject);
  const notifiedOn = checkDate(input.notifiedOn, 'notifiedOn');
  const today = todayInChina();
  if (notifiedOn > today) throw invalid('notifiedOn', said.notifiedInFuture({ date: notifiedOn }));
  return inScope(database, actor, async (tx) => {
    const subjectKind = await subjectKindOf(tx, subject, given);
    const listings = await repository.listingsOfSubject(tx, subjectKind, subject);
    const inForce = listings.find((row) => listingInForce({ status: row.status, listedOn: row.listed_on, listedUntil: row.listed_until }, today));
    if (inForce) throw conflict('subject', said.alreadyListed({ until: inForce.listed_until! }));
    if (listings.some((row) => row.status === 'proposed')) throw conflict('subject', said.alreadyProposed());
    const eligible = await eligibility(tx, subjectKind, subject, actor.regionCode);
    if (eligible.grounds.length === 0 || eligible.regionCode === null) {
      const ruleText = said.ruleText({ years: eligible.rule.withinYears, cases: eligible.rule.cases, amount: formatYuan(eligible.rule.singleCaseAmount) });
      throw conflict('subject', said.notEligible({ years: eligible.rule.withinYears, cases: eligible.cases, largest: formatYuan(eligible.largestCase), rule: ruleText }));
    }
    const id = newId();
    const item = await submitForApproval(tx, actor, supervisionBlacklistSignoff, {
      regionCode: eligible.regionCode, title: render(said.listTitle({ subject: maskIdNumbersIn(subject) }), 'zh-CN'), subjectKey: `supervision_blacklist:${subjectKind}:${subject}`,
      amount: eligible.largestCase, payload: { action: 'list', listingId: String(id), subject: maskIdNumbersIn(subject) }, comment: reason,
    });
    await repository.insertListing(tx, {
      id, subject_kind: subjectKind, subject, region_code: eligible.regionCode, reason, notified_on: notifiedOn, listing_item_id: BigInt(item.id), proposed_by: actor.username,
    });
    const row = { id, region_code: eligible.regionCode };
    await step(tx, actor, row, 'proposed', reason, BigInt(item.id));
    await recordAudit(tx, actor, { action: 'supervision.blacklist.propose', entityType: 'supervision_blacklist', entityId: id, regionCode: eligible.regionCode,
      after: { subjectKind, subject, reason, notifiedOn, grounds: eligible.grounds, cases: eligible.cases, largestCase: formatYuan(eligible.largestCase), approvalItem: item.id } });
    return listingDetail(tx, actor, id);
  });
}

/** 信用修复 (early removal): a listing in force leaves the list before its term once the removal is signed off. */
export async function requestRemoval(database: DatabaseHandle, actor: Actor, listingId: bigint, input: { reason: string }) {
  requirePermission(actor, 'supervision.case');
  const problems: { field: string; message: Said }[] = [];
  const reason = reasonOf(input.reason, problems);
  if (problems.length) throw invalidFields(problems);
  const today = todayInChina();
  return inScope(database, actor, async (tx) => {
    const row = await repository.findListing(tx, listingId, true);
    if (!row) throw notFound(said.listingUnknown({ id: String(listingId) }));
    if (!listingInForce({ status: row.status, listedOn: row.listed_on, listedUntil: row.listed_until }, today)) {
      throw conflict('listingId', said.notInForce({ id: String(row.id), status: statusSaid[shownStatus(row, today)]() }));
    }
    if (row.removal_item_id !== null) throw conflict('listingId', said.removalWaiting({ id: String(row.id) }));
    const item = await submitForApproval(tx, actor, supervisionBlacklistSignoff, {
      regionCode: row.region_code, title: render(said.removeTitle({ subject: maskIdNumbersIn(row.subject) }), 'zh-CN'),
      subjectKey: `supervision_blacklist:${row.subject_kind}:${row.subject}`, amount: null,
      payload: { action: 'remove', listingId: String(row.id), subject: maskIdNumbersIn(row.subject), reason }, comment: reason,
    });
    await repository.updateListing(tx, row.id, { removal_item_id: BigInt(item.id), removal_reason: reason });
    await step(tx, actor, row, 'removal_proposed', reason, BigInt(item.id));
    await recordAudit(tx, actor, { action: 'supervision.blacklist.removal', entityType: 'supervision_blacklist', entityId: row.id, regionCode: row.region_code,
      after: { subjectKind: row.subject_kind, subject: row.subject, reason, approvalItem: item.id } });
    return listingDetail(tx, actor, row.id);
  });
}

async function listingDetail(tx: Tx, actor: Actor, id: bigint) {
  const row = (await repository.findListing(tx, id))!;
  return {
    ...listingView(row, todayInChina(), mask(actor)),
    steps: (await repository.stepsOfListing(tx, id)).map((s) => ({
      step: s.step, username: s.username, note: s.note, approvalItemId: s.approval_item_id === null ? null : String(s.approval_item_id), at: s.at.toISOString(),
    })),
  };
}
export type ListingDetailView = Awaited<ReturnType<typeof listingDetail>>;

export const blacklistShows = ['in_force', 'proposed', 'all'] as const;
export type BlacklistShow = (typeof blacklistShows)[number];

export const checkShow = (show: string | undefined): BlacklistShow => {
  if (show === undefined) return 'in_force';
  if (!(blacklistShows as readonly string[]).includes(show)) throw invalid('show', fieldRules.oneOf({ values: blacklistShows.join(', ') }));
  return show as BlacklistShow;
};

const newestFirst: SortKey[] = [{ by: 'proposed_at', direction: 'desc' }, { by: 'id', direction: 'desc' }];

/** 严重失信人名单: the listings in force today (an expired one is off by its dates), or those proposed, or all with their history. */
export async function listBlacklist(database: DatabaseHandle, actor: Actor, show: BlacklistShow, request: ListRequest): Promise<ListAnswer<ListingView>> {
  requirePermission(actor, 'supervision.read');
  const today = todayInChina();
  const shown = mask(actor);
  return inScope(database, actor, (tx) => listPage(tx, repository.listingsQuery(tx, { show, today }), newestFirst, request, (rows) => rows.map((row) => listingView(row, today, shown))));
}
