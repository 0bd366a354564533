/**
 * Supervision cases (稽核案件, issue 15): a finding of the detection rules — or a report taken by hand — becomes a case:
 * 立案 (filing, signed off) → 调查中 → 结论 (违规成立 with the amount to recover per fund, or 不成立; signed off) →
 * 追回中 (money received, posted to the fund ledger) → 已结案 once nothing is outstanding.
 *
 * Legal basis: 社会保险法 第八十七条、第八十八条 (骗取社会保险基金支出的，责令退回); 社会保险经办条例 (2023) 第四十六条
 * (追回 by refund, instalments or offset) and 第五十五条; 社会保险基金行政监督办法 (人社部令第48号, 2022) on 立案, 调查 and
 * the decision, each approved by the head of the supervising body — here the sign-off kind `supervision_case`
 * (params/signoff/supervision_case: 复核 and 审批, high risk).
 *
 * A finding is in at most one open case (the database's partial unique index over the unreleased links); taken up,
 * its status is `case`, so a detection re-run keeps it. A recovery is cash received into the fund's 收入户: it posts
 * Dr 收入户存款 / Cr 其他收入 (财社〔2017〕144号 社会保险基金财务制度: 其他收入 takes 滞纳金、违约金 and recovered benefits
 * of earlier years, as the late fee does in collection) [check: a same-year recovery may instead reduce the benefit
 * expense], and reduces what is outstanding for that fund; more than is outstanding is refused.
 *
 * A conclusion 违规成立 may decide the administrative penalty (罚款) with it: the provision it rests on and a multiple
 * within that provision's range (supervision.penalty_multiples; penalty.calc.ts), of the amount to recover. It is
 * recorded on the case with the conclusion's approval and posted to no fund: a fine is paid to the treasury.
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, scopePrefix, widenToPooledFunds, type Actor, type Tx } from '../../../platform/actor.ts';
import { can, requireAnyPermission, requirePermission, type Permission } from '../../../platform/access/permissions.ts';
import { AppError, conflict, forbidden, invalid, invalidFields, notFound } from '../../../platform/errors.ts';
import { checkStaff, eligibleStaff } from '../../../platform/access/staff.ts';
import { fieldRules } from '../../../platform/fields.messages.ts';
import { newId } from '../../../platform/ids.ts';
import { render, type Language, type Said } from '../../../platform/messages.ts';
import { formatDecimal, formatYuan, parseDecimal, parseYuan, type RoundingMode } from '../../../platform/money.ts';
import { checkDate } from '../../../platform/dates.ts';
import { getParameters, parameterVersion, todayInChina } from '../../../platform/params/index.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { listPage, type ListAnswer, type ListRequest, type SortKey } from '../../../platform/http/lists.ts';
import { maskIdNumbersDeep, maskIdNumbersIn } from '../../../platform/personal-data.ts';
import { registerSignoffKind, submitForApproval } from '../../../platform/signoff/index.ts';
import { chartFor, otherIncomeAccount, postEntries } from '../../ledger/index.ts';
import { caseOffsets, openCaseOverpayment } from '../../benefits/index.ts';
import { ruleCatalog } from '../detection.service.ts';
import { casesSaid as said, penaltyProvisionSaid } from './cases.messages.ts';
import { penaltyOf, type PenaltyRanges } from './penalty.calc.ts';
import { caseStatuses, openCaseStatuses, subjectKinds, violations, type CaseStatus, type SubjectKind, type Violation } from './cases.statuses.ts';
import * as repository from './cases.repository.ts';

/** A recovery books into the fund's pool above the case's region (pension is pooled at the province). */
const RECOVERY_ACROSS_POOLS = '稽核追回款记入统筹基金账套 (a recovery posts into the pooled fund above the case\'s region)';

const statusSaid: Record<CaseStatus, () => Said> = {
  filing: said.statusFiling, investigating: said.statusInvestigating, concluded: said.statusConcluded, recovering: said.statusRecovering,
  closed: said.statusClosed, withdrawn: said.statusWithdrawn,
};
const violationSaid: Record<Violation, () => Said> = { established: said.established, not_established: said.notEstablished };
const statusLabel = (status: CaseStatus) => render(statusSaid[status](), 'zh-CN');

type CasePayload =
  | { action: 'open'; caseId: string; number: string }
  | { action: 'conclude'; caseId: string; number: string; violation: Violation; amounts: { fund: string; amount: string }[]; legalBasis: string; note: string | null;
      /** the penalty decided with the conclusion (yuan; the parameter version its range came from) */
      penalty?: { provision: string; multiple: string; amount: string; parameter: string } | null };

