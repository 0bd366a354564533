/**
 * `sifund budget draft` on a ledger posted here with known monthly amounts: the city 990100's three funds (medical,
 * unemployment, work injury) from 2025-01 to 2026-10, drafted for 2027 as on 2026-11-15 (the actuals end with October).
 * A small registry seeded beside it (bills, a pension payroll, unemployment claims for September and October 2026)
 * gives the drivers, counted here by hand; the XLSX shows the tables in 万元. Last, ten years of the unemployment fund's
 * final accounts imported: its lines drafted on their annual series.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { inScope, systemActor } from '../../../platform/actor.ts';
import { buildIdNumber } from '../../registry/demo/demo.calc.ts';
import { contributorsPerMonth, pensionersPerMonth, unemploymentClaimantsPerMonth } from './draft.repository.ts';
import { onBusinessDay } from '../../../platform/params/index.ts';
import { runCommand } from '../../../platform/testing/cli.ts';
import { createTestDatabase, type TestDatabase } from '../../../platform/testing/database.ts';
import { ensureFunds, openingBalanceEntry, periodEnd, postEntries, type EntryInput } from '../../ledger/index.ts';
import { seedPoolingRegions } from '../../ledger/ledger.testing.ts';
import { draftBudget, lineActuals } from './draft.service.ts';
import { formatYuan } from '../../../platform/money.ts';
import { finalAccountsWorkbook } from '../history/history.demo.ts';
import { importFinalAccounts } from '../history/history.service.ts';
import { forecastLineSeries } from './line-forecast.calc.ts';
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
  await seedRegistry();
  previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = test_.url;
});
after(async () => {
  if (previousUrl === undefined) delete process.env.DATABASE_URL; else process.env.DATABASE_URL = previousUrl;
  await test_?.drop();
});

/**
 * Four persons and two employers of 990100. September 2026: employer 1 bills persons 1–3 for unemployment (bases
 * 5,000.00, 6,000.00, 7,000.00) and person 1 for medical and maternity (4,000.00 each), employer 2 bills person 1 for
 * unemployment too (3,000.00). October: employer 1 bills persons 1 and 2 (5,000.00, 6,000.00); employer 2's
 * supplementary bill for October (person 4, 9,000.00) is no contribution of the month. Unemployment benefit: person 3
 * 1,800.00 in September and October, person 4 2,000.00 in October. The pension payroll of pension-990000: persons 1
 * and 2 paid 3,000.00 and 3,200.00 in September, person 3's 3,100.00 returned by the bank; October's batch still computing.
 */
