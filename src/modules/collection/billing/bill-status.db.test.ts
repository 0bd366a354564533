/**
 * A bill's status as people read it, from its items and the allocations of real payments: 未缴 and 部分缴纳 before
 * the due date, 逾期 after it, 已缴清 once paid in full (even late); paid and outstanding per insurance and the
 * payments behind them; and the bills list's status filter in SQL agreeing with the calculation for each status.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { inScope, systemActor } from '../../../platform/actor.ts';
import { createTestDatabase, type TestDatabase } from '../../../platform/testing/database.ts';
import { addDays } from '../../ledger/index.ts';
import { recordPayment } from '../payments/payments.service.ts';
import { addEmployer, billPeriod, EMPLOYER_A, EMPLOYER_B, seedCollection } from '../payments/payments.testing.ts';
import { billStatusCondition } from './bill-status.repository.ts';
import { settlementsOfBills } from './bill-status.service.ts';
import { billStatuses, type BillStatus } from './bill-status.calc.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
const EMPLOYER_C = '91990102MA00000033';
const staff = systemActor('test', ['payment.record']);

let test_: TestDatabase;
let dueDate: string;
const bills = new Map<string, { employer_id: bigint; id: bigint; due_date: string; number: string }>();

before(async () => {
  if (skip) return;
  test_ = await createTestDatabase();
  const { database } = test_;
  await seedCollection(database);
  await addEmployer(database, EMPLOYER_C, '丙公司', ['990102198501010043']);
  await billPeriod(database, '2026-01');
  const rows = await database.db.selectFrom('bill').innerJoin('employer', 'employer.id', 'bill.employer_id')
    .select(['bill.employer_id', 'bill.id', 'bill.due_date', 'bill.number', 'employer.credit_code', 'bill.total']).where('bill.period', '=', '2026-01').execute();
  for (const row of rows) bills.set(row.credit_code, row);
  dueDate = rows[0].due_date;
  // A pays 1,000.00 five days before the due date; C pays its whole bill (3,620.00) on the due date; B pays nothing
  await recordPayment(database, staff, { creditCode: EMPLOYER_A, date: addDays(dueDate, -5), amount: '1000.00' });
  const totalC = rows.find((row) => row.credit_code === EMPLOYER_C)!.total;
  assert.equal(totalC, 362_000n, 'one person at 10,000.00 in the four insurances');
  await recordPayment(database, staff, { creditCode: EMPLOYER_C, date: dueDate, amount: '3620.00' });
});
after(async () => { await test_?.drop(); });

async function settle(asOf: string) {
  return inScope(test_.database, staff, async (tx) => {
    const list = [...bills.values()];
    const items = await tx.selectFrom('bill_item').selectAll().where('bill_id', 'in', list.map((b) => b.id)).execute();
    return settlementsOfBills(tx, list, items, asOf);
  });
}

const numbersWithStatus = (status: BillStatus, asOf: string) => inScope(test_.database, staff, async (tx) =>
  (await tx.selectFrom('bill').select('bill.number').where('bill.period', '=', '2026-01').where(billStatusCondition(status, asOf)).orderBy('bill.number').execute()).map((row) => row.number));

test('before the due date: 未缴 with nothing paid, 部分缴纳 with part paid, 已缴清 paid in full', { skip }, async () => {
  const asOf = addDays(dueDate, -1);
  const settled = await settle(asOf);
  const of = (code: string) => settled.get(bills.get(code)!.id)!;
  assert.deepEqual([of(EMPLOYER_B).status, of(EMPLOYER_B).paid, of(EMPLOYER_B).outstanding, of(EMPLOYER_B).payments], ['unpaid', '0.00', '3620.00', []]);
  assert.deepEqual([of(EMPLOYER_A).status, of(EMPLOYER_A).paid, of(EMPLOYER_A).outstanding], ['partial', '1000.00', '6240.00']);
  assert.deepEqual(of(EMPLOYER_A).payments.map((p) => [p.date, p.amount, p.lateFee, p.reversed]), [[addDays(dueDate, -5), '1000.00', '0.00', false]]);
  // the payment pays pension first (allocation order): 1,000.00 of the two persons' 4,800.00 pension
  assert.deepEqual(of(EMPLOYER_A).items.pension, { paid: '1000.00', outstanding: '3800.00' });
  assert.deepEqual(of(EMPLOYER_A).items.medical, { paid: '0.00', outstanding: '2200.00' });
  assert.deepEqual([of(EMPLOYER_C).status, of(EMPLOYER_C).paid, of(EMPLOYER_C).outstanding], ['paid', '3620.00', '0.00']);
});

test('after the due date the unpaid and the part-paid bills are 逾期; the paid one stays 已缴清', { skip }, async () => {
  const settled = await settle(addDays(dueDate, 1));
  assert.deepEqual([EMPLOYER_A, EMPLOYER_B, EMPLOYER_C].map((code) => settled.get(bills.get(code)!.id)!.status), ['overdue', 'overdue', 'paid']);
});

test('the list filter in SQL finds exactly the bills the calculation gives each status, before and after the due date', { skip }, async () => {
  for (const asOf of [addDays(dueDate, -1), addDays(dueDate, 1)]) {
    const settled = await settle(asOf);
    for (const status of billStatuses) {
      const expected = [...bills.values()].filter((bill) => settled.get(bill.id)!.status === status).map((bill) => bill.number).sort();
      assert.deepEqual(await numbersWithStatus(status, asOf), expected, `${status} as of ${asOf}`);
    }
  }
  assert.deepEqual(await numbersWithStatus('unpaid', addDays(dueDate, -1)), [bills.get(EMPLOYER_B)!.number]);
  assert.deepEqual(await numbersWithStatus('overdue', addDays(dueDate, 1)), [bills.get(EMPLOYER_A)!.number, bills.get(EMPLOYER_B)!.number].sort());
});
