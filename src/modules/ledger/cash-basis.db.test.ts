/** The upgrade to the cash basis: what billing booked as receivable and was never paid leaves income, once, by a reversing entry. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { systemActor } from '../../platform/actor.ts';
import { todayInChina } from '../../platform/params/index.ts';
import { createTestDatabase, type TestDatabase } from '../../platform/testing/database.ts';
import { seedPoolingRegions } from './ledger.testing.ts';
import { ensureFunds } from './fund.service.ts';
import { postEntries } from './posting.service.ts';
import { getTrialBalance } from './balance.service.ts';
import { convertToCashBasis } from './cash-basis.service.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
const actor = systemActor('test');
let test_: TestDatabase;

before(async () => {
  if (skip) return;
  test_ = await createTestDatabase();
  await seedPoolingRegions(test_.database);
  await ensureFunds(test_.database);
});
after(() => test_?.drop());

test('billed 1,000.00 and paid 400.00 the old way: the conversion takes the unpaid 600.00 out of income, once, dated today', { skip }, async () => {
  await test_.database.db.transaction().execute((tx) => postEntries(tx, actor, [
    { key: 'old-billing', fund: 'pension-990000', period: '2026-01', date: '2026-01-31', memo: '核定 (old)', lines: [{ account: '1131', debit: 100_000n }, { account: '4001', credit: 100_000n }] },
    { key: 'old-payment', fund: 'pension-990000', period: '2026-02', date: '2026-02-10', memo: '缴费 (old)', lines: [{ account: '1002', debit: 40_000n }, { account: '1131', credit: 40_000n }] },
  ]));
  const today = todayInChina();
  assert.deepEqual(await convertToCashBasis(test_.database, actor), [{ fund: 'pension-990000', reversed: '600.00', date: today }]);
  const balance = await getTrialBalance(test_.database, actor, 'pension-990000', today.slice(0, 7));
  const account = (code: string) => balance.accounts.find((a) => a.code === code)!;
  assert.equal(account('1131').closing, '0.00');
  assert.equal(account('4001').debit, '600.00', 'the reversal, this month');
  assert.deepEqual(await convertToCashBasis(test_.database, actor), [], 'a second run finds nothing to convert');
});
