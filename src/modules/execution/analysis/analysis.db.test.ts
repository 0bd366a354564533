/**
 * 月度基金收支分析 on a hand-built ledger of two years (the demo pooling structure: 990100 pools medical): the year to
 * date and its budget are the execution report's figures, the month and last year's periods are the ledger's sums,
 * the largest deviations carry the contributors billed (a credit note adds none) and no driver the data lacks, the
 * payment capacity is the alert rule's, the open alerts are the alert list's; a year without movement says so. Then the
 * route in every format: the XLSX holds the sections under their Chinese titles, the PDF is a PDF, and the command
 * writes the same workbook.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { inScope, systemActor } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { startTestServer, addUser, type TestServer } from '../../../platform/testing/http.ts';
import { runCommand } from '../../../platform/testing/cli.ts';
import { chartFor, ensureFunds, fundAccounts, postEntries, type LineInput } from '../../ledger/index.ts';
import { seedPoolingRegions } from '../../ledger/ledger.testing.ts';
import { approveMedicalBudget } from '../execution.testing.ts';
import { insertEmployer, insertPerson } from '../../collection/accounts/accounts.testing.ts';
import { newId } from '../../../platform/ids.ts';
import { evaluateAlerts, listAlerts } from '../alerts.service.ts';
import { executionReport } from '../report.service.ts';
import { registerExecutionCommands } from '../execution.cli.ts';
import { analysisRoutes } from './analysis.routes.ts';
import { analysisReport, driverCounts, lineDrivers, type AnalysisReport } from './analysis.service.ts';
import { pensionersInMonth } from './analysis.repository.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
const YEAR = 2025;
const FUND = 'medical-990100';
let server: TestServer;

const reader = systemActor('test-analysis', ['execution.read']);

function account(role: string, subject?: string): string {
  const found = fundAccounts(chartFor(YEAR), 'medical').find((a) => a.role === role && (subject === undefined || a.subject === subject));
  assert.ok(found, `an account ${role} ${subject ?? ''}`);
  return found.code;
}

let posted = 0;
/** An income (revenue, Cr) or expense (Dr) posting against the 支出户 in a period. */
async function post(period: string, subject: string, side: 'income' | 'expense', yuan: bigint) {
  const bank = account('expense_bank');
  const nominal = account(side === 'income' ? 'revenue' : 'expense', subject);
  const fen = yuan * 100n;
  const lines: LineInput[] = side === 'income'
    ? [{ account: bank, debit: fen }, { account: nominal, credit: fen }]
    : [{ account: nominal, debit: fen }, { account: bank, credit: fen }];
  await postEntries(server.test.database, systemActor('test'), [{ key: `analysis-test-${posted++}`, fund: FUND, period, date: `${period}-15`, memo: '测试', lines }]);
}

/** A bill of the month to the medical fund, one line per base (yuan); a credit note when asked. */
async function bill(employerId: bigint, period: string, persons: bigint[], bases: bigint[], kind: 'regular' | 'credit_note' = 'regular') {
  const database = server.test.database;
  const id = newId();
  await database.db.insertInto('bill').values({
    employer_id: employerId, id, number: `A${period}-${id}`, period, region_code: '990102', due_date: `${period}-15`, run_id: null, chunk: null,
    persons: persons.length, lines: persons.length, total: 0n, parameter_refs: '{}', ...(kind === 'credit_note' ? { kind, sequence: 2 } : {}),
  }).execute();
  await database.db.insertInto('bill_item').values({ employer_id: employerId, bill_id: id, insurance: 'medical', fund_code: FUND, region_code: '990102', employer_amount: 0n, employee_amount: 0n }).execute();
  await database.db.insertInto('bill_line').values(persons.map((personId, index) => ({
    employer_id: employerId, bill_id: id, person_id: personId, insurance: 'medical', region_code: '990102', base: bases[index] * 100n,
    employer_rate: '0.09', employee_rate: '0.02', employer_amount: 0n, employee_amount: 0n,
  }))).execute();
}

const analysis = (month = 6, year = YEAR) => analysisReport(server.test.database, reader, { year, month, region: '990100' });

