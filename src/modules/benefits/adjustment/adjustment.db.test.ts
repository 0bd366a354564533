/**
 * The annual adjustment on a small demo city: the preview's increases are the calculation's, the run is signed off
 * through three levels, applied as dated amounts from January (the award's own amount unchanged, the month before
 * unchanged), and a second run of the year over the region, or within it, is refused.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from '../../../platform/testing/database.ts';
import { systemActor } from '../../../platform/actor.ts';
import { signOff } from '../../../platform/signoff/signoff.testing.ts';
import { parseYuan } from '../../../platform/money.ts';
import { generateDemo } from '../../registry/demo/demo.service.ts';
import { adjustmentIncrease } from './adjustment.calc.ts';
import { adjustmentRules, previewAdjustment, startAdjustment, submitAdjustment } from './adjustment.service.ts';
import { runOrAttach } from '../../../platform/jobs/index.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
const operator = systemActor('adjustment-test', ['pension.adjustment.request', 'benefits.read']);
const YEAR = 2026;

let db: TestDatabase;
before(async () => {
  if (skip) return;
  db = await createTestDatabase();
  await generateDemo(db.database, { persons: 400, employers: 15, years: 1, seed: 17, password: 'demo-pass-2024' });
});
after(async () => { await db?.drop(); });

const refusal = async (work: Promise<unknown>) => { try { await work; } catch (error) { return error as Error & { status?: number }; } return null; };
const amountIn = async (awardId: string, period: string) => BigInt((await db.owner.query(
  'select pension_amount_in(person_id, id, $2)::text as amount from pension_award where id = $1', [awardId, period])).rows[0].amount);

test('the adjustment: previewed per award, signed off, applied from January as dated amounts, once per region and year', { skip }, async () => {
  const preview = await previewAdjustment(db.database, operator, { region: '990000', year: YEAR }, 10_000);
  const eligible = Number((await db.owner.query(`select count(*) as n from pension_award where status = 'active' and awarded_on < '${YEAR}-01-01'`)).rows[0].n);
  assert.equal(preview.awards, eligible);
  assert.ok(eligible > 20);
  assert.equal(preview.overallRate, '0.02');
  const rules = adjustmentRules('990000', YEAR);
  for (const line of preview.lines) {
    const award = (await db.owner.query<{ birth_date: string; months: number | null }>(
      'select p.birth_date::text, a.contribution_months as months from pension_award a join person p on p.id = a.person_id where a.id = $1', [line.awardId])).rows[0];
    const { increase } = adjustmentIncrease({ amountBefore: parseYuan(line.amountBefore), contributionMonths: award.months, birthDate: award.birth_date }, rules, YEAR);
    assert.equal(parseYuan(line.increase), increase, line.awardId);
    assert.equal(parseYuan(line.amountAfter), parseYuan(line.amountBefore) + increase);
  }
  const total = preview.lines.reduce((sum, l) => sum + parseYuan(l.increase), 0n);
  assert.equal(parseYuan(preview.totalIncrease), total);
  assert.ok(preview.lines.some((l) => parseYuan(l.parts.ageTilt) > 0n), 'older pensioners get the tilt');

  const submitted = await submitAdjustment(db.database, operator, { region: '990000', year: YEAR });
  assert.equal(submitted.totalIncrease, preview.totalIncrease);
  // the job wrote a line per award the preview raised, each the preview's increase
  const kept = new Map((await db.owner.query<{ award_id: string; increase: string }>('select award_id::text, increase::text from pension_adjustment_line')).rows.map((r) => [r.award_id, r.increase]));
  assert.equal(kept.size, preview.awards);
  assert.ok(preview.lines.every((l) => kept.get(l.awardId) === String(parseYuan(l.increase))), 'the lines are the preview\'s');
  const { rows: [run] } = await db.owner.query<{ status: string; awards: number; job: { kind: string; status: string } }>(`select r.status, r.awards,
      json_build_object('kind', j.kind, 'status', j.status) as job from pension_adjustment_run r join job j on j.id = r.job_id`);
  assert.deepEqual(run, { status: 'submitted', awards: preview.awards, job: { kind: 'pension.adjustment', status: 'completed' } });
  await assert.rejects(db.owner.query('update pension_adjustment_run set total_increase = total_increase + 1'), /never change/, 'submitted: its totals are fixed');
  const second = await refusal(submitAdjustment(db.database, operator, { region: '990000', year: YEAR }));
  assert.equal(second?.status, 409);
  assert.match((await refusal(submitAdjustment(db.database, operator, { region: '990100', year: YEAR })))!.message, /2026 adjustment covering 990000 exists/);
  const line = preview.lines[0];
  assert.equal(await amountIn(line.awardId, `${YEAR}-01`), parseYuan(line.amountBefore), 'nothing changes before the sign-off');

  const approved = await signOff(db.database, submitted.approvalItem);
  assert.equal(approved.status, 'approved');
  assert.deepEqual(approved.levels.map((l) => [l.label, l.signed]), [['复核', true], ['审批', true]], '经办, then 复核 and 审批');
  assert.equal(await amountIn(line.awardId, `${YEAR}-01`), parseYuan(line.amountAfter), 'the new amount from January');
  assert.equal(await amountIn(line.awardId, `${YEAR}-06`), parseYuan(line.amountAfter));
  assert.equal(await amountIn(line.awardId, `${YEAR - 1}-12`), parseYuan(line.amountBefore), 'December before keeps the old amount');
  const own = (await db.owner.query('select monthly_amount::text as amount from pension_award where id = $1', [line.awardId])).rows[0].amount;
  assert.equal(BigInt(own), parseYuan(line.amountBefore), 'the award\'s own amount is never edited');
  const events = Number((await db.owner.query(`select count(*) as n from pension_award_event where event = 'amount_changed' and effective_period = '${YEAR}-01'`)).rows[0].n);
  assert.equal(events, preview.lines.filter((l) => parseYuan(l.increase) > 0n).length);
  assert.equal((await db.owner.query(`select status from pension_adjustment_run`)).rows[0].status, 'applied');
  assert.equal((await refusal(submitAdjustment(db.database, operator, { region: '990000', year: YEAR })))?.status, 409, 'applied: still once a year');
});

test('a run never mixes two sets of rules: a chunk worked after the parameters changed fails the job, nothing kept', { skip }, async () => {
  const started = await startAdjustment(db.database, operator, { region: '990000', year: YEAR + 1 });
  // the rules the run started with, as a parameter change since would leave them
  await db.owner.query(`update job set parameters = jsonb_set(parameters, '{rules}', to_jsonb('{"overallRate":{"value":"0.05"}}'::text)) where id = $1`, [started.id]);
  const failed = await runOrAttach(db.database, operator, BigInt(started.id));
  assert.equal(failed.status, 'failed');
  assert.equal(failed.refusal?.status, 409);
  assert.match(failed.error ?? '', /rules of 990000 changed since the run started/);
  const lines = Number((await db.owner.query(`select count(*) as n from pension_adjustment_line l join pension_adjustment_run r on r.id = l.run_id where r.year = $1`, [YEAR + 1])).rows[0].n);
  assert.equal(lines, 0, 'the failed chunk kept no line');
});
