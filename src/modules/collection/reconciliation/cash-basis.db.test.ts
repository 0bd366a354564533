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
import { requestReassessment } from '../billing/reassessment.service.ts';
import { requestRefund } from '../payments/refund.service.ts';
import { signOff } from '../../../platform/signoff/signoff.testing.ts';

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
  // 丙 pays January's contributions on 5 January, before January is billed; 丁 pays on 27 February, after the due date
  // (2026-02-24: the 15th fell in the Spring Festival holiday), still in February
  assert.deepEqual((await recordPayment(test_.database, actor, { creditCode: EARLY, date: '2026-01-05', amount: formatYuan(PER_PERSON) })).credit, '3620.00');
  assert.deepEqual((await recordPayment(test_.database, actor, { creditCode: LATE, date: '2026-02-27', amount: formatYuan(PER_PERSON) })).credit, '3620.00');
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

test('a receipt recorded after the sweep but dated in the swept month is swept by the next run (a top-up, even of the same amount)', { skip }, async () => {
  await recordPayment(test_.database, actor, { creditCode: EARLY, date: '2026-01-31', amount: formatYuan(PER_PERSON) });
  const topUp = await sweepIncomeAccount(test_.database, actor, 'pension-990000', '2026-01');
  assert.equal(topUp.amount, '3620.00');
  assert.ok(topUp.entryId);
  const january = await getTrialBalance(test_.database, actor, 'pension-990000', '2026-01');
  assert.equal(january.accounts.find((a) => a.code === '1002')!.closing, '0.00');
  assert.equal(january.accounts.find((a) => a.code === '1003')!.debit, '7240.00');
  assert.equal((await sweepIncomeAccount(test_.database, actor, 'pension-990000', '2026-01')).amount, '0.00', 'nothing left: nothing posted');
});

