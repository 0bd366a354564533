/**
 * The contribution rules of issue 11 on who is billed and on what base, each a hand case on a small demo city:
 * 核定 of an undeclared base at 110% of the last declared one (社会保险法 第六十二条) and its settlement once declared;
 * a new hire's base is the year-of-hire declaration (the first month's wage); no employee unemployment share for a
 * rural contract worker where the region keeps 失业保险条例 第六条; a short job covering no cut-off day billed in the
 * month of hire (contribution.short_employment_month); 延长缴费 past the statutory retirement age (社会保险法 第十六条).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from '../../../platform/testing/database.ts';
import { systemActor } from '../../../platform/actor.ts';
import { getParameters } from '../../../platform/params/index.ts';
import { signOff } from '../../../platform/signoff/signoff.testing.ts';
import { generateDemo } from '../../registry/demo/demo.service.ts';
import { buildCreditCode, buildIdNumber } from '../../registry/demo/demo.calc.ts';
import { createEmployer, createPerson, hire, separate } from '../../registry/registry.service.ts';
import { resolveBillingParameters } from './billing.calc.ts';
import { reassessmentSql } from './billing.sql.ts';
import { registerBillingCommands } from './billing.cli.ts';
import { grantPensionExtension, pensionExtensions } from './pension-extension.service.ts';
import { AppError } from '../../../platform/errors.ts';
import { render } from '../../../platform/messages.ts';
import { runCommand } from '../../../platform/testing/cli.ts';
import { fundsByRegion, runBilling } from './billing.service.ts';
import { getBill } from './bills.service.ts';
import { requestReassessment, type ReassessmentResult } from './reassessment.service.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
const PERIOD = '2026-06';
const COUNTY = '990102';
const actor = systemActor('test', ['registry.employer.create', 'registry.person.create', 'registry.employment.write', 'billing.run', 'billing.read', 'billing.reassess.request']);

let db: TestDatabase;
const employers: Record<string, string> = {};
const persons: Record<string, string> = {};

async function newEmployer(key: string, sequence: number) {
  const creditCode = buildCreditCode('9', '1', COUNTY, `R${String(sequence).padStart(7, '0')}`);
  employers[key] = (await createEmployer(db.database, actor, { creditCode, name: `规则单位${key}`, regionCode: COUNTY, industryCode: 'C', workInjuryClass: 3 })).id;
}
const idNumbers: Record<string, string> = {};
async function newPerson(key: string, hukouType: 'urban' | 'rural' = 'urban', birthDate = '1988-08-08') {
  const sequence = 300 + Object.keys(persons).length * 2 + 1;   // odd: a man
  idNumbers[key] = buildIdNumber(COUNTY, birthDate, sequence);
  persons[key] = (await createPerson(db.database, actor, { idNumber: idNumbers[key], name: `规则${key}`, regionCode: COUNTY, hukouType })).id;
}
async function hireAt(employer: string, person: string, hiredOn: string, separatedOn?: string) {
  const employment = await hire(db.database, actor, { employerId: employers[employer], personId: persons[person], hiredOn });
  if (separatedOn) await separate(db.database, actor, BigInt(employers[employer]), BigInt(employment.id), { separatedOn, reason: 'voluntary' });
}
/** A base declaration as the registry keeps it (one per employer, person and year; a correction is a new version). */
async function declare(employer: string, person: string, year: number, monthlyWageFen: number, version = 1) {
  await db.owner.query(`insert into base_declaration (employer_id, id, person_id, region_code, year, version, monthly_wage, reason)
    values ($1, (select coalesce(max(id), 0) + 1 from base_declaration), $2, $3, $4, $5, $6, $7)`,
  [employers[employer], persons[person], COUNTY, year, version, monthlyWageFen, version > 1 ? '补办申报' : null]);
}

/** A person's lines in the period: "insurance base assessed employerRate employeeRate employeeAmount" (rates as numbers). */
async function linesOf(person: string, period = PERIOD, kind = 'regular'): Promise<string[]> {
  const { rows } = await db.owner.query<{ line: string }>(`
    select concat_ws(' ', l.insurance, l.base, case when l.base_assessed then 'assessed' else 'declared' end,
      trim_scale(l.employer_rate), coalesce(trim_scale(l.employee_rate)::text, '-'), coalesce(l.employee_amount::text, '-')) as line
    from bill_line l join bill b on b.employer_id = l.employer_id and b.id = l.bill_id
    where l.person_id = $1 and b.period = $2 and b.kind = $3 order by 1`, [persons[person], period, kind]);
  return rows.map((r) => r.line);
}

