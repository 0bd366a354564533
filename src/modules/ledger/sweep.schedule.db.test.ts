/** The scheduled monthly sweep as jobs: posts each fund's sweep once; a second check (or a second server) adds nothing. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { systemActor } from '../../platform/actor.ts';
import type { TestDatabase } from '../../platform/testing/database.ts';
import { listJobs, runJob, startJobWorker } from '../../platform/jobs/index.ts';
import { createLedgerTestDatabase } from './ledger.testing.ts';
import { importLedgerEntries } from './import.service.ts';
import { getTrialBalance } from './balance.service.ts';
import { createDueSweeps, sweepSchedule } from './sweep.schedule.ts';

let test_: TestDatabase;
const actor = systemActor('test', ['jobs.read']);
const logger = { info() {}, warn() {}, error() {} };
/** 10:00 in Beijing on that day. */
const beijing = (date: string) => new Date(`${date}T02:00:00Z`);

const entry = (fund: string, key: string, date: string, debit: string, credit: string, amount: string) =>
  ({ key, fund, period: date.slice(0, 7), date, memo: key, lines: [{ account: debit, debit: amount }, { account: credit, credit: amount }] });

async function sweepEntries(period: string) {
  const { rows } = await test_.database.pool.query(
    `select f.code, e.value_date, e.total::text from accounting_entry e join fund f on f.id = e.fund_id where e.kind = 'sweep' and e.period = $1 order by f.code`, [period]);
  return rows.map((r) => [r.code, r.value_date, r.total]);
}
const sweepJobs = async () => (await listJobs(test_.database, actor, { kind: 'ledger.sweep', limit: 100, offset: 0 })).items
  .map((job) => `${job.key} ${job.status}`).sort();

before(async () => {
  test_ = await createLedgerTestDatabase();
  await importLedgerEntries(test_.database, actor, [
    entry('pension-990000', 'open', '2026-09-30', '1002', '3001', '10000.00'),
    entry('pension-990000', 'accrue', '2026-10-05', '1131', '4001', '1000.00'),
    entry('pension-990000', 'receipt', '2026-10-10', '1002', '1131', '600.00'),
    entry('medical-990100', 'subsidy', '2026-10-20', '1002', '4002', '250.00'),
  ]);
});
after(() => test_.drop());

test('before the sweep day no sweep job is due', async () => {
  assert.deepEqual(await createDueSweeps(test_.database, beijing('2026-11-02'), () => 3), []);
  assert.deepEqual(await sweepJobs(), []);
});

test('the server\'s worker sweeps the previous month once (sweep day from params/ledger/sweep_day.yaml); a second check adds nothing', async () => {
  const worker = startJobWorker(test_.database, logger, { schedules: [sweepSchedule], now: () => beijing('2026-11-03'), pollMs: 50 });
  await worker.started;
  for (let i = 0; i < 200 && (await sweepJobs()).some((job) => !job.endsWith('completed')); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  await worker.stop();
  // One job per fund and month, every one completed; 收入户 balances at 31 October moved to 财政专户, dated the month
  // end, one entry per fund with money in it.
  assert.deepEqual(await sweepJobs(), ['medical-990100', 'medical-990200', 'occupational_annuity-990000', 'pension-990000', 'public_pension-990000', 'unemployment-990100', 'work_injury-990100'].map((fund) => `2026-10/${fund} completed`));
  assert.deepEqual(await sweepEntries('2026-10'), [['medical-990100', '2026-10-31', '25000'], ['pension-990000', '2026-10-31', '1060000']]);
  const tb = await getTrialBalance(test_.database, actor, 'pension-990000', '2026-10');
  assert.deepEqual(['1002', '1003'].map((code) => tb.accounts.find((a) => a.code === code)!.closing), ['0.00', '10600.00']);
  const { items } = await listJobs(test_.database, actor, { kind: 'ledger.sweep', limit: 100, offset: 0 });
  const { entryId, ...swept } = items.find((job) => job.key === '2026-10/pension-990000')!.result as { entryId: string };
  assert.deepEqual(swept, { fund: 'pension-990000', period: '2026-10', amount: '10600.00' });
  assert.match(entryId, /^[0-9]+$/, 'the job keeps the sweep entry it posted');

  // Funds swept are not due again; those with nothing to sweep have their completed job: nothing is created or run.
  assert.deepEqual(await createDueSweeps(test_.database, beijing('2026-11-03')), []);
  assert.deepEqual(await sweepEntries('2026-10'), [['medical-990100', '2026-10-31', '25000'], ['pension-990000', '2026-10-31', '1060000']]);
});

test('two servers checking at the same moment make one job per fund and post one sweep', async () => {
  await importLedgerEntries(test_.database, actor, [entry('pension-990000', 'receipt-nov', '2026-11-12', '1002', '1131', '400.00')]);
  const [first, second] = await Promise.all([createDueSweeps(test_.database, beijing('2026-12-01')), createDueSweeps(test_.database, beijing('2026-12-01'))]);
  assert.deepEqual(first.map(String).sort(), second.map(String).sort(), 'both find the same jobs');
  const outcomes = await Promise.all([...first.map((id) => runJob(test_.database, id, { owner: 'server-a' })), ...second.map((id) => runJob(test_.database, id, { owner: 'server-b' }))]);
  assert.equal(outcomes.filter((o) => o === 'completed').length, first.length, `each job completed once (${outcomes.join(', ')})`);
  assert.deepEqual(await sweepEntries('2026-11'), [['pension-990000', '2026-11-30', '40000']]);
});