before(async () => {
  if (skip) return;
  server = await startTestServer([analysisRoutes]);
  await seedPoolingRegions(server.test.database);
  await ensureFunds(server.test.database);
  await approveMedicalBudget(server.test.database, { year: YEAR, fund: FUND, firstUserId: 31 });

  // 2024: premiums of 80,000.00 and inpatient costs of 40,000.00 a month, January to June, and 5,000.00 in July (after
  // the compared period); 2025: 100,000.00 and 50,000.00 a month to June, a subsidy of 50,000.00 in March, and
  // 99,999.00 in July (after the analysed month)
  for (let month = 1; month <= 6; month++) {
    await post(`${YEAR - 1}-0${month}`, 'premium_income', 'income', 80_000n);
    await post(`${YEAR - 1}-0${month}`, 'benefit_expense.inpatient', 'expense', 40_000n);
    await post(`${YEAR}-0${month}`, 'premium_income', 'income', 100_000n);
    await post(`${YEAR}-0${month}`, 'benefit_expense.inpatient', 'expense', 50_000n);
  }
  await post(`${YEAR - 1}-07`, 'premium_income', 'income', 5_000n);
  await post(`${YEAR}-03`, 'fiscal_subsidy_income', 'income', 50_000n);
  await post(`${YEAR}-07`, 'premium_income', 'income', 99_999n);

  // contributors: June 2024 two persons on bases 4,000 and 5,000; June 2025 three on 5,000, 6,000 and 7,000, and a
  // credit note of a fourth (it returns money, it adds no contributor)
  const employerId = await insertEmployer(server.test.database, '91990102MA0000AN11', '分析测试公司', '990102');
  const persons = [];
  for (const suffix of ['0011', '0027', '0035', '0043']) persons.push(await insertPerson(server.test.database, `99010219800101${suffix}`, `参保人${suffix}`, '990102'));
  await bill(employerId, `${YEAR - 1}-06`, persons.slice(0, 2), [4_000n, 5_000n]);
  await bill(employerId, `${YEAR}-06`, persons.slice(0, 3), [5_000n, 6_000n, 7_000n]);
  await bill(employerId, `${YEAR}-06`, [persons[3]], [9_000n], 'credit_note');
  // the alerts of June as the evaluation raises them
  await evaluateAlerts(server.test.database, systemActor('test-alerts', ['alerts.manage', 'execution.read']), { year: YEAR, month: 6 });
});
after(async () => { await server?.close(); });

const medical = (found: AnalysisReport) => found.funds.find((fund) => fund.fund === FUND)!;

