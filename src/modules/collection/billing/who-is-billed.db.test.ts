/**
 * Who is billed (issue 11), the reviewer's hand cases on a small demo city: nobody past the statutory retirement age
 * pays pension (the 2024 reform's ages, a woman's post from her occupation); a person with two employers pays pension
 * once, by the earlier employment at an active employer, and the duplicate is reported; an employer without a
 * work-injury class pays work injury at its industry's class; a government body's pension goes to the
 * public-institution fund at its own rates.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from '../../../platform/testing/database.ts';
import { systemActor } from '../../../platform/actor.ts';
import { getParameters } from '../../../platform/params/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { render } from '../../../platform/messages.ts';
import { chartFor, listFunds } from '../../ledger/index.ts';
import { generateDemo } from '../../registry/demo/demo.service.ts';
import { buildCreditCode, buildIdNumber } from '../../registry/demo/demo.calc.ts';
import { createEmployer, createPerson, hire } from '../../registry/registry.service.ts';
import { requireWorkInjuryClass } from '../../registry/registry.validate.ts';
import { fundCodesOfRegion, resolveBillingParameters } from './billing.calc.ts';
import { reassessmentSql } from './billing.sql.ts';
import { runBilling } from './billing.service.ts';
import { duplicatePensions } from './duplicate-pension.service.ts';
import { registerCollectionCommands } from '../collection.cli.ts';
import { runCommand } from '../../../platform/testing/cli.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
const PERIOD = '2026-06';
const COUNTY = '990102';
const actor = systemActor('test', ['registry.employer.create', 'registry.person.create', 'registry.employment.write', 'billing.run', 'billing.read']);

let db: TestDatabase;
const employers: Record<string, string> = {};
const persons: Record<string, string> = {};

async function newEmployer(key: string, sequence: number, fields: Record<string, unknown>) {
  const creditCode = buildCreditCode(fields.employerType === 'government' ? '1' : '9', '1', COUNTY, `H${String(sequence).padStart(7, '0')}`);
  employers[key] = (await createEmployer(db.database, actor, { creditCode, name: `测试单位${key}`, regionCode: COUNTY, ...fields })).id;
}
async function newPerson(key: string, birthDate: string, male: boolean, occupation?: string) {
  const sequence = 100 + Object.keys(persons).length * 2 + (male ? 1 : 0);
  persons[key] = (await createPerson(db.database, actor, { idNumber: buildIdNumber(COUNTY, birthDate, sequence), name: `测试${key}`, regionCode: COUNTY, occupation })).id;
}
const hireAt = (employer: string, person: string, hiredOn: string) => hire(db.database, actor, { employerId: employers[employer], personId: persons[person], hiredOn });

/** The period's bill lines of a person: "employer insurance" each, sorted. */
async function linesOf(person: string): Promise<string[]> {
  const { rows } = await db.owner.query<{ line: string }>(`
    select e.name || ' ' || l.insurance as line from bill_line l join bill b on b.employer_id = l.employer_id and b.id = l.bill_id
      join employer e on e.id = l.employer_id
    where l.person_id = $1 and b.period = $2 order by 1`, [persons[person], PERIOD]);
  return rows.map((r) => r.line);
}