before(async () => {
  if (skip) return;
  db = await createTestDatabase();
  await generateDemo(db.database, { persons: 200, employers: 10, years: 1, seed: 13, password: 'demo-pass-2024', endMonth: PERIOD });
  await newEmployer('A', 1);
  await newEmployer('B', 2);
  await newPerson('declared');
  await newPerson('lastYear');
  await newPerson('nearCeiling');
  await newPerson('neverDeclared');
  await newPerson('newHire');
  await newPerson('rural', 'rural');
  await newPerson('urban', 'urban');
  await newPerson('shortLate');
  await newPerson('shortEarly');
  await newPerson('moved');
  await newPerson('stays');
  await newPerson('pastAge', 'urban', '1955-03-10');            // a man of 71: retirement month 2015-03

  await hireAt('A', 'declared', '2025-03-01');
  await declare('A', 'declared', 2025, 600_000);
  await declare('A', 'declared', 2026, 700_000);
  await hireAt('A', 'lastYear', '2025-03-01');
  await declare('A', 'lastYear', 2025, 600_000);           // nothing declared for 2026
  await hireAt('A', 'nearCeiling', '2025-03-01');
  await declare('A', 'nearCeiling', 2025, 2_400_000);      // 110%: 26,400.00, above the 2026 ceiling of 25,500.00
  await hireAt('A', 'neverDeclared', '2026-04-01');
  await hireAt('A', 'newHire', '2026-06-01');
  await declare('A', 'newHire', 2026, 550_000);            // the first month's wage, declared for the year of hire
  for (const person of ['rural', 'urban']) { await hireAt('A', person, '2026-04-01'); await declare('A', person, 2026, 600_000); }
  await hireAt('A', 'shortLate', '2026-06-20', '2026-07-10');   // covers neither 06-15 nor 07-15
  await hireAt('A', 'shortEarly', '2026-06-02', '2026-06-10');  // over before 06-15
  await hireAt('B', 'moved', '2026-01-01', '2026-06-18');       // B bills June (it covers 06-15) ...
  await hireAt('A', 'moved', '2026-06-20', '2026-07-05');       // ... so the short job at A bills nothing
  await hireAt('A', 'stays', '2026-06-20');                      // no short job: billed from July by the cut-off rule
  await hireAt('A', 'pastAge', '2026-04-01');
  await declare('A', 'pastAge', 2026, 600_000);
  for (const person of ['shortLate', 'shortEarly', 'moved', 'stays']) await declare('A', person, 2026, 600_000);
  await declare('B', 'moved', 2026, 600_000);

  const result = await runBilling(db.database, actor, { period: PERIOD });
  assert.equal(result.job.status, 'completed');
});
after(async () => { await db?.drop(); });

test('a base declared for the period\'s year is billed as declared; a new hire\'s is the year-of-hire declaration (the first month\'s wage)', { skip }, async () => {
  assert.deepEqual(await linesOf('declared'), [
    'medical 700000 declared 0.09 0.02 14000', 'pension 700000 declared 0.16 0.08 56000', 'unemployment 700000 declared 0.005 0.005 3500', 'work_injury 700000 declared 0.007 - -',
  ]);
  assert.ok((await linesOf('newHire')).every((line) => line.includes(' 550000 declared ')), 'hired 06-01, billed on the 5,500.00 declared for 2026');
});

test('社会保险法 第六十二条: nothing declared for the year — assessed (核定) at 110% of the last declared base, clamped; never declared — the average wage', { skip }, async () => {
  assert.deepEqual(await linesOf('lastYear'), [
    'medical 660000 assessed 0.09 0.02 13200', 'pension 660000 assessed 0.16 0.08 52800', 'unemployment 660000 assessed 0.005 0.005 3300', 'work_injury 660000 assessed 0.007 - -',
  ]);
  assert.ok((await linesOf('nearCeiling')).every((line) => line.includes(' 2550000 assessed ')), '26,400.00 is above the ceiling: 25,500.00');
  assert.ok((await linesOf('neverDeclared')).every((line) => line.includes(' 850000 assessed ')), 'the 2026 average wage, 8,500.00');

  // The bill says so: the persons assessed, and each line 核定 in the bill detail API.
  const { rows: [bill] } = await db.owner.query<{ number: string; assessed_persons: number }>(`select number, assessed_persons from bill where employer_id = $1 and period = $2`, [employers.A, PERIOD]);
  assert.equal(bill.assessed_persons, 3, 'lastYear, nearCeiling, neverDeclared');
  const view = await getBill(db.database, actor, bill.number);
  assert.equal(view.assessedPersons, 3);
  const sources = new Map(view.lines!.map((line) => [line.name, `${line.baseSource} ${line.baseSourceName}`]));
  assert.equal(sources.get('规则lastYear'), 'assessed 核定');
  assert.equal(sources.get('规则declared'), 'declared 申报');
  assert.ok(view.lines!.find((line) => line.name === '规则lastYear')!.parameterRefs.includes('contribution.base.undeclared_assessment_ratio@2011-07-01'));
});