/** 稽核立案与结论: the opening and the conclusion of a case, each signed by 复核 and 审批. */
export const supervisionCaseSignoff = registerSignoffKind<CasePayload>({
  kind: 'supervision_case',
  label: '稽核立案与结论',
  parameters: 'signoff.supervision_case',
  requestPermission: 'supervision.case',
  levels: [
    { name: 'review', label: '复核', permission: 'supervision.case.review' },
    { name: 'approve', label: '审批', permission: 'supervision.case.approve' },
  ],
  effect: (tx, approver, item) => item.payload.action === 'open' ? approveOpening(tx, approver, item.id, item.payload) : approveConclusion(tx, approver, item.id, item.payload),
  onStep: async (tx, actor, item, action) => {
    if (action === 'cancel') await withdraw(tx, actor, item.id, item.payload);
  },
  subjectLink: (payload) => `/supervision/cases/${payload.caseId}`,
});

async function lockCase(tx: Tx, actor: Actor, id: bigint) {
  const row = await repository.findCase(tx, id, true);
  // a widened transaction (a recovery) still finds only the cases of the actor's own scope
  if (!row || !row.region_code.startsWith(scopePrefix(actor.regionCode))) throw notFound(said.caseUnknown({ id: String(id) }));
  return row;
}

/**
 * The case locked for its inspector's work (conclusion, recoveries, offsets, closing): refused (403) to any other
 * person than the inspector it is assigned to (承办人). A command run on the server acts as the system, not as a
 * person, and is not refused: its audit names the command.
 */
async function lockCaseForWork(tx: Tx, actor: Actor, id: bigint) {
  const row = await lockCase(tx, actor, id);
  if (actor.userId !== null && row.assigned_to !== actor.username) throw forbidden(said.notAssignee({ number: row.number, assignee: row.assigned_to }));
  return row;
}

const step = (tx: Tx, actor: Actor, row: { id: bigint; region_code: string }, name: string, note: string | null, approvalItemId: bigint | null = null, assignee: string | null = null) =>
  repository.insertStep(tx, { id: newId(), case_id: row.id, region_code: row.region_code, step: name, username: actor.username, note, approval_item_id: approvalItemId, assignee });

async function approveOpening(tx: Tx, approver: Actor, itemId: bigint, payload: { caseId: string }) {
  const row = (await repository.findCase(tx, BigInt(payload.caseId), true))!;
  await repository.updateCase(tx, row.id, { status: 'investigating' });
  await step(tx, approver, row, 'opening_approved', null, itemId);
  await recordAudit(tx, approver, { action: 'supervision.case.open', entityType: 'supervision_case', entityId: row.id, regionCode: row.region_code,
    after: { number: row.number, status: 'investigating', approvalItem: itemId.toString() } });
  return { case: row.number, status: 'investigating' };
}

async function approveConclusion(tx: Tx, approver: Actor, itemId: bigint, payload: Extract<CasePayload, { action: 'conclude' }>) {
  const row = (await repository.findCase(tx, BigInt(payload.caseId), true))!;
  const penalty = payload.penalty ?? null;
  await repository.updateCase(tx, row.id, {
    status: 'concluded', violation: payload.violation, legal_basis: payload.legalBasis, conclusion_note: payload.note, concluded_at: new Date(),
    penalty_provision: penalty?.provision ?? null, penalty_multiple: penalty?.multiple ?? null, penalty_amount: penalty ? parseYuan(penalty.amount) : null,
  });
  await repository.insertAmounts(tx, payload.amounts.map((a) => ({ case_id: row.id, fund_code: a.fund, region_code: row.region_code, amount: parseYuan(a.amount) })));
  await step(tx, approver, row, 'concluded', render(violationSaid[payload.violation](), 'zh-CN'), itemId);
  await recordAudit(tx, approver, { action: 'supervision.case.conclude', entityType: 'supervision_case', entityId: row.id, regionCode: row.region_code,
    after: { number: row.number, violation: payload.violation, amounts: payload.amounts, legalBasis: payload.legalBasis, penalty, approvalItem: itemId.toString() } });
  return { case: row.number, status: 'concluded', violation: payload.violation };
}

/** The drafter cancels an opening before its approval: the case is withdrawn and its findings are open again. */
async function withdraw(tx: Tx, actor: Actor, itemId: bigint, payload: CasePayload) {
  const row = (await repository.findCase(tx, BigInt(payload.caseId), true))!;
  if (payload.action === 'conclude') {
    await repository.updateCase(tx, row.id, { conclusion_item_id: null });
    await step(tx, actor, row, 'conclusion_cancelled', null, itemId);
    return;
  }
  const findings = await repository.findingsOfCase(tx, row.id);
  await repository.releaseFindings(tx, row.id);
  await repository.setFindingStatus(tx, findings.map((f) => f.id), 'open');
  await repository.updateCase(tx, row.id, { status: 'withdrawn' });
  await step(tx, actor, row, 'withdrawn', null, itemId);
  await recordAudit(tx, actor, { action: 'supervision.case.withdraw', entityType: 'supervision_case', entityId: row.id, regionCode: row.region_code, after: { number: row.number } });
}

export interface OpenCaseInput {
  findingIds?: string[];
  subjectKind?: string; subject?: string; kind?: string; amountInvolved?: string; region?: string;
  reason: string;
}

