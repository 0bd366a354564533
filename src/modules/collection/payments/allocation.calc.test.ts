import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allocate, insuranceOrder, orderBills, partsInOrder } from './allocation.calc.ts';
import { billArrears, type BillState } from '../arrears/arrears.calc.ts';
import { paymentImportKeys } from './collection-file.schema.ts';

const bill = (number: string, period: string): BillState => ({
  employerId: 1n, billId: BigInt(period.replace('-', '')), number, period, dueDate: `${period}-28`, regionCode: '990102',
  items: [
    { insurance: 'work_injury', fund: 'work_injury-990100', employerAmount: 500n, employeeAmount: 0n },
    { insurance: 'medical', fund: 'medical-990100', employerAmount: 6_000n, employeeAmount: 2_000n },
    { insurance: 'pension', fund: 'pension-990000', employerAmount: 16_000n, employeeAmount: 8_000n },
  ],
  allocations: [],
});

test('bill order: the bill named in the reference first, then by period, then by number', () => {
  const bills = [bill('C', '2026-03'), bill('B2', '2026-01'), bill('A', '2026-02'), bill('B1', '2026-01')];
  assert.deepEqual(orderBills(bills, null).map((b) => b.number), ['B1', 'B2', 'A', 'C']);
  assert.deepEqual(orderBills(bills, ' C ').map((b) => b.number), ['C', 'B1', 'B2', 'A']);
  assert.deepEqual(orderBills(bills, 'unknown').map((b) => b.number), ['B1', 'B2', 'A', 'C']);
});

test('insurance order from the parameter; unnamed insurances follow in bill order', () => {
  assert.deepEqual(insuranceOrder(['medical', 'pension']), ['medical', 'pension', 'unemployment', 'work_injury', 'maternity', 'occupational_annuity']);
  assert.deepEqual(insuranceOrder(['pension', 'medical', 'unemployment', 'work_injury', 'maternity']), ['pension', 'medical', 'unemployment', 'work_injury', 'maternity', 'occupational_annuity'],
    '职业年金 after every insurance unless the parameter names it');
  assert.deepEqual(insuranceOrder(['occupational_annuity', 'pension']).slice(0, 3), ['occupational_annuity', 'pension', 'medical']);
});

test('within a bill: principal by insurance, employee before employer, then the late fee; the remainder is returned', () => {
  const order = insuranceOrder(['pension', 'medical', 'unemployment', 'work_injury', 'maternity']);
  const parts = partsInOrder(billArrears(bill('B1', '2026-01'), '2026-01-28', [{ since: '2011-07-01', rate: '0.0005' }], 'half_up'), order);
  assert.deepEqual(parts.map((p) => `${p.insurance}/${p.part}/${p.owed}`), [
    'pension/employee/8000', 'pension/employer/16000', 'medical/employee/2000', 'medical/employer/6000', 'work_injury/employer/500',
  ]);
  const some = allocate(9_000n, parts);
  assert.deepEqual(some.payments.map((p) => `${p.insurance}/${p.part}/${p.amount}`), ['pension/employee/8000', 'pension/employer/1000']);
  assert.equal(some.remainder, 0n);
  const too = allocate(33_000n, parts);
  assert.equal(too.payments.reduce((s, p) => s + p.amount, 0n), 32_500n);
  assert.equal(too.remainder, 500n);

  const late = partsInOrder(billArrears(bill('B1', '2026-01'), '2026-02-07', [{ since: '2011-07-01', rate: '0.0005' }], 'half_up'), order);
  // 325.00 unpaid for 10 days at 0.05% = 162.5 fen → 163, split 120/40/2.5 → pension 120, medical 40, work injury 3.
  assert.deepEqual(late.slice(5).map((p) => `${p.insurance}/${p.part}/${p.owed}`), ['pension/late_fee/120', 'medical/late_fee/40', 'work_injury/late_fee/3']);
});

test('a payment\'s identity: the bank\'s transaction id, else date, payer, amount and sequence among equal payments of the file', () => {
  const payment = (date: string, amount: bigint, transactionId: string | null = null) => ({ date, creditCode: '91110000600037341L', amount, transactionId });
  assert.deepEqual(paymentImportKeys([payment('2026-02-10', 123_456n), payment('2026-02-10', 123_456n), payment('2026-02-11', 123_456n), payment('2026-02-10', 123_456n, 'TX9')]), [
    'bank:2026-02-10/91110000600037341L/123456/1', 'bank:2026-02-10/91110000600037341L/123456/2', 'bank:2026-02-11/91110000600037341L/123456/1', 'bank:tx:TX9',
  ]);
  // A later file repeating the first payment and adding a second equal one: the first keeps its key, the second is new.
  assert.deepEqual(paymentImportKeys([payment('2026-02-11', 5n), payment('2026-02-10', 123_456n), payment('2026-02-10', 123_456n)]).slice(1),
    ['bank:2026-02-10/91110000600037341L/123456/1', 'bank:2026-02-10/91110000600037341L/123456/2']);
});
