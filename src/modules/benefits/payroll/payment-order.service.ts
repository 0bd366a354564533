/**
 * 一次性待遇支付单 (one-off benefit payment orders): a benefit paid once — the survivors' 丧葬补助金 and 抚恤金, later the
 * claims' one-off grants — goes the payroll's bank path (docs/payroll.md "One-off benefit payments"):
 *  1. `queueBenefitPayment` writes the order and submits it as the 经办 step (kind `benefit.payment_order`: 复核 and
 *     审批, three levels for every benefit payment, issue 12 R4.5; levels from params/signoff/benefit_payment_order);
 *  2. the final approval offsets the person's open overpayments paid by the same fund (社会保险经办条例 第四十六条:
 *     多发的社会保险待遇可从以后应发待遇中抵扣), each a recovery of method `offset` referenced DC<id>, booked at once
 *     Dr the order's benefit subject / Cr the expense the overpaid months were booked to (the deaths code books no
 *     receivable: the months after death stayed in 基本养老金 expense, so the recovery reduces it); the rest is
 *     payable: what the 支出户 holds free pays it first (ledger expense-account.service), and its own 用款申请 (kind
 *     `fund.transfer`) asks finance to move the rest from the 财政专户 to the 支出户 — an
 *     order approved after the month's payroll transfer is not held back a month, and each returned payment's money
 *     stays traceable to its transfer. An order wholly offset is paid there and then;
 *  3. funded, it rides in the next bank file of its fund after the payroll lines, and the bank's result pays it
 *     (Dr the subject / Cr 支出户, the net paid) or returns it (sent again in the next file).
 * The module whose record the order pays registers what "paid" changes on it (`registerPaymentSource`).
 */
import type { Actor, Tx } from '../../../platform/actor.ts';
import { conflict, invalidFields, notFound, type Said } from '../../../platform/errors.ts';
import { fieldRules } from '../../../platform/fields.messages.ts';
import { newId } from '../../../platform/ids.ts';
import { render } from '../../../platform/messages.ts';
import { formatYuan } from '../../../platform/money.ts';
import { todayInChina } from '../../../platform/params/index.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { openItemsOfSubjects, registerSignoffKind, submitForApproval } from '../../../platform/signoff/index.ts';
import { chartFor, expenseAccountFunding, postEntries, type EntryInput } from '../../ledger/index.ts';
import { checkIdNumber } from '../../registry/index.ts';
import { insertRecovery, markRecovered } from '../deaths/deaths.repository.ts';
import { awardSaid } from './payroll.messages.ts';
import { fundTransferSignoff, payrollAccounts } from './payroll.service.ts';
import * as payrollRepository from './payroll.repository.ts';
import * as repository from './payment-order.repository.ts';
import { paymentOrderSaid } from './payment-order.messages.ts';
import type { PaymentOrderStatus } from './payroll.statuses.ts';

type PaidHandler = (tx: Tx, source: { sourceId: bigint; personId: bigint }) => Promise<void>;
const paidHandlers = new Map<string, PaidHandler>();

/** A module whose records orders pay says, once, what a paid order changes on its record (e.g. an entitlement paid). */
export function registerPaymentSource(sourceType: string, paid: PaidHandler) {
  if (paidHandlers.has(sourceType) && paidHandlers.get(sourceType) !== paid) throw new Error(`payment source ${sourceType} registered twice`);
  paidHandlers.set(sourceType, paid);
}

async function sourcePaid(tx: Tx, order: { source_type: string; source_id: bigint; person_id: bigint }) {
  const paid = paidHandlers.get(order.source_type);
  if (!paid) throw new Error(`no payment source ${order.source_type} is registered (is its module loaded?)`);
  await paid(tx, { sourceId: order.source_id, personId: order.person_id });
}

interface OrderPayload { orderId: string; personId: string; reference: string; fund: string; amount: string }

/** 一次性待遇支付审核: the order is the 经办 step; 复核 and 审批 as every benefit payment (R4.5). */
export const paymentOrderSignoff = registerSignoffKind<OrderPayload>({
  kind: 'benefit.payment_order',
  label: '一次性待遇支付',
  parameters: 'signoff.benefit_payment_order',
  requestPermission: 'benefit.payment.request',
  levels: [
    { name: 'review', label: '复核', permission: 'benefit.payment.review' },
    { name: 'approve', label: '审批', permission: 'benefit.payment.approve' },
  ],
  effect: async (tx, approver, item) => ({ ...(await approveOrder(tx, approver, item.id, item.payload)) }),
});

