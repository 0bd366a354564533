/**
 * What a bill still owes on a date (欠费: principal and late fee, per insurance), and the ageing buckets of arrears,
 * as pure functions. The caller passes the allocations that count (for a report as of a date: those made on or
 * before it); the late fee accrues only on principal unpaid on each day (see late-fee.calc.ts).
 */
import type { RoundingMode } from '../../../platform/money.ts';
import type { Insurance } from '../../registry/index.ts';
import { daysOverdue, lateFee, type DailyRate } from './late-fee.calc.ts';

export type AllocatedPart = 'employee' | 'employer' | 'late_fee';

export interface BillItemState { insurance: Insurance; fund: string; employerAmount: bigint; employeeAmount: bigint }
export interface AllocationState { insurance: Insurance; part: AllocatedPart; amount: bigint; date: string }

/** A bill with its per-insurance totals and what has been allocated to it. */
export interface BillState {
  employerId: bigint; billId: bigint; number: string; period: string; dueDate: string; regionCode: string;
  items: BillItemState[];
  allocations: AllocationState[];
}

/** What one insurance of a bill still owes (fen). */
export interface ItemArrears { insurance: Insurance; fund: string; employee: bigint; employer: bigint; lateFee: bigint }

export interface BillArrears {
  bill: BillState;
  /** Principal not yet paid (fen). */
  principal: bigint;
  /** Late fee accrued to the date, rounded once; paid; still owed. */
  lateFeeAccrued: bigint; lateFeePaid: bigint; lateFee: bigint;
  daysOverdue: number;
  items: ItemArrears[];
}

const sumOf = (allocations: AllocationState[], insurance: Insurance, ...parts: AllocatedPart[]) =>
  allocations.reduce((sum, a) => (a.insurance === insurance && parts.includes(a.part) ? sum + a.amount : sum), 0n);

/**
 * A bill's arrears on `asOf`, counting every allocation given. The late fee of each insurance is its share of the
 * bill's fee (rounded once for the bill) less what was paid of it; the bill's outstanding fee is split over the
 * insurances so that the items always add up to it.
 */
export function billArrears(bill: BillState, asOf: string, rates: DailyRate[], rounding: RoundingMode): BillArrears {
  const streams = bill.items.map((item) => ({
    principal: item.employerAmount + item.employeeAmount,
    payments: bill.allocations.filter((a) => a.insurance === item.insurance && a.part !== 'late_fee').map((a) => ({ date: a.date, amount: a.amount })),
  }));
  const fee = lateFee(streams, bill.dueDate, asOf, rates, rounding);
  const lateFeePaid = bill.allocations.reduce((sum, a) => (a.part === 'late_fee' ? sum + a.amount : sum), 0n);
  let feeLeft = fee.total > lateFeePaid ? fee.total - lateFeePaid : 0n;
  const lateFeeOwed = feeLeft;
  const items = bill.items.map((item, index) => {
    const owedShare = fee.shares[index] - sumOf(bill.allocations, item.insurance, 'late_fee');
    const itemFee = owedShare <= 0n ? 0n : owedShare < feeLeft ? owedShare : feeLeft;
    feeLeft -= itemFee;
    return {
      insurance: item.insurance, fund: item.fund,
      employee: item.employeeAmount - sumOf(bill.allocations, item.insurance, 'employee'),
      employer: item.employerAmount - sumOf(bill.allocations, item.insurance, 'employer'),
      lateFee: itemFee,
    };
  });
  // Rounding shifts between shares over time may leave a fen unplaced: it goes to the first insurance.
  if (feeLeft > 0n && items.length) items[0].lateFee += feeLeft;
  return {
    bill, principal: items.reduce((sum, i) => sum + i.employee + i.employer, 0n),
    lateFeeAccrued: fee.total, lateFeePaid, lateFee: lateFeeOwed, daysOverdue: daysOverdue(bill.dueDate, asOf), items,
  };
}

/**
 * 滞纳金减免 (dunning.calc.ts waiverGrounds): the late fee waived for an employer (fen, every waiver dated up to the
 * day) comes off its bills' outstanding late fees, the oldest bill first and within a bill its insurances in order,
 * never below zero. Late fee paid earlier was paid net of the same waiver, so taking the whole waiver off again on
 * every day gives what is still owed. The bills come back in the order given.
 */
export function lessWaivedLateFee(bills: BillArrears[], waived: bigint): BillArrears[] {
  if (waived <= 0n) return bills;
  let left = waived;
  const reduced = new Map<BillArrears, BillArrears>();
  const oldestFirst = [...bills].sort((a, b) => (a.bill.dueDate < b.bill.dueDate ? -1 : a.bill.dueDate > b.bill.dueDate ? 1 : a.bill.number < b.bill.number ? -1 : 1));
  for (const bill of oldestFirst) {
    if (left === 0n || bill.lateFee === 0n) continue;
    const items = bill.items.map((item) => {
      const taken = left < item.lateFee ? left : item.lateFee;
      left -= taken;
      return { ...item, lateFee: item.lateFee - taken };
    });
    reduced.set(bill, { ...bill, items, lateFee: items.reduce((sum, item) => sum + item.lateFee, 0n) });
  }
  return bills.map((bill) => reduced.get(bill) ?? bill);
}

/**
 * A credit note (红字通知单, issued by a reassessment) owes nothing itself: it reduces what its period's other bills
 * ask for. Each credit-note item is taken off the same insurance of the period's bills, oldest bill first, the
 * employee part and the employer part separately, never below what has already been paid on them. Returns the bills
 * without the credit notes. A credit note on a period already paid in full has nothing left to reduce here.
 */
export function netCreditNotes(bills: (BillState & { kind: string })[]): BillState[] {
  const payable = bills.filter((bill) => bill.kind !== 'credit_note');
  const paid = (bill: BillState, insurance: Insurance, part: AllocatedPart) =>
    bill.allocations.reduce((sum, a) => (a.insurance === insurance && a.part === part ? sum + a.amount : sum), 0n);
  for (const note of bills.filter((bill) => bill.kind === 'credit_note')) {
    const siblings = payable.filter((bill) => bill.employerId === note.employerId && bill.period === note.period);
    for (const credit of note.items) {
      let employee = -credit.employeeAmount, employer = -credit.employerAmount;
      for (const bill of siblings) {
        const item = bill.items.find((i) => i.insurance === credit.insurance);
        if (!item) continue;
        const employeeCut = min(employee, item.employeeAmount - paid(bill, credit.insurance, 'employee'));
        const employerCut = min(employer, item.employerAmount - paid(bill, credit.insurance, 'employer'));
        item.employeeAmount -= employeeCut; employee -= employeeCut;
        item.employerAmount -= employerCut; employer -= employerCut;
      }
    }
  }
  return payable.map(({ kind: _kind, ...bill }) => bill);
}

const min = (a: bigint, b: bigint) => (b < 0n ? 0n : a < b ? a : b);

/** Ageing buckets of arrears by days overdue (账龄). */
export const ageBuckets = ['1-30', '31-90', '91-180', '181-365', '>365'] as const;
export type AgeBucket = (typeof ageBuckets)[number];

export function ageBucket(days: number): AgeBucket | null {
  if (days <= 0) return null;
  if (days <= 30) return '1-30';
  if (days <= 90) return '31-90';
  if (days <= 180) return '91-180';
  if (days <= 365) return '181-365';
  return '>365';
}