before(async () => {
  if (skip) return;
  db = await createTestDatabase();
  await generateDemo(db.database, { persons: 300, employers: 15, years: 1, seed: 11, password: 'demo-pass-2024', endMonth: PERIOD });
  await newEmployer('A', 1, { industryCode: 'C', workInjuryClass: 3 });
  await newEmployer('B', 2, { industryCode: 'C' });                       // no class: its industry's, class 4
  await newEmployer('S', 3, { industryCode: 'F', workInjuryClass: 2 });   // suspended below
  await newEmployer('G', 4, { industryCode: 'S', workInjuryClass: 1, employerType: 'government' });
  await db.owner.query(`update employer set status = 'suspended' where id = $1`, [employers.S]);

  await newPerson('man1955', '1955-03-10', true);                    // 71: retired 2015-03
  await newPerson('man1965', '1965-03-20', true);                    // 60 + 1 month: retired 2025-04
  await newPerson('man1966', '1966-05-20', true);                    // 60 + 5 months: 2026-10 (60 alone would be 2026-05)
  await newPerson('womanWorker', '1975-06-08', false, '生产制造及有关人员');   // 50 + 3 months: 2025-09
  await newPerson('womanCadre', '1975-06-08', false, '专业技术人员');         // 55 + 17 months: 2031-11
  await newPerson('twoJobs', '1990-01-01', true);
  await newPerson('afterSuspended', '1991-01-01', false);
  await newPerson('official', '1985-07-07', false, '办事人员和有关人员');
  for (const person of ['man1955', 'man1965', 'man1966', 'womanWorker', 'womanCadre']) await hireAt('A', person, '2026-04-01');
  await hireAt('A', 'twoJobs', '2026-03-01');
  await hireAt('B', 'twoJobs', '2026-04-01');
  await hireAt('S', 'afterSuspended', '2026-02-01');
  await hireAt('B', 'afterSuspended', '2026-04-01');
  await hireAt('G', 'official', '2026-04-01');
  const result = await runBilling(db.database, actor, { period: PERIOD });
  assert.equal(result.job.status, 'completed');
});
after(async () => { await db?.drop(); });

test('no pension from the statutory retirement month on (the 2024 reform\'s ages); the other insurances go on', { skip }, async () => {
  assert.deepEqual(await linesOf('man1955'), ['测试单位A medical', '测试单位A unemployment', '测试单位A work_injury']);
  assert.ok(!(await linesOf('man1965')).includes('测试单位A pension'), 'retired 2025-04');
  assert.ok((await linesOf('man1966')).includes('测试单位A pension'), 'the reform delays him to 2026-10');
  assert.ok(!(await linesOf('womanWorker')).includes('测试单位A pension'), 'a woman worker: 50-based');
  assert.ok((await linesOf('womanCadre')).includes('测试单位A pension'), 'a woman cadre: 55-based');
  // And across the whole demo city: no pension line for anyone at or past their retirement month.
  const { rows: [late] } = await db.owner.query(`
    select count(*)::int as n from bill_line l join bill b on b.employer_id = l.employer_id and b.id = l.bill_id join person p on p.id = l.person_id
    where l.insurance = 'pension' and b.period = $1 and statutory_retirement_month(p.birth_date, p.gender, p.occupation) <= date '2026-06-01'`, [PERIOD]);
  assert.equal(late.n, 0);
});

test('two employers: pension once, by the earlier employment at an active employer; the other insurances at each', { skip }, async () => {
  assert.deepEqual(await linesOf('twoJobs'), [
    '测试单位A medical', '测试单位A pension', '测试单位A unemployment', '测试单位A work_injury',
    '测试单位B medical', '测试单位B unemployment', '测试单位B work_injury',
  ]);
  // The earlier employer is suspended (it bills nothing): the later one bills pension.
  assert.deepEqual(await linesOf('afterSuspended'), ['测试单位B medical', '测试单位B pension', '测试单位B unemployment', '测试单位B work_injury']);
  const { rows: [twice] } = await db.owner.query(`
    select count(*)::int as n from (select l.person_id from bill_line l join bill b on b.employer_id = l.employer_id and b.id = l.bill_id
      where l.insurance = 'pension' and b.period = $1 group by l.person_id having count(*) > 1) t`, [PERIOD]);
  assert.equal(twice.n, 0, 'nobody in the city is billed pension twice');
});

