/**
 * Dunning as a workflow (催缴): the agency issues a 催缴通知书 or a 限期缴纳通知书 (社会保险法 第六十三条) to an employer
 * in arrears, with the overdue contributions and late fees as of its date; records each delivery (送达); and decides
 * instalment agreements (分期缴纳) and late-fee waivers (滞纳金减免) through the sign-off engine, the final approval
 * writing the record. Only overdue amounts are demanded: before its due date an unpaid bill is 应缴未缴, not 欠费.
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, widenToPooledFunds, type Actor, type Tx } from '../../../platform/actor.ts';
import { conflict, invalid, notFound } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { formatYuan, parseYuan } from '../../../platform/money.ts';
import { todayInChina } from '../../../platform/params/index.ts';
import { checkDate } from '../../../platform/dates.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { registerSignoffKind, submitForApproval } from '../../../platform/signoff/index.ts';
import { daysBetween } from '../../ledger/index.ts';
import { arrearsAsOf } from '../arrears/arrears.service.ts';
import type { EmployerRow } from '../arrears/arrears.repository.ts';
import { visibleEmployer } from '../arrears/employer.access.ts';
import { issuingAgency } from '../billing/bill-notice.service.ts';
import { deadlineProblem, instalmentPlanProblem, instalmentProgress, noticeNumber, type AgreementState, type DeliveryMethod, type InstalmentState, type NoticeKind, type WaiverGround } from './dunning.calc.ts';
import { dunningSaid } from './dunning.messages.ts';
import * as repository from './dunning.repository.ts';

export interface NoticePeriod { period: string; dueDate: string; daysOverdue: number; principal: string; lateFee: string }
export interface DeliveryView { id: string; method: DeliveryMethod; deliveredOn: string; recipient: string; note: string | null; recordedBy: string }
export interface NoticeView {
  id: string; number: string; kind: NoticeKind; creditCode: string; employerName: string; regionCode: string; asOf: string;
  principal: string; lateFee: string; total: string; periods: NoticePeriod[]; deadline: string | null; issuedBy: string; issuedAt: string;
  deliveries: DeliveryView[];
}
export interface InstalmentAgreementView {
  id: string; approvalItemId: string; asOf: string; principal: string; reason: string; approvedBy: string;
  instalments: { dueDate: string; amount: string; state: InstalmentState }[];
  /** Principal of the arrears it covers paid since its date, up to today; whether every instalment was met. */
  paidToDate: string; state: AgreementState;
}
export interface LateFeeWaiverView { id: string; approvalItemId: string; asOf: string; amount: string; ground: WaiverGround; document: string; approvedBy: string }
export interface EmployerDunningView { creditCode: string; notices: NoticeView[]; instalmentAgreements: InstalmentAgreementView[]; lateFeeWaivers: LateFeeWaiverView[] }

/**
 * The overdue part of an employer's arrears on `asOf`, per period (periods not yet due are left out: 应缴未缴), the
 * late fee less the waivers granted up to that day.
 */
async function overdueArrears(tx: Tx, employer: EmployerRow, asOf: string) {
  const bills = (await arrearsAsOf(tx, { employerId: employer.id }, asOf)).filter((bill) => bill.daysOverdue > 0 && (bill.principal > 0n || bill.lateFee > 0n));
  const periods = new Map<string, { dueDate: string; daysOverdue: number; principal: bigint; lateFee: bigint }>();
  for (const bill of bills) {
    const period = periods.get(bill.bill.period) ?? { dueDate: bill.bill.dueDate, daysOverdue: 0, principal: 0n, lateFee: 0n };
    period.principal += bill.principal;
    period.lateFee += bill.lateFee;
    if (bill.bill.dueDate < period.dueDate) period.dueDate = bill.bill.dueDate;
    period.daysOverdue = Math.max(period.daysOverdue, bill.daysOverdue);
    periods.set(bill.bill.period, period);
  }
  const list = [...periods].sort(([a], [b]) => (a < b ? -1 : 1)).map(([period, p]) => ({ period, ...p }));
  return { periods: list, principal: list.reduce((sum, p) => sum + p.principal, 0n), lateFee: list.reduce((sum, p) => sum + p.lateFee, 0n) };
}

