/**
 * The actuarial income line through the whole draft: the city 990200's medical fund billed every month from 2025-01 to
 * 2026-10 (t + 1 persons in month t, each at a base of 5,000.00 yuan growing 1% a month) and receiving 90% of what the
 * shipped rate asks (示范省 medical 9% + 2%, maternity merged: 11%). The draft for 2027 (as on 2026-11-15) reads the
 * drivers from the bills and the rate from the parameters, backtests the actuarial model beside the others, chooses it
 * and states its drivers in the JSON.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { systemActor } from '../../../platform/actor.ts';
import { onBusinessDay } from '../../../platform/params/index.ts';
import { runCommand } from '../../../platform/testing/cli.ts';
import type { TestDatabase } from '../../../platform/testing/database.ts';
import { openingBalanceEntry, postEntries, type EntryInput } from '../../ledger/index.ts';
import { createLedgerTestDatabase } from '../../ledger/ledger.testing.ts';
import { registerBudgetCommands } from './draft.cli.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
const actor = systemActor('test', ['ledger.read']);
const TODAY = '2026-11-15';
const FUND = 'medical-990200';
const months = Array.from({ length: 22 }, (_, t) => `${2025 + Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`);
const persons = (t: number) => t + 1;
const base = (t: number) => Math.round(500_000 * 1.01 ** t);
const RATE = 0.11;
const COLLECTED = 0.9;
const premium = (t: number) => BigInt(Math.round(persons(t) * base(t) * RATE * COLLECTED));
let test_: TestDatabase;
let previousUrl: string | undefined;

function entries(): EntryInput[] {
  return [
    openingBalanceEntry({ fund: FUND, amount: 50_000_000_00n, date: '2025-01-01', memo: '期初建账', heldIn: 'expense_bank' }),
    ...months.map((month, t): EntryInput => ({
      key: `premium:${month}`, fund: FUND, period: month, date: `${month}-15`, memo: '社会保险费收入',
      lines: [{ account: '1003', debit: premium(t) }, { account: '4001', credit: premium(t) }],
    })),
  ];
}

/** One employer's regular bill each month, for persons 1 … t + 1, each at the month's base. */
async function seedBills() {
  const run = (text: string, parameters: unknown[] = []) => test_.owner.query(text, parameters);
  await run(`insert into employer (id, credit_code, name, region_code) values (8101, '91990200TEST00001X', '单位', '990200')`);
  await run(`insert into person (id, id_number, name, gender, birth_date, region_code)
    select 9100 + n, '9902001980010' || lpad(n::text, 5, '0'), '参保人' || n, 'F', '1980-01-01', '990200' from generate_series(1, 22) n`);
  for (const [t, month] of months.entries()) {
    await run(`insert into bill (employer_id, id, number, period, kind, region_code, due_date, persons, lines, total, parameter_refs) values (8101, $1, $2, $3, 'regular', '990200', $4, $5, $5, 0, '{}')`,
      [t + 1, `B${t + 1}`, month, `${month}-25`, persons(t)]);
    await run(`insert into bill_item (employer_id, bill_id, insurance, fund_code, region_code, employer_amount, employee_amount) values (8101, $1, 'medical', $2, '990200', 0, 0)`, [t + 1, FUND]);
    await run(`insert into bill_line (employer_id, bill_id, person_id, insurance, region_code, base, employer_rate, employee_rate, employer_amount, employee_amount)
      select 8101, $1, 9100 + n, 'medical', '990200', $2, 0.09, 0.02, 0, 0 from generate_series(1, $3::int) n`, [t + 1, base(t), persons(t)]);
  }
}

before(async () => {
  if (skip) return;
  test_ = await createLedgerTestDatabase();
  await postEntries(test_.database, actor, entries());
  await seedBills();
  previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = test_.url;
});
after(async () => {
  if (previousUrl === undefined) delete process.env.DATABASE_URL; else process.env.DATABASE_URL = previousUrl;
  await test_?.drop();
});

test('社会保险费收入 drafted by the actuarial model from the bills and the rate parameter, with its drivers in the JSON', { skip }, async () => {
  const printed = await onBusinessDay(TODAY, () => runCommand(registerBudgetCommands, ['budget', 'draft', '--year', '2027', '--region', '990200', '--format', 'json']));
  assert.equal(printed.code, 0, printed.stderr);
  const answer = JSON.parse(printed.stdout);
  const income = answer.tables[0].income[0];
  assert.equal(income.subject, 'premium_income');
  assert.equal(income.model, 'actuarial');
  assert.equal(income.beatsNaive, true);
  // t + 1 persons continued by drift: 25 … 36 in 2027, a mean of 30.5, rounded to 31; the rate the parameter's 11%; 90% collected
  assert.equal(income.drivers.contributors, 31);
  assert.equal(income.drivers.rate, RATE);
  assert.equal(income.drivers.collectionRate, COLLECTED);
  // Σ over t = 24 … 35 of (t + 1) × 5,000.00 × 1.01^t × 11% × 90%, to within the fen each month's bases and income were rounded to
  const expected = Array.from({ length: 12 }, (_, index) => 24 + index).reduce((sum, t) => sum + persons(t) * 500_000 * 1.01 ** t * RATE * COLLECTED, 0);
  const drafted = Number(income.amount.replace('.', ''));
  assert.ok(Math.abs(drafted - expected) / expected < 1e-5, `drafted ${drafted} fen, expected ${expected}`);
  // the base data of 社预附02: 2025's twelve months 1 … 12 persons, a mean of 6.5 rounded to 7; the budget year's 31
  const baseData = answer.baseData.find((fund: { fund: string }) => fund.fund === FUND);
  assert.equal(baseData.table, '社预附02');
  assert.deepEqual(baseData.years.map((year: { year: number; contributors: number; actualMonths: number }) => [year.year, year.actualMonths, year.contributors]), [[2025, 12, 7], [2026, 10, 18], [2027, 0, 31]]);
});
