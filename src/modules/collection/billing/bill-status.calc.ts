/**
 * A bill as people read it: what is paid and what is outstanding per insurance, and its status on a date —
 * 未缴 (nothing paid yet), 部分缴纳 (part paid), 已缴清 (paid in full), 逾期 (unpaid or part paid after the due date).
 * Before the due date an unpaid amount is 应缴未缴, not yet 欠费: 社会保险法 第八十六条 makes it arrears (and charges
 * the late fee) only when the employer 未按时足额缴纳. Pure: the caller reads the items and allocations.
 *
 * Paid counts every principal allocation (employer and employee parts; a reversal's negative allocations take it
 * back), whatever its date: a credit applied as of the due date pays the bill already. Late fees are not part of the
 * bill's principal; the arrears report shows them. A credit note (红字通知单) asks for nothing: it is 已缴清.
 */
export const billStatuses = ['unpaid', 'partial', 'paid', 'overdue'] as const;
export type BillStatus = (typeof billStatuses)[number];

/** 未缴, 部分缴纳, 已缴清, 逾期 */
export const billStatusNames: Record<BillStatus, string> = { unpaid: '未缴', partial: '部分缴纳', paid: '已缴清', overdue: '逾期' };

export interface SettlementItem { insurance: string; employerAmount: bigint; employeeAmount: bigint }
export interface SettlementAllocation { insurance: string | null; part: 'employee' | 'employer' | 'late_fee' | 'credit'; amount: bigint }

export interface ItemSettlement { insurance: string; paid: bigint; outstanding: bigint }
export interface BillSettlement { status: BillStatus; paid: bigint; outstanding: bigint; items: ItemSettlement[] }

/**
 * The status of a bill of `total` with `paid` principal on `asOf`. The due date is the last day to pay (缴费截止日):
 * the bill is overdue from the day after it.
 */
export function billStatus(total: bigint, paid: bigint, dueDate: string, asOf: string): BillStatus {
  if (paid >= total) return 'paid';
  if (asOf > dueDate) return 'overdue';
  return paid === 0n ? 'unpaid' : 'partial';
}

/** Paid and outstanding per insurance (in the items' order) and for the whole bill, and its status on `asOf`. */
export function settleBill(items: SettlementItem[], allocations: SettlementAllocation[], dueDate: string, asOf: string): BillSettlement {
  const settled = items.map((item) => {
    const due = item.employerAmount + item.employeeAmount;
    const paid = allocations.reduce((sum, a) => (a.insurance === item.insurance && (a.part === 'employer' || a.part === 'employee') ? sum + a.amount : sum), 0n);
    return { insurance: item.insurance, due, paid, outstanding: due > paid ? due - paid : 0n };
  });
  const total = settled.reduce((sum, item) => sum + item.due, 0n);
  const paid = settled.reduce((sum, item) => sum + item.paid, 0n);
  return {
    status: billStatus(total, paid, dueDate, asOf), paid, outstanding: settled.reduce((sum, item) => sum + item.outstanding, 0n),
    items: settled.map(({ insurance, paid: itemPaid, outstanding }) => ({ insurance, paid: itemPaid, outstanding })),
  };
}