function notAfterToday(field: string, value: string | undefined): string {
  const date = checkDate(value ?? todayInChina(), field);
  const today = todayInChina();
  if (date > today) throw invalid(field, dunningSaid.deliveredInFuture({ today }));
  return date;
}

function noticeView(row: repository.NoticeRow, deliveries: Awaited<ReturnType<typeof repository.deliveriesOfNotices>>): NoticeView {
  return {
    id: String(row.id), number: row.number, kind: row.kind, creditCode: row.credit_code, employerName: row.employer_name, regionCode: row.region_code, asOf: row.as_of,
    principal: formatYuan(row.principal), lateFee: formatYuan(row.late_fee), total: formatYuan(row.principal + row.late_fee),
    periods: row.periods as NoticePeriod[], deadline: row.deadline, issuedBy: row.issued_by, issuedAt: row.issued_at.toISOString(),
    deliveries: deliveries.filter((d) => d.notice_id === row.id).map((d) => ({
      id: String(d.id), method: d.method, deliveredOn: d.delivered_on, recipient: d.recipient, note: d.note, recordedBy: d.recorded_by,
    })),
  };
}

export interface IssueNoticeInput { creditCode: string; kind: NoticeKind; asOf?: string; deadline?: string }

/** Issues a notice to an employer in arrears: its number, the overdue amounts as of its date, an order's deadline. */
export async function issueNotice(database: DatabaseHandle, actor: Actor, input: IssueNoticeInput): Promise<NoticeView> {
  const asOf = notAfterToday('asOf', input.asOf);
  const deadline = input.deadline === undefined ? undefined : checkDate(input.deadline, 'deadline');
  const problem = deadlineProblem(input.kind, asOf, deadline, daysBetween);
  if (problem) throw invalid('deadline', problem);
  const id = await inScope(database, actor, async (tx) => {
    const employer = await visibleEmployer(tx, actor, input.creditCode);
    const arrears = await overdueArrears(tx, employer, asOf);
    if (arrears.principal <= 0n) throw conflict('creditCode', dunningSaid.noArrears({ employer: employer.name, asOf }));
    const sequence = await repository.takeNoticeSequence(tx, employer.region_code, Number(asOf.slice(0, 4)), input.kind);
    const noticeId = newId();
    const number = noticeNumber(input.kind, Number(asOf.slice(0, 4)), employer.region_code, sequence);
    await repository.insertNotice(tx, {
      employer_id: employer.id, id: noticeId, number, kind: input.kind, region_code: employer.region_code, as_of: asOf,
      principal: arrears.principal, late_fee: arrears.lateFee, deadline: deadline ?? null, issued_by: actor.username,
      periods: JSON.stringify(arrears.periods.map((p) => ({ period: p.period, dueDate: p.dueDate, daysOverdue: p.daysOverdue, principal: formatYuan(p.principal), lateFee: formatYuan(p.lateFee) }))),
    });
    await recordAudit(tx, actor, {
      action: 'dunning.notice.issue', entityType: 'dunning_notice', entityId: noticeId, regionCode: employer.region_code,
      after: { number, kind: input.kind, creditCode: employer.credit_code, asOf, principal: formatYuan(arrears.principal), lateFee: formatYuan(arrears.lateFee), deadline: deadline ?? null },
    });
    return noticeId;
  });
  return getNotice(database, actor, id);
}

/** A notice with its deliveries: staff in scope (an employer account: its own notices). */
export async function getNotice(database: DatabaseHandle, actor: Actor, id: bigint): Promise<NoticeView> {
  return inScope(database, actor, async (tx) => {
    const row = await repository.findNotice(tx, id, actor.role === 'employer' ? actor.employerId ?? -1n : null);
    if (!row) throw notFound(dunningSaid.notice({ id }));
    return noticeView(row, await repository.deliveriesOfNotices(tx, [row]));
  });
}

