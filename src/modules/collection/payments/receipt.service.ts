/**
 * 社会保险费缴费凭证: the agency's receipt for a recorded payment (issue 10, finance conventions) — the employer, the day
 * the money arrived, the amount in figures and in capitals, how it was applied (each bill, insurance and part it paid,
 * late fees, the credit left), the payees (each fund's income account, 收入户, the money was booked to), the agency,
 * the 经办人 who recorded it and, when the payment was reversed (冲正), that it no longer stands.
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, widenToPooledFunds, type Actor } from '../../../platform/actor.ts';
import { notFound } from '../../../platform/errors.ts';
import { formatYuan, yuanInChineseCapitals } from '../../../platform/money.ts';
import { fundNames } from '../billing/billing.repository.ts';
import { incomeAccountPayees, issuingAgency, type NoticePayee } from '../billing/bill-notice.service.ts';
import { ownEmployerOnly } from '../arrears/employer.access.ts';
import { subjects } from '../collection.messages.ts';
import * as repository from './payments.repository.ts';

/** One part a payment paid: a bill's employer or employee contribution of one insurance, or its late fee (滞纳金). */
export interface ReceiptLine { billNumber: string; period: string; insurance: string; part: 'employer' | 'employee' | 'late_fee'; date: string; amount: string }

/** A fund's income account the payment was booked to, and how much of it. */
export interface ReceiptPayee extends NoticePayee { amount: string }

export interface PaymentReceipt {
  /** 凭证号: the payment's id, the number the payments list, the ledger entries (source payment) and a reversal use. */
  number: string;
  creditCode: string; employerName: string;
  /** 到账日期 */
  date: string;
  amount: string;
  /** 人民币（大写） */
  amountInCapitals: string;
  source: 'bank_file' | 'manual' | 'tax';
  transactionId: string | null; reference: string | null;
  /** Where the money went, in payment order; a credit used after the payment day pays on its own day. */
  lines: ReceiptLine[];
  /** Contributions paid (本金), late fees paid and the credit left (预缴结余): together the amount. */
  principal: string; lateFee: string; credit: string;
  payees: ReceiptPayee[];
  agency: string | null;
  /** 经办人: the account that recorded the payment (the audit trail's actor), by name when the viewer's scope shows it. */
  recordedBy: { username: string; name: string | null };
  /** When the payment was recorded: its day in China is the receipt's date of issue. */
  recordedAt: string;
  reversed: { date: string; reason: string; by: string } | null;
}

/** The payees are the funds pooled above the employer (pension at the province): their accounts lie outside a county's scope. */
const PAYEES_ACROSS_POOLS = '缴费凭证列示收款账户';

/**
 * The receipt of a payment in the actor's scope: staff any payment of their region subtree, an employer account its
 * own payments only (another employer's payment is not found, as if it did not exist).
 */
export async function getPaymentReceipt(database: DatabaseHandle, actor: Actor, paymentId: bigint): Promise<PaymentReceipt> {
  const only = ownEmployerOnly(actor);
  const found = await inScope(database, actor, async (tx) => {
    const payment = await repository.paymentForReceipt(tx, paymentId);
    if (!payment || (only !== null && payment.employer_id !== only)) return undefined;
    return { payment, allocations: await repository.receiptAllocations(tx, payment.employer_id, payment.id, payment.reversed_at) };
  });
  if (!found) throw notFound(subjects.payment({ paymentId }));
  const { payment, allocations } = found;
  const parts = allocations.filter((allocation) => allocation.part !== 'credit');
  const sum = (rows: repository.ReceiptAllocationRow[]) => rows.reduce((total, row) => total + row.amount, 0n);

  const reader = widenToPooledFunds(actor, PAYEES_ACROSS_POOLS);
  const byFund = new Map<string, { insurances: string[]; amount: bigint }>();
  for (const part of parts) {
    const fund = byFund.get(part.fund_code!) ?? { insurances: [], amount: 0n };
    if (!fund.insurances.includes(part.insurance!)) fund.insurances.push(part.insurance!);
    fund.amount += part.amount;
    byFund.set(part.fund_code!, fund);
  }
  const names = await inScope(database, reader, (tx) => fundNames(tx, [...byFund.keys()]));
  const payees = await incomeAccountPayees(database, reader, [...byFund].map(([fund, { insurances }]) => ({ fund, name: names.get(fund) ?? fund, insurances })));

  return {
    number: String(payment.id), creditCode: payment.credit_code, employerName: payment.employer_name, date: payment.paid_on,
    amount: formatYuan(payment.amount), amountInCapitals: yuanInChineseCapitals(payment.amount),
    source: payment.source, transactionId: payment.transaction_id, reference: payment.reference,
    lines: parts.map((part) => ({
      billNumber: part.bill_number!, period: part.period!, insurance: part.insurance!, part: part.part as ReceiptLine['part'], date: part.allocated_on!, amount: formatYuan(part.amount),
    })),
    principal: formatYuan(sum(parts.filter((part) => part.part !== 'late_fee'))),
    lateFee: formatYuan(sum(parts.filter((part) => part.part === 'late_fee'))),
    credit: formatYuan(sum(allocations.filter((allocation) => allocation.part === 'credit'))),
    payees: payees.map((payee) => ({ ...payee, amount: formatYuan(byFund.get(payee.fund)!.amount) })),
    agency: await issuingAgency(database, reader, payment.region_code),
    recordedBy: { username: payment.recorded_by, name: payment.recorded_by_name },
    recordedAt: payment.recorded_at.toISOString(),
    reversed: payment.reversed_on ? { date: payment.reversed_on, reason: payment.reversal_reason!, by: payment.reversed_by! } : null,
  };
}
