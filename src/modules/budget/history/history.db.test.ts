/**
 * Past final accounts (历年决算): the city 990100's medical fund went live in 2025-01 (a ledger posted here to 2026-10,
 * as on 2026-11-15); its years 2023 and 2024 are imported in the standard layout. A second import of the same file
 * answers the first; a bad file lists every bad row and imports nothing; a year in the ledger is refused; a new
 * import of a year is a new version that counts; `annualHistory` joins the imported years with the ledger's 2025.
 * The demo (a small city) imports ten years for each budgeted fund with the identities holding.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { inScope, systemActor } from '../../../platform/actor.ts';
import { render } from '../../../platform/messages.ts';
import { onBusinessDay } from '../../../platform/params/index.ts';
import { ImportRejected } from '../../../platform/imports/index.ts';
import { createTestDatabase, type TestDatabase } from '../../../platform/testing/database.ts';
import { openingBalanceEntry, periodEnd, postEntries, type EntryInput } from '../../ledger/index.ts';
import { createLedgerTestDatabase } from '../../ledger/ledger.testing.ts';
import { generateDemo } from '../../registry/demo/demo.service.ts';
import { annualHistory, budgetHistory, importFinalAccounts } from './history.service.ts';
import { DEMO_HISTORY_YEARS } from './history.demo.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
const ledgerActor = systemActor('test', ['ledger.read']);
const officer = systemActor('test', ['budget.draft', 'budget.read']);
const TODAY = '2026-11-15';
const months = Array.from({ length: 22 }, (_, t) => `${2025 + Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`);
const premium = (t: number) => 3_000_000_00n + 20_000_00n * BigInt(t);
let db: TestDatabase;

function entries(): EntryInput[] {
  const fund = 'medical-990100';
  return [
    openingBalanceEntry({ fund, amount: 60_000_000_00n, date: '2025-01-01', memo: '期初建账', heldIn: 'expense_bank' }),
    ...months.flatMap((month, t): EntryInput[] => [
      { key: `premium:${month}`, fund, period: month, date: `${month}-15`, memo: '社会保险费收入', lines: [{ account: '1003', debit: premium(t) }, { account: '4001', credit: premium(t) }] },
      { key: `benefit:${month}`, fund, period: month, date: periodEnd(month), memo: '住院医疗费用', lines: [{ account: '500101', debit: 2_500_000_00n }, { account: '1004', credit: 2_500_000_00n }] },
    ]),
  ];
}

before(async () => {
  if (skip) return;
  db = await createLedgerTestDatabase();
  await postEntries(db.database, ledgerActor, entries());
});
after(async () => { await db?.drop(); });

const on = <T>(work: () => Promise<T>) => onBusinessDay(TODAY, work);
const csv = (lines: string[]) => ({ fileName: 'final-accounts.csv', content: Buffer.from(lines.join('\n'), 'utf8') });
const HEADER = '年度,险种,统筹区,科目编码,科目名称,决算数';
/** A consistent medical fund-year: income 30 000 000 + 600 000, expense 27 000 000 of which inpatient 18 000 000. */
const medicalYear = (year: number, premiumYuan = '30000000.00') => {
  const totalIncome = (Number(premiumYuan) + 600000).toFixed(2);
  return [
    `${year},medical,990100,premium_income,社会保险费收入,${premiumYuan}`,
    `${year},职工基本医疗保险,990100,interest_income,利息收入,600000.00`,
    `${year},medical,990100,total_income,收入合计,${totalIncome}`,
    `${year},medical,990100,benefit_expense,社会保险待遇支出,27000000.00`,
    `${year},medical,990100,benefit_expense.inpatient,住院医疗费用,18000000.00`,
    `${year},medical,990100,benefit_expense.outpatient,门诊医疗费用,9000000.00`,
    `${year},medical,990100,total_expense,支出合计,27000000.00`,
    `${year},medical,990100,balance,本年收支结余,${(Number(totalIncome) - 27000000).toFixed(2)}`,
    `${year},medical,990100,contributors,参保缴费人数,104000`,
    `${year},medical,990100,retirees,退休参保人数,26000`,
    `${year},medical,990100,average_base,平均缴费基数,6950.00`,
  ];
};