test('the year to date and its budget are the execution report\'s; the month and last year are the ledger\'s sums', { skip }, async () => {
  const found = await analysis();
  assert.deepEqual([found.asOf, found.timeProgress, found.hasMovement, found.regionName], ['2025-06-30', '0.4959', true, '示范市']);
  const execution = (await executionReport(server.test.database, reader, { year: YEAR, month: 6, region: '990100' })).funds.find((fund) => fund.fund === FUND)!;
  const lineSum = (side: string, field: 'actual' | 'budget') => execution.lines.filter((line) => line.side === side && line.parentSubject === null)
    .reduce((sum, line) => sum + BigInt(line[field].replace('.', '')), 0n);
  const yuan = (fen: bigint) => `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`;
  const fund = medical(found);
  assert.equal(fund.income.yearToDate.current, yuan(lineSum('income', 'actual')));
  assert.equal(fund.income.budget, yuan(lineSum('income', 'budget')));
  assert.equal(fund.expense.yearToDate.current, yuan(lineSum('expense', 'actual')));
  assert.equal(fund.expense.budget, yuan(lineSum('expense', 'budget')));
  // income 650,000 (600,000 premiums + 50,000 subsidy) of 1,400,000; expense 300,000 of 910,000; progress 181/365
  assert.deepEqual(fund.income, {
    month: { current: '100000.00', lastYear: '80000.00', change: '20000.00', changeRate: '0.2500' },
    yearToDate: { current: '650000.00', lastYear: '480000.00', change: '170000.00', changeRate: '0.3542' },
    budget: '1400000.00', rate: '0.4643', deviation: '-0.0316',
  });
  assert.deepEqual(fund.expense, {
    month: { current: '50000.00', lastYear: '40000.00', change: '10000.00', changeRate: '0.2500' },
    yearToDate: { current: '300000.00', lastYear: '240000.00', change: '60000.00', changeRate: '0.2500' },
    budget: '910000.00', rate: '0.3297', deviation: '-0.1662',
  });
  // balance: 2024 480,000 − 240,000 + 5,000, 2025 650,000 − 300,000; the last twelve months' expense 300,000
  assert.deepEqual([fund.accumulatedBalance, fund.monthsOfPaymentCapacity], ['595000.00', '23.8000']);
  // a fund with no movement in either year: figures of zero, no comparison, no capacity
  const unemployment = found.funds.find((f) => f.fund === 'unemployment-990100')!;
  assert.deepEqual(unemployment.income.month, { current: '0.00', lastYear: null, change: null, changeRate: null });
  assert.deepEqual([unemployment.budgetApproved, unemployment.income.rate, unemployment.monthsOfPaymentCapacity], [false, null, null]);
  // the headline over the region's funds
  assert.deepEqual(found.headline.surplus, {
    month: { current: '50000.00', lastYear: '40000.00', change: '10000.00', changeRate: '0.2500' },
    yearToDate: { current: '350000.00', lastYear: '240000.00', change: '110000.00', changeRate: '0.4583' },
  });
  assert.equal(found.headline.accumulatedBalance, '595000.00');
});

test('综述: the figures above in sentences, in 万元, with the budget execution against the time progress and the line furthest off', { skip }, async () => {
  const found = await analysis();
  const fundName = medical(found).name;
  const [otherExpense] = found.deviations;
  assert.equal(otherExpense.name, '其他支出', 'a name that says its side: no （支出） after it');
  assert.deepEqual(found.summary.slice(0, 5), [
    // 650,000 of income against 480,000 (+35.42%), 300,000 of expense against 240,000 (+25%), the surplus 350,000
    '截至 2025 年 6 月，示范市各项社会保险基金本年累计收入 65.00 万元，同比增长 35.42%；累计支出 30.00 万元，同比增长 25%；当期结余 35.00 万元。',
    '6 月当月收入 10.00 万元（同比增长 25%），支出 5.00 万元（同比增长 25%）。',
    // the medical fund alone has a budget: 650,000 ÷ 1,400,000 and 300,000 ÷ 910,000; 181 days of 365
    '已批复预算的基金收入预算执行率 46.43%，支出预算执行率 32.97%，时间进度 49.59%。',
    `累计结余 59.50 万元，可支付月数最少的是${fundName}（23.8 个月）。`,
    `执行偏差最大的是${fundName}「${otherExpense.name}」，预算执行率 0%，低于时间进度 49.59 个百分点。`,
  ]);
  assert.equal(found.summary[5], `未办结的基金运行预警 ${found.openAlertsTotal} 条${found.openAlerts.some((alert) => alert.severity === 'critical') ? `，其中严重 ${found.openAlerts.filter((alert) => alert.severity === 'critical').length} 条` : ''}。`);
  assert.deepEqual((await analysis(6, 2023)).summary, ['示范市各项社会保险基金 2023 年截至 6 月无收支记录。']);
});

test('the largest deviations by size with the contributors billed; expense lines without a payroll have no driver', { skip }, async () => {
  const found = await analysis();
  assert.deepEqual(found.deviations.map((d) => [d.subject, d.deviation]), [
    ['other_expense', '-0.4959'], ['fiscal_subsidy_income', '-0.2459'], ['benefit_expense', '-0.1626'], ['premium_income', '0.0041'],
  ]);
  const premiums = found.deviations.find((d) => d.subject === 'premium_income')!;
  assert.deepEqual([premiums.budget, premiums.actual, premiums.rate], ['1200000.00', '600000.00', '0.5000']);
  assert.deepEqual(premiums.drivers, [
    { driver: 'contributors', unit: 'count', current: '3', lastYear: '2', change: '1', changeRate: '0.5000' },
    { driver: 'averageBase', unit: 'money', current: '6000.00', lastYear: '4500.00', change: '1500.00', changeRate: '0.3333' },
  ]);
  assert.deepEqual(found.deviations.find((d) => d.subject === 'benefit_expense')!.drivers, [], 'no payroll behind the medical fund: no driver invented');
});

