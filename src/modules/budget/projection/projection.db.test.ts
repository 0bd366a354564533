/**
 * The projection on a small demo city: a city below the provincial pension pool projects the pool's fund; the
 * starting point counts what the registry and the awards hold; the 20 projected years keep the fund's identities.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from '../../../platform/testing/database.ts';
import { systemActor } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { todayInChina } from '../../../platform/params/index.ts';
import { generateDemo } from '../../registry/demo/demo.service.ts';
import { projectPension } from './projection.service.ts';

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
