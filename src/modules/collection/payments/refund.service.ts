/**
 * 退费: money an employer paid that no bill needs — an overpayment kept as credit, or what a credit note (冲减) left
 * paid beyond the period's due, e.g. a duplicate pension contribution — is paid back through sign-off. 补退 is a
 * high-risk operation (seed 004 篇7: 补退金额 to be checked by a second person): one person asks, a reviewer and an
 * approver sign. On the final approval the credits are drawn oldest first and each fund pays back its 暂收款 from the
 * bank account holding the money (Dr 2201 / Cr 收入户, or 财政专户 once swept: 财社〔2017〕144号 第三十九条, refunds).
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, widenToPooledFunds, type Actor, type Tx } from '../../../platform/actor.ts';
import { conflict, invalid, notFound } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { formatYuan, parseYuan } from '../../../platform/money.ts';
import { todayInChina } from '../../../platform/params/index.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { registerSignoffKind, submitForApproval } from '../../../platform/signoff/index.ts';
import { postEntries, type EntryInput } from '../../ledger/index.ts';
import { employerByCreditCode, employersByIds } from '../arrears/arrears.repository.ts';
import { PAYMENTS_ACROSS_POOLS } from '../collection.scope.ts';
import { SUSPENSE_RECEIPTS_ACCOUNT } from '../fund-accounts.ts';
import { paymentsSaid, subjects } from '../collection.messages.ts';
import { accountHoldingCredit } from './payments.service.ts';
import * as repository from './payments.repository.ts';

type RefundPayload = { employerId: string; creditCode: string; amount: string; reason: string };

export interface RefundView { creditCode: string; amount: string; refundedOn: string; entries: number }

export const refundSignoff = registerSignoffKind<RefundPayload>({
  kind: 'payment.refund',
  label: '退费',
  parameters: 'signoff.payment_refund',
  requestPermission: 'payment.refund.request',
  levels: [
    { name: 'review', label: '复核', permission: 'payment.refund.review' },
    { name: 'approve', label: '审批', permission: 'payment.refund.approve' },
  ],
  // the refund books into the funds holding the credits, above the approver's region
  decisionActor: (approver) => widenToPooledFunds(approver, PAYMENTS_ACROSS_POOLS),
  effect: async (tx, approver, item) => ({ ...(await applyRefund(tx, approver, item.id, item.payload)) }),
  subjectLink: (payload) => `/collection/payments?employer=${payload.creditCode}`,
});

/** What the employer holds as credit (fen). */
const creditTotal = (credits: repository.CreditHeld[]) => credits.reduce((sum, credit) => sum + credit.amount, 0n);

/** Asks for the refund of `amount` (yuan) of the employer's credit; the item waits in the reviewers' inbox. */
export async function requestRefund(database: DatabaseHandle, actor: Actor, input: { creditCode: string; amount: string; reason: string }) {
  const reason = input.reason?.trim() ?? '';
  if (reason.length < 2 || reason.length > 500) throw invalid('reason', paymentsSaid.reasonLength());
  const amount = parseYuan(input.amount);
  if (amount <= 0n) throw invalid('amount', paymentsSaid.aboveZero({ amount: formatYuan(amount) }));
  return inScope(database, actor, async (tx) => {
    const employer = await employerByCreditCode(tx, input.creditCode.trim().toUpperCase());
    if (!employer) throw notFound(subjects.employer({ creditCode: input.creditCode }));
    const available = creditTotal((await repository.creditsOf(tx, [employer.id])).get(employer.id) ?? []);
    if (amount > available) throw conflict('amount', paymentsSaid.refundBeyondCredit({ amount: formatYuan(amount), available: formatYuan(available) }));
    return submitForApproval(tx, actor, refundSignoff, {
      regionCode: employer.region_code, title: `退费 ${employer.name} ${formatYuan(amount)} 元`, subjectKey: `refund:${employer.id}:${newId()}`, amount,
      payload: { employerId: employer.id.toString(), creditCode: employer.credit_code, amount: formatYuan(amount), reason }, comment: reason,
    });
  });
}

async function applyRefund(tx: Tx, actor: Actor, itemId: bigint, request: RefundPayload): Promise<RefundView> {
  const employerId = BigInt(request.employerId), amount = parseYuan(request.amount);
  await repository.lockEmployerAllocations(tx, [employerId]);
  const employer = (await employersByIds(tx, [employerId])).get(employerId);
  if (!employer) throw notFound(subjects.employerById({ employerId }));
  const credits = (await repository.creditsOf(tx, [employerId])).get(employerId) ?? [];
  const available = creditTotal(credits);
  // a bill may have taken part of the credit since the request
  if (amount > available) throw conflict('amount', paymentsSaid.refundBeyondCredit({ amount: formatYuan(amount), available: formatYuan(available) }));
  const today = todayInChina();
  let left = amount;
  const entries = new Map<string, EntryInput>();
  for (const credit of credits) {
    if (left === 0n) break;
    const take = credit.amount < left ? credit.amount : left;
    left -= take;
    const fund = credit.fund!;
    await repository.insertAllocations(tx, [{
      employer_id: employerId, id: newId(), payment_id: credit.paymentId, bill_id: null, insurance: null, part: 'credit', amount: -take,
      allocated_on: today, booked_on: today, fund_code: fund, region_code: employer.region_code,
    }]);
    const bank = await accountHoldingCredit(tx, employer.region_code, fund, credit);
    const key = `${fund}/${bank}`;
    const entry = entries.get(key) ?? {
      key: `refund:${itemId}:${bank}`, fund, period: today.slice(0, 7), date: today, source: { type: 'refund', id: String(itemId) },
      memo: `退费 ${employer.credit_code} ${employer.name}：${request.reason}`, lines: [{ account: SUSPENSE_RECEIPTS_ACCOUNT, debit: 0n }, { account: bank, credit: 0n }],
    };
    entry.lines[0].debit = entry.lines[0].debit! + take;
    entry.lines[1].credit = entry.lines[1].credit! + take;
    entries.set(key, entry);
  }
  await postEntries(tx, actor, [...entries.values()]);
  const view = { creditCode: employer.credit_code, amount: formatYuan(amount), refundedOn: today, entries: entries.size };
  await recordAudit(tx, actor, { action: 'payment.refund', entityType: 'employer', entityId: employerId, regionCode: employer.region_code, after: { ...view, reason: request.reason, approvalItem: itemId.toString() } });
  return view;
}