const caseKinds = () => [...ruleCatalog().map((rule) => rule.rule), 'other'];
const SUBJECT = /^[0-9A-Za-z]{1,40}$/;

/** Whom a rule's findings are about (rules/*.sql.ts: the subject each gives). */
export const subjectKindOfRule: Record<string, SubjectKind> = {
  'base-underreporting': 'person', 'headcount-underreporting': 'employer', 'paid-after-death': 'person', 'unemployment-while-employed': 'person', 'split-admission': 'institution',
  'double-enrolment': 'person', 'repeat-charging': 'institution', 'identity-mismatch': 'institution', 'bed-holding': 'institution',
};

/**
 * 立案: opens a case from findings (one subject; the amount involved their sum unless given) or by hand (subject,
 * kind, amount involved), and submits the opening for sign-off. The findings are taken up at once (status `case`):
 * a finding already in an open case is refused naming that case.
 */
export async function openCase(database: DatabaseHandle, actor: Actor, input: OpenCaseInput) {
  requirePermission(actor, 'supervision.case');
  const reason = input.reason?.trim() ?? '';
  const problems: { field: string; message: Said }[] = [];
  if (reason.length < 2 || reason.length > 500) problems.push({ field: 'reason', message: said.reasonLength() });
  const findingIds = [...new Set(input.findingIds ?? [])];
  const byHand = findingIds.length === 0;
  if (byHand) {
    if (input.subject === undefined || input.subjectKind === undefined || input.kind === undefined || input.amountInvolved === undefined) {
      throw invalid('findingIds', said.findingsOrSubject());
    }
    if (!(subjectKinds as readonly string[]).includes(input.subjectKind)) problems.push({ field: 'subjectKind', message: fieldRules.oneOf({ values: subjectKinds.join(', ') }) });
    if (!SUBJECT.test(input.subject.trim())) problems.push({ field: 'subject', message: said.subjectShape() });
    if (!caseKinds().includes(input.kind)) problems.push({ field: 'kind', message: said.kindUnknown({ kinds: caseKinds().join(', ') }) });
  } else if (input.kind !== undefined && !caseKinds().includes(input.kind)) problems.push({ field: 'kind', message: said.kindUnknown({ kinds: caseKinds().join(', ') }) });
  if (problems.length) throw invalidFields(problems);
  const amountGiven = input.amountInvolved === undefined ? undefined : parseYuan(input.amountInvolved, 'amountInvolved');
  if (amountGiven !== undefined && amountGiven < 0n) throw invalid('amountInvolved', said.notNegative());
  const scope = scopePrefix(actor.regionCode);
  return inScope(database, actor, async (tx) => {
    let subject: { kind: SubjectKind; subject: string; caseKind: string; amount: bigint; region: string };
    let findings: { id: bigint; region_code: string }[] = [];
    if (byHand) {
      const region = input.region ?? actor.regionCode;
      if (!region || !region.startsWith(scope)) throw invalid('region', region ? said.regionOutsideScope({ region }) : fieldRules.required());
      subject = { kind: input.subjectKind as SubjectKind, subject: input.subject!.trim().toUpperCase(), caseKind: input.kind!, amount: amountGiven!, region };
    } else {
      const ids = findingIds.map((id) => { if (!/^[0-9]{1,19}$/.test(id)) throw invalid('findingIds', said.findingUnknown({ id })); return BigInt(id); });
      const rows = await repository.findingsWithOpenCase(tx, ids);
      for (const id of findingIds) {
        const row = rows.find((r) => String(r.id) === id);
        if (!row) throw invalid('findingIds', said.findingUnknown({ id }));
        if (row.case_number) throw conflict('findingIds', said.findingInOpenCase({ id, number: row.case_number }));
        if (row.status === 'dismissed') throw conflict('findingIds', said.findingDismissed({ id }));
      }
      const subjects = [...new Set(rows.map((r) => r.subject))];
      if (subjects.length > 1) throw invalid('findingIds', said.findingsOfOneSubject({ subjects: subjects.map((s) => maskIdNumbersIn(s)).join('、') }));
      const rules = [...new Set(rows.map((r) => r.rule))];
      subject = {
        kind: subjectKindOfRule[rows[0].rule] ?? 'person', subject: subjects[0], caseKind: input.kind ?? (rules.length === 1 ? rules[0] : 'other'),
        amount: amountGiven ?? rows.reduce((sum, r) => sum + r.amount, 0n), region: rows[0].region_code,
      };
      findings = rows;
    }
    const id = newId();
    const number = await repository.nextCaseNumber(tx, subject.region, todayInChina().slice(0, 4));
    const item = await submitForApproval(tx, actor, supervisionCaseSignoff, {
      regionCode: subject.region, title: render(said.openTitle({ number, subject: maskIdNumbersIn(subject.subject) }), 'zh-CN'),
      subjectKey: `supervision_case:${id}`, amount: subject.amount, payload: { action: 'open', caseId: String(id), number }, comment: reason,
    });
    await repository.insertCase(tx, {
      id, number, region_code: subject.region, subject_kind: subject.kind, subject: subject.subject, kind: subject.caseKind, amount_involved: subject.amount, reason,
      opening_item_id: BigInt(item.id), opened_by: actor.username, assigned_to: actor.username,
    });
    try {
      await repository.linkFindings(tx, id, findings);
    } catch (error) {
      // two openings of the same finding at once: the open-case index decides, the second is refused
      if ((error as { code?: string }).code === '23505') throw conflict('findingIds', said.findingTakenMeanwhile({ ids: findings.map((f) => String(f.id)).join('、') }));
      throw error;
    }
    await repository.setFindingStatus(tx, findings.map((f) => f.id), 'case');
    await step(tx, actor, { id, region_code: subject.region }, 'opened', reason, BigInt(item.id));
    await recordAudit(tx, actor, { action: 'supervision.case.open', entityType: 'supervision_case', entityId: id, regionCode: subject.region,
      after: { number, status: 'filing', subject: subject.subject, kind: subject.caseKind, amountInvolved: formatYuan(subject.amount), findings: findingIds, approvalItem: item.id } });
    return caseDetail(tx, actor, id);
  });
}

