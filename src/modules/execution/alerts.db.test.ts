/**
 * The collection rules through the evaluation job (issue 14 R8.1): an unemployment fund whose employer paid every bill
 * of January to June 2025 on time and only January to April of 2026 — the collection rate of 2026 to June is down
 * against 2025 and its arrears grew — raises both alerts with their figures; once May and June are paid, the next
 * evaluation resolves both by itself. Evaluation when the ledger changes: a burst of postings marks the fund once,
 * and one evaluation of that fund alone follows the quiet interval; the server's worker asks for it between its
 * hourly rounds.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { systemActor } from '../../platform/actor.ts';
import { newId } from '../../platform/ids.ts';
import type { TestDatabase } from '../../platform/testing/database.ts';
import { createLedgerTestDatabase } from '../ledger/ledger.testing.ts';
import { insertEmployer } from '../collection/accounts/accounts.testing.ts';
import { todayInChina } from '../../platform/params/index.ts';
import { getJob, runOrAttach, startJobWorker } from '../../platform/jobs/index.ts';
import { chartFor, fundAccounts, postEntries } from '../ledger/index.ts';
import { changedAlertSchedule, createChangedEvaluations, evaluateAlerts, listAlerts } from './alerts.service.ts';
import './index.ts';   // the module registers its posting effect

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
const FUND = 'unemployment-990100';
const MONTHLY = 100_000_00n;   // fen billed a month: 70,000.00 employer, 30,000.00 employee
const manager = systemActor('test-alerts', ['alerts.manage', 'execution.read']);
let test_: TestDatabase;
let employer: bigint;
const bills = new Map<string, bigint>();

/** The regular bill of the month to the fund, due on the 15th. */
async function bill(period: string) {
  const id = newId();
  await test_.database.db.insertInto('bill').values({
    employer_id: employer, id, number: `AL${period.replace('-', '')}`, period, region_code: '990102', due_date: `${period}-15`, run_id: null, chunk: null,
    persons: 1, lines: 1, total: MONTHLY, parameter_refs: '{}',
  }).execute();
  await test_.database.db.insertInto('bill_item').values({
    employer_id: employer, bill_id: id, insurance: 'unemployment', fund_code: FUND, region_code: '990102', employer_amount: 70_000_00n, employee_amount: 30_000_00n,
  }).execute();
  bills.set(period, id);
}

/** The month's bill paid in full on the day. */
async function pay(period: string, day: string) {
  const paymentId = newId();
  await test_.database.db.insertInto('payment').values({
    employer_id: employer, id: paymentId, region_code: '990102', paid_on: day, amount: MONTHLY, source: 'manual', import_key: `alerts-${period}`, recorded_by: 'test',
  }).execute();
  await test_.database.db.insertInto('payment_allocation').values(([['employer', 70_000_00n], ['employee', 30_000_00n]] as const).map(([part, amount]) => ({
    employer_id: employer, id: newId(), payment_id: paymentId, bill_id: bills.get(period)!, insurance: 'unemployment', part, amount, allocated_on: day, fund_code: FUND, region_code: '990102',
  }))).execute();
}

const months = (year: number) => Array.from({ length: 6 }, (_, index) => `${year}-0${index + 1}`);
const evaluate = () => evaluateAlerts(test_.database, manager, { year: 2026, month: 6 });
const alertsOfFund = async (fund = FUND) => (await listAlerts(test_.database, manager, { fund }, { limit: 50 })).items;

before(async () => {
  if (skip) return;
  test_ = await createLedgerTestDatabase();
  employer = await insertEmployer(test_.database, '91990102MA0000AL11', '预警测试公司', '990102');
  for (const period of [...months(2025), ...months(2026)]) await bill(period);
  for (const period of months(2025)) await pay(period, `${period}-10`);
  for (const period of months(2026).slice(0, 4)) await pay(period, `${period}-10`);
});
after(async () => { await test_?.drop(); });

test('collection rate down and arrears grown: both raised with their figures, both resolved by themselves once paid', { skip }, async () => {
  await evaluate();
  const raised = await alertsOfFund();
  assert.deepEqual(raised.map((alert) => `${alert.rule}:${alert.severity}:${alert.status}`).sort(), ['arrears_growth:warning:raised', 'collection_rate:warning:raised']);
  const rate = raised.find((alert) => alert.rule === 'collection_rate')!;
  // 2026: 400,000.00 of 600,000.00 paid by 30 June; 2025: all of it by 30 June 2025
  assert.deepEqual([rate.period, rate.values], ['2026-06', {
    billed: '600000.00', paid: '400000.00', rate: '0.6667', billedLastYear: '600000.00', paidLastYear: '600000.00', rateLastYear: '1.0000', dropPoints: '33.3333', thresholdPoints: 5,
  }]);
  assert.equal(rate.title, '征缴率同比下降');
  // May and June of 2026 past due and unpaid on 30 June: 200,000.00 against none a year before
  const arrears = raised.find((alert) => alert.rule === 'arrears_growth')!;
  assert.deepEqual(arrears.values, { arrears: '200000.00', arrearsLastYear: '0.00', growth: '200000.00', thresholdPercent: 20, minimum: '100000.00' });

  await pay('2026-05', '2026-06-20');
  await pay('2026-06', '2026-06-20');
  await evaluate();
  assert.deepEqual((await alertsOfFund()).map((alert) => `${alert.rule}:${alert.status}`).sort(), ['arrears_growth:auto_resolved', 'collection_rate:auto_resolved']);
});