test('once the employer declares, the reassessment settles the difference: the assessed lines reversed, the declared ones billed', { skip }, async () => {
  await declare('A', 'lastYear', 2026, 620_000);
  const { rows: [{ credit_code: creditCode }] } = await db.owner.query(`select credit_code from employer where id = $1`, [employers.A]);
  const approved = await signOff(db.database, await requestReassessment(db.database, actor, { creditCode, period: PERIOD, reason: '补办申报' }));
  const result = approved.result as ReassessmentResult;
  // 6,600.00 × (16% + 8% + 9% + 2% + 0.5% + 0.5% + 0.7%) = 2,422.20 reversed; 6,200.00 × the same = 2,275.40 billed
  assert.deepEqual(result.bills.map((b) => `${b.kind} ${b.lines} ${b.total}`), ['credit_note 4 -2422.20', 'supplementary 4 2275.40']);
  assert.deepEqual(await linesOf('lastYear', PERIOD, 'credit_note'), [
    'medical -660000 assessed 0.09 0.02 -13200', 'pension -660000 assessed 0.16 0.08 -52800', 'unemployment -660000 assessed 0.005 0.005 -3300', 'work_injury -660000 assessed 0.007 - -',
  ]);
  assert.deepEqual(await linesOf('lastYear', PERIOD, 'supplementary'), [
    'medical 620000 declared 0.09 0.02 12400', 'pension 620000 declared 0.16 0.08 49600', 'unemployment 620000 declared 0.005 0.005 3100', 'work_injury 620000 declared 0.007 - -',
  ]);
  // nearCeiling and neverDeclared have declared nothing yet: they stay assessed, untouched
  assert.equal((await linesOf('nearCeiling', PERIOD, 'credit_note')).length, 0);
});

test('失业保险条例 第六条: a rural contract worker pays no employee unemployment share where the region keeps the rule; an equalised region bills it', { skip }, async () => {
  assert.ok((await linesOf('rural')).includes('unemployment 600000 declared 0.005 0 0'));
  assert.ok((await linesOf('urban')).includes('unemployment 600000 declared 0.005 0.005 3000'));
  assert.ok((await linesOf('rural')).includes('pension 600000 declared 0.16 0.08 48000'), 'the other insurances as anyone\'s');

  // A region that has equalised (pays from 2020): what the period should bill for the rural worker, written nowhere.
  const store = getParameters().withRegionalValues([
    { path: 'contribution.unemployment.rural_contract_worker_share', regionCode: '990000', since: '2020-01-01', value: 'pays', reference: '示范省 城乡统一 [local]' },
  ]);
  const parameters = resolveBillingParameters(store, PERIOD, [COUNTY]);
  assert.equal(parameters.regions[COUNTY].ruralUnemploymentExempt, false);
  const funds = await db.database.db.transaction().execute((tx) => fundsByRegion(tx, PERIOD, [COUNTY]));
  const { rows } = await db.owner.query(reassessmentSql(parameters, funds, 'half_up'), [employers.A, PERIOD, 2026]);
  const rural = rows.filter((r) => String(r.person_id) === persons.rural && r.insurance === 'unemployment');
  assert.deepEqual(rural.map((r) => `${r.action} ${Number(r.employee_rate)} ${r.employee_amount}`), ['bill 0.005 3000', 'reverse 0 0']);
});

