/**
 * Due dates on working days (issue 11), through the real billing run: a month's contributions are due by the 15th of
 * the next month, and a 15th on a weekend or public holiday moves to the next working day (民法典 第二百零三条;
 * 税收征收管理法实施细则 第一百零九条; 国办发明电〔2025〕7号 for 2026). Every bill of the month carries that one date.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { systemActor } from '../../../platform/actor.ts';
import { createTestDatabase, type TestDatabase } from '../../../platform/testing/database.ts';
import { billPeriod, seedCollection } from '../payments/payments.testing.ts';
import { listBills } from './bills.service.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
let test_: TestDatabase;

before(async () => {
  if (skip) return;
  test_ = await createTestDatabase();
  await seedCollection(test_.database);
  for (const period of ['2026-01', '2026-02', '2026-03']) await billPeriod(test_.database, period);
});
after(() => test_?.drop());

const dueDatesOf = async (period: string) => (await test_.database.pool.query<{ due_date: string }>(
  `select distinct due_date::text as due_date from bill where period = $1`, [period])).rows.map((row) => row.due_date);

test('a January 2026 bill is due 2026-02-24: the 15th falls in the Spring Festival holiday (02-15 … 23)', { skip }, async () => {
  assert.deepEqual(await dueDatesOf('2026-01'), ['2026-02-24']);
  const { items } = await listBills(test_.database, systemActor('test'), { period: '2026-01' }, { limit: 10 });
  assert.deepEqual(items.map((bill) => bill.dueDate), ['2026-02-24', '2026-02-24'], 'both employers\' bills, as the API shows them');
});

test('a 15th on a Sunday moves to Monday; a 15th on a working day stays', { skip }, async () => {
  assert.deepEqual(await dueDatesOf('2026-02'), ['2026-03-16']);
  assert.deepEqual(await dueDatesOf('2026-03'), ['2026-04-15'], 'a Wednesday');
});
