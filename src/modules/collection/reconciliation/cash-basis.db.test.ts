/**
 * The cash basis worked by hand (issue 11): billing books no income; money that pays no bill is 暂收款 until a bill
 * takes it, paying as of the later of its arrival and the due date (no late fee on money held in time, a fee from
 * the arrival on money that came late); the 收入户 is empty after the sweep, which waits for the month to end; and
 * each month the collection records reconcile with the ledger to the fen.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { systemActor } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { formatYuan, parseYuan } from '../../../platform/money.ts';
import { todayInChina } from '../../../platform/params/index.ts';
import { createTestDatabase, type TestDatabase } from '../../../platform/testing/database.ts';
import { addMonths, getTrialBalance, listFunds, sweepIncomeAccount } from '../../ledger/index.ts';
import { employerArrears } from '../arrears/arrears.service.ts';
import { recordPayment } from '../payments/payments.service.ts';
import { addEmployer, billPeriod, seedCollection } from '../payments/payments.testing.ts';
import { reconcileCollection } from './reconciliation.service.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
const actor = systemActor('test');
let test_: TestDatabase;

/** One person on 10,000.00: pension 1600 + 800, medical 900 + 200, unemployment 50 + 50, work injury class I 20. */
const PER_PERSON = parseYuan('3620.00');
const EARLY = '91990102MA00000044', LATE = '91990102MA00000055';
const today = todayInChina(), thisMonth = today.slice(0, 7);

before(async () => {
  if (skip) return;
  test_ = await createTestDatabase();
  await seedCollection(test_.database);
  await addEmployer(test_.database, EARLY, '丙公司', ['990102198501010043']);
  await addEmployer(test_.database, LATE, '丁公司', ['990102198501010051']);
});
after(() => test_?.drop());

/** An account's debit and credit in a month, over every fund or one. */
async function movement(account: string, period: string, fund?: string) {
  let debit = 0n, credit = 0n;
  for (const { code } of await listFunds(test_.database, actor)) {
    if (fund && code !== fund) continue;
    const line = (await getTrialBalance(test_.database, actor, code, period)).accounts.find((a) => a.code === account);
    if (line) { debit += parseYuan(line.debit); credit += parseYuan(line.credit); }
  }
  return { debit: formatYuan(debit), credit: formatYuan(credit) };
}

test('money before any bill is 暂收款 in the pension fund; billing books no income', { skip }, async () => {
  // 丙 pays January's contributions on 5 January, before January is billed; 丁 pays on 25 February, after the due date
  assert.deepEqual((await recordPayment(test_.database, actor, { creditCode: EARLY, date: '2026-01-05', amount: formatYuan(PER_PERSON) })).credit, '3620.00');
  assert.deepEqual((await recordPayment(test_.database, actor, { creditCode: LATE, date: '2026-02-25', amount: formatYuan(PER_PERSON) })).credit, '3620.00');
  assert.deepEqual(await movement('1002', '2026-01'), { debit: '3620.00', credit: '0.00' });
  assert.deepEqual(await movement('2201', '2026-01', 'pension-990000'), { debit: '0.00', credit: '3620.00' });
  assert.deepEqual(await movement('4001', '2026-01'), { debit: '0.00', credit: '0.00' });
});

test('the sweep waits for the month to end, then empties the 收入户 into the 财政专户', { skip }, async () => {
  const refused = await sweepIncomeAccount(test_.database, actor, 'pension-990000', thisMonth).catch((error) => error);
  assert.ok(refused instanceof AppError && refused.status === 400 && refused.field === 'period', String(refused));
  for (const period of ['2026-01', '2026-02']) {
    const swept = await sweepIncomeAccount(test_.database, actor, 'pension-990000', period);
    assert.equal(swept.amount, '3620.00');
    const pension = await getTrialBalance(test_.database, actor, 'pension-990000', period);
    assert.equal(pension.accounts.find((a) => a.code === '1002')!.closing, '0.00', `收入户 at the end of ${period}`);
  }
});

test('billing January: the credits pay it, on time for money held before the due date, late from the day late money came', { skip }, async () => {
  await billPeriod(test_.database, '2026-01');
  assert.deepEqual(await movement('4001', '2026-01'), { debit: '0.00', credit: '0.00' }, 'billing books no income');
  const early = await employerArrears(test_.database, actor, { creditCode: EARLY, asOf: '2026-03-31' });
  assert.deepEqual([early.principal, early.lateFee], ['0.00', '0.00']);
  // 丁's money came 10 days after the 15 February due date: the contributions are paid, the late fee of those days is owed
  const late = await employerArrears(test_.database, actor, { creditCode: LATE, asOf: '2026-03-31' });
  assert.deepEqual([late.principal, late.lateFee], ['0.00', formatYuan((PER_PERSON * 5n * 10n + 5_000n) / 10_000n)]);
  assert.equal(late.lateFee, '18.10');
});

test('the credits become income the day they are applied; other funds\' parts move through the 财政专户 that holds the swept money', { skip }, async () => {
  assert.deepEqual(await movement('2201', thisMonth, 'pension-990000'), { debit: formatYuan(2n * PER_PERSON), credit: '0.00' });
  assert.deepEqual(await movement('4001', thisMonth, 'pension-990000'), { debit: '0.00', credit: '4800.00' }, '2 × (1600 + 800)');
  assert.deepEqual(await movement('4001', thisMonth, 'medical-990100'), { debit: '0.00', credit: '2200.00' }, '2 × (900 + 200)');
  assert.deepEqual(await movement('1003', thisMonth, 'medical-990100'), { debit: '2200.00', credit: '0.00' });
  assert.deepEqual(await movement('1003', thisMonth, 'pension-990000'), { debit: '0.00', credit: formatYuan(2n * PER_PERSON - 480_000n) });
  assert.deepEqual(await movement('1002', thisMonth), { debit: '0.00', credit: '0.00' }, 'no money passed through a 收入户 this month');
});

test('a payment of a bill books Dr 收入户 / Cr 社会保险费收入 per fund on the day the money came, the late fee to 其他收入', { skip }, async () => {
  // 甲 (two persons) pays its January bill months late, with 100.00 towards the late fee: principal first, then the fee
  const payday = `${addMonths(thisMonth, -1)}-10`;
  await recordPayment(test_.database, actor, { creditCode: '91990102MA00000011', date: payday, amount: formatYuan(2n * PER_PERSON + 10_000n) });
  assert.deepEqual(await movement('1002', payday.slice(0, 7)), { debit: formatYuan(2n * PER_PERSON + 10_000n), credit: '0.00' });
  assert.deepEqual(await movement('4001', payday.slice(0, 7)), { debit: '0.00', credit: formatYuan(2n * PER_PERSON) });
  assert.deepEqual(await movement('4009', payday.slice(0, 7)), { debit: '0.00', credit: '100.00' });
});

test('business vs ledger: every month reconciles per fund to the fen', { skip }, async () => {
  for (const period of ['2026-01', '2026-02', addMonths(thisMonth, -1), thisMonth]) {
    const result = await reconcileCollection(test_.database, actor, { period });
    assert.ok(result.funds.length >= 4, period);
    assert.deepEqual(result.funds.filter((f) => f.difference !== '0.00'), [], period);
    assert.equal(result.differences, 0);
  }
  const january = await reconcileCollection(test_.database, actor, { period: '2026-01' });
  assert.equal(january.funds.find((f) => f.fund === 'pension-990000')!.business, '3620.00');
});