export interface DeliveryInput { method: DeliveryMethod; deliveredOn: string; recipient: string; note?: string }

/** Records a delivery of a notice (送达回证): how, on which day (not before the notice, not after today), to whom. */
export async function recordDelivery(database: DatabaseHandle, actor: Actor, noticeId: bigint, input: DeliveryInput): Promise<NoticeView> {
  const deliveredOn = notAfterToday('deliveredOn', input.deliveredOn);
  const recipient = input.recipient?.trim() ?? '';
  if (recipient.length < 1 || recipient.length > 100) throw invalid('recipient', dunningSaid.recipientLength());
  await inScope(database, actor, async (tx) => {
    const notice = await repository.findNotice(tx, noticeId, null);
    if (!notice) throw notFound(dunningSaid.notice({ id: noticeId }));
    if (deliveredOn < notice.as_of) throw invalid('deliveredOn', dunningSaid.deliveredBeforeIssued({ asOf: notice.as_of }));
    const id = newId();
    await repository.insertDelivery(tx, {
      employer_id: notice.employer_id, id, notice_id: notice.id, region_code: notice.region_code, method: input.method, delivered_on: deliveredOn,
      recipient, note: input.note?.trim() || null, recorded_by: actor.username,
    });
    await recordAudit(tx, actor, {
      action: 'dunning.notice.deliver', entityType: 'dunning_notice', entityId: notice.id, regionCode: notice.region_code,
      after: { number: notice.number, method: input.method, deliveredOn, recipient },
    });
  });
  return getNotice(database, actor, noticeId);
}

/** An employer's notices (newest first, with their deliveries), instalment agreements and late-fee waivers. */
export async function employerDunning(database: DatabaseHandle, actor: Actor, creditCode: string): Promise<EmployerDunningView> {
  return inScope(database, actor, async (tx) => {
    const employer = await visibleEmployer(tx, actor, creditCode);
    const notices = await repository.noticesOfEmployer(tx, employer.id);
    const deliveries = await repository.deliveriesOfNotices(tx, notices);
    return {
      creditCode: employer.credit_code,
      notices: notices.map((row) => noticeView(row, deliveries)),
      instalmentAgreements: await Promise.all((await repository.instalmentAgreementsOf(tx, employer.id)).map(async (row) => {
        const progress = await agreementProgress(tx, employer.id, row.as_of, row.principal, row.instalments as { dueDate: string; amount: string }[]);
        return {
          id: String(row.id), approvalItemId: String(row.approval_item_id), asOf: row.as_of, principal: formatYuan(row.principal), reason: row.reason, approvedBy: row.approved_by,
          instalments: progress.instalments.map((instalment) => ({ dueDate: instalment.dueDate, amount: formatYuan(instalment.amount), state: instalment.state })),
          paidToDate: formatYuan(progress.paidToDate), state: progress.state,
        };
      })),
      lateFeeWaivers: (await repository.lateFeeWaiversOf(tx, employer.id)).map((row) => ({
        id: String(row.id), approvalItemId: String(row.approval_item_id), asOf: row.as_of, amount: formatYuan(row.amount), ground: row.ground, document: row.document, approvedBy: row.approved_by,
      })),
    };
  });
}

/**
 * Whether an instalment agreement is kept: the bills overdue on its date are the arrears it covers; what of their
 * principal is still unpaid on a day (allocations dated up to it) gives what was paid by then.
 */