export interface ConcludeInput {
  violation: string; amounts?: { fund: string; amount: string }[]; legalBasis: string; note?: string | null;
  /** 罚款: the provision (a key of supervision.penalty_multiples) and the multiple, both or neither */
  penaltyProvision?: string | null; penaltyMultiple?: string | null;
}

/** The penalty provisions in force on the day for the region, with their ranges, and the parameter version they came from. */
function penaltyProvisionsInForce(date: string, regionCode: string | undefined): { ranges: PenaltyRanges; parameter: string; rounding: RoundingMode } {
  const store = getParameters();
  const found = store.lookup('supervision.penalty_multiples', date, regionCode);
  return {
    ranges: found.value as unknown as PenaltyRanges, // a table of rates: its leaves are decimal texts (params.loader)
    parameter: parameterVersion(found),
    rounding: store.text('contribution.rounding', date, regionCode) as RoundingMode,
  };
}

/** A provision's name (a message); a provision the catalog does not name is its key. */
function penaltyProvisionName(provision: string): Said | string {
  return Object.hasOwn(penaltyProvisionSaid, provision) ? (penaltyProvisionSaid as Record<string, () => Said>)[provision]() : provision;
}

/** A provision's label in the language. */
export function penaltyProvisionLabel(provision: string, language: Language = 'zh-CN'): string {
  const name = penaltyProvisionName(provision);
  return typeof name === 'string' ? name : render(name, language);
}

/** 罚款依据: the provisions a penalty may rest on today in the actor's region, with their ranges (for the conclusion form). */
export function penaltyProvisions(actor: Actor, language: Language = 'zh-CN') {
  requirePermission(actor, 'supervision.case');
  const { ranges, parameter } = penaltyProvisionsInForce(todayInChina(), actor.regionCode ?? undefined);
  return {
    parameter,
    provisions: Object.entries(ranges).map(([provision, range]) => ({ provision, label: penaltyProvisionLabel(provision, language), min: range.min, max: range.max })),
  };
}

/**
 * 结论: submits the conclusion of a case under investigation for sign-off — 违规成立 with the amount to recover per
 * fund (at least one), or 不成立 (no amount); with its legal basis and a note. Approved, the case is concluded.
 */