async function seedRegistry() {
  const run = (text: string, parameters: unknown[] = []) => test_.owner.query(text, parameters);
  for (const person of [1, 2, 3, 4]) {
    await run(`insert into person (id, id_number, name, gender, birth_date, region_code) values ($1, $2, $3, 'M', '1980-01-01', '990100')`, [9000 + person, buildIdNumber('990100', '1980-01-01', person), `参保人${person}`]);
  }
  for (const employer of [1, 2]) await run(`insert into employer (id, credit_code, name, region_code) values ($1, $2, $3, '990100')`, [8000 + employer, `91990100TEST0000${employer}X`, `单位${employer}`]);
  const bill = async (employer: number, id: number, period: string, kind: string, lines: [person: number, insurance: string, base: number][]) => {
    await run(`insert into bill (employer_id, id, number, period, kind, region_code, due_date, persons, lines, total, parameter_refs) values ($1, $2, $3, $4, $5, '990100', $6, 0, $7, 0, '{}')`,
      [8000 + employer, id, `B${id}`, period, kind, `${period}-25`, lines.length]);
    for (const insurance of new Set(lines.map(([, insurance]) => insurance))) {
      const fund = insurance === 'maternity' ? 'medical-990100' : `${insurance}-990100`;
      await run(`insert into bill_item (employer_id, bill_id, insurance, fund_code, region_code, employer_amount, employee_amount) values ($1, $2, $3, $4, '990100', 0, 0)`, [8000 + employer, id, insurance, fund]);
    }
    for (const [person, insurance, base] of lines) {
      await run(`insert into bill_line (employer_id, bill_id, person_id, insurance, region_code, base, employer_rate, employee_rate, employer_amount, employee_amount) values ($1, $2, $3, $4, '990100', $5, 0.005, 0.005, 0, 0)`,
        [8000 + employer, id, 9000 + person, insurance, base]);
    }
  };
  await bill(1, 1, '2026-09', 'regular', [[1, 'unemployment', 500_000], [2, 'unemployment', 600_000], [3, 'unemployment', 700_000], [1, 'medical', 400_000], [1, 'maternity', 400_000]]);
  await bill(2, 2, '2026-09', 'regular', [[1, 'unemployment', 300_000]]);
  await bill(1, 3, '2026-10', 'regular', [[1, 'unemployment', 500_000], [2, 'unemployment', 600_000]]);
  await bill(2, 4, '2026-10', 'supplementary', [[4, 'unemployment', 900_000]]);

  for (const [person, amount] of [[1, 300_000], [2, 320_000], [3, 310_000]]) {
    await run(`insert into pension_award (person_id, id, region_code, fund_code, scheme, awarded_on, first_period, basic_pension, account_pension, transitional_pension, monthly_amount, bank_account, quote, awarded_by)
      values ($1, $1, '990100', 'pension-990000', 'enterprise', '2026-01-01', '2026-01', $2, 0, 0, $2, '6222000000000001', '{}', 'test')`, [9000 + person, amount]);
  }
  await run(`insert into payroll_batch (id, fund_code, region_code, period, status, job_id, created_by) values (701, 'pension-990000', '990000', '2026-09', 'settled', 1, 'test'), (702, 'pension-990000', '990000', '2026-10', 'computing', 1, 'test')`);
  for (const [person, amount, batch, status] of [[1, 300_000, 701, 'paid'], [2, 320_000, 701, 'paid'], [3, 310_000, 701, 'returned'], [1, 300_000, 702, 'pending']] as const) {
    await run(`insert into payroll_line (person_id, id, batch_id, award_id, region_code, reference, amount, status, paid_on) values ($1, $2, $3, $1, '990000', $4, $5, $6, $7)`,
      [9000 + person, batch, batch, `YL${batch}${person}`, amount, status, status === 'paid' ? '2026-09-10' : null]);
  }

  for (const [person, amount, periods] of [[3, 180_000, ['2026-09', '2026-10']], [4, 200_000, ['2026-10']]] as const) {
    await run(`insert into benefit_claim (person_id, id, region_code, kind, paying_insurance, event_date, input, amounts, trace, monthly_amount, one_off_amount, months, first_period, last_period, fund_code, approval_item_id, submitted_by)
      values ($1, 1, '990100', 'unemployment', 'unemployment', '2026-08-31', '{}', '[]', '[]', $2, 0, 12, '2026-09', '2027-08', 'unemployment-990100', 1, 'test')`, [9000 + person, amount]);
    for (const period of periods) {
      await run(`insert into benefit_claim_month (person_id, claim_id, period, region_code, benefit_amount, medical_contribution, unemployment_entry_id, medical_entry_id, medical_fund_code, recorded_by)
        values ($1, 1, $2, '990100', $3, 0, 1, 1, 'medical-990100', 'test')`, [9000 + person, period, amount]);
    }
  }
}

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
  assert.deepEqual([workInjury.income[0].model, workInjury.income[0].frequency], ['naive', 'monthly']);
  assert.deepEqual(workInjury.income[0].history, [{ year: 2025, amount: '1440000.00', actualMonths: 12, source: 'ledger' }, { year: 2026, amount: '1440000.00', actualMonths: 10, source: 'ledger' }]);
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

