/**
 * `sifund budget draft` on a ledger posted here with known monthly amounts: the city 990100's three funds (medical,
 * unemployment, work injury) from 2025-01 to 2026-10, drafted for 2027 as on 2026-11-15 (the actuals end with October).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { systemActor } from '../../../platform/actor.ts';
import { onBusinessDay } from '../../../platform/params/index.ts';
import { runCommand } from '../../../platform/testing/cli.ts';
import { createTestDatabase, type TestDatabase } from '../../../platform/testing/database.ts';
import { ensureFunds, openingBalanceEntry, periodEnd, postEntries, type EntryInput } from '../../ledger/index.ts';
import { seedPoolingRegions } from '../../ledger/ledger.testing.ts';
import { draftBudget } from './draft.service.ts';
import { registerBudgetCommands } from './draft.cli.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
const actor = systemActor('test', ['ledger.read']);
const TODAY = '2026-11-15';
const months = Array.from({ length: 22 }, (_, t) => `${2025 + Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`);
let test_: TestDatabase;
let previousUrl: string | undefined;

/** Per fund: the go-live balance (held in the 支出户, which pays the benefits), the monthly premium income by month index, and one benefit account's monthly expense. */
const funds = {
  'medical-990100': { opening: 60_000_000_00n, premium: (t: number) => 3_000_000_00n + 20_000_00n * BigInt(t), benefit: '500101', expense: 2_500_000_00n },
  'unemployment-990100': { opening: 8_000_000_00n, premium: () => 400_000_00n, benefit: '500101', expense: 150_000_00n },
  'work_injury-990100': { opening: 3_000_000_00n, premium: () => 120_000_00n, benefit: '500101', expense: 80_000_00n },
};

function entries(): EntryInput[] {
  return Object.entries(funds).flatMap(([fund, plan]) => [
    openingBalanceEntry({ fund, amount: plan.opening, date: '2025-01-01', memo: '期初建账', heldIn: 'expense_bank' }),
    ...months.flatMap((month, t): EntryInput[] => [
      { key: `premium:${fund}:${month}`, fund, period: month, date: `${month}-15`, memo: '社会保险费收入', lines: [{ account: '1003', debit: plan.premium(t) }, { account: '4001', credit: plan.premium(t) }] },
      { key: `benefit:${fund}:${month}`, fund, period: month, date: periodEnd(month), memo: '待遇支出', lines: [{ account: plan.benefit, debit: plan.expense }, { account: '1004', credit: plan.expense }] },
    ]),
  ]);
}

before(async () => {
  if (skip) return;
  test_ = await createTestDatabase();
  await seedPoolingRegions(test_.database);
  await ensureFunds(test_.database);
  await postEntries(test_.database, actor, entries());
  previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = test_.url;
});
after(async () => {
  if (previousUrl === undefined) delete process.env.DATABASE_URL; else process.env.DATABASE_URL = previousUrl;
  await test_?.drop();
});

const draft = (year: number | string, region: string) => onBusinessDay(TODAY, () => draftBudget(test_.database, actor, { year, region }));
const fen = (yuan: string) => BigInt(yuan.replace('.', ''));