const pending = async () => (await test_.owner.query<{ fund_code: string }>('select fund_code from execution_alert_pending order by fund_code')).rows.map((row) => row.fund_code);

/** Today, 1,000,000.00 into the fund's 支出户 (booked to its balance, no income), then `payments` benefit payments of 10,000.00, each its own posting. */
async function fundAndPay(fund: string, subject: string, keyPrefix: string, payments: number) {
  const today = todayInChina();
  const accounts = fundAccounts(chartFor(Number(today.slice(0, 4))), fund.split('-')[0]);
  const code = (role: string, ofSubject?: string) => accounts.find((a) => a.role === role && (ofSubject === undefined || a.subject === ofSubject))!.code;
  const post = (key: string, memo: string, debit: string, credit: string, fen: bigint) => postEntries(test_.database, systemActor('test'), [{
    key, fund, period: today.slice(0, 7), date: today, memo, lines: [{ account: debit, debit: fen }, { account: credit, credit: fen }],
  }]);
  await post(`${keyPrefix}-funding`, '测试：支出户备付', code('expense_bank'), code('fund_balance'), 1_000_000_00n);
  for (let payment = 1; payment <= payments; payment++) await post(`${keyPrefix}-${payment}`, '测试：待遇支付', code('expense', subject), code('expense_bank'), 10_000_00n);
}

test('a burst of postings marks its fund once; after the quiet interval one evaluation of that fund alone raises its alert', { skip }, async () => {
  const fund = 'work_injury-990100';
  assert.deepEqual(await pending(), [], 'nothing posted yet');
  // money in the 支出户 booked to the fund balance (no income of the year), then five benefit payments of 10,000.00,
  // each its own posting: 50,000.00 of expense against no contribution income
  await fundAndPay(fund, 'benefit_expense.disability', 'alerts-burst', 5);
  assert.deepEqual(await pending(), [fund], 'six postings, one mark');
  assert.deepEqual(await createChangedEvaluations(test_.database, new Date()), [], 'within the quiet interval: no evaluation yet');
  assert.deepEqual(await pending(), [fund]);

  const jobs = await createChangedEvaluations(test_.database, new Date(Date.now() + 61_000));
  assert.equal(jobs.length, 1, 'the quiet interval (60 s) past: one evaluation');
  assert.deepEqual(await pending(), [], 'the evaluation took the mark');
  const job = await getJob(test_.database, manager, jobs[0]);
  assert.deepEqual([job.kind, job.progress.total], ['execution.alerts', 1], 'that fund alone');
  assert.equal((await runOrAttach(test_.database, manager, jobs[0])).status, 'completed');
  const deficit = (await alertsOfFund(fund)).find((alert) => alert.rule === 'current_deficit');
  assert.deepEqual([deficit?.status, deficit?.period, deficit?.values.gap], ['raised', todayInChina().slice(0, 7), '50000.00']);
  assert.deepEqual(await createChangedEvaluations(test_.database, new Date(Date.now() + 61_000)), [], 'nothing changed since');
});

test('the server\'s worker asks for the evaluation between its hourly rounds: a posting\'s alert follows by itself', { skip }, async () => {
  const fund = 'medical-990100';
  const logger = { info() {}, warn() {}, error() {} };
  // the worker's clock 61 s ahead: a mark is past its quiet interval as soon as it is made
  const worker = startJobWorker(test_.database, logger, { schedules: [{ ...changedAlertSchedule, everyMs: 50 }], now: () => new Date(Date.now() + 61_000), pollMs: 50 });
  await worker.started;   // its first round found nothing to evaluate
  await fundAndPay(fund, 'benefit_expense.inpatient', 'alerts-worker', 2);
  // the worker may evaluate between the two payments (its clock has no quiet interval left): the second is then
  // marked again and evaluated after, so the alert ends at both payments
  const gap = async () => (await alertsOfFund(fund)).find((alert) => alert.rule === 'current_deficit' && alert.status === 'raised')?.values.gap;
  for (let i = 0; i < 200 && await gap() !== '20000.00'; i++) await new Promise((resolve) => setTimeout(resolve, 50));
  await worker.stop();
  assert.equal(await gap(), '20000.00');
  assert.deepEqual(await pending(), []);
});
