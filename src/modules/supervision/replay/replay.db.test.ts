/**
 * Replay on a small demo city billed for one month and paid its pensions for the next: untouched, every line
 * recomputes to what is stored; a bill line and a payroll line altered behind the system's back (triggers off, as
 * the acceptance script does) are each listed once, with what was stored and what the rule gives; a county's
 * auditor replays only the county's lines; the CLI answers the acceptance script's JSON.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCommand } from '../../../platform/testing/cli.ts';
import { systemActor, type Actor } from '../../../platform/actor.ts';
import { formatYuan } from '../../../platform/money.ts';
import { useDemoCity } from '../supervision.testing.ts';
import { runBilling } from '../../collection/index.ts';
import { runPayroll } from '../../benefits/index.ts';
import { addMonths } from '../../ledger/index.ts';
import { replayPeriod } from './replay.service.ts';
import { registerReplayCommand } from './replay.cli.ts';

const BILLED = '2026-06';
const PAID = addMonths(BILLED, 1);
const auditor = systemActor('replay-test', ['supervision.read']);

const { skip, db } = useDemoCity({ persons: 400, employers: 15, years: 1, seed: 23, password: 'demo-pass-2024', endMonth: BILLED }, async (city) => {
  await runBilling(city.database, systemActor('test'), { period: BILLED });
  await runPayroll(city.database, systemActor('test', ['payroll.run']), { period: PAID });
});

const count = async (text: string, parameters: unknown[]) => Number((await db.owner.query(text, parameters)).rows[0].n);
const billLines = (prefix = '') => count(`select count(*) as n from bill b join bill_line l on l.employer_id = b.employer_id and l.bill_id = b.id
  where b.period = $1 and b.region_code like $2 || '%'`, [BILLED, prefix]);
/** Changes stored rows as the acceptance script does: with the triggers that guard them switched off for the session. */
async function behindTheSystemsBack(statement: string, parameters: unknown[]) {
  const client = await db.owner.connect();
  try {
    await client.query('set session_replication_role = replica');
    await client.query(statement, parameters);
  } finally {
    await client.query('reset session_replication_role');
    client.release();
  }
}

test('untouched: every bill line and payroll line recomputes to what is stored', { skip }, async () => {
  const billed = await replayPeriod(db.database, auditor, { period: BILLED });
  assert.ok(billed.billLines > 500, `a month of bill lines (${billed.billLines})`);
  assert.equal(billed.billLines, await billLines());
  assert.deepEqual(billed.differences, []);
  const paid = await replayPeriod(db.database, auditor, { period: PAID });
  const payees = await count(`select count(*) as n from payroll_line l join payroll_batch b on b.id = l.batch_id where b.period = $1`, [PAID]);
  assert.ok(payees > 5, `a month of pensions (${payees})`);
  assert.deepEqual([paid.payrollLines, paid.checked, paid.differences], [payees, payees, []]);
});

test('a county auditor replays the county\'s bill lines only', { skip }, async () => {
  const county: Actor = { ...auditor, regionCode: '990102' };
  const result = await replayPeriod(db.database, county, { period: BILLED });
  const inCounty = await billLines('990102');
  assert.ok(inCounty > 0 && inCounty < await billLines(), `the county holds part of the lines (${inCounty})`);
  assert.deepEqual([result.scope, result.billLines], ['990102', inCounty]);
});

test('a bill line and a payroll line altered behind the system\'s back are listed, each once', { skip }, async () => {
  const [line] = (await db.owner.query(`select l.employer_id, l.bill_id, l.person_id, l.insurance, l.employer_amount from bill_line l join bill b on b.id = l.bill_id
    where b.period = $1 and l.insurance = 'medical' order by l.employer_id, l.person_id limit 1`, [BILLED])).rows;
  await behindTheSystemsBack(`update bill_line set employer_amount = employer_amount + 1
    where employer_id = $1 and bill_id = $2 and person_id = $3 and insurance = $4`, [line.employer_id, line.bill_id, line.person_id, line.insurance]);
  const billed = await replayPeriod(db.database, auditor, { period: BILLED });
  const stored = BigInt(line.employer_amount);
  assert.deepEqual(billed.differences, [{
    kind: 'bill_line', id: `${line.employer_id}/${line.bill_id}/${line.person_id}/medical`, field: 'employerAmount', recorded: formatYuan(stored + 1n), recomputed: formatYuan(stored),
  }]);

  const [payee] = (await db.owner.query(`select l.reference, l.amount from payroll_line l join payroll_batch b on b.id = l.batch_id where b.period = $1 order by l.reference limit 1`, [PAID])).rows;
  await behindTheSystemsBack('update payroll_line set amount = amount - 100 where reference = $1', [payee.reference]);
  const paid = await replayPeriod(db.database, auditor, { period: PAID });
  assert.deepEqual(paid.differences, [{ kind: 'payroll_line', id: payee.reference, field: 'amount', recorded: formatYuan(BigInt(payee.amount) - 100n), recomputed: formatYuan(BigInt(payee.amount)) }]);
});

test('sifund replay --format json: the acceptance script\'s answer; a bad period is refused', { skip }, async () => {
  const run = await runCommand(registerReplayCommand, ['replay', '--period', BILLED, '--format', 'json']);
  assert.equal(run.code, 0, run.stderr);
  const answer = JSON.parse(run.stdout);
  assert.deepEqual([answer.period, answer.checked, answer.differences.length], [BILLED, await billLines(), 1]);
  const refused = await runCommand(registerReplayCommand, ['replay', '--period', '2026-13', '--format', 'json']);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /period/);
});
