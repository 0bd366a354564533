/**
 * The past final accounts over HTTP and the command line: a county's budget officer uploads a GBK CSV of the city
 * medical fund's 2024 (its go-live is 2025-11), reads it back; a bad upload answers 422 with every bad row in the
 * caller's language; a reader without budget.draft cannot import, one without budget.read cannot read; a malformed
 * region names its field. `sifund budget history import` and `sifund budget history --format json` answer alike.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { systemActor } from '../../../platform/actor.ts';
import { runCommand } from '../../../platform/testing/cli.ts';
import { addUser, startTestServer, type Client, type TestServer } from '../../../platform/testing/http.ts';
import { ensureFunds, openingBalanceEntry, postEntries } from '../../ledger/index.ts';
import { seedPoolingRegions } from '../../ledger/ledger.testing.ts';
import { historyRoutes } from './history.routes.ts';
import { registerHistoryCommands } from './history.cli.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
let server: TestServer;
let officer: Client, auditor: Client, securityAuditor: Client;
let previousUrl: string | undefined;

before(async () => {
  if (skip) return;
  server = await startTestServer([historyRoutes]);
  await seedPoolingRegions(server.test.database);
  await ensureFunds(server.test.database);
  await postEntries(server.test.database, systemActor('test', ['ledger.read']),
    [openingBalanceEntry({ fund: 'medical-990100', amount: 6_000_000_00n, date: '2025-11-01', memo: '期初建账', heldIn: 'expense_bank' })]);
  officer = await addUser(server, 'op.990100', 'operator', '990100');
  auditor = await addUser(server, 'audit.990100', 'auditor', '990100');
  securityAuditor = await addUser(server, 'sec.990000', 'security_auditor', '990000');
  previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = server.test.url;
});
after(async () => {
  if (previousUrl === undefined) delete process.env.DATABASE_URL; else process.env.DATABASE_URL = previousUrl;
  await server?.close();
});

const year2024 = [
  '年度,险种,统筹区,科目编码,科目名称,决算数',
  '2024,职工基本医疗保险,990100,premium_income,社会保险费收入,"3,000,000.00"',
  '2024,职工基本医疗保险,990100,benefit_expense.inpatient,住院医疗费用,2500000.00',
  '2024,职工基本医疗保险,990100,total_income,收入合计,3000000.00',
  '2024,职工基本医疗保险,990100,total_expense,支出合计,2500000.00',
  '2024,职工基本医疗保险,990100,contributors,参保缴费人数,10400',
].join('\r\n');

test('HTTP: a GBK upload imports the year; the region\'s history answers it with lines, totals and base data', { skip }, async () => {
  const imported = await officer.upload('/api/budget/history/imports', '历年决算.csv', iconv.encode(year2024, 'gbk'));
  assert.equal(imported.status, 200, JSON.stringify(imported.body));
  assert.deepEqual([imported.body.fundYears, imported.body.funds, imported.body.rows, imported.body.alreadyImported], [1, ['medical-990100'], 5, false]);
  const again = await officer.upload('/api/budget/history/imports', '历年决算-副本.csv', iconv.encode(year2024, 'gbk'));
  assert.deepEqual([again.body.alreadyImported, again.body.importId], [true, imported.body.importId]);

  const answer = await auditor.json('GET', '/api/budget/history?region=990100');
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  const medical = answer.body.funds.find((fund: { fund: string }) => fund.fund === 'medical-990100');
  assert.deepEqual([medical.table, medical.years.length], ['社预05', 1]);
  const [year] = medical.years;
  assert.deepEqual([year.year, year.version, year.totalIncome, year.totalExpense, year.balance], [2024, 1, '3000000.00', '2500000.00', '500000.00']);
  assert.equal(year.expense.find((line: { subject: string }) => line.subject === 'benefit_expense').amount, '2500000.00', '社会保险待遇支出 is the sum of its 其中 rows');
  assert.deepEqual(year.base, { contributors: 10400, retirees: null, averageBase: null });
  const unemployment = answer.body.funds.find((fund: { fund: string }) => fund.fund === 'unemployment-990100');
  assert.deepEqual(unemployment.years, [], 'a fund with nothing imported has no year');
});

test('HTTP: a bad upload is 422 with every bad row in the caller\'s language; permissions; a malformed region names its field', { skip }, async () => {
  const bad = ['年度,险种,统筹区,科目编码,科目名称,决算数', '2025,medical,990100,premium_income,社会保险费收入,100.00', '2024,medical,990100,total_expense,支出合计,1.00'].join('\n');
  const refused = await officer.upload('/api/budget/history/imports', 'bad.csv', bad, { 'accept-language': 'zh-CN' });
  assert.equal(refused.status, 422, JSON.stringify(refused.body));
  assert.deepEqual(refused.body.error.rows.map((row: { row: number; field: string }) => [row.row, row.field]), [[2, 'year'], [3, 'amount']]);
  assert.match(refused.body.error.rows[0].message, /2025 年已在本系统基金账套中（medical-990100 于 2025-11 上线）/);
  assert.match(refused.body.error.rows[1].message, /支出合计须等于各支出项目之和 0\.00，实为 1\.00/);
  assert.equal((await auditor.upload('/api/budget/history/imports', 'x.csv', year2024)).status, 403);
  assert.equal((await securityAuditor.json('GET', '/api/budget/history?region=990100')).status, 403);
  const malformed = await auditor.json('GET', '/api/budget/history?region=9901');
  assert.deepEqual([malformed.status, malformed.body.error.field], [400, 'region']);
});

test('CLI: import a file, then the history as JSON, as a table and as XLSX (a sheet per fund, a column per year)', { skip }, async () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'history-'));
  const file = path.join(directory, 'history.csv');
  fs.writeFileSync(file, year2024.replace(/2024/g, '2023'));
  const imported = await runCommand(registerHistoryCommands, ['budget', 'history', 'import', '--file', file, '--format', 'json']);
  assert.equal(imported.code, 0, imported.stderr);
  assert.deepEqual([JSON.parse(imported.stdout).fundYears, JSON.parse(imported.stdout).firstYear], [1, 2023]);
  const shown = await runCommand(registerHistoryCommands, ['budget', 'history', '--region', '990100', '--fund', 'medical-990100', '--format', 'json']);
  assert.equal(shown.code, 0, shown.stderr);
  assert.deepEqual(JSON.parse(shown.stdout).funds[0].years.map((year: { year: number; totalIncome: string }) => [year.year, year.totalIncome]), [[2023, '3000000.00'], [2024, '3000000.00']]);
  const table = await runCommand(registerHistoryCommands, ['budget', 'history', '--region', '990100', '--fund', 'medical-990100']);
  assert.match(table.stdout, /收入合计\s+total_income\s+3000000\.00\s+3000000\.00/);
  const out = path.join(directory, 'history.xlsx');
  const xlsx = await runCommand(registerHistoryCommands, ['budget', 'history', '--region', '990100', '--format', 'xlsx', '--out', out]);
  assert.equal(xlsx.code, 0, xlsx.stderr);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(out);
  const sheet = workbook.getWorksheet('medical-990100')!;
  const cells = sheet.getSheetValues().flatMap((row) => (Array.isArray(row) ? [row.map((cell) => String(cell ?? ''))] : []));
  const totalRow = cells.find((row) => row.includes('total_income'))!;
  assert.deepEqual(totalRow.slice(-2), ['3000000.00', '3000000.00'], 'one column per year');
  fs.rmSync(directory, { recursive: true });
});