test('drivers per fund and month, counted by hand: persons billed once each, the supplementary bill, maternity and a returned pension left out', { skip }, async () => {
  const funds = ['medical-990100', 'unemployment-990100', 'work_injury-990100', 'pension-990000'];
  const read = (query: typeof contributorsPerMonth) => inScope(test_.database, actor, async (tx) => (await query(tx, funds, '2025-01', '2026-10'))
    .map((row) => [row.fund_code, row.period, row.persons, row.total]).sort((a, b) => `${a[0]}${a[1]}`.localeCompare(`${b[0]}${b[1]}`)));
  assert.deepEqual(await read(contributorsPerMonth), [
    ['medical-990100', '2026-09', 1, 400_000n],
    ['unemployment-990100', '2026-09', 3, 2_100_000n],
    ['unemployment-990100', '2026-10', 2, 1_100_000n],
  ]);
  assert.deepEqual(await read(pensionersPerMonth), [['pension-990000', '2026-09', 2, 620_000n]]);
  assert.deepEqual(await read(unemploymentClaimantsPerMonth), [
    ['unemployment-990100', '2026-09', 1, 180_000n],
    ['unemployment-990100', '2026-10', 2, 380_000n],
  ]);
});

test('社预附03 in the draft: the unemployment fund\'s contributors, average base, claimants and benefit per year, then 2027 projected', { skip }, async () => {
  const result = await draft(2027, '990100');
  assert.deepEqual(result.baseData.map((fund) => [fund.table, fund.fund]), [['社预附02', 'medical-990100'], ['社预附03', 'unemployment-990100'], ['社预附03', 'work_injury-990100']]);
  const unemployment = result.baseData.find((fund) => fund.fund === 'unemployment-990100')!;
  assert.deepEqual(unemployment.years[0], { year: 2025, actualMonths: 12, source: 'ledger', contributors: 0, averageBase: 0n, recipients: 0, averageAmount: 0n });
  // 2026: (0 × 8 + 3 + 2) ÷ 10 months = 0.5 persons, rounded to 1; the base weighted by persons: (2,100,000 + 1,100,000) ÷ 5
  // fen; claimants (1 + 2) ÷ 10 = 0.3, rounded to 0; their benefit (180,000 + 380,000) ÷ 3 fen
  assert.deepEqual(unemployment.years[1], { year: 2026, actualMonths: 10, source: 'ledger', contributors: 1, averageBase: 640_000n, recipients: 0, averageAmount: 186_667n });
  // 2027 by drift over the 22 months (0 … 0, 3, 2): 2 + 2/21 × the mean step 8.5 = 2.81 persons
  assert.deepEqual([unemployment.years[2].year, unemployment.years[2].actualMonths, unemployment.years[2].contributors], [2027, 0, 3]);
  const workInjury = result.baseData.find((fund) => fund.fund === 'work_injury-990100')!;
  assert.equal(workInjury.years[1].recipients, null, 'work injury pays no monthly benefit the drivers count');
});

