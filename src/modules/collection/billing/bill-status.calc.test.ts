import { test } from 'node:test';
import assert from 'node:assert/strict';
import { billStatus, settleBill, type SettlementAllocation } from './bill-status.calc.ts';

test('bill status table: 未缴, 部分缴纳, 已缴清 by what is paid; 逾期 only from the day after the due date', () => {
  const cases: { name: string; total: bigint; paid: bigint; asOf: string; status: string }[] = [
    { name: 'nothing paid before the due date: 未缴 (应缴未缴, not arrears)', total: 724_000n, paid: 0n, asOf: '2026-02-10', status: 'unpaid' },
    { name: 'nothing paid on the due date itself: still 未缴', total: 724_000n, paid: 0n, asOf: '2026-02-15', status: 'unpaid' },
    { name: 'nothing paid the day after: 逾期', total: 724_000n, paid: 0n, asOf: '2026-02-16', status: 'overdue' },
    { name: 'part paid before the due date: 部分缴纳', total: 724_000n, paid: 1n, asOf: '2026-02-15', status: 'partial' },
    { name: 'part paid after the due date: 逾期', total: 724_000n, paid: 723_999n, asOf: '2026-03-01', status: 'overdue' },
    { name: 'paid in full, even late: 已缴清', total: 724_000n, paid: 724_000n, asOf: '2026-03-01', status: 'paid' },
    { name: 'a credit note asks for nothing: 已缴清', total: -120_000n, paid: 0n, asOf: '2026-03-01', status: 'paid' },
  ];
  for (const c of cases) assert.equal(billStatus(c.total, c.paid, '2026-02-15', c.asOf), c.status, c.name);
});

test('settling a bill: paid and outstanding per insurance from principal allocations; late fees and credits do not pay principal, reversals take back', () => {
  const items = [
    { insurance: 'pension', employerAmount: 320_000n, employeeAmount: 160_000n },
    { insurance: 'medical', employerAmount: 160_000n, employeeAmount: 40_000n },
  ];
  const allocations: SettlementAllocation[] = [
    { insurance: 'pension', part: 'employer', amount: 320_000n },
    { insurance: 'pension', part: 'employee', amount: 160_000n },
    { insurance: 'pension', part: 'late_fee', amount: 2_400n },
    { insurance: 'medical', part: 'employer', amount: 100_000n },
    { insurance: null, part: 'credit', amount: 50_000n },
  ];
  const settled = settleBill(items, allocations, '2026-02-15', '2026-02-20');
  assert.deepEqual(settled, {
    status: 'overdue', paid: 580_000n, outstanding: 100_000n,
    items: [{ insurance: 'pension', paid: 480_000n, outstanding: 0n }, { insurance: 'medical', paid: 100_000n, outstanding: 100_000n }],
  });
  const reversed = settleBill(items, [...allocations, { insurance: 'medical', part: 'employer', amount: -100_000n }], '2026-02-15', '2026-02-10');
  assert.deepEqual([reversed.status, reversed.paid, reversed.outstanding], ['partial', 480_000n, 200_000n]);
  assert.equal(settleBill(items, [], '2026-02-15', '2026-02-10').status, 'unpaid');
});