const subjectKeyOf = (orderId: bigint) => `benefit.payment_order:${orderId}`;
const fundRegion = (fund: string) => fund.slice(fund.lastIndexOf('-') + 1);
const fundInsurance = (fund: string) => fund.slice(0, fund.lastIndexOf('-'));

/** The chart's benefit account of a type for the fund's insurance (社会保险待遇支出 by benefit type). */
function benefitAccount(fund: string, benefitType: string, day: string) {
  const benefit = chartFor(Number(day.slice(0, 4))).benefits[fundInsurance(fund)]?.find((b) => b.type === benefitType);
  if (!benefit) throw conflict('benefitType', paymentOrderSaid.benefitUnknown({ fund, benefitType }));
  return benefit;
}

const statusNames: Record<PaymentOrderStatus, () => ReturnType<typeof paymentOrderSaid.statusPaid>> = {
  pending: paymentOrderSaid.statusPending, approved: paymentOrderSaid.statusApproved, funded: paymentOrderSaid.statusFunded, sent: paymentOrderSaid.statusSent,
  paid: paymentOrderSaid.statusPaid, returned: paymentOrderSaid.statusReturned, cancelled: paymentOrderSaid.statusCancelled,
};

export interface PaymentOrderView {
  id: string; reference: string; regionCode: string; fund: string; benefitType: string; subjectCode: string; amount: string; amountOffset: string; amountPayable: string;
  payeeName: string; payeeIdNumber: string; bankAccount: string; reason: string; sourceType: string; sourceId: string; status: PaymentOrderStatus;
  returnCount: number; returnReason: string | null; paidOn: string | null; approvalItemId: string | null; transferRequestId: string | null;
}

export const paymentOrderView = (order: repository.OrderRow): PaymentOrderView => ({
  id: order.id.toString(), reference: order.reference, regionCode: order.region_code, fund: order.fund_code, benefitType: order.benefit_type, subjectCode: order.subject_code,
  amount: formatYuan(order.amount), amountOffset: formatYuan(order.amount_offset), amountPayable: formatYuan(order.amount - order.amount_offset),
  payeeName: order.payee_name, payeeIdNumber: order.payee_id_number, bankAccount: order.bank_account, reason: order.reason, sourceType: order.source_type,
  sourceId: order.source_id.toString(), status: order.status, returnCount: order.return_count, returnReason: order.return_reason, paidOn: order.paid_on,
  approvalItemId: order.approval_item_id?.toString() ?? null, transferRequestId: order.transfer_request_id?.toString() ?? null,
});

export interface BenefitPaymentInput {
  personId: bigint; regionCode: string; fund: string;
  /** the chart's benefit type of the fund's insurance (funeral_and_survivor_grant, …): the subject it is booked to */
  benefitType: string;
  amount: bigint; payeeName: string; payeeIdNumber: string; bankAccount: string; reason: string;
  /** the record it pays (one live order per record); its module registers what "paid" changes on it */
  source: { type: string; id: bigint };
}

/**
 * Writes a one-off payment order in the caller's transaction and submits it to sign-off as the actor (经办). A record
 * is ordered once: a second order of it is refused, unless the first one's sign-off item was cancelled.
 */
