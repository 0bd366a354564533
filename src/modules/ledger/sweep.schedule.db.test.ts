/** The scheduled monthly sweep: posts each fund's sweep once, a second run (or a second server) adds nothing. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { systemActor } from '../../platform/actor.ts';
import type { TestDatabase } from '../../platform/testing/database.ts';
import { createLedgerTestDatabase } from './ledger.testing.ts';
import { importLedgerEntries } from './import.service.ts';
import { getTrialBalance } from './balance.service.ts';
import { runScheduledSweep, scheduleMonthlySweep } from './sweep.schedule.ts';

let test_: TestDatabase;
const actor = systemActor('test');
const logged: string[] = [];
const logger = { info: (_: object, message: string) => { logged.push(message); }, warn: (_: object, message: string) => { logged.push(message); } };
/** 10:00 in Beijing on that day. */
const beijing = (date: string) => new Date(`${date}T02:00:00Z`);

const entry = (fund: string, key: string, date: string, debit: string, credit: string, amount: string) =>
  ({ key, fund, period: date.slice(0, 7), date, memo: key, lines: [{ account: debit, debit: amount }, { account: credit, credit: amount }] });

async function sweepEntries(period: string) {
  const { rows } = await test_.database.pool.query(
    `select f.code, e.value_date, e.total::text from accounting_entry e join fund f on f.id = e.fund_id where e.kind = 'sweep' and e.period = $1 order by f.code`, [period]);
  return rows.map((r) => [r.code, r.value_date, r.total]);
}

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

test('before the sweep day nothing is swept', async () => {
  const run = await runScheduledSweep(test_.database, logger, beijing('2026-11-02'), () => 3);
  assert.equal(run.period, '2026-10');
  assert.deepEqual(run.swept, []);
  assert.deepEqual(run.notDue, ['medical-990100', 'medical-990200', 'pension-990000', 'unemployment-990100', 'work_injury-990100']);
  assert.deepEqual(await sweepEntries('2026-10'), []);
});

test('the schedule sweeps the previous month once (sweep day from params/ledger/sweep_day.yaml); a second run adds nothing', async () => {
  const schedule = scheduleMonthlySweep(test_.database, logger, { now: () => beijing('2026-11-03'), intervalMs: 60_000 });
  await schedule.started;
  await schedule.stop();
  // 收入户 balances at 31 October moved to 财政专户, dated the month end, one entry per fund with money in it.
  assert.deepEqual(await sweepEntries('2026-10'), [['medical-990100', '2026-10-31', '25000'], ['pension-990000', '2026-10-31', '1060000']]);
  const tb = await getTrialBalance(test_.database, actor, 'pension-990000', '2026-10');
  assert.deepEqual(['1002', '1003'].map((code) => tb.accounts.find((a) => a.code === code)!.closing), ['0.00', '10600.00']);
  assert.equal(logged.filter((message) => message.startsWith('monthly sweep posted')).length, 2);

  const again = await runScheduledSweep(test_.database, logger, beijing('2026-11-03'));
  assert.deepEqual(again.swept, []);
  assert.deepEqual(again.alreadySwept, ['medical-990100', 'pension-990000']);
  assert.deepEqual(again.empty, ['medical-990200', 'unemployment-990100', 'work_injury-990100'], 'funds without money in the income account post nothing');
  assert.equal(again.failed.length, 0);
  assert.deepEqual(await sweepEntries('2026-10'), [['medical-990100', '2026-10-31', '25000'], ['pension-990000', '2026-10-31', '1060000']]);
});

test('two servers checking at the same moment post one sweep', async () => {
  await importLedgerEntries(test_.database, actor, [entry('pension-990000', 'receipt-nov', '2026-11-12', '1002', '1131', '400.00')]);
  const runs = await Promise.all([runScheduledSweep(test_.database, logger, beijing('2026-12-01')), runScheduledSweep(test_.database, logger, beijing('2026-12-01'))]);
  assert.deepEqual(await sweepEntries('2026-11'), [['pension-990000', '2026-11-30', '40000']]);
  const posted = runs.flatMap((run) => run.swept);
  assert.deepEqual([...new Set(posted.map((s) => `${s.fund} ${s.amount}`))], ['pension-990000 400.00']);
  assert.equal(new Set(posted.map((s) => s.entryId)).size, 1, 'both runs name the same entry, or the second found nothing left');
  assert.deepEqual(runs.flatMap((run) => run.failed), []);
});
