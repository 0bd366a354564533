import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apportion, daysOverdue, exactLateFee, lateFee, roundToFen, type DailyRate } from './late-fee.calc.ts';
import { ageBucket, billArrears, netCreditNotes, type BillState } from './arrears.calc.ts';

// contribution.late_fee.daily_rate: 0.2% (征缴暂行条例 art. 13) until 2011-06-30, 0.05% (社会保险法 art. 86) since 2011-07-01.
const rates: DailyRate[] = [{ since: '1999-01-22', rate: '0.002' }, { since: '2011-07-01', rate: '0.0005' }];

test('late fee table: days from the day after the due date to the as-of date, exact, rounded once half up', () => {
  const cases: { name: string; principal: bigint; due: string; asOf: string; payments?: [string, bigint][]; fee: bigint; days: number }[] = [
    { name: '10 days = principal × 0.0005 × 10', principal: 10_000_000n, due: '2026-02-15', asOf: '2026-02-25', fee: 50_000n, days: 10 },
    { name: 'as of the due date: not late', principal: 10_000_000n, due: '2026-02-15', asOf: '2026-02-15', fee: 0n, days: 0 },
    { name: 'before the due date', principal: 10_000_000n, due: '2026-02-15', asOf: '2026-02-01', fee: 0n, days: 0 },
    { name: 'paid in full on the due date', principal: 10_000_000n, due: '2026-02-15', asOf: '2026-03-31', payments: [['2026-02-15', 10_000_000n]], fee: 0n, days: 44 },
    { name: 'paid the day after: one day', principal: 10_000_000n, due: '2026-02-15', asOf: '2026-03-31', payments: [['2026-02-16', 10_000_000n]], fee: 5_000n, days: 44 },
    { name: 'across a month end (16 + 14 days)', principal: 123_456n, due: '2026-03-15', asOf: '2026-04-14', fee: 1_852n, days: 30 },
    { name: 'across a year end (31 days)', principal: 200_000n, due: '2025-12-15', asOf: '2026-01-15', fee: 3_100n, days: 31 },
    { name: 'leap year: 29 February counts (29 days)', principal: 100_000n, due: '2024-02-15', asOf: '2024-03-15', fee: 1_450n, days: 29 },
    { name: 'common year: 28 days', principal: 100_000n, due: '2025-02-15', asOf: '2025-03-15', fee: 1_400n, days: 28 },
    { name: 'partial payment: 5 days on 1000.00, 5 days on 600.00', principal: 100_000n, due: '2026-02-15', asOf: '2026-02-25', payments: [['2026-02-20', 40_000n]], fee: 400n, days: 10 },
    { name: 'two partial payments, one before the due date', principal: 100_000n, due: '2026-02-15', asOf: '2026-02-25', payments: [['2026-02-10', 50_000n], ['2026-02-22', 50_000n]], fee: 175n, days: 10 },
    { name: 'rate change on 2011-07-01: 5 days at 0.2%, 5 days at 0.05%', principal: 100_000n, due: '2011-06-25', asOf: '2011-07-05', fee: 1_250n, days: 10 },
    { name: 'rounded once, not per day (10 × 0.5005 fen = 5.005 → 5)', principal: 1_001n, due: '2026-02-15', asOf: '2026-02-25', fee: 5n, days: 10 },
    { name: 'half a fen rounds up', principal: 1_000n, due: '2026-02-15', asOf: '2026-02-16', fee: 1n, days: 1 },
  ];
  for (const c of cases) {
    const payments = (c.payments ?? []).map(([date, amount]) => ({ date, amount }));
    const { total } = lateFee([{ principal: c.principal, payments }], c.due, c.asOf, rates, 'half_up');
    assert.equal(total, c.fee, c.name);
    assert.equal(daysOverdue(c.due, c.asOf), c.days, `${c.name}: days overdue`);
  }
});

test('exact fee and rounding modes', () => {
  const exact = exactLateFee({ principal: 1_000n, payments: [] }, '2026-02-15', '2026-02-16', rates);
  assert.deepEqual(exact, { units: 5_000n, scale: 4 }); // 0.5 fen
  assert.equal(roundToFen(exact, 'half_up'), 1n);
  assert.equal(roundToFen(exact, 'half_even'), 0n);
  assert.equal(roundToFen(exact, 'down'), 0n);
  assert.throws(() => exactLateFee({ principal: 1n, payments: [] }, '1990-01-01', '1990-01-02', rates), /no late fee rate in force on 1990-01-02/);
});