export async function concludeCase(database: DatabaseHandle, actor: Actor, caseId: bigint, input: ConcludeInput) {
  requirePermission(actor, 'supervision.case');
  const problems: { field: string; message: Said }[] = [];
  const violation = input.violation as Violation;
  if (!(violations as readonly string[]).includes(input.violation)) problems.push({ field: 'violation', message: fieldRules.oneOf({ values: violations.join(', ') }) });
  const legalBasis = input.legalBasis?.trim() ?? '';
  if (legalBasis.length < 2 || legalBasis.length > 200) problems.push({ field: 'legalBasis', message: said.legalBasisLength() });
  const note = input.note?.trim() || null;
  if (note && note.length > 500) problems.push({ field: 'note', message: said.noteLength() });
  const amounts = (input.amounts ?? []).map((a, index) => {
    const amount = parseYuan(a.amount, `amounts[${index}].amount`);
    if (amount <= 0n) throw invalid(`amounts[${index}].amount`, said.aboveZero());
    return { fund: a.fund, amount };
  });
  if (violation === 'established' && amounts.length === 0) problems.push({ field: 'amounts', message: said.amountsForEstablished() });
  if (violation === 'not_established' && amounts.length > 0) problems.push({ field: 'amounts', message: said.noAmountsWhenNotEstablished() });
  const funds = amounts.map((a) => a.fund);
  const twice = funds.find((fund, index) => funds.indexOf(fund) !== index);
  if (twice) problems.push({ field: 'amounts', message: said.fundTwice({ fund: twice }) });
  const penaltyProvision = input.penaltyProvision?.trim() || null, penaltyMultipleText = input.penaltyMultiple?.trim() || null;
  const penaltyMultiple = penaltyMultipleText === null ? null : parseDecimal(penaltyMultipleText, 'penaltyMultiple');
  if ((penaltyProvision === null) !== (penaltyMultiple === null)) problems.push({ field: penaltyProvision === null ? 'penaltyProvision' : 'penaltyMultiple', message: said.penaltyBothOrNone() });
  else if (penaltyProvision !== null && violation === 'not_established') problems.push({ field: 'penaltyProvision', message: said.penaltyOnlyEstablished() });
  if (problems.length) throw invalidFields(problems);
  // the funds to recover for are pooled above a county or city: read them in the province's scope
  const worker = widenToPooledFunds(actor, RECOVERY_ACROSS_POOLS);
  return inScope(database, worker, async (tx) => {
    const row = await lockCaseForWork(tx, actor, caseId);
    if (row.status !== 'investigating') throw conflict('caseId', said.notInvestigating({ number: row.number, status: statusSaid[row.status]() }));
    const known = new Set((await repository.fundsByCodes(tx, funds)).map((f) => f.code));
    const unknown = funds.find((fund) => !known.has(fund));
    if (unknown) throw invalid('fund', said.fundUnknown({ fund: unknown }));
    const total = amounts.reduce((sum, a) => sum + a.amount, 0n);
    let penalty: NonNullable<CasePayload & { action: 'conclude' }>['penalty'] = null;
    if (penaltyProvision !== null && penaltyMultiple !== null) {
      // the range in force on the day of the decision, in the case's region (a regional override may narrow it)
      const { ranges, parameter, rounding } = penaltyProvisionsInForce(todayInChina(), row.region_code);
      const decided = penaltyOf(total, penaltyProvision, penaltyMultiple, ranges, rounding);
      if ('problem' in decided) {
        throw decided.problem === 'unknown_provision'
          ? invalid('penaltyProvision', said.penaltyProvisionUnknown({ provisions: Object.keys(ranges).join(', ') }))
          : invalid('penaltyMultiple', said.penaltyMultipleOutside({ provision: penaltyProvisionName(penaltyProvision), min: decided.range!.min, max: decided.range!.max }));
      }
      penalty = { provision: penaltyProvision, multiple: formatDecimal(penaltyMultiple), amount: formatYuan(decided.amount), parameter };
    }
    const item = await submitForApproval(tx, actor, supervisionCaseSignoff, {
      regionCode: row.region_code, title: render(said.concludeTitle({ number: row.number, violation: violationSaid[violation]() }), 'zh-CN'),
      subjectKey: `supervision_case:${row.id}`, amount: total,
      payload: { action: 'conclude', caseId: String(row.id), number: row.number, violation, amounts: amounts.map((a) => ({ fund: a.fund, amount: formatYuan(a.amount) })), legalBasis, note, penalty },
      comment: note,
    });
    await repository.updateCase(tx, row.id, { conclusion_item_id: BigInt(item.id) });
    await step(tx, actor, row, 'conclusion_submitted', render(violationSaid[violation](), 'zh-CN'), BigInt(item.id));
    return caseDetail(tx, actor, row.id);
  });
}

/**
 * The case locked, refused unless concluded 违规成立 and not closed, and what its fund still leaves to recover in money
 * or to hand to the payroll: outstanding less what is handed over already (抵扣待遇 is recovered that way, not twice).
 */
async function lockRecoverableFund(tx: Tx, actor: Actor, caseId: bigint, fund: string) {
  const row = await lockCaseForWork(tx, actor, caseId);
  if ((row.status !== 'concluded' && row.status !== 'recovering') || row.violation !== 'established') {
    throw conflict('caseId', said.notRecoverable({ number: row.number, status: statusSaid[row.status]() }));
  }
  const owed = (await repository.amountsOfCase(tx, row.id)).find((a) => a.fund_code === fund);
  if (!owed) throw invalid('fund', said.fundNotInConclusion({ fund }));
  return { row, outstanding: owed.amount - owed.recovered - owed.offsetting };
}

export interface RecoveryInput { fund: string; amount: string; recoveredOn: string; bankReference: string }

/**
 * 追回登记: money recovered for a concluded case, received into the fund's 收入户 on the date, posted to the ledger
 * (Dr 收入户存款 / Cr 其他收入) and taken off what the fund is owed; more than is outstanding is refused naming it.
 */