export async function queueBenefitPayment(tx: Tx, actor: Actor, input: BenefitPaymentInput): Promise<PaymentOrderView> {
  const problems: { field: string; message: Said }[] = [];
  if (input.amount <= 0n) problems.push({ field: 'amount', message: fieldRules.required() });
  if (!input.payeeName?.trim()) problems.push({ field: 'payeeName', message: paymentOrderSaid.nameNeeded() });
  const payeeId = checkIdNumber(input.payeeIdNumber ?? '');
  if (!payeeId.ok) problems.push({ field: 'payeeIdNumber', message: payeeId.reason });
  if (!/^[0-9]{8,40}$/.test(input.bankAccount?.trim() ?? '')) problems.push({ field: 'bankAccount', message: awardSaid.bankAccountShape() });
  if (problems.length) throw invalidFields(problems);
  const benefit = benefitAccount(input.fund, input.benefitType, todayInChina());
  const existing = await repository.liveOrderOfSource(tx, input.source.type, input.source.id);
  if (existing) {
    const abandoned = existing.status === 'pending' && !(await openItemsOfSubjects(tx, [subjectKeyOf(existing.id)])).length;
    if (!abandoned) throw conflict('source', paymentOrderSaid.alreadyOrdered({ reference: existing.reference, status: statusNames[existing.status]() }));
    await repository.updateOrder(tx, existing, { status: 'cancelled' });
  }
  const id = newId(), reference = `DC${id}`;
  await repository.insertOrder(tx, {
    person_id: input.personId, id, region_code: input.regionCode, fund_code: input.fund, benefit_type: input.benefitType, subject_code: benefit.code, amount: input.amount,
    payee_name: input.payeeName.trim(), payee_id_number: payeeId.ok ? payeeId.idNumber : '', bank_account: input.bankAccount.trim(), reason: input.reason,
    source_type: input.source.type, source_id: input.source.id, reference, requested_by: actor.username,
  });
  const item = await submitForApproval(tx, actor, paymentOrderSignoff, {
    regionCode: input.regionCode, subjectKey: subjectKeyOf(id), amount: input.amount,
    title: render(paymentOrderSaid.title({ benefit: benefit.name, amount: formatYuan(input.amount), payee: input.payeeName.trim(), reason: input.reason }), 'zh-CN'),
    payload: { orderId: id.toString(), personId: input.personId.toString(), reference, fund: input.fund, amount: formatYuan(input.amount) },
  });
  await repository.updateOrder(tx, { person_id: input.personId, id }, { approval_item_id: BigInt(item.id) });
  await recordAudit(tx, actor, { action: 'benefit.payment_order.queue', entityType: 'benefit_payment_order', entityId: id, regionCode: input.regionCode,
    after: { reference, fund: input.fund, subject: benefit.code, amount: formatYuan(input.amount), source: `${input.source.type}:${input.source.id}`, approvalItem: item.id } });
  return paymentOrderView((await repository.lockOrder(tx, input.personId, id))!);
}

/** The final approval: open overpayments of the fund offset (oldest first), the rest funded through a 用款申请. */
async function approveOrder(tx: Tx, approver: Actor, itemId: bigint, payload: OrderPayload) {
  const order = await repository.lockOrder(tx, BigInt(payload.personId), BigInt(payload.orderId));
  if (!order) throw notFound(paymentOrderSaid.orderNotFound({ id: payload.orderId }));
  const today = todayInChina(), period = today.slice(0, 7);
  let offset = 0n;
  const offsets: { overpayment: string; amount: string }[] = [];
  for (const overpayment of await repository.openOverpaymentsOfFund(tx, order.person_id, order.fund_code)) {
    const amount = overpayment.outstanding < order.amount - offset ? overpayment.outstanding : order.amount - offset;
    if (amount <= 0n) break;
    await insertRecovery(tx, {
      person_id: overpayment.person_id, id: newId(), overpayment_id: overpayment.id, region_code: overpayment.region_code, method: 'offset', amount, recovered_on: today,
      reference: order.reference, recorded_by: approver.username,
    });
    if (amount === overpayment.outstanding) await markRecovered(tx, overpayment.person_id, overpayment.id);
    offset += amount;
    offsets.push({ overpayment: overpayment.id.toString(), amount: formatYuan(amount) });
  }
  const payable = order.amount - offset;
  const result: Record<string, unknown> = { order: order.reference, offset: formatYuan(offset), payable: formatYuan(payable) };
  if (offset > 0n) {
    // The overpaid months were booked as 基本养老金 expense when the bank paid them: the offset takes it back from there.
    const overpaidExpense = payrollAccounts(fundInsurance(order.fund_code), period).pensionExpense;
    if (overpaidExpense !== order.subject_code) {
      const [posted] = await postEntries(tx, approver, [{
        key: `benefit-payment-offset:${order.id}`, fund: order.fund_code, period, date: today, source: { type: 'benefit_payment_order', id: String(order.id) },
        memo: render(paymentOrderSaid.offsetMemo({ reference: order.reference, amount: formatYuan(offset) }), 'zh-CN'),
        lines: [{ account: order.subject_code, debit: offset }, { account: overpaidExpense, credit: offset }],
      }]);
      result.offsetEntry = posted.entryId;
    }
  }
  if (payable === 0n) {
    await repository.updateOrder(tx, order, { amount_offset: offset, status: 'paid', paid_on: today });
    await sourcePaid(tx, order);
  } else {
    // what the 支出户 holds free pays first (ledger expense-account.service); a 用款申请 brings the rest
    const funding = await expenseAccountFunding(tx, order.fund_code, payable, today);
    result.fromExpenseAccount = formatYuan(funding.fromExpenseAccount);
    await repository.updateOrder(tx, order, { amount_offset: offset, status: funding.shortfall === 0n ? 'funded' : 'approved' });
    if (funding.shortfall > 0n) Object.assign(result, await requestOrderTransfer(tx, approver, order, funding.shortfall));
  }
  await recordAudit(tx, approver, { action: 'benefit.payment_order.approve', entityType: 'benefit_payment_order', entityId: order.id, regionCode: order.region_code,
    after: { ...result, offsets, approvalItem: itemId.toString() } });
  return result;
}