test('the open alerts are the alert list\'s; a year without movement says so; refusals name the field', { skip }, async () => {
  const found = await analysis();
  const listed = await listAlerts(server.test.database, reader, { region: '990100', status: 'open' }, { limit: 500 });
  assert.ok(listed.total > 0, 'June raises alerts (其他支出 nothing spent, off the time progress)');
  assert.deepEqual(found.openAlerts.map((alert) => alert.id), listed.items.map((alert) => alert.id));
  assert.equal(found.openAlertsTotal, listed.total);
  assert.ok(found.openAlerts.some((alert) => alert.rule === 'execution_deviation' && alert.values.subject === 'other_expense'));

  const quiet = await analysis(6, 2023);
  assert.equal(quiet.hasMovement, false);
  assert.deepEqual(medical(quiet).income.month, { current: '0.00', lastYear: null, change: null, changeRate: null });
  assert.deepEqual(quiet.deviations, []);

  const refused = await analysis(13).then(() => assert.fail('month 13'), (error: AppError) => error);
  assert.deepEqual([refused.status, refused.field], [400, 'month']);
  const outsider = systemActor('test-outsider', []);
  const forbidden = await analysisReport(server.test.database, outsider, { year: YEAR, month: 6, region: '990100' }).then(() => assert.fail('no permission'), (error: AppError) => error);
  assert.equal(forbidden.status, 403);
});

test('pensioners behind a fund\'s expense: the persons on its payroll of the month and the sum of their amounts', { skip }, async () => {
  const database = server.test.database;
  const payroll = async (period: string, yuan: bigint[]) => {
    const batchId = newId();
    await database.db.insertInto('payroll_batch').values({ id: batchId, fund_code: 'pension-990000', region_code: '990000', period, job_id: newId(), created_by: 'test' }).execute();
    await database.db.insertInto('payroll_line').values(yuan.map((amount, index) => ({
      person_id: BigInt(index + 1), id: newId(), batch_id: batchId, award_id: newId(), region_code: '990000', reference: `YL${period}${batchId}${index}`, amount: amount * 100n,
    }))).execute();
  };
  await payroll('2025-05', [3_100n]);
  await payroll('2025-06', [3_000n, 3_500n]);
  const found = await inScope(database, reader, (tx) => pensionersInMonth(tx, ['pension-990000', FUND], '2025-06'));
  assert.deepEqual(found, [{ fund_code: 'pension-990000', pensioners: 2, amount_total: 6_500_00n }]);
});

test('the unemployed behind an unemployment fund\'s expense: the persons paid their benefit in the month and its average, against the same month of last year', { skip }, async () => {
  const database = server.test.database;
  const fund = 'unemployment-990100';
  // three claims: person 71 paid in June of both years, 72 in June 2025 only, 73 in May 2025 only (another month)
  for (const [person, monthly, periods] of [[71, 1_800_00, ['2024-06', '2025-06']], [72, 2_100_00, ['2025-06']], [73, 1_900_00, ['2025-05']]] as const) {
    await server.test.owner.query(`insert into benefit_claim (person_id, id, region_code, kind, paying_insurance, event_date, input, amounts, trace, monthly_amount, one_off_amount, months, first_period, last_period, fund_code, approval_item_id, submitted_by)
      values ($1, 1, '990100', 'unemployment', 'unemployment', '2024-05-31', '{}', '[]', '[]', $2, 0, 24, '2024-06', '2026-05', $3, 1, 'test')`, [person, monthly, fund]);
    for (const period of periods) {
      await server.test.owner.query(`insert into benefit_claim_month (person_id, claim_id, period, region_code, benefit_amount, medical_contribution, unemployment_entry_id, medical_entry_id, medical_fund_code, recorded_by)
        values ($1, 1, $2, '990100', $3, 0, 1, 1, $4, 'test')`, [person, period, monthly, FUND]);
    }
  }
  const drivers = await inScope(database, reader, async (tx) => lineDrivers(await driverCounts(tx, [fund, FUND], 2025, 6), fund, 'expense'));
  // June 2025: 2 persons, (1,800.00 + 2,100.00) ÷ 2 = 1,950.00; June 2024: 1 person, 1,800.00
  assert.deepEqual(drivers.map((d) => [d.driver, d.current, d.lastYear, d.change]), [['claimants', '2', '1', '1'], ['averageBenefit', '1950.00', '1800.00', '150.00']]);
  assert.deepEqual(await inScope(database, reader, async (tx) => lineDrivers(await driverCounts(tx, [fund, FUND], 2025, 6), FUND, 'expense')), [], 'the medical fund pays no unemployment benefit: no driver invented');
});