async function agreementProgress(tx: Tx, employerId: bigint, asOf: string, principal: bigint, instalments: { dueDate: string; amount: string }[]) {
  const covered = new Set((await arrearsAsOf(tx, { employerId }, asOf))
    .filter((bill) => bill.daysOverdue > 0 && bill.principal > 0n).map((bill) => bill.bill.billId));
  const today = todayInChina();
  const paid = new Map<string, bigint>();
  for (const day of new Set([...instalments.map((instalment) => instalment.dueDate).filter((dueDate) => dueDate <= today), today])) {
    const unpaid = (await arrearsAsOf(tx, { employerId }, day))
      .filter((bill) => covered.has(bill.bill.billId)).reduce((sum, bill) => sum + bill.principal, 0n);
    paid.set(day, unpaid < principal ? principal - unpaid : 0n);
  }
  return instalmentProgress(instalments.map((instalment) => ({ dueDate: instalment.dueDate, amount: parseYuan(instalment.amount) })), (day) => paid.get(day) ?? 0n, today);
}

/** A notice as printed: the notice and the agency that issues it (the agency may sit above the actor's scope). */
export async function noticeDocument(database: DatabaseHandle, actor: Actor, id: bigint): Promise<{ notice: NoticeView; agency: string | null }> {
  const notice = await getNotice(database, actor, id);
  return { notice, agency: await issuingAgency(database, widenToPooledFunds(actor, DOCUMENTS_ACROSS_POOLS), notice.regionCode) };
}

/** The agency that issues a region's documents may sit above a county's scope. */
const DOCUMENTS_ACROSS_POOLS = '催缴文书列示经办机构';

// ── instalment agreements and late-fee waivers, through sign-off ──

interface InstalmentPayload { employerId: string; creditCode: string; regionCode: string; asOf: string; principal: string; instalments: { dueDate: string; amount: string }[]; reason: string }
interface WaiverPayload { employerId: string; creditCode: string; regionCode: string; asOf: string; amount: string; ground: WaiverGround; document: string }

/**
 * 分期缴纳: an employer in arrears pays its overdue contributions in instalments. The agreement is requested by the
 * 经办, reviewed and approved (审批 from the kind's amount threshold); the final approval writes it.
 */
export const instalmentSignoff = registerSignoffKind<InstalmentPayload>({
  kind: 'dunning.instalment',
  label: '分期缴纳协议',
  parameters: 'signoff.dunning_instalment',
  requestPermission: 'dunning.issue',
  levels: [
    { name: 'review', label: '复核', permission: 'dunning.relief.review' },
    { name: 'approve', label: '审批', permission: 'dunning.relief.approve' },
  ],
  effect: async (tx, approver, item) => {
    const payload = item.payload;
    const id = newId();
    await repository.insertInstalmentAgreement(tx, {
      employer_id: BigInt(payload.employerId), id, region_code: payload.regionCode, approval_item_id: item.id, as_of: payload.asOf,
      principal: parseYuan(payload.principal), instalments: JSON.stringify(payload.instalments), reason: payload.reason, approved_by: approver.username,
    });
    await recordAudit(tx, approver, { action: 'dunning.instalment.approve', entityType: 'instalment_agreement', entityId: id, regionCode: payload.regionCode, after: { ...payload, approvalItem: String(item.id) } });
    return { agreementId: String(id) };
  },
  subjectLink: (payload) => `/collection/arrears?employer=${payload.creditCode}`,
});

/**
 * 滞纳金减免: only on the grounds the law allows (dunning.calc.ts waiverGrounds), never above the late fee owed on
 * the day asked, with the document it rests on; every level of sign-off signs (its risk is high).
 */