/** The order's 用款申请 for what the 支出户 could not pay, sent to finance. */
async function requestOrderTransfer(tx: Tx, approver: Actor, order: { person_id: bigint; id: bigint; fund_code: string; benefit_type: string; reference: string; payee_name: string }, amount: bigint) {
  const today = todayInChina(), period = today.slice(0, 7);
  const requestId = newId(), region = fundRegion(order.fund_code);
  const benefit = benefitAccount(order.fund_code, order.benefit_type, today);
  await payrollRepository.insertTransferRequest(tx, {
    id: requestId, fund_code: order.fund_code, region_code: region, amount, batch_id: null, payment_order_id: order.id, requested_by: approver.username, approval_item_id: null,
    purpose: render(paymentOrderSaid.transferPurpose({ reference: order.reference, benefit: benefit.name, payee: order.payee_name }), 'zh-CN'),
  });
  const transfer = await submitForApproval(tx, approver, fundTransferSignoff, {
    regionCode: region, subjectKey: `fund.transfer:${requestId}`, amount,
    title: render(paymentOrderSaid.transferTitle({ fund: order.fund_code, reference: order.reference, amount: formatYuan(amount) }), 'zh-CN'),
    payload: { requestId: requestId.toString(), orderId: order.id.toString(), fund: order.fund_code, period, amount: formatYuan(amount) },
  });
  await payrollRepository.setTransferApprovalItem(tx, requestId, BigInt(transfer.id));
  await repository.updateOrder(tx, order, { transfer_request_id: requestId });
  return { transferRequest: requestId.toString(), transferItem: transfer.id };
}

// ── the bank path (payroll.bank.ts writes the file and reads the result) ───────────────────────────────────────────

/** The orders the next bank file of these funds pays, moved to `sent`, each with its event; then their rows by reference. */
export async function sendOrders(tx: Tx, funds: string[], event: { happenedOn: string; recordedBy: string }) {
  await repository.sendOrdersToPay(tx, funds, event, newId);
  return repository.ordersToPay(tx, funds);
}

export type AnsweredOrder = repository.OrderRow;
export const ordersByReferences = repository.ordersByReferences;

/** The bank paid the order: Dr its benefit subject / Cr 支出户, the amount after the offset (one entry per order). */
export function orderPaidEntry(order: AnsweredOrder, importId: bigint, today: string): { entry: EntryInput; amount: bigint; expenseBank: string } {
  const amount = order.amount - order.amount_offset;
  const { expenseBank } = payrollAccounts(fundInsurance(order.fund_code), today.slice(0, 7));
  const benefit = benefitAccount(order.fund_code, order.benefit_type, today);
  return {
    amount, expenseBank, entry: {
      key: `benefit-payment-paid:${order.id}:${importId}`, fund: order.fund_code, period: today.slice(0, 7), date: today, source: { type: 'benefit_payment_order', id: String(order.id) },
      memo: render(paymentOrderSaid.paidMemo({ reference: order.reference, benefit: benefit.name, payee: order.payee_name }), 'zh-CN'),
      lines: [{ account: order.subject_code, debit: amount }, { account: expenseBank, credit: amount }],
    },
  };
}

/** The bank's answers for orders (their entries posted by the caller): paid ones close their record, returned ones wait for the next file. */
export async function recordOrderAnswers(tx: Tx, actor: Actor, answers: { paid: AnsweredOrder[]; returned: { order: AnsweredOrder; reason: string }[] }, importId: bigint, today: string) {
  const event = (order: AnsweredOrder, kind: 'paid' | 'returned', reason: string | null) => ({
    person_id: order.person_id, id: newId(), order_id: order.id, region_code: order.region_code, event: kind, happened_on: today, reason, import_id: importId, recorded_by: actor.username,
  });
  for (const order of answers.paid) {
    await repository.updateOrder(tx, order, { status: 'paid', paid_on: today });
    await sourcePaid(tx, order);
  }
  for (const { order, reason } of answers.returned) await repository.updateOrder(tx, order, { status: 'returned', return_reason: reason, return_count: order.return_count + 1 });
  await repository.insertOrderEvents(tx, [...answers.paid.map((o) => event(o, 'paid', null)), ...answers.returned.map(({ order, reason }) => event(order, 'returned', reason))]);
}