test('a good file imports once: the second import of the same bytes answers the first result; the years read back with lines, totals and base data', { skip }, async () => {
  const file = csv([HEADER, ...medicalYear(2023), ...medicalYear(2024)]);
  const first = await on(() => importFinalAccounts(db.database, officer, file));
  assert.deepEqual({ rows: first.rows, fundYears: first.fundYears, funds: first.funds, firstYear: first.firstYear, lastYear: first.lastYear, again: first.alreadyImported },
    { rows: 22, fundYears: 2, funds: ['medical-990100'], firstYear: 2023, lastYear: 2024, again: false });
  const second = await on(() => importFinalAccounts(db.database, officer, file));
  assert.equal(second.alreadyImported, true);
  assert.equal(second.importId, first.importId);
  const stored = await db.database.pool.query('select count(*)::int as n from budget_history_year');
  assert.equal(stored.rows[0].n, 2, 'the repeat wrote nothing');

  const history = await on(() => budgetHistory(db.database, officer, { region: '990100', fund: 'medical-990100' }));
  const [fund] = history.funds;
  assert.equal(fund.table, '社预05');
  assert.deepEqual(fund.years.map((year) => [year.year, year.version, year.totalIncome, year.totalExpense, year.balance]),
    [[2023, 1, 30_600_000_00n, 27_000_000_00n, 3_600_000_00n], [2024, 1, 30_600_000_00n, 27_000_000_00n, 3_600_000_00n]]);
  const year2024 = fund.years[1];
  assert.equal(year2024.expense.find((line) => line.subject === 'benefit_expense.outpatient')?.amount, 9_000_000_00n);
  assert.equal(year2024.income.find((line) => line.subject === 'fiscal_subsidy_income')?.amount, 0n, 'a line the file leaves out is 0');
  assert.deepEqual(year2024.base, { contributors: 104000, retirees: 26000, averageBase: 6950_00n });
});

test('a bad file lists every bad row with its column and imports nothing', { skip }, async () => {
  const before = (await db.database.pool.query('select count(*)::int as n from budget_history_value')).rows[0].n;
  const file = csv([HEADER,
    '2022,medical,990100,premium_income,社会保险费收入,abc', // row 2: not money
    '2022,medical,990100,pension_bonus,养老奖金,100.00', // row 3: no such subject in 社预05
    '2022,medical,990100,interest_income,利息收入,600000.00',
    '2022,medical,990100,interest_income,利息收入,600000.00', // row 5: the same subject twice
    '2022,medical,990100,total_income,收入合计,999.00', // row 6: 收入合计 ≠ Σ income lines (600 000.00)
    '2022,medical,990100,contributors,参保缴费人数,104.5', // row 7: half a person
    '2025,medical,990100,premium_income,社会保险费收入,100.00', // row 8: 2025 is in the ledger
    '2022,养老,990100,premium_income,社会保险费收入,100.00', // row 9: unknown scheme
    '2022,unemployment,990100,benefit_expense,社会保险待遇支出,500.00', // row 10: 500 ≠ its 其中 rows' 400
    '2022,unemployment,990100,benefit_expense.unemployment_benefit,失业保险金,400.00',
  ]);
  const refused = await on(() => importFinalAccounts(db.database, officer, file)).then(() => null, (error: unknown) => error);
  assert.ok(refused instanceof ImportRejected, String(refused));
  assert.deepEqual(refused.problems.map((problem) => [problem.row, problem.field, problem.rule]), [
    [2, 'amount', 'amount'], [3, 'subject', 'chart_subject'], [5, 'subject', 'unique_in_file'], [6, 'amount', 'total_income'],
    [7, 'amount', 'whole_persons'], [8, 'year', 'before_go_live'], [9, 'insurances', 'scheme'], [10, 'amount', 'benefit_items_sum'],
  ]);
  assert.match(render(refused.problems[5].message, 'en'), /2025 is in the ledger \(medical-990100 went live 2025-01\)/);
  assert.match(render(refused.problems[3].message, 'zh-CN'), /收入合计须等于各收入项目之和 600000\.00，实为 999\.00/);
  assert.equal(refused.problems[3].column, '决算数');
  const after = (await db.database.pool.query('select count(*)::int as n from budget_history_value')).rows[0].n;
  assert.equal(after, before);
});