test('the city\'s draft for 2027: a table per fund, the linear premium line continued, the balance carried from the ledger', { skip }, async () => {
  const result = await draft(2027, '990100');
  assert.equal(result.lastActualMonth, '2026-10');
  assert.deepEqual(result.tables.map((table) => [table.fund, table.table]), [['medical-990100', '社预05'], ['unemployment-990100', '社预08'], ['work_injury-990100', '社预07']]);
  const medical = result.tables[0];
  // 3,000,000.00 + 20,000.00 t for t = 24…35: 12 × 3,000,000.00 + 20,000.00 × 354
  assert.equal(medical.income.find((line) => line.subject === 'premium_income')!.amount, 12n * 3_000_000_00n + 20_000_00n * 354n);
  assert.equal(medical.expense.find((line) => line.subject === 'benefit_expense')!.items!.find((item) => item.subject === 'inpatient')!.amount, 12n * 2_500_000_00n);
  // the ledger's balance at the end of October 2026, then November and December forecast (t = 22, 23)
  const postedIncome = months.reduce((sum, _, t) => sum + funds['medical-990100'].premium(t), 0n);
  const balanceAtOctober = funds['medical-990100'].opening + postedIncome - 22n * 2_500_000_00n;
  const bridge = funds['medical-990100'].premium(22) + funds['medical-990100'].premium(23) - 2n * 2_500_000_00n;
  assert.equal(medical.previousAccumulatedBalance, balanceAtOctober + bridge);
  assert.equal(result.tables[1].income[0].amount, 12n * 400_000_00n, 'a constant premium stays as it is');
  for (const table of result.tables) {
    const sum = (lines: { amount: bigint }[]) => lines.reduce((total, line) => total + line.amount, 0n);
    assert.equal(table.totalIncome, sum(table.income), table.fund);
    assert.equal(table.totalExpense, sum(table.expense), table.fund);
    assert.equal(table.balance, table.totalIncome - table.totalExpense, table.fund);
    assert.equal(table.accumulatedBalance, table.previousAccumulatedBalance + table.balance, table.fund);
  }
  assert.equal(result.summary.totalIncome, result.tables.reduce((total, table) => total + table.totalIncome, 0n));
});

test('refusals: a year not after the actuals, a region without a fund, a fund without enough history, each named', { skip }, async () => {
  await assert.rejects(draft(2026, '990100'), (error: Error) => /the budget year must come after 2026, the year of the actuals \(up to 2026-10\)/.test(error.message));
  await assert.rejects(draft('27', '990100'), (error: Error) => /year: must be a year like 2027, got "27"/.test(error.message));
  await assert.rejects(draft(2027, '980000'), (error: Error) => /region 980000 has no social insurance fund to budget/.test(error.message));
  // the province holds the pension funds, with no postings at all
  await assert.rejects(draft(2027, '990000'), (error: Error) => /fund medical-990200 has no actuals up to 2026-10: nothing to forecast from/.test(error.message));
});

test('sifund budget draft --format json prints the tables with amounts in yuan; a refusal exits 1 in Chinese', { skip }, async () => {
  const run = (...args: string[]) => onBusinessDay(TODAY, () => runCommand(registerBudgetCommands, ['budget', 'draft', ...args]));
  const printed = await run('--year', '2027', '--region', '990100', '--format', 'json');
  assert.equal(printed.code, 0, printed.stderr);
  const answer = JSON.parse(printed.stdout);
  assert.equal(answer.year, 2027);
  const workInjury = answer.tables.find((table: { fund: string }) => table.fund === 'work_injury-990100');
  assert.equal(workInjury.scheme, 'work_injury');
  assert.equal(workInjury.totalIncome, '1440000.00');
  assert.equal(workInjury.totalExpense, '960000.00');
  assert.equal(fen(workInjury.accumulatedBalance), fen(workInjury.previousAccumulatedBalance) + fen(workInjury.balance));
  assert.equal(workInjury.income[0].model, 'naive');
  assert.deepEqual(workInjury.income[0].history, [{ year: 2025, amount: '1440000.00', actualMonths: 12 }, { year: 2026, amount: '1440000.00', actualMonths: 10 }]);
  const table = await run('--year', '2027', '--region', '990100');
  assert.match(table.stdout, /社预07 示范市工伤保险基金预算表/);
  // 社预01: 劳动能力鉴定费支出 after 社会保险待遇支出, as in the work injury table, though medical comes first
  assert.deepEqual(answer.summary.expense.map((line: { name: string }) => line.name), ['社会保险待遇支出', '劳动能力鉴定费支出', '转移支出', '补助下级支出', '上解上级支出', '其他支出']);
  assert.match(table.stdout, /其中：工伤医疗待遇/);
  const previous = process.env.LANG;
  process.env.LANG = 'zh_CN.UTF-8';
  try {
    const refused = await run('--year', '2025', '--region', '990100', '--format', 'json');
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /预算年度须晚于已有实际数的年度 2026（实际数截至 2026-10）/);
  } finally {
    if (previous === undefined) delete process.env.LANG; else process.env.LANG = previous;
  }
});
