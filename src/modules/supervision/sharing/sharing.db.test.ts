/**
 * Responsibility sharing on a small demo city with two months of history (bills, payments, pension payrolls): every
 * county's gap from its own records, the shares adding up to it to the fen, a county's auditor seeing its county only
 * (the payroll read across the province's pool), and the CLI's JSON.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCommand } from '../../../platform/testing/cli.ts';
import { systemActor, type Actor } from '../../../platform/actor.ts';
import { parseYuan } from '../../../platform/money.ts';
import { todayInChina } from '../../../platform/params/index.ts';
import { useDemoCity } from '../supervision.testing.ts';
import { DEMO_COUNTIES } from '../../registry/demo/demo.calc.ts';
import { shareResponsibility } from './sharing.service.ts';
import { registerSharingCommand } from './sharing.cli.ts';

const YEAR = Number(todayInChina().slice(0, 4));
const auditor = systemActor('sharing-test', ['supervision.read']);

const { skip, db } = useDemoCity({ persons: 500, employers: 24, years: 1, seed: 37, password: 'demo-pass-2024', historyMonths: 2 });

const fen = (yuan: string) => parseYuan(yuan);
const addsUp = (r: { gap: string; shares: { province: string; city: string; county: string } }) => fen(r.shares.province) + fen(r.shares.city) + fen(r.shares.county) === fen(r.gap);

test('every county\'s gap from its records, the shares adding up to it to the fen', { skip }, async () => {
  const result = await shareResponsibility(db.database, auditor, { year: YEAR });
  assert.deepEqual(result.regions.map((r) => r.region), DEMO_COUNTIES.map((c) => c.code).sort());
  assert.deepEqual([result.rule.province, result.rule.city, result.rule.county, result.rule.collectionTarget], ['0.50', '0.30', '0.20', '0.95']);
  assert.ok(result.regions.every(addsUp));
  for (const county of result.regions) {
    const [records] = (await db.owner.query(`select
        (select coalesce(sum(l.amount), 0) from payroll_batch t join payroll_line l on l.batch_id = t.id join pension_award a on a.person_id = l.person_id and a.id = l.award_id
          where t.period like $2 and a.region_code = $1 and a.scheme = 'enterprise')::text as paid,
        (select coalesce(sum(a.amount), 0) from payment_allocation a join bill b on b.employer_id = a.employer_id and b.id = a.bill_id
          join bill_item i on i.employer_id = a.employer_id and i.bill_id = a.bill_id and i.insurance = a.insurance
          where b.region_code = $1 and b.period like $2 and a.insurance = 'pension' and i.fund_code like 'pension-%' and a.part in ('employee', 'employer'))::text as collected`,
    [county.region, `${YEAR}-%`])).rows;
    assert.deepEqual([fen(county.paid), fen(county.collected)], [BigInt(records.paid), BigInt(records.collected)], county.region);
    const balance = BigInt(records.collected) - BigInt(records.paid);
    assert.deepEqual([fen(county.gap), fen(county.surplus)], balance < 0n ? [-balance, 0n] : [0n, balance], county.region);
  }
  assert.ok(result.regions.some((r) => fen(r.paid) > 0n) && result.regions.some((r) => fen(r.collected) > 0n), 'pensions paid and contributions collected');
});

test('a county\'s auditor sees the county only, its pensions read across the province\'s pool', { skip }, async () => {
  const all = await shareResponsibility(db.database, auditor, { year: YEAR });
  const county: Actor = { ...auditor, regionCode: '990102' };
  const own = await shareResponsibility(db.database, county, { year: YEAR });
  assert.deepEqual(own.regions, all.regions.filter((r) => r.region === '990102'));
});

test('sifund sharing --format json: the acceptance script\'s answer', { skip }, async () => {
  const run = await runCommand(registerSharingCommand, ['sharing', '--year', String(YEAR), '--format', 'json']);
  assert.equal(run.code, 0, run.stderr);
  const answer = JSON.parse(run.stdout);
  assert.equal(answer.year, YEAR);
  assert.ok(answer.regions.length === DEMO_COUNTIES.length && answer.regions.every(addsUp));
});