test('a new import of a year is a new version: both kept, the latest counts; English headers read too', { skip }, async () => {
  const file = csv(['year,scheme,region,subject,name,amount', ...medicalYear(2024, '31000000.00')]);
  const result = await on(() => importFinalAccounts(db.database, officer, file));
  assert.equal(result.fundYears, 1);
  const history = await on(() => budgetHistory(db.database, officer, { region: '990100' }));
  const medical = history.funds.find((fund) => fund.fund === 'medical-990100')!;
  assert.deepEqual(medical.years.map((year) => [year.year, year.version, year.totalIncome]), [[2023, 1, 30_600_000_00n], [2024, 2, 31_600_000_00n]]);
  const versions = await db.database.pool.query(`select version from budget_history_year y join fund f on f.id = y.fund_id where f.code = 'medical-990100' and year = 2024 order by version`);
  assert.deepEqual(versions.rows.map((row) => row.version), [1, 2]);
});

test('annualHistory: the imported years, then the ledger\'s complete years (2025; 2026 is not over)', { skip }, async () => {
  const history = await on(() => inScope(db.database, officer, (tx) => annualHistory(tx, 'medical-990100')));
  const line = (subject: string) => history.lines.find((entry) => entry.subject === subject)!.years.map((year) => [year.year, year.amount, year.source]);
  const premium2025 = Array.from({ length: 12 }, (_, t) => premium(t)).reduce((sum, amount) => sum + amount, 0n);
  assert.deepEqual(line('premium_income'), [[2023, 30_000_000_00n, 'final_accounts'], [2024, 31_000_000_00n, 'final_accounts'], [2025, premium2025, 'ledger']]);
  assert.deepEqual(line('benefit_expense.inpatient'), [[2023, 18_000_000_00n, 'final_accounts'], [2024, 18_000_000_00n, 'final_accounts'], [2025, 12n * 2_500_000_00n, 'ledger']]);
  assert.deepEqual(history.base.map((year) => [year.year, year.contributors]), [[2023, 104000], [2024, 104000]]);
});

test('the demo imports ten years before go-live for each budgeted fund, the identities holding', { skip }, async (t) => {
  const demo = await createTestDatabase();
  try {
    const summary = await generateDemo(demo.database, { persons: 1500, employers: 60, years: 2, seed: 5, password: 'demo-pass-2024' });
    const funds = (await demo.database.pool.query(`select code from fund where region_code like '99%' and insurance <> 'occupational_annuity' order by code`)).rows.map((row) => row.code);
    assert.ok(funds.length >= 5, funds.join(' '));
    t.diagnostic(`final accounts step: ${summary.phases.finalAccounts} s for ${summary.finalAccounts.fundYears} fund-years`);
    assert.equal(summary.finalAccounts.funds, funds.length);
    assert.equal(summary.finalAccounts.fundYears, funds.length * DEMO_HISTORY_YEARS);
    const goLive = Number(todayYear());
    assert.deepEqual([summary.finalAccounts.firstYear, summary.finalAccounts.lastYear], [goLive - DEMO_HISTORY_YEARS, goLive - 1]);
    const history = await budgetHistory(demo.database, officer, { region: '990000' });
    for (const fund of history.funds) {
      assert.equal(fund.years.length, DEMO_HISTORY_YEARS, fund.fund);
      for (const year of fund.years) {
        const given = new Map((await demo.database.pool.query(`select subject, amount from budget_history_value v join budget_history_year y on y.id = v.year_id
          join fund f on f.id = y.fund_id where f.code = $1 and y.year = $2`, [fund.fund, year.year])).rows.map((row) => [row.subject, BigInt(row.amount)]));
        assert.equal(given.get('total_income'), year.income.filter((line) => !line.parent).reduce((sum, line) => sum + line.amount, 0n), `${fund.fund} ${year.year}`);
        assert.equal(given.get('total_expense'), year.totalExpense);
        assert.equal(given.get('balance'), year.totalIncome - year.totalExpense);
        assert.ok(year.totalIncome > 0n && (year.base.contributors ?? 0) > 0, `${fund.fund} ${year.year} has income and contributors`);
      }
      // growth: the earliest year has fewer contributors and a lower average base than the latest
      assert.ok(fund.years[0].base.contributors! < fund.years.at(-1)!.base.contributors!, fund.fund);
      assert.ok(fund.years[0].base.averageBase! < fund.years.at(-1)!.base.averageBase!, fund.fund);
    }
  } finally {
    await demo.drop();
  }
});

const todayYear = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4);