export async function recordRecovery(database: DatabaseHandle, actor: Actor, caseId: bigint, input: RecoveryInput) {
  requirePermission(actor, 'supervision.case');
  const problems: { field: string; message: Said }[] = [];
  const bankReference = input.bankReference?.trim() ?? '';
  if (bankReference.length < 1 || bankReference.length > 60) problems.push({ field: 'bankReference', message: said.referenceShape() });
  if (!input.fund) problems.push({ field: 'fund', message: fieldRules.required() });
  if (problems.length) throw invalidFields(problems);
  const recoveredOn = checkDate(input.recoveredOn, 'recoveredOn');
  if (recoveredOn > todayInChina()) throw invalid('recoveredOn', said.recoveredInFuture({ date: recoveredOn }));
  const amount = parseYuan(input.amount, 'amount');
  if (amount <= 0n) throw invalid('amount', said.aboveZero());
  const worker = widenToPooledFunds(actor, RECOVERY_ACROSS_POOLS);
  return inScope(database, worker, async (tx) => {
    const { row, outstanding } = await lockRecoverableFund(tx, actor, caseId, input.fund);
    if (amount > outstanding) throw conflict('amount', said.moreThanOutstanding({ amount: formatYuan(amount), fund: input.fund, outstanding: formatYuan(outstanding) }));
    const id = newId();
    const chart = chartFor(Number(recoveredOn.slice(0, 4)));
    const bank = chart.accounts.find((a) => a.role === 'income_bank')!.code;
    const otherIncome = otherIncomeAccount(chart);
    const [posted] = await postEntries(tx, worker, [{
      key: `supervision-recovery:${id}`, fund: input.fund, period: recoveredOn.slice(0, 7), date: recoveredOn, source: { type: 'supervision_case', id: String(row.id) },
      memo: render(said.recoveryMemo({ number: row.number, reference: bankReference }), 'zh-CN'),
      lines: [{ account: bank, debit: amount }, { account: otherIncome, credit: amount }],
    }]);
    await repository.insertRecovery(tx, {
      id, case_id: row.id, region_code: row.region_code, fund_code: input.fund, amount, recovered_on: recoveredOn, bank_reference: bankReference, entry_id: posted.entryId,
      recorded_by: actor.username,
    });
    if (row.status === 'concluded') await repository.updateCase(tx, row.id, { status: 'recovering' });
    await step(tx, actor, row, 'recovered', `${input.fund} ${formatYuan(amount)}`);
    await recordAudit(tx, worker, { action: 'supervision.case.recovery', entityType: 'supervision_case', entityId: row.id, regionCode: row.region_code,
      after: { number: row.number, recoveryId: id.toString(), fund: input.fund, amount: formatYuan(amount), recoveredOn, bankReference, entry: posted.entryId, outstanding: formatYuan(outstanding - amount) } });
    return caseDetail(tx, actor, row.id);
  });
}

export interface OffsetInput { fund: string; amount: string }

/**
 * 抵扣待遇: part or all of what a person's case leaves to recover for a pension fund is handed to the payroll, which keeps
 * it back from the person's monthly pension (社会保险经办条例 2023 第四十六条; at most benefits.payroll.offset_share of a
 * month, benefits offsets.ts) and books it as it keeps it back. Only a person's case, concluded 违规成立, for a fund of
 * its conclusion that pays the person a pension; never more than is outstanding and not yet handed over.
 */
export async function offsetAgainstBenefits(database: DatabaseHandle, actor: Actor, caseId: bigint, input: OffsetInput) {
  requirePermission(actor, 'supervision.case');
  if (!input.fund) throw invalid('fund', fieldRules.required());
  const amount = parseYuan(input.amount, 'amount');
  if (amount <= 0n) throw invalid('amount', said.aboveZero());
  const worker = widenToPooledFunds(actor, RECOVERY_ACROSS_POOLS);
  return inScope(database, worker, async (tx) => {
    const { row, outstanding } = await lockRecoverableFund(tx, actor, caseId, input.fund);
    if (row.subject_kind !== 'person') throw conflict('caseId', said.offsetOnlyForPersons({ number: row.number }));
    if (amount > outstanding) throw conflict('amount', said.moreThanOutstanding({ amount: formatYuan(amount), fund: input.fund, outstanding: formatYuan(outstanding) }));
    const opened = await openCaseOverpayment(tx, { caseId: row.id, idNumber: row.subject, fund: input.fund, amount });
    if (row.status === 'concluded') await repository.updateCase(tx, row.id, { status: 'recovering' });
    await step(tx, actor, row, 'offset_opened', `${input.fund} ${formatYuan(amount)}`);
    await recordAudit(tx, worker, { action: 'supervision.case.offset', entityType: 'supervision_case', entityId: row.id, regionCode: row.region_code,
      after: { number: row.number, fund: input.fund, amount: formatYuan(amount), ...opened } });
    return caseDetail(tx, actor, row.id);
  });
}

