/**
 * The projection on a small demo city: a city below the provincial pension pool projects the pool's fund; the
 * starting point counts what the registry and the awards hold; the 20 projected years keep the fund's identities; a
 * pool's own scenario is saved, listed, projected under (the built-in one with the same assumption gives the same
 * years), refused naming its fields, never edited, archived; the command does the same.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from '../../../platform/testing/database.ts';
import { systemActor } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { todayInChina } from '../../../platform/params/index.ts';
import { generateDemo } from '../../registry/demo/demo.service.ts';
import { projectPension } from './projection.service.ts';
import { archiveScenario, listScenarios, saveScenario } from './projection-scenarios.service.ts';
import { runCommand } from '../../../platform/testing/cli.ts';
import { registerProjectionCommand } from './projection.cli.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
const actor = systemActor('projection-test');
let db: TestDatabase;

before(async () => {
  if (skip) return;
  db = await createTestDatabase();
  await generateDemo(db.database, { persons: 400, employers: 15, years: 1, seed: 17, password: 'demo-pass-2024' });
});
after(async () => { await db?.drop(); });

const one = async <T>(text: string, parameters: unknown[] = []) => (await db.database.pool.query(text, parameters)).rows[0] as T;
const fen = (yuan: string) => BigInt(yuan.replace('.', ''));

test('the city 990100 projects the provincial pool\'s fund from the registry, the awards and the ledger', { skip }, async () => {
  const view = await projectPension(db.database, actor, { region: '990100', years: 20 }, 'en');
  assert.deepEqual([view.region, view.poolingRegion, view.fund, view.scenario], ['990100', '990000', 'pension-990000', 'reform']);
  const today = todayInChina();
  const contributors = await one<{ count: number }>(`
    select count(distinct e.person_id)::int as count from enrollment e
    join employment m on m.employer_id = e.employer_id and m.id = e.employment_id join employer em on em.id = e.employer_id
    where e.insurance = 'pension' and e.valid_from <= $1 and (e.valid_to is null or e.valid_to >= $1) and m.separated_on is null
      and em.employer_type in ('enterprise', 'other', 'self_paying')
      and not exists (select 1 from pension_award a where a.person_id = e.person_id and a.status <> 'stopped')`, [today]);
  const pensioners = await one<{ count: number }>(`select count(*)::int as count from pension_award where fund_code = 'pension-990000' and status = 'active'`);
  assert.ok(contributors.count > 10 && pensioners.count > 0, JSON.stringify({ contributors, pensioners }));
  assert.equal(view.startingPoint.contributors, contributors.count);
  assert.equal(view.startingPoint.pensioners, pensioners.count);
  const bank = await one<{ amount: string }>(`
    select coalesce(sum(b.debit - b.credit), 0)::text as amount from account_balance b join fund f on f.id = b.fund_id
    join fund_account a on a.fund_id = b.fund_id and a.id = b.account_id
    where f.code = 'pension-990000' and a.role not in ('fund_balance', 'revenue', 'expense')`);
  assert.ok(BigInt(bank.amount) > 0n, 'the demo fund holds its go-live balance');
  assert.equal(fen(view.startingPoint.accumulatedBalance), BigInt(bank.amount));

  assert.equal(view.years.length, 20);
  assert.equal(view.years[0].year, Number(today.slice(0, 4)) + 1);
  let previous = fen(view.startingPoint.accumulatedBalance);
  for (const year of view.years) {
    for (const key of ['contributors', 'pensioners', 'dependencyRatio', 'income', 'expense', 'balance', 'accumulatedBalance', 'monthsOfPaymentCapacity'] as const) {
      assert.notEqual(year[key], null, `${year.year} ${key}`);
    }
    assert.equal(fen(year.balance), fen(year.income) - fen(year.expense));
    assert.equal(fen(year.accumulatedBalance), previous + fen(year.balance));
    previous = fen(year.accumulatedBalance);
  }
});

test('a region in no pension pool is refused naming the region', { skip }, async () => {
  await assert.rejects(projectPension(db.database, actor, { region: '980000', years: 20 }, 'en'),
    (error: AppError) => error.field === 'region' && /980000 lies in no pension pooling region \(pooling regions: 990000\)/.test(error.message));
});

test('a saved scenario: refused naming each bad field; saved in the pool, listed after the built-in ones, projected under like the built-in it equals; archived, it is gone', { skip }, async () => {
  const planner = systemActor('scenario-test', ['budget.scenario']);
  const refused = await saveScenario(db.database, planner, { region: '990100', name: 'Low Wage', label: 'x', overrides: { wageGrowth: '0.5', mortality: '1' } })
    .then(() => null, (error: AppError) => error);
  assert.equal(refused?.status, 400);
  assert.equal(refused?.field, 'name');
  for (const field of [/^name: /, /; label: /, /overrides\.wageGrowth: must be a decimal from -0\.1 to 0\.2/, /overrides\.mortality: a scenario sets only/]) assert.match(refused!.message, field);
  await assert.rejects(saveScenario(db.database, planner, { region: '990100', name: 'reform', label: '同名', overrides: { wageGrowth: '0.03' } }), (error: AppError) => error.field === 'name');
  await assert.rejects(saveScenario(db.database, actor, { region: '990100', name: 'slow', label: '无权限', overrides: { wageGrowth: '0.03' } }), (error: AppError) => error.status === 403);

  // 3% wage growth saved under another name: the same assumptions as the built-in low-wage, so the same years
  const saved = await saveScenario(db.database, planner, { region: '990100', name: 'slow-wages', label: '工资低增长（自定义）', note: '与内置情景对照', overrides: { wageGrowth: '0.03' } });
  assert.deepEqual([saved.name, saved.builtIn, saved.saved?.poolingRegion, saved.overrides], ['slow-wages', false, '990000', { wageGrowth: '0.03' }]);
  const listed = await listScenarios(db.database, actor, { region: '990102' }, 'en');
  assert.equal(listed.poolingRegion, '990000');
  assert.deepEqual(listed.items.map((item) => item.name), ['reform', 'no-reform', 'low-wage', 'high-wage', 'low-compliance', 'slow-wages']);
  const mine = await projectPension(db.database, actor, { region: '990100', years: 15, scenario: 'slow-wages' }, 'en');
  const builtIn = await projectPension(db.database, actor, { region: '990100', years: 15, scenario: 'low-wage' }, 'en');
  assert.deepEqual([mine.scenario, mine.scenarioLabel], ['slow-wages', '工资低增长（自定义）']);
  assert.deepEqual(mine.years, builtIn.years);
  assert.notDeepEqual(mine.years, (await projectPension(db.database, actor, { region: '990100', years: 15 }, 'en')).years, 'another wage growth than the law\'s baseline');
  // a subsidy that fills each year's gap: the balance never falls below where it starts
  await saveScenario(db.database, planner, { region: '990000', name: 'gap-filled', label: '财政补足当年缺口', overrides: { fiscalSubsidyRule: 'current_gap' } });
  const filled = await projectPension(db.database, actor, { region: '990000', years: 30, scenario: 'gap-filled' }, 'en');
  assert.equal(filled.depletionYear, null);
  assert.ok(filled.years.every((year) => fen(year.balance) >= 0n));
  await assert.rejects(saveScenario(db.database, planner, { region: '990100', name: 'slow-wages', label: '重名', overrides: { wageGrowth: '0.02' } }), (error: AppError) => error.status === 409 && error.field === 'name');

  await assert.rejects(db.owner.query(`update budget_projection_scenario set overrides = '{"wageGrowth": "0.01"}' where name = 'slow-wages'`), /never edited/);
  const archived = await archiveScenario(db.database, planner, BigInt(saved.saved!.id));
  assert.equal(archived.status, 'archived');
  await assert.rejects(archiveScenario(db.database, planner, BigInt(saved.saved!.id)), (error: AppError) => error.status === 409);
  await assert.rejects(projectPension(db.database, actor, { region: '990100', years: 15, scenario: 'slow-wages' }, 'en'),
    (error: AppError) => error.field === 'scenario' && /unknown scenario "slow-wages"; one of: reform, no-reform, low-wage, high-wage, low-compliance, gap-filled/.test(error.message));
  const [audit] = (await db.owner.query<{ n: number }>(`select count(*)::int as n from audit_log where entity_type = 'budget_projection_scenario' and actor_username = 'system:scenario-test'`)).rows;
  assert.equal(audit.n, 3, 'two saves and an archive');
});

test('the command: scenarios saved with --set, listed, projected under by name, a bad setting refused naming it', { skip }, async () => {
  const previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = db.url;
  try {
    const run = (...args: string[]) => runCommand(registerProjectionCommand, args);
    const saved = await run('scenarios', 'save', '--region', '990100', '--name', 'no-reform-slow', '--label', '不改革且工资低增长', '--set', 'retirementAges=former', '--set', 'wageGrowth=0.02');
    assert.equal(saved.code, 0, saved.stderr);
    assert.deepEqual(JSON.parse(saved.stdout).overrides, { retirementAges: 'former', wageGrowth: '0.02' });
    const bad = await run('scenarios', 'save', '--region', '990100', '--name', 'bad-one', '--label', '错误设置', '--set', 'collectionRate=2');
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /overrides\.collectionRate/);
    const listed = await run('scenarios', 'list', '--region', '990100');
    assert.ok(JSON.parse(listed.stdout).items.some((item: { name: string }) => item.name === 'no-reform-slow'));
    const projected = await run('projection', '--region', '990100', '--years', '10', '--scenario', 'no-reform-slow', '--format', 'json');
    assert.equal(projected.code, 0, projected.stderr);
    assert.equal(JSON.parse(projected.stdout).scenario, 'no-reform-slow');
    const unknown = await run('projection', '--region', '990100', '--years', '10', '--scenario', 'no-such', '--format', 'json');
    assert.notEqual(unknown.code, 0);
    assert.match(unknown.stderr, /scenario/);
  } finally {
    if (previousUrl === undefined) delete process.env.DATABASE_URL; else process.env.DATABASE_URL = previousUrl;
  }
});