test('the XLSX of the draft: amounts in 万元 with two decimals, each cell rounded on its own, 金额单位：万元 under the title', { skip }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sifund-draft-'));
  try {
    const file = path.join(dir, 'draft.xlsx');
    const printed = await onBusinessDay(TODAY, () => runCommand(registerBudgetCommands, ['budget', 'draft', '--year', '2027', '--region', '990100', '--format', 'xlsx', '--out', file]));
    assert.equal(printed.code, 0, printed.stderr);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets.find((entry) => entry.name.startsWith('社预07'))!;
    const cells: ExcelJS.Cell[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => { cells.push(cell); }));
    assert.ok(cells.some((cell) => String(cell.value).includes('金额单位') && String(cell.value).includes('万元')), 'the unit note');
    // 社会保险费收入 of work injury: 12 × 120,000.00 yuan = 144.00 万元
    const income = cells.find((cell) => cell.value === '社会保险费收入')!;
    const amount = sheet.getRow(Number(income.row)).getCell(3);
    assert.equal(amount.value, 144);
    assert.match(String(amount.numFmt), /^#,##0\.00/);
    const base = workbook.worksheets.find((entry) => entry.name.startsWith('社预附03'));
    assert.ok(base, `a base-data sheet among ${workbook.worksheets.map((entry) => entry.name).join(', ')}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the unemployment fund\'s ten imported years (the latest version of each) draft its premium line on its annual series; the other funds stay monthly', { skip }, async () => {
  // 3,800,000.00 + 100,000.00 × (year − 2015) for 2015 … 2024; 2025 and 2026 are the ledger's 4,800,000.00 (400,000.00 a month)
  const premiumOf = (year: number) => 3_800_000_00n + 100_000_00n * BigInt(year - 2015);
  const row = (year: number, amount: bigint) => [String(year), 'unemployment', '990100', 'premium_income', '社会保险费收入', formatYuan(amount)];
  const officer = systemActor('test', ['budget.draft', 'budget.read']);
  const importRows = (fileName: string, rows: string[][]) => onBusinessDay(TODAY, async () => importFinalAccounts(test_.database, officer, { fileName, content: await finalAccountsWorkbook(rows) }));
  // 2024 first imported wrong, then corrected: the second version counts
  await importRows('2015-2024.xlsx', Array.from({ length: 10 }, (_, index) => row(2015 + index, index === 9 ? 1n : premiumOf(2015 + index))));
  await importRows('2024-corrected.xlsx', [row(2024, premiumOf(2024))]);
  const result = await draft(2027, '990100');
  const [medical, unemployment] = result.tables;
  const premium = unemployment.income.find((line) => line.subject === 'premium_income')!;
  const annual = [...Array.from({ length: 10 }, (_, index) => premiumOf(2015 + index)), 12n * 400_000_00n, 12n * 400_000_00n];
  assert.deepEqual(premium.history.map((annualAmount) => [annualAmount.year, annualAmount.amount, annualAmount.source]), annual.map((amount, index) => [2015 + index, amount, index < 10 ? 'final_accounts' : 'ledger']));
  assert.equal(premium.frequency, 'annual');
  const expected = forecastLineSeries({ values: annual.map(Number), horizon: 1, frequency: 'annual' });
  assert.equal(premium.model, expected.chosen);
  assert.equal(premium.amount, BigInt(Math.round(Math.max(0, expected.forecast[0].value))));
  assert.notEqual(premium.amount, 12n * 400_000_00n, 'ten years of growth move it off the flat months');
  // a line the file leaves out is 0 in those years, and 0 after: naive, 0
  const interest = unemployment.income.find((line) => line.subject === 'interest_income')!;
  assert.deepEqual([interest.history.length, interest.history[0].source, interest.frequency, interest.model, interest.amount], [12, 'final_accounts', 'annual', 'naive', 0n]);
  assert.equal(medical.income.find((line) => line.subject === 'premium_income')!.frequency, 'monthly', 'no past final accounts: the monthly series as before');
  assert.equal(unemployment.accumulatedBalance, unemployment.previousAccumulatedBalance + unemployment.totalIncome - unemployment.totalExpense);
  // the workbench's chart reads the imported years too
  const actuals = await onBusinessDay(TODAY, () => lineActuals(test_.database, officer, { year: 2027, region: '990100' }));
  const years = actuals.funds.find((fund) => fund.fund === 'unemployment-990100')!.lines.find((line) => line.subject === 'premium_income')!.years;
  assert.deepEqual(years.map((year) => [year.year, year.amount, year.actualMonths, year.source]).slice(9), [
    [2024, formatYuan(premiumOf(2024)), 12, 'final_accounts'], [2025, '4800000.00', 12, 'ledger'], [2026, '4000000.00', 10, 'ledger'],
  ]);
});