/** 结案: a concluded case with nothing outstanding (违规不成立, or every fund recovered in full) is closed; its findings are released. */
export async function closeCase(database: DatabaseHandle, actor: Actor, caseId: bigint, input: { note?: string | null } = {}) {
  requirePermission(actor, 'supervision.case');
  const note = input.note?.trim() || null;
  if (note && note.length > 500) throw invalid('note', said.noteLength());
  return inScope(database, actor, async (tx) => {
    const row = await lockCaseForWork(tx, actor, caseId);
    if (row.status !== 'concluded' && row.status !== 'recovering') throw conflict('caseId', said.notClosable({ number: row.number, status: statusSaid[row.status]() }));
    const outstanding = (await repository.amountsOfCase(tx, row.id)).reduce((sum, a) => sum + a.amount - a.recovered, 0n);
    if (outstanding > 0n) throw conflict('caseId', said.outstandingLeft({ outstanding: formatYuan(outstanding) }));
    await repository.updateCase(tx, row.id, { status: 'closed', closed_by: actor.username, closed_at: new Date() });
    await repository.releaseFindings(tx, row.id);
    await step(tx, actor, row, 'closed', note);
    await recordAudit(tx, actor, { action: 'supervision.case.close', entityType: 'supervision_case', entityId: row.id, regionCode: row.region_code, after: { number: row.number, note } });
    return caseDetail(tx, actor, row.id);
  });
}

export interface AssignInput { assignee: string; reason: string }

/**
 * 改派承办人: the head of inspections (审批, supervision.case.approve) gives an open case to another inspector — an active
 * user holding supervision.case of the case's region or above it — with the reason; a step of the timeline and audited.
 */
export async function assignCase(database: DatabaseHandle, actor: Actor, caseId: bigint, input: AssignInput) {
  requirePermission(actor, 'supervision.case.approve');
  const assignee = typeof input.assignee === 'string' ? input.assignee.trim() : '';
  const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
  const problems: { field: string; message: Said }[] = [];
  if (!assignee) problems.push({ field: 'assignee', message: fieldRules.required() });
  if (reason.length < 2 || reason.length > 500) problems.push({ field: 'reason', message: said.reasonLength() });
  if (problems.length) throw invalidFields(problems);
  return inScope(database, actor, async (tx) => {
    const row = await lockCase(tx, actor, caseId);
    if (!(openCaseStatuses as readonly string[]).includes(row.status)) throw conflict('caseId', said.notAssignable({ number: row.number, status: statusSaid[row.status]() }));
    const staff = await checkStaff(tx, { username: assignee, region: row.region_code, permission: 'supervision.case', field: 'assignee' });
    if (staff.username === row.assigned_to) throw conflict('assignee', said.alreadyAssigned({ number: row.number, assignee: staff.username }));
    await repository.updateCase(tx, row.id, { assigned_to: staff.username });
    await step(tx, actor, row, 'assigned', reason, null, staff.username);
    await recordAudit(tx, actor, { action: 'supervision.case.assign', entityType: 'supervision_case', entityId: row.id, regionCode: row.region_code,
      before: { assignedTo: row.assigned_to }, after: { number: row.number, assignedTo: staff.username, reason } });
    return caseDetail(tx, actor, row.id);
  });
}

/** Who a case of the region may be assigned to (the assignment form's choices). */
export async function caseAssignees(database: DatabaseHandle, actor: Actor, caseId: bigint) {
  requirePermission(actor, 'supervision.case.approve');
  return inScope(database, actor, async (tx) => {
    const row = await repository.findCase(tx, caseId);
    if (!row) throw notFound(said.caseUnknown({ id: String(caseId) }));
    return { items: (await eligibleStaff(tx, row.region_code, 'supervision.case')).map((staff) => ({ username: staff.username, name: staff.name, region: staff.region_code! })) };
  });
}

export const checkCaseStatus = (status: string | undefined): CaseStatus | undefined => {
  if (status === undefined) return undefined;
  if (!(caseStatuses as readonly string[]).includes(status)) throw invalid('status', fieldRules.oneOf({ values: caseStatuses.join(', ') }));
  return status as CaseStatus;
};

/** Who may open a case's page: supervision's readers and the case's signers. */
export const caseReaders: readonly Permission[] = ['supervision.read', 'supervision.case.review', 'supervision.case.approve'];

const newestFirst: SortKey[] = [{ by: 'c.opened_at', direction: 'desc' }, { by: 'c.id', direction: 'desc' }];

/** The cases in scope, newest first; ID numbers masked for staff without personal.full.read. */
export async function listCases(database: DatabaseHandle, actor: Actor, filter: { status?: CaseStatus; assignedTo?: string }, request: ListRequest): Promise<ListAnswer<CaseSummary>> {
  requirePermission(actor, 'supervision.read');
  const masked = !can(actor, 'personal.full.read');
  return inScope(database, actor, (tx) => listPage(tx, repository.casesQuery(tx, filter), newestFirst, request, (rows) => rows.map((row) => ({
    id: String(row.id), number: row.number, regionCode: row.region_code, subjectKind: row.subject_kind, subject: masked ? maskIdNumbersIn(row.subject) : row.subject,
    kind: row.kind, amountInvolved: formatYuan(row.amount_involved), status: row.status, statusLabel: statusLabel(row.status), violation: row.violation,
    toRecover: formatYuan(row.to_recover), recovered: formatYuan(row.recovered), outstanding: formatYuan(row.to_recover - row.recovered),
    openedBy: row.opened_by, openedAt: row.opened_at.toISOString(), assignedTo: row.assigned_to,
  }))));
}

