/**
 * 待遇支付单 (benefit payment orders): a benefit paid to a payee's account outside the pension payroll — the survivors'
 * 丧葬补助金 and 抚恤金, the claims' one-off grants and each month of 失业保险金 — goes the payroll's bank path (docs/payroll.md
 * "One-off benefit payments"):
 *  1. an order is authorised either by its own sign-off — `queueBenefitPayment` writes it and submits it as the 经办
 *     step (kind `benefit.payment_order`: 复核 and 审批, three levels for every benefit payment, issue 12 R4.5; levels from
 *     params/signoff/benefit_payment_order) — or by the signed-off item that decided the payment (a claim's 经办、复核、
 *     审批): `queueAuthorisedPayment` records that item and needs no second sign-off;
 *  2. authorised (the final approval, or at once), the person's open overpayments paid by the same fund are offset
 *     (社会保险经办条例 第四十六条: 多发的社会保险待遇可从以后应发待遇中抵扣), each a recovery of method `offset` referenced DC<id>,
 *     booked at once Dr the order's benefit subject / Cr the expense the overpaid months were booked to (the deaths code
 *     books no receivable: the months after death stayed in 基本养老金 expense, so the recovery reduces it); the rest is
 *     payable: what the 支出户 holds free pays it first (ledger expense-account.service), and its own 用款申请 (kind
 *     `fund.transfer`) asks finance to move the rest from the 财政专户 to the 支出户 — an
 *     order approved after the month's payroll transfer is not held back a month, and each returned payment's money
 *     stays traceable to its transfer. An order wholly offset is paid there and then;
 *  3. funded, it rides in the next bank file of its fund (after the payroll lines of a pension fund; alone for a fund
 *     without a payroll), and the bank's result pays it (Dr the subject / Cr 支出户, the net paid) or returns it (sent
 *     again in the next file).
 * The module whose record the order pays registers what "paid" changes on it (`registerPaymentSource`). */
import type { Actor, Tx } from '../../../platform/actor.ts';
import { conflict, invalidFields, notFound, type Said } from '../../../platform/errors.ts';
import { fieldRules } from '../../../platform/fields.messages.ts';
import { newId } from '../../../platform/ids.ts';
import { render } from '../../../platform/messages.ts';
import { formatYuan } from '../../../platform/money.ts';
import { todayInChina } from '../../../platform/params/index.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { openItemsOfSubjects, registerSignoffKind, submitForApproval, type SignoffLevel } from '../../../platform/signoff/index.ts';
import { chartFor, expenseAccountFunding, postEntries, type EntryInput } from '../../ledger/index.ts';
import { checkIdNumber } from '../../registry/index.ts';
import { offsetEntryLines, offsetOverpayments } from './offsets.ts';
import { awardSaid } from './payroll.messages.ts';
import { fundTransferSignoff, payrollAccounts, transferAccounts } from './payroll.service.ts';
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

/** 复核 and 审批 of money a benefit pays out or takes back (R4.5): the payment orders and the recoveries received. */
export const benefitPaymentLevels: SignoffLevel[] = [
  { name: 'review', label: '复核', permission: 'benefit.payment.review' },
  { name: 'approve', label: '审批', permission: 'benefit.payment.approve' },
];