test('GET /api/execution/analysis: JSON, the XLSX with its sections, the PDF; sifund execution analysis writes the workbook', { skip }, async () => {
  const staff = await addUser(server, 'analysis-reader', 'operator', '990100');
  const json = await staff.json('GET', `/api/execution/analysis?year=${YEAR}&month=6&region=990100`);
  assert.equal(json.status, 200);
  assert.equal(json.body.headline.income.month.current, '100000.00');

  const xlsx = await staff.request('GET', `/api/execution/analysis?year=${YEAR}&month=6&region=990100&format=xlsx`);
  assert.equal(xlsx.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx.rawPayload as never);
  assert.deepEqual(workbook.worksheets.map((sheet) => sheet.name), ['综述', '总体情况', '累计结余', '分基金收支', '偏差及原因', '运行预警']);
  const values = (sheet: string) => workbook.getWorksheet(sheet)!.getSheetValues().filter(Boolean).map((row) => (row as unknown[]).slice(1));
  const summary = values('综述').map((row) => row[0]);
  assert.deepEqual(summary.slice(summary.indexOf('综述') + 1), json.body.summary, 'the 综述 sheet holds the sentences of the JSON');
  const headline = values('总体情况');
  const header = headline.findIndex((row) => row[0] === '项目');
  assert.deepEqual(headline[header], ['项目', '本月', '上年同月', '同比增减', '同比增幅', '本年累计', '上年同期累计', '累计同比增减', '累计同比增幅']);
  assert.deepEqual(headline[header + 1].slice(0, 3), ['基金收入', 100000, 80000]);
  const deviations = values('偏差及原因');
  const premiums = deviations.find((row) => row[1] === '社会保险费收入')!;
  assert.equal(premiums[7], '缴费人数 3人（上年同月 2人，增长 50%）；人均缴费基数 6000.00元（上年同月 4500.00元，增长 33.33%）');
  assert.ok(String(workbook.getWorksheet('总体情况')!.getCell('A1').value).includes('2025年6月社会保险基金收支分析'));

  const pdf = await staff.request('GET', `/api/execution/analysis?year=${YEAR}&month=6&region=990100&format=pdf`);
  assert.equal(pdf.statusCode, 200, pdf.body.slice(0, 300));
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  assert.equal(pdf.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');

  const refused = await staff.json('GET', `/api/execution/analysis?year=${YEAR}&month=13&region=990100`);
  assert.equal(refused.status, 400);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sifund-analysis-'));
  const previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = server.test.url;
  try {
    const file = path.join(dir, 'analysis.xlsx');
    const run = await runCommand(registerExecutionCommands, ['execution', 'analysis', '--year', String(YEAR), '--month', '6', '--region', '990100', '--format', 'xlsx', '--out', file]);
    assert.equal(run.code, 0, run.stderr);
    const written = new ExcelJS.Workbook();
    await written.xlsx.load(fs.readFileSync(file) as never);
    assert.deepEqual(written.worksheets.map((sheet) => sheet.name), workbook.worksheets.map((sheet) => sheet.name));
  } finally {
    if (previousUrl === undefined) delete process.env.DATABASE_URL; else process.env.DATABASE_URL = previousUrl;
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