test('billing January: the credits pay it, on time for money held before the due date, late from the day late money came', { skip }, async () => {
  await billPeriod(test_.database, '2026-01');
  assert.deepEqual(await movement('4001', '2026-01'), { debit: '0.00', credit: '0.00' }, 'billing books no income');
  const early = await employerArrears(test_.database, actor, { creditCode: EARLY, asOf: '2026-03-31' });
  assert.deepEqual([early.principal, early.lateFee], ['0.00', '0.00']);
  // 丁's money came 3 days after the 24 February due date: the contributions are paid, the late fee of those days is owed
  const late = await employerArrears(test_.database, actor, { creditCode: LATE, asOf: '2026-03-31' });
  assert.deepEqual([late.principal, late.lateFee], ['0.00', formatYuan((PER_PERSON * 5n * 3n + 5_000n) / 10_000n)]);
  assert.equal(late.lateFee, '5.43');
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

test('a credit note on a paid period: the overpayment becomes a usable credit (暂收款 of the fund it was paid into) and the individual account is corrected', { skip }, async () => {
  const B = '91990102MA00000022';
  await recordPayment(test_.database, actor, { creditCode: B, date: '2026-02-10', amount: formatYuan(PER_PERSON) });
  const [{ id: employerId }] = (await test_.database.pool.query(`select id from employer where credit_code = $1`, [B])).rows;
  const credited = async () => (await test_.database.pool.query(`select coalesce(sum(amount), 0)::text as amount from individual_account_entry
    where employer_id = $1 and period = '2026-01' and kind = 'contribution'`, [employerId])).rows[0].amount;
  assert.equal(await credited(), '80000', 'paid in full: 8% of 10,000.00 credited');
  const before = { held: await movement('2201', thisMonth), revenue: await movement('4001', thisMonth, 'pension-990000') };
  // the declared base was wrong: 8,000.00, not 10,000.00 (补退: a credit note and a supplementary bill, signed off)
  await test_.database.pool.query(`insert into base_declaration (employer_id, id, person_id, region_code, year, version, monthly_wage, reason)
    select employer_id, (select max(id) + 1 from base_declaration), person_id, region_code, year, version + 1, 800000, '更正申报'
    from base_declaration where employer_id = $1 and year = 2026 order by version desc limit 1`, [employerId]);
  const requester = systemActor('test', ['billing.reassess.request']);
  await signOff(test_.database, await requestReassessment(test_.database, requester, { creditCode: B, period: '2026-01', reason: '更正申报' }));
  // 3620.00 paid for what is now 2896.00: 724.00 is the employer's credit
  const [{ credit }] = (await test_.database.pool.query(`select sum(amount)::text as credit from payment_allocation where employer_id = $1 and part = 'credit'`, [employerId])).rows;
  assert.equal(credit, '72400');
  const after = { held: await movement('2201', thisMonth), revenue: await movement('4001', thisMonth, 'pension-990000') };
  assert.equal(parseYuan(after.held.credit) - parseYuan(before.held.credit), 72_400n, '暂收款 credited 724.00 over the funds');
  assert.equal(parseYuan(after.revenue.debit) - parseYuan(before.revenue.debit), 48_000n, 'pension income taken back: (1600 − 1280) + (800 − 640)');
  assert.equal(await credited(), '64000', 'the individual account holds 8% of 8,000.00, no more');
  const arrears = await employerArrears(test_.database, actor, { creditCode: B, asOf: today });
  assert.deepEqual([arrears.principal, arrears.lateFee], ['0.00', '0.00']);
});

test('a refund (退费) of the credit: refused beyond it; signed off, each fund pays its 暂收款 back from the account holding the money', { skip }, async () => {
  const B = '91990102MA00000022';
  const operator = systemActor('test', ['payment.refund.request']);
  const beyond = await requestRefund(test_.database, operator, { creditCode: B, amount: '724.01', reason: '多缴退费' }).catch((error) => error);
  assert.ok(beyond instanceof AppError && beyond.status === 409 && beyond.field === 'amount', String(beyond));
  const before = await movement('2201', thisMonth);
  const item = await requestRefund(test_.database, operator, { creditCode: B, amount: '724.00', reason: '多缴退费' });
  assert.deepEqual([item.kind, item.levels.map((level) => level.label)], ['payment.refund', ['复核', '审批']]);
  await signOff(test_.database, item);
  const after = await movement('2201', thisMonth);
  assert.equal(parseYuan(after.debit) - parseYuan(before.debit), 72_400n, '暂收款 paid back');
  // B's money was booked after February's sweep: it is still in the 收入户 (no sweep has moved it), and the refund
  // leaves from there — the 财政专户 keeps only what the credits of test 4 drew from it
  assert.equal((await movement('1002', thisMonth, 'pension-990000')).credit, '480.00');
  assert.equal((await movement('1003', thisMonth, 'pension-990000')).credit, formatYuan(2n * PER_PERSON - 480_000n));
  const [{ credit }] = (await test_.database.pool.query(`select sum(a.amount)::text as credit from payment_allocation a join employer e on e.id = a.employer_id
    where e.credit_code = $1 and a.part = 'credit'`, [B])).rows;
  assert.equal(credit, '0');
});

test('a payment pays the principal of every bill, oldest first, before any late fee (contribution.payment.allocation_order)', { skip }, async () => {
  await billPeriod(test_.database, '2026-02');
  const A = '91990102MA00000011';
  const before = await employerArrears(test_.database, actor, { creditCode: A, asOf: today });
  assert.ok(parseYuan(before.lateFee) > 0n, 'January\'s late fee is still owed');
  assert.equal(before.principal, formatYuan(2n * PER_PERSON), 'February unpaid');
  await recordPayment(test_.database, actor, { creditCode: A, date: today, amount: formatYuan(2n * PER_PERSON) });
  const after = await employerArrears(test_.database, actor, { creditCode: A, asOf: today });
  assert.equal(after.principal, '0.00', 'February\'s principal paid before January\'s fee');
  assert.ok(parseYuan(after.lateFee) >= parseYuan(before.lateFee), 'the fees wait');
});

test('business vs ledger: every month reconciles per fund to the fen', { skip }, async () => {
  for (const period of ['2026-01', '2026-02', addMonths(thisMonth, -1), thisMonth]) {
    const result = await reconcileCollection(test_.database, actor, { period });
    assert.ok(result.funds.length >= 4, period);
    assert.deepEqual(result.funds.filter((f) => f.difference !== '0.00'), [], period);
    assert.equal(result.differences, 0);
  }
  const january = await reconcileCollection(test_.database, actor, { period: '2026-01' });
  assert.equal(january.funds.find((f) => f.fund === 'pension-990000')!.business, '7240.00', 'two receipts held as 暂收款');
});