/** 一次性待遇支付审核: the order is the 经办 step; 复核 and 审批 as every benefit payment (R4.5). */
export const paymentOrderSignoff = registerSignoffKind<OrderPayload>({
  kind: 'benefit.payment_order',
  label: '一次性待遇支付',
  parameters: 'signoff.benefit_payment_order',
  requestPermission: 'benefit.payment.request',
  levels: benefitPaymentLevels,
  effect: async (tx, approver, item) => ({ ...(await approveOrder(tx, approver, item.id, item.payload)) }),
  // 预算指标 (R7.1): the order's amount on its benefit line (subject benefit_expense.<type>), paid this year; committed until paid
  budgetDraws: async (tx, item) => {
    const order = (await repository.lockOrder(tx, BigInt(item.payload.personId), BigInt(item.payload.orderId)))!;
    return [{ fund: order.fund_code, subject: `benefit_expense.${order.benefit_type}`, amountFen: order.amount, year: Number(todayInChina().slice(0, 4)) }];
  },
  budgetCommitments: async (tx, funds) => (await repository.unpaidOrdersByFund(tx, funds))
    .map((row) => ({ fund: row.fund_code, subject: `benefit_expense.${row.benefit_type}`, amountFen: row.amount, year: Number(todayInChina().slice(0, 4)) })),
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
  payeeName: string; payeeIdNumber: string; bankAccount: string; reason: string; sourceType: string; sourceId: string; sourcePart: string; status: PaymentOrderStatus;
  returnCount: number; returnReason: string | null; paidOn: string | null; approvalItemId: string | null; transferRequestId: string | null;
}

export const paymentOrderView = (order: repository.OrderRow): PaymentOrderView => ({
  id: order.id.toString(), reference: order.reference, regionCode: order.region_code, fund: order.fund_code, benefitType: order.benefit_type, subjectCode: order.subject_code,
  amount: formatYuan(order.amount), amountOffset: formatYuan(order.amount_offset), amountPayable: formatYuan(order.amount - order.amount_offset),
  payeeName: order.payee_name, payeeIdNumber: order.payee_id_number, bankAccount: order.bank_account, reason: order.reason, sourceType: order.source_type,
  sourceId: order.source_id.toString(), sourcePart: order.source_part, status: order.status, returnCount: order.return_count, returnReason: order.return_reason, paidOn: order.paid_on,
  approvalItemId: order.approval_item_id?.toString() ?? null, transferRequestId: order.transfer_request_id?.toString() ?? null,
});

export interface Payee { payeeName: string; payeeIdNumber: string; bankAccount: string }

/** The payee as an order takes it: a name, a valid 公民身份号码 and an account of 8 to 40 digits; the problems, or the payee tidied. */
export function checkPayee(payee: Partial<Payee>): { problems: { field: string; message: Said }[]; payee: Payee } {
  const problems: { field: string; message: Said }[] = [];
  if (!payee.payeeName?.trim()) problems.push({ field: 'payeeName', message: paymentOrderSaid.nameNeeded() });
  const payeeId = checkIdNumber(payee.payeeIdNumber ?? '');
  if (!payeeId.ok) problems.push({ field: 'payeeIdNumber', message: payeeId.reason });
  if (!/^[0-9]{8,40}$/.test(payee.bankAccount?.trim() ?? '')) problems.push({ field: 'bankAccount', message: awardSaid.bankAccountShape() });
  return { problems, payee: { payeeName: payee.payeeName?.trim() ?? '', payeeIdNumber: payeeId.ok ? payeeId.idNumber : '', bankAccount: payee.bankAccount?.trim() ?? '' } };
}

export interface BenefitPaymentInput extends Payee {
  personId: bigint; regionCode: string; fund: string;
  /** the chart's benefit type of the fund's insurance (funeral_and_survivor_grant, …): the subject it is booked to */
  benefitType: string;
  amount: bigint; reason: string;
  /**
   * the record it pays and, when it is paid in parts, which part (a claim's amount, a month): one live order per
   * record and part; the record's module registers what "paid" changes on it
   */
  source: { type: string; id: bigint; part?: string };
}

/**
 * Writes the order (status pending) in the caller's transaction. A record's part is ordered once: a second order of
 * it is refused, unless the first one's sign-off item was cancelled.
 */
async function writeOrder(tx: Tx, actor: Actor, input: BenefitPaymentInput, approvalItemId: bigint | null) {
  const { problems, payee } = checkPayee(input);
  if (input.amount <= 0n) problems.unshift({ field: 'amount', message: fieldRules.required() });
  if (problems.length) throw invalidFields(problems);
  const benefit = benefitAccount(input.fund, input.benefitType, todayInChina());
  const part = input.source.part ?? '';
  const existing = await repository.liveOrderOfSource(tx, input.source.type, input.source.id, part);
  if (existing) {
    const abandoned = existing.status === 'pending' && !(await openItemsOfSubjects(tx, [subjectKeyOf(existing.id)])).length;
    if (!abandoned) throw conflict('source', paymentOrderSaid.alreadyOrdered({ reference: existing.reference, status: statusNames[existing.status]() }));
    await repository.updateOrder(tx, existing, { status: 'cancelled' });
  }
  const id = newId(), reference = `DC${id}`;
  await repository.insertOrder(tx, {
    person_id: input.personId, id, region_code: input.regionCode, fund_code: input.fund, benefit_type: input.benefitType, subject_code: benefit.code, amount: input.amount,
    payee_name: payee.payeeName, payee_id_number: payee.payeeIdNumber, bank_account: payee.bankAccount, reason: input.reason,
    source_type: input.source.type, source_id: input.source.id, source_part: part, reference, requested_by: actor.username, approval_item_id: approvalItemId,
  });
  return { id, reference, benefit };
}

const sourceText = (source: BenefitPaymentInput['source']) => `${source.type}:${source.id}${source.part ? `:${source.part}` : ''}`;

/** Writes a one-off payment order and submits it to its own sign-off as the actor (经办): 复核 and 审批 follow. */
export async function queueBenefitPayment(tx: Tx, actor: Actor, input: BenefitPaymentInput): Promise<PaymentOrderView> {
  const { id, reference, benefit } = await writeOrder(tx, actor, input, null);
  const item = await submitForApproval(tx, actor, paymentOrderSignoff, {
    regionCode: input.regionCode, subjectKey: subjectKeyOf(id), amount: input.amount,
    title: render(paymentOrderSaid.title({ benefit: benefit.name, amount: formatYuan(input.amount), payee: input.payeeName.trim(), reason: input.reason }), 'zh-CN'),
    payload: { orderId: id.toString(), personId: input.personId.toString(), reference, fund: input.fund, amount: formatYuan(input.amount) },
  });
  await repository.updateOrder(tx, { person_id: input.personId, id }, { approval_item_id: BigInt(item.id) });
  await recordAudit(tx, actor, { action: 'benefit.payment_order.queue', entityType: 'benefit_payment_order', entityId: id, regionCode: input.regionCode,
    after: { reference, fund: input.fund, subject: benefit.code, amount: formatYuan(input.amount), source: sourceText(input.source), approvalItem: item.id } });
  return paymentOrderView((await repository.lockOrder(tx, input.personId, id))!);
}

/**
 * Writes an order that a signed-off item already authorises — a claim's payments, whose own sign-off (经办、复核、审批,
 * R4.5) decided them: no second sign-off; the order goes straight to what an order's final approval does (offset, then
 * funding). The caller runs in the transaction of that item's approval, or later for what it decided (a month due).
 */
export async function queueAuthorisedPayment(tx: Tx, actor: Actor, input: BenefitPaymentInput, authorisedBy: { itemId: bigint; pooled?: PooledTransfers }): Promise<PaymentOrderView> {
  const { id, benefit } = await writeOrder(tx, actor, input, authorisedBy.itemId);
  const order = (await repository.lockOrder(tx, input.personId, id))!;
  const result = await offsetAndFund(tx, actor, order, authorisedBy.pooled);
  await recordAudit(tx, actor, { action: 'benefit.payment_order.authorised', entityType: 'benefit_payment_order', entityId: id, regionCode: input.regionCode,
    after: { ...result, fund: input.fund, subject: benefit.code, amount: formatYuan(input.amount), source: sourceText(input.source), authorisedBy: authorisedBy.itemId.toString() } });
  return paymentOrderView((await repository.lockOrder(tx, input.personId, id))!);
}

/** The final approval of an order's own sign-off. */
async function approveOrder(tx: Tx, approver: Actor, itemId: bigint, payload: OrderPayload) {
  const order = await repository.lockOrder(tx, BigInt(payload.personId), BigInt(payload.orderId));
  if (!order) throw notFound(paymentOrderSaid.orderNotFound({ id: payload.orderId }));
  const result = await offsetAndFund(tx, approver, order);
  await recordAudit(tx, approver, { action: 'benefit.payment_order.approve', entityType: 'benefit_payment_order', entityId: order.id, regionCode: order.region_code,
    after: { ...result, approvalItem: itemId.toString() } });
  return result;
}

/**
 * An authorised order: the person's open overpayments of the fund offset (oldest first), the rest funded — what the
 * 支出户 holds free first, a 用款申请 for the shortfall; an order wholly offset is paid there and then.
 */
async function offsetAndFund(tx: Tx, actor: Actor, order: repository.OrderRow, pooled?: PooledTransfers) {
  const today = todayInChina(), period = today.slice(0, 7);
  const taken = await offsetOverpayments(tx, actor, { personId: order.person_id, fund: order.fund_code, amount: order.amount, reference: order.reference, on: today });
  const offset = taken.offset;
  const payable = order.amount - offset;
  const result: Record<string, unknown> = { order: order.reference, offset: formatYuan(offset), payable: formatYuan(payable), offsets: taken.offsets };
  if (offset > 0n) {
    const lines = offsetEntryLines(taken, order.subject_code, payrollAccounts(fundInsurance(order.fund_code), period).pensionExpense, today);
    if (lines.length) {
      const [posted] = await postEntries(tx, actor, [{
        key: `benefit-payment-offset:${order.id}`, fund: order.fund_code, period, date: today, source: { type: 'benefit_payment_order', id: String(order.id) },
        memo: render(paymentOrderSaid.offsetMemo({ reference: order.reference, amount: formatYuan(offset) }), 'zh-CN'), lines,
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
    if (funding.shortfall > 0n && pooled) pooled.add(order, funding.shortfall);
    else if (funding.shortfall > 0n) Object.assign(result, await requestOrderTransfer(tx, actor, order, funding.shortfall));
  }
  return result;
}

/**
 * The shortfalls of a run's orders (a month of claims: one order per claimant and part), gathered per fund so that
 * finance gets one 用款申请 per fund for the run rather than one per order (`requestPooledTransfers` at the run's end).
 * Until then the orders wait `approved` and count in full against the 支出户's free balance, as an order with its own
 * pending request does.
 */
export class PooledTransfers {
  private readonly funds = new Map<string, { amount: bigint; orders: { person_id: bigint; id: bigint }[] }>();
  add(order: { person_id: bigint; id: bigint; fund_code: string }, shortfall: bigint) {
    const fund = this.funds.get(order.fund_code) ?? { amount: 0n, orders: [] };
    fund.amount += shortfall;
    fund.orders.push({ person_id: order.person_id, id: order.id });
    this.funds.set(order.fund_code, fund);
  }
  entries() { return [...this.funds.entries()]; }
}

/**
 * One 用款申请 per fund for what the run's orders lacked (kind `fund.transfer`, finance): its approval moves the sum
 * from the 财政专户 to the 支出户 and funds every order it names (payroll.service applyTransfer). What was requested.
 */
export async function requestPooledTransfers(tx: Tx, actor: Actor, pooled: PooledTransfers, run: { period: string; what: string }) {
  const requested: { fund: string; amount: string; orders: number; transferRequest: string; transferItem: string }[] = [];
  for (const [fund, { amount, orders }] of pooled.entries()) {
    const requestId = newId(), region = fundRegion(fund);
    await payrollRepository.insertTransferRequest(tx, {
      id: requestId, fund_code: fund, region_code: region, amount, batch_id: null, requested_by: actor.username, approval_item_id: null,
      purpose: render(paymentOrderSaid.pooledTransferPurpose({ period: run.period, what: run.what, orders: orders.length }), 'zh-CN'),
    });
    const transfer = await submitForApproval(tx, actor, fundTransferSignoff, {
      regionCode: region, subjectKey: `fund.transfer:${requestId}`, amount,
      title: render(paymentOrderSaid.pooledTransferTitle({ fund, period: run.period, what: run.what, orders: orders.length, amount: formatYuan(amount) }), 'zh-CN'),
      payload: { requestId: requestId.toString(), fund, period: run.period, amount: formatYuan(amount), orders: orders.length },
    });
    await payrollRepository.setTransferApprovalItem(tx, requestId, BigInt(transfer.id));
    await repository.setOrdersTransfer(tx, orders, requestId);
    requested.push({ fund, amount: formatYuan(amount), orders: orders.length, transferRequest: requestId.toString(), transferItem: transfer.id });
  }
  return requested;
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

/** The orders of a record (every part, cancelled ones too), oldest first: what its detail page shows it was paid. */
export async function ordersOfSource(tx: Tx, source: { type: string; id: bigint }): Promise<PaymentOrderView[]> {
  return (await repository.ordersOfSource(tx, source.type, source.id)).map(paymentOrderView);
}

export type AnsweredOrder = repository.OrderRow;
export const ordersByReferences = repository.ordersByReferences;

/** The bank paid the order: Dr its benefit subject / Cr 支出户, the amount after the offset (one entry per order). */
export function orderPaidEntry(order: AnsweredOrder, importId: bigint, today: string): { entry: EntryInput; amount: bigint; expenseBank: string } {
  const amount = order.amount - order.amount_offset;
  const { expenseBank } = transferAccounts(today.slice(0, 7));
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