export interface CaseSummary {
  id: string; number: string; regionCode: string; subjectKind: SubjectKind; subject: string; kind: string; amountInvolved: string; status: CaseStatus; statusLabel: string;
  violation: Violation | null; toRecover: string; recovered: string; outstanding: string; openedBy: string; openedAt: string; assignedTo: string;
}

/** A case with its findings and evidence, the conclusion, the amounts per fund, the recoveries and the timeline. */
export async function getCase(database: DatabaseHandle, actor: Actor, caseId: bigint) {
  // the reviewer and the approver read the case they sign (the inbox links here), not the rest of 基金监督
  requireAnyPermission(actor, caseReaders);
  return inScope(database, actor, async (tx) => {
    const row = await repository.findCase(tx, caseId);
    if (!row) throw notFound(said.caseUnknown({ id: String(caseId) }));
    return caseDetail(tx, actor, caseId);
  });
}

async function caseDetail(tx: Tx, actor: Actor, caseId: bigint) {
  const row = await repository.findCase(tx, caseId);
  if (!row) throw new AppError(404, 'not_found', said.caseUnknown({ id: String(caseId) }));
  const masked = !can(actor, 'personal.full.read');
  const mask = (text: string) => masked ? maskIdNumbersIn(text) : text;
  const amounts = await repository.amountsOfCase(tx, row.id);
  const toRecover = amounts.reduce((sum, a) => sum + a.amount, 0n), recovered = amounts.reduce((sum, a) => sum + a.recovered, 0n);
  const rules = new Map(ruleCatalog().map((rule) => [rule.rule, rule.title]));
  return {
    id: String(row.id), number: row.number, regionCode: row.region_code, subjectKind: row.subject_kind, subject: mask(row.subject), kind: row.kind,
    kindTitle: rules.get(row.kind) ?? null, amountInvolved: formatYuan(row.amount_involved), reason: row.reason, status: row.status, statusLabel: statusLabel(row.status),
    openingItemId: String(row.opening_item_id), conclusionItemId: row.conclusion_item_id === null ? null : String(row.conclusion_item_id),
    conclusion: row.violation === null ? null : {
      violation: row.violation, violationLabel: render(violationSaid[row.violation](), 'zh-CN'), legalBasis: row.legal_basis ?? '', note: row.conclusion_note,
      concludedAt: row.concluded_at?.toISOString() ?? null,
      penalty: row.penalty_provision === null ? null : {
        provision: row.penalty_provision, provisionLabel: penaltyProvisionLabel(row.penalty_provision), multiple: formatDecimal(parseDecimal(String(row.penalty_multiple))),
        amount: formatYuan(BigInt(row.penalty_amount!)),
      },
    },
    toRecover: formatYuan(toRecover), recovered: formatYuan(recovered), outstanding: formatYuan(toRecover - recovered),
    funds: amounts.map((a) => ({
      fund: a.fund_code, amount: formatYuan(a.amount), recovered: formatYuan(a.recovered), outstanding: formatYuan(a.amount - a.recovered), offsetting: formatYuan(a.offsetting),
    })),
    offsets: await caseOffsets(tx, row.id),
    findings: (await repository.findingsOfCase(tx, row.id)).map((f) => {
      const evidence: unknown = typeof f.evidence === 'string' ? JSON.parse(f.evidence) : f.evidence;
      return {
        id: String(f.id), rule: f.rule, title: rules.get(f.rule) ?? f.rule, subject: mask(f.subject), period: f.period, amount: formatYuan(f.amount),
        evidence: masked ? maskIdNumbersDeep(evidence) : evidence, legalBasis: f.legal_basis,
      };
    }),
    recoveries: (await repository.recoveriesOfCase(tx, row.id)).map((r) => ({
      id: String(r.id), fund: r.fund_code, amount: formatYuan(r.amount), recoveredOn: r.recovered_on, bankReference: r.bank_reference, entryId: r.entry_id,
      recordedBy: r.recorded_by, recordedAt: r.recorded_at.toISOString(),
    })),
    steps: (await repository.stepsOfCase(tx, row.id)).map((s) => ({
      step: s.step, username: s.username, note: s.note, approvalItemId: s.approval_item_id === null ? null : String(s.approval_item_id), assignee: s.assignee ?? null, at: s.at.toISOString(),
    })),
    openedBy: row.opened_by, openedAt: row.opened_at.toISOString(), assignedTo: row.assigned_to, closedBy: row.closed_by, closedAt: row.closed_at?.toISOString() ?? null,
    canClose: (row.status === 'concluded' || row.status === 'recovering') && toRecover === recovered,
  };
}
export type CaseView = Awaited<ReturnType<typeof caseDetail>>;