test('the fee of several insurances is rounded once for the bill and split back by the largest remainder', () => {
  // 0.5 fen + 0.5 fen: one fen for the bill, to the first insurance on the tie.
  const half = { principal: 1_000n, payments: [] };
  assert.deepEqual(lateFee([half, half], '2026-02-15', '2026-02-16', rates, 'half_up'), { total: 1n, shares: [1n, 0n] });
  assert.deepEqual(apportion(10n, [{ units: 33_333n, scale: 4 }, { units: 33_333n, scale: 4 }, { units: 33_334n, scale: 4 }]), [3n, 3n, 4n]);
  assert.deepEqual(apportion(7n, [{ units: 26n, scale: 1 }, { units: 44n, scale: 1 }]), [3n, 4n]);
});

test('ageing buckets by days overdue', () => {
  const cases: [number, string | null][] = [[0, null], [1, '1-30'], [30, '1-30'], [31, '31-90'], [90, '31-90'], [91, '91-180'], [180, '91-180'], [181, '181-365'], [365, '181-365'], [366, '>365']];
  for (const [days, bucket] of cases) assert.equal(ageBucket(days), bucket, String(days));
});

test('a bill\'s arrears: principal per part, late fee accrued less paid, split over the insurances', () => {
  const bill: BillState = {
    employerId: 1n, billId: 2n, number: 'B1', period: '2026-01', dueDate: '2026-02-15', regionCode: '990102',
    items: [
      { insurance: 'pension', fund: 'pension-990000', employerAmount: 160_000n, employeeAmount: 80_000n },
      { insurance: 'medical', fund: 'medical-990100', employerAmount: 60_000n, employeeAmount: 20_000n },
    ],
    allocations: [
      { insurance: 'pension', part: 'employee', amount: 80_000n, date: '2026-02-20' },
      { insurance: 'pension', part: 'employer', amount: 160_000n, date: '2026-02-20' },
      { insurance: 'pension', part: 'late_fee', amount: 500n, date: '2026-02-20' },
    ],
  };
  const arrears = billArrears(bill, '2026-02-25', rates, 'half_up');
  // pension 2400.00 unpaid 5 days → 600 fen; medical 800.00 unpaid 10 days → 400 fen; 1000 accrued, 500 paid.
  assert.equal(arrears.principal, 80_000n);
  assert.equal(arrears.lateFeeAccrued, 1_000n);
  assert.equal(arrears.lateFeePaid, 500n);
  assert.equal(arrears.lateFee, 500n);
  assert.equal(arrears.daysOverdue, 10);
  assert.deepEqual(arrears.items.map((i) => [i.insurance, i.employee, i.employer, i.lateFee]), [['pension', 0n, 0n, 100n], ['medical', 20_000n, 60_000n, 400n]]);
});

test('a credit note reduces its period\'s bills, oldest first, never below what is paid, and owes nothing itself', () => {
  const bill = (billId: bigint, kind: string, period: string, items: [string, bigint, bigint][], allocations: BillState['allocations'] = []) => ({
    employerId: 1n, billId, number: `B${billId}`, kind, period, dueDate: `${period}-15`, regionCode: '990102', allocations,
    items: items.map(([insurance, employerAmount, employeeAmount]) => ({ insurance: insurance as 'pension', fund: 'f', employerAmount, employeeAmount })),
  });
  const netted = netCreditNotes([
    bill(1n, 'regular', '2026-09', [['pension', 16_000n, 8_000n]]),
    // October: the regular bill half paid (employee part), a correction reverses 10,000 base and bills 6,000
    bill(2n, 'regular', '2026-10', [['pension', 16_000n, 8_000n], ['work_injury', 400n, 0n]], [{ insurance: 'pension', part: 'employee', amount: 8_000n, date: '2026-11-01' }]),
    bill(3n, 'credit_note', '2026-10', [['pension', -1_600n, -800n], ['work_injury', -40n, 0n]]),
    bill(4n, 'supplementary', '2026-10', [['pension', 960n, 480n], ['work_injury', 24n, 0n]]),
  ]);
  assert.deepEqual(netted.map((b) => b.billId), [1n, 2n, 4n]);
  const items = (id: bigint) => netted.find((b) => b.billId === id)!.items.map((i) => [i.insurance, i.employerAmount, i.employeeAmount]);
  assert.deepEqual(items(1n), [['pension', 16_000n, 8_000n]]);                              // another period: untouched
  assert.deepEqual(items(2n), [['pension', 14_400n, 8_000n], ['work_injury', 360n, 0n]]);    // employee part already paid: not reduced
  assert.deepEqual(items(4n), [['pension', 960n, 0n], ['work_injury', 24n, 0n]]);            // …so it comes off the supplementary bill
});