test('a short job covering no cut-off day bills the month of hire, unless another job of the person bills that month', { skip }, async () => {
  assert.equal((await linesOf('shortLate')).length, 4, 'hired 06-20, gone 07-10: billed for June');
  assert.equal((await linesOf('shortEarly')).length, 4, 'hired 06-02, gone 06-10: billed for June');
  const linesAt = async (employer: string) => (await db.owner.query(`select count(*)::int as n from bill_line l join bill b on b.employer_id = l.employer_id and b.id = l.bill_id
    where l.person_id = $1 and b.period = $2 and l.employer_id = $3`, [persons.moved, PERIOD, employers[employer]])).rows[0].n;
  assert.deepEqual([await linesAt('A'), await linesAt('B')], [0, 4], 'B bills June for the person (its job covers 06-15), the short job at A nothing');
  assert.deepEqual(await linesOf('stays'), [], 'an ongoing job hired after the cut-off day starts in July');

  // The region's rule may bill the month of separation instead: July for shortLate, nothing in June.
  const store = getParameters().withRegionalValues([
    { path: 'contribution.short_employment_month', regionCode: '990000', since: '2026-01-01', value: 'separation', reference: 'test [local]' },
  ]);
  const expected = async (period: string) => {
    const parameters = resolveBillingParameters(store, period, [COUNTY]);
    const funds = await db.database.db.transaction().execute((tx) => fundsByRegion(tx, period, [COUNTY]));
    const { rows } = await db.owner.query(reassessmentSql(parameters, funds, 'half_up'), [employers.A, period, 2026]);
    return rows.filter((r) => String(r.person_id) === persons.shortLate).map((r) => `${r.action} ${r.insurance}`);
  };
  assert.deepEqual(await expected('2026-07'), ['bill medical', 'bill pension', 'bill unemployment', 'bill work_injury']);
  assert.deepEqual(await expected(PERIOD), ['reverse medical', 'reverse pension', 'reverse unemployment', 'reverse work_injury'], 'June, billed by the hire rule, would not be due');
});

test('延长缴费: past the statutory age pension stops, unless an exception granted with its reason (CLI and service) covers the month', { skip }, async () => {
  assert.deepEqual((await linesOf('pastAge')).map((line) => line.split(' ')[0]), ['medical', 'unemployment', 'work_injury'], 'no pension at 71');
  const registrar = systemActor('test', ['registry.employment.write', 'registry.read']);
  const refused = async (input: Parameters<typeof grantPensionExtension>[2], field: string, message: RegExp) =>
    assert.rejects(grantPensionExtension(db.database, registrar, input), (error: AppError) => {
      assert.equal(error.field, field);
      assert.match(render(error.said, 'en'), message);
      return true;
    });
  await refused({ personId: persons.pastAge, from: PERIOD, reason: ' ' }, 'reason', /is required/);
  await refused({ personId: persons.declared, from: PERIOD, reason: '缴费年限不足' }, 'from', /reaches the statutory retirement age only in 2051-08/);
  await refused({ personId: persons.pastAge, from: '2026-03', reason: '缴费年限不足' }, 'from', /no pension enrollment covering 2026-03/);
  await refused({ personId: persons.pastAge, from: PERIOD, to: '2026-05', reason: '缴费年限不足' }, 'to', /must not be before from \(2026-06\)/);

  // `sifund billing extend-pension` grants it, audited; a second, overlapping grant is refused
  const previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = db.url;
  try {
    const run = await runCommand(registerBillingCommands, ['billing', 'extend-pension', '--id-number', idNumbers.pastAge, '--from', PERIOD, '--reason', '累计缴费不足十五年，尚缺三年', '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    const granted = JSON.parse(run.stdout);
    assert.deepEqual([granted.personId, granted.employerId, granted.from, granted.to, granted.reason], [persons.pastAge, employers.A, PERIOD, null, '累计缴费不足十五年，尚缺三年']);
  } finally {
    if (previousUrl === undefined) delete process.env.DATABASE_URL; else process.env.DATABASE_URL = previousUrl;
  }
  await assert.rejects(grantPensionExtension(db.database, registrar, { personId: persons.pastAge, from: '2026-07', reason: '重复' }), (error: AppError) => error.status === 409);
  const listed = await pensionExtensions(db.database, registrar, { personId: persons.pastAge });
  assert.deepEqual([listed.retirementMonth, listed.extensions.length, listed.extensions[0].from], ['2015-03', 1, PERIOD]);
  const { rows: audit } = await db.owner.query(`select action from audit_log where entity_type = 'person' and entity_id = $1 and action = 'pension.extension.grant'`, [persons.pastAge]);
  assert.equal(audit.length, 1);

  // What June should bill now: the pension line the exception allows (a reassessment would bill it)
  const parameters = resolveBillingParameters(getParameters(), PERIOD, [COUNTY]);
  const funds = await db.database.db.transaction().execute((tx) => fundsByRegion(tx, PERIOD, [COUNTY]));
  const { rows } = await db.owner.query(reassessmentSql(parameters, funds, 'half_up'), [employers.A, PERIOD, 2026]);
  assert.deepEqual(rows.filter((r) => String(r.person_id) === persons.pastAge).map((r) => `${r.action} ${r.insurance} ${r.employer_amount} ${r.employee_amount}`),
    ['bill pension 96000 48000']);
});
