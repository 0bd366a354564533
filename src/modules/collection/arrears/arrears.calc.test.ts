import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lessWaivedLateFee, type BillArrears } from './arrears.calc.ts';

/** A bill's arrears with its late fee split over pension and medical. */
const owing = (number: string, dueDate: string, pension: bigint, medical: bigint): BillArrears => ({
  bill: { employerId: 1n, billId: BigInt(number.length), number, period: dueDate.slice(0, 7), dueDate, regionCode: '990102', items: [], allocations: [] },
  principal: 0n, lateFeeAccrued: pension + medical, lateFeePaid: 0n, lateFee: pension + medical, daysOverdue: 30,
  items: [
    { insurance: 'pension', fund: 'pension-990000', employee: 0n, employer: 0n, lateFee: pension },
    { insurance: 'medical', fund: 'medical-990100', employee: 0n, employer: 0n, lateFee: medical },
  ],
});

test('a waiver comes off the oldest bill first, its insurances in order, never below zero; the bills keep their order', () => {
  const february = owing('B-2026-02', '2026-03-16', 1_000n, 500n);
  const january = owing('B-2026-01', '2026-02-24', 2_000n, 1_000n);
  const fees = (bills: BillArrears[]) => bills.map((bill) => [bill.bill.number, bill.lateFee, bill.items.map((item) => item.lateFee)]);
  assert.deepEqual(fees(lessWaivedLateFee([february, january], 2_500n)), [['B-2026-02', 1_500n, [1_000n, 500n]], ['B-2026-01', 500n, [0n, 500n]]]);
  assert.deepEqual(fees(lessWaivedLateFee([february, january], 3_600n)), [['B-2026-02', 900n, [400n, 500n]], ['B-2026-01', 0n, [0n, 0n]]]);
  assert.deepEqual(fees(lessWaivedLateFee([february, january], 99_999n)), [['B-2026-02', 0n, [0n, 0n]], ['B-2026-01', 0n, [0n, 0n]]]);
  assert.deepEqual(lessWaivedLateFee([february, january], 0n), [february, january]);
});