test('the duplicate-pension report lists both employments and the one billed', { skip }, async () => {
  const report = await duplicatePensions(db.database, actor, { period: PERIOD });
  const byName = new Map(report.persons.map((p) => [p.name, p.employments.map((e) => `${e.employerName} ${e.hiredOn}${e.billed ? ' billed' : ''}`)]));
  assert.deepEqual(byName.get('测试twoJobs'), ['测试单位A 2026-03-01 billed', '测试单位B 2026-04-01']);
  assert.deepEqual(byName.get('测试afterSuspended'), ['测试单位S 2026-02-01', '测试单位B 2026-04-01 billed']);
  assert.ok(!byName.has('测试official'), 'one employment is no duplicate');
  assert.match(report.persons.find((p) => p.name === '测试twoJobs')!.idNumber, /\*/, 'ID numbers masked as in every list');
  const before = await duplicatePensions(db.database, actor, { period: '2026-03' });
  assert.ok(!before.persons.some((p) => p.name === '测试twoJobs'), 'in March the second job had not begun');

  // `sifund collection duplicate-pensions --period --format json` answers the same report.
  const previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = db.url;
  try {
    const run = await runCommand(registerCollectionCommands, ['collection', 'duplicate-pensions', '--period', PERIOD, '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), JSON.parse(JSON.stringify(report)));
  } finally {
    if (previousUrl === undefined) delete process.env.DATABASE_URL; else process.env.DATABASE_URL = previousUrl;
  }
});

test('an employer without a work-injury class pays at its industry\'s class; with neither, enrollment is refused', { skip }, async () => {
  const { rows } = await db.owner.query(`
    select l.employer_rate::text as rate, b.parameter_refs->'employer' as employer from bill_line l join bill b on b.employer_id = l.employer_id and b.id = l.bill_id
    where l.employer_id = $1 and l.insurance = 'work_injury' and b.period = $2`, [employers.B, PERIOD]);
  assert.equal(rows.length, 2, 'both employees of B pay work injury');
  assert.equal(Number(rows[0].rate), 0.009, 'manufacturing (C) → class 4, 0.9% × float 1.00');
  assert.equal(rows[0].employer.workInjuryClass, 4);
  assert.equal(rows[0].employer.workInjuryClassOfIndustry, 'C');

  const neither = { name: '无类别单位', region_code: COUNTY, work_injury_class: null, industry_code: null };
  assert.throws(() => requireWorkInjuryClass(neither, ['pension', 'work_injury'], '2026-06-01'), (error: AppError) => {
    assert.equal(error.status, 400);
    assert.equal(error.field, 'workInjuryClass');
    assert.match(render(error.said, 'en'), /work-injury risk class.*无类别单位 has no work-injury risk class and no industry code/);
    return true;
  });
  requireWorkInjuryClass(neither, ['pension', 'medical'], '2026-06-01');                    // no work injury asked: fine
  requireWorkInjuryClass({ ...neither, industry_code: 'C' }, ['work_injury'], '2026-06-01'); // the industry decides
});

test('a government body\'s pension goes to the public-institution pension fund, at its rates', { skip }, async () => {
  const funds = await listFunds(db.database, actor);
  assert.equal(funds.find((f) => f.code === 'public_pension-990000')?.name, '示范省机关事业单位基本养老保险基金');
  // The lines the period should bill (the reassessment's comparison, writing nothing) with the run's funds.
  const { rows: pooling } = await db.owner.query(`select insurance, region_code from pooling_region`);
  const { rows: fundRows } = await db.owner.query(`select code from fund`);
  const fundsOfCounty = fundCodesOfRegion(chartFor(2026), pooling, new Set(fundRows.map((f) => f.code)), COUNTY);
  const parameters = resolveBillingParameters(getParameters(), '2026-05', [COUNTY]);
  const expected = async (employer: string) => (await db.owner.query(reassessmentSql(parameters, { [COUNTY]: fundsOfCounty }, 'half_up'), [employers[employer], '2026-05', 2026])).rows
    .filter((r) => r.insurance === 'pension').map((r) => `${r.fund_code} ${Number(r.employer_rate)} ${Number(r.employee_rate)}`);
  assert.deepEqual(await expected('G'), ['public_pension-990000 0.16 0.08']);
  assert.deepEqual(await expected('A'), ['pension-990000 0.16 0.08', 'pension-990000 0.16 0.08', 'pension-990000 0.16 0.08'], 'an enterprise stays in the enterprise fund (man1966, womanCadre, twoJobs)');
});
