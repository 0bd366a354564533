/**
 * The settlement of bills for their views (bills.service.ts): per bill its status on a date, what is paid and
 * outstanding in total and per insurance, and the payments that paid it (each with its own amount and late fee).
 */
import type { Tx } from '../../../platform/actor.ts';
import { formatYuan } from '../../../platform/money.ts';
import { settleBill, type BillStatus } from './bill-status.calc.ts';
import { allocationsOfBills } from './bill-status.repository.ts';

/** A payment as a bill shows it: what it paid of this bill's contributions and late fee; a reversed payment nets to zero. */
export interface BillPaymentView { paymentId: string; date: string; amount: string; lateFee: string; reversed: boolean }

export interface BillSettlementView {
  status: BillStatus;
  paid: string;
  /** 应缴未缴 before the due date, 欠费 after it (status overdue). */
  outstanding: string;
  /** Paid and outstanding of each insurance of the bill. */
  items: Record<string, { paid: string; outstanding: string }>;
  payments: BillPaymentView[];
}

interface SettledBill { employer_id: bigint; id: bigint; due_date: string }
interface SettledItem { bill_id: bigint; insurance: string; employer_amount: bigint; employee_amount: bigint }

/** Each bill's settlement on `asOf` (the day in China for the API), by bill id; `items` are the bills' items (bill_item rows). */
export async function settlementsOfBills(tx: Tx, bills: SettledBill[], items: SettledItem[], asOf: string): Promise<Map<bigint, BillSettlementView>> {
  const allocations = await allocationsOfBills(tx, bills);
  return new Map(bills.map((bill) => {
    const own = allocations.filter((a) => a.bill_id === bill.id);
    const settled = settleBill(
      items.filter((item) => item.bill_id === bill.id).map((item) => ({ insurance: item.insurance, employerAmount: item.employer_amount, employeeAmount: item.employee_amount })),
      own, bill.due_date, asOf,
    );
    const payments = new Map<bigint, { date: string; principal: bigint; lateFee: bigint; reversed: boolean }>();
    for (const allocation of own) {
      const payment = payments.get(allocation.payment_id) ?? { date: allocation.paid_on, principal: 0n, lateFee: 0n, reversed: allocation.reversed };
      if (allocation.part === 'late_fee') payment.lateFee += allocation.amount; else payment.principal += allocation.amount;
      payments.set(allocation.payment_id, payment);
    }
    return [bill.id, {
      status: settled.status, paid: formatYuan(settled.paid), outstanding: formatYuan(settled.outstanding),
      items: Object.fromEntries(settled.items.map((item) => [item.insurance, { paid: formatYuan(item.paid), outstanding: formatYuan(item.outstanding) }])),
      payments: [...payments].map(([paymentId, payment]) => ({
        paymentId: String(paymentId), date: payment.date, amount: formatYuan(payment.principal), lateFee: formatYuan(payment.lateFee), reversed: payment.reversed,
      })),
    }];
  }));
}