export const lateFeeWaiverSignoff = registerSignoffKind<WaiverPayload>({
  kind: 'dunning.late_fee_waiver',
  label: '滞纳金减免',
  parameters: 'signoff.dunning_late_fee_waiver',
  requestPermission: 'dunning.issue',
  levels: [
    { name: 'review', label: '复核', permission: 'dunning.relief.review' },
    { name: 'approve', label: '审批', permission: 'dunning.relief.approve' },
  ],
  effect: async (tx, approver, item) => {
    const payload = item.payload;
    const id = newId();
    await repository.insertLateFeeWaiver(tx, {
      employer_id: BigInt(payload.employerId), id, region_code: payload.regionCode, approval_item_id: item.id, as_of: payload.asOf,
      amount: parseYuan(payload.amount), ground: payload.ground, document: payload.document, approved_by: approver.username,
    });
    await recordAudit(tx, approver, { action: 'dunning.waiver.approve', entityType: 'late_fee_waiver', entityId: id, regionCode: payload.regionCode, after: { ...payload, approvalItem: String(item.id) } });
    return { waiverId: String(id) };
  },
  subjectLink: (payload) => `/collection/arrears?employer=${payload.creditCode}`,
});

/** Requests an instalment agreement for the employer's overdue contributions on `asOf` (today by default). */
export async function requestInstalments(database: DatabaseHandle, actor: Actor, input: { creditCode: string; asOf?: string; instalments: { dueDate: string; amount: string }[]; reason: string }) {
  const asOf = notAfterToday('asOf', input.asOf);
  const reason = input.reason?.trim() ?? '';
  if (reason.length < 2 || reason.length > 500) throw invalid('reason', dunningSaid.reasonLength());
  const instalments = input.instalments.map((instalment, index) => ({ dueDate: checkDate(instalment.dueDate, `instalments[${index}].dueDate`), amount: parseYuan(instalment.amount, `instalments[${index}].amount`) }));
  return inScope(database, actor, async (tx) => {
    const employer = await visibleEmployer(tx, actor, input.creditCode);
    const { principal } = await overdueArrears(tx, employer, asOf);
    if (principal <= 0n) throw conflict('creditCode', dunningSaid.noArrears({ employer: employer.name, asOf }));
    const problem = instalmentPlanProblem(asOf, principal, instalments);
    if (problem) throw invalid('instalments', problem);
    return submitForApproval(tx, actor, instalmentSignoff, {
      regionCode: employer.region_code, title: `分期缴纳 ${employer.name} ${formatYuan(principal)} 元 ${instalments.length} 期`, subjectKey: `instalment:${employer.id}`,
      amount: principal, comment: reason,
      payload: {
        employerId: String(employer.id), creditCode: employer.credit_code, regionCode: employer.region_code, asOf, principal: formatYuan(principal), reason,
        instalments: instalments.map((instalment) => ({ dueDate: instalment.dueDate, amount: formatYuan(instalment.amount) })),
      },
    });
  });
}

/** Requests the waiver of (part of) the late fee owed on `asOf`, on a ground the law allows, naming its document. */
export async function requestLateFeeWaiver(database: DatabaseHandle, actor: Actor, input: { creditCode: string; asOf?: string; amount: string; ground: WaiverGround; document: string }) {
  const asOf = notAfterToday('asOf', input.asOf);
  const document = input.document?.trim() ?? '';
  if (document.length < 2 || document.length > 200) throw invalid('document', dunningSaid.documentLength());
  const amount = parseYuan(input.amount, 'amount');
  if (amount <= 0n) throw invalid('amount', dunningSaid.waiverAboveZero());
  return inScope(database, actor, async (tx) => {
    const employer = await visibleEmployer(tx, actor, input.creditCode);
    const { lateFee } = await overdueArrears(tx, employer, asOf);
    if (amount > lateFee) throw invalid('amount', dunningSaid.waiverAboveOwed({ amount: formatYuan(amount), asOf, lateFee: formatYuan(lateFee) }));
    return submitForApproval(tx, actor, lateFeeWaiverSignoff, {
      regionCode: employer.region_code, title: `滞纳金减免 ${employer.name} ${formatYuan(amount)} 元`, subjectKey: `late-fee-waiver:${employer.id}`,
      amount, comment: document,
      payload: { employerId: String(employer.id), creditCode: employer.credit_code, regionCode: employer.region_code, asOf, amount: formatYuan(amount), ground: input.ground, document },
    });
  });
}
