/**
 * The dunning list (催缴清单) and the bill notice (缴费通知单) in every format through their routes: the files hold
 * the rows the JSON holds (every employer, whatever the JSON's limit), under the Chinese column titles; the PDF is a
 * PDF with pages and the report's title; without a working Chromium, a 503 says what to install.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { Command } from 'commander';
import { startTestServer, addUser, type TestServer, type Client } from '../../../platform/testing/http.ts';
import { arrearsRoutes } from './arrears.routes.ts';
import { registerArrearsCommands } from './arrears.cli.ts';
import { collectionRoutes } from '../collection.routes.ts';
import { addEmployer, billPeriod, EMPLOYER_A, EMPLOYER_B, seedCollection } from '../payments/payments.testing.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
const AS_OF = '2026-02-25';

let server: TestServer;
let reviewer: Client;

before(async () => {
  if (skip) return;
  server = await startTestServer([arrearsRoutes, collectionRoutes]);
  await seedCollection(server.test.database);
  await billPeriod(server.test.database, '2026-01');
  reviewer = await addUser(server, 'review.990100', 'reviewer', '990100');
});
after(() => server?.close());

/** A PDF's page count (Chromium writes one `/Type /Page` object per page) and its document title (UTF-16BE). */
function pdfFacts(pdf: Buffer) {
  const text = pdf.toString('latin1');
  const title = /\/Title\s*<FEFF([0-9A-F]+)>/i.exec(text)?.[1];
  const titleText = title ? Buffer.from(title, 'hex').swap16().toString('utf16le') : undefined;
  return { magic: text.slice(0, 5), pages: (text.match(/\/Type\s*\/Page\b/g) ?? []).length, title: titleText };
}

function csvLines(body: Buffer) {
  assert.deepEqual([...body.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a byte order mark');
  return body.toString('utf8').slice(1).split('\r\n').filter(Boolean);
}

test('the dunning list as JSON, CSV, XLSX and PDF: the same employers in each', { skip }, async () => {
  const json = await reviewer.json('GET', `/api/arrears/dunning?asOf=${AS_OF}`);
  assert.equal(json.status, 200);
  const codes = json.body.items.map((item: { creditCode: string }) => item.creditCode);
  assert.deepEqual([...codes].sort(), [EMPLOYER_A, EMPLOYER_B]);

  const csv = await reviewer.request('GET', `/api/arrears/dunning?asOf=${AS_OF}&format=csv`);
  assert.equal(csv.statusCode, 200);
  assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
  assert.equal(decodeURIComponent(String(csv.headers['content-disposition']).replace(/^attachment; filename\*=UTF-8''/, '')), `催缴清单-990100-${AS_OF}.csv`);
  const lines = csvLines(csv.rawPayload);
  assert.equal(lines[0], '统一社会信用代码,单位名称,区划,欠费本金,滞纳金,最早欠费期,逾期天数,账龄');
  assert.equal(lines.length - 1, json.body.items.length);
  const first = json.body.items[0];
  assert.equal(lines[1], [first.creditCode, first.employerName, first.regionCode, first.principal, first.lateFee, first.oldestPeriod, first.daysOverdue, first.bucket].join(','));

  const xlsx = await reviewer.request('GET', `/api/arrears/dunning?asOf=${AS_OF}&format=xlsx`);
  assert.equal(xlsx.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx.rawPayload as never);
  assert.deepEqual(workbook.worksheets.map((sheet) => sheet.name), ['催缴清单', '账龄分析']);
  const rows = workbook.getWorksheet('催缴清单')!.getSheetValues().filter(Boolean).map((row) => (row as unknown[]).slice(1));
  const header = rows.findIndex((row) => row[0] === '统一社会信用代码');
  const records = rows.slice(header + 1, -1);
  assert.deepEqual(records.map((row) => row[0]), codes);
  assert.deepEqual(records.map((row) => row[3]), json.body.items.map((item: { principal: string }) => Number(item.principal)));
  const principalTotal = json.body.items.reduce((sum: number, item: { principal: string }) => sum + Math.round(Number(item.principal) * 100), 0) / 100;
  const totals = rows.at(-1)!;
  assert.deepEqual([totals[0], totals[3]], ['合计', principalTotal]);

  const pdf = await reviewer.request('GET', `/api/arrears/dunning?asOf=${AS_OF}&format=pdf`);
  assert.equal(pdf.statusCode, 200, pdf.body.slice(0, 300));
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  const facts = pdfFacts(pdf.rawPayload);
  assert.equal(facts.magic, '%PDF-');
  assert.ok(facts.pages > 0);
  assert.equal(facts.title, '社会保险费催缴清单');
});

test('the files hold every employer: the JSON\'s limit pages the JSON only', { skip }, async () => {
  const json = await reviewer.json('GET', `/api/arrears/dunning?asOf=${AS_OF}&limit=1`);
  assert.equal(json.body.items.length, 1);
  const csv = await reviewer.request('GET', `/api/arrears/dunning?asOf=${AS_OF}&limit=1&format=csv`);
  assert.equal(csvLines(csv.rawPayload).length, 1 + 2);
  const badFormat = await reviewer.json('GET', `/api/arrears/dunning?asOf=${AS_OF}&format=docx`);
  assert.equal(badFormat.status, 400);
  assert.match(badFormat.body.error.message, /format/);
});

test('the bill notice (缴费通知单) as PDF, and its lines as CSV and XLSX; the list keeps its JSON', { skip }, async () => {
  const list = await reviewer.json('GET', '/api/bills?period=2026-01&limit=1&lines=false');
  assert.equal(list.status, 200);
  const number = list.body.bills[0].number;
  const bill = await reviewer.json('GET', `/api/bills/${number}`);
  assert.equal(bill.body.number, number, 'JSON without a format, as before');

  const pdf = await reviewer.request('GET', `/api/bills/${number}?format=pdf`);
  assert.equal(pdf.statusCode, 200, pdf.body.slice(0, 300));
  assert.match(String(pdf.headers['content-disposition']), /^inline; /);
  const facts = pdfFacts(pdf.rawPayload);
  assert.deepEqual([facts.magic, facts.pages > 0, facts.title], ['%PDF-', true, '社会保险费缴费通知单']);

  const csv = csvLines((await reviewer.request('GET', `/api/bills/${number}?format=csv`)).rawPayload);
  assert.equal(csv[0], '公民身份号码,姓名,险种,缴费基数,单位费率,单位缴纳,个人费率,个人缴纳');
  assert.equal(csv.length - 1, bill.body.lines.length);

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await reviewer.request('GET', `/api/bills/${number}?format=xlsx`)).rawPayload as never);
  assert.deepEqual(workbook.worksheets.map((sheet) => sheet.name), ['险种合计', '缴费明细']);
  const items = workbook.getWorksheet('险种合计')!.getSheetValues().filter(Boolean).map((row) => (row as unknown[]).slice(1));
  assert.deepEqual(items.at(-1)![0], '合计');
  assert.equal(items.at(-1)![4], Number(bill.body.total), 'the items\' total is the bill\'s total');
});

test('without a Chromium that starts, a PDF is a 503 naming what to install; the next PDF launches anew', { skip }, async () => {
  const configured = process.env.CHROMIUM_PATH;
  process.env.CHROMIUM_PATH = '/bin/false';
  try {
    const { closePdfBrowser } = await import('../../../platform/reports/pdf.ts');
    await closePdfBrowser();
    const refused = await reviewer.json('GET', `/api/arrears/dunning?asOf=${AS_OF}&format=pdf`);
    assert.equal(refused.status, 503);
    assert.match(refused.body.error.message, /apt-get install chromium fonts-noto-cjk/);
  } finally {
    if (configured === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = configured;
  }
  const pdf = await reviewer.request('GET', `/api/arrears/dunning?asOf=${AS_OF}&format=pdf`);
  assert.equal(pdf.statusCode, 200);
});

test('sifund dunning --format csv|xlsx|json --out FILE: the same list; xlsx without --out is refused naming --out', { skip }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sifund-dunning-'));
  const previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = server.test.url;
  /** Runs `sifund dunning …` in this process; its files are the output checked (stdout stays the test runner's). */
  const dunning = async (...args: string[]) => {
    const program = new Command('sifund').exitOverride();
    registerArrearsCommands(program);
    await program.parseAsync(['node', 'sifund', 'dunning', '--as-of', AS_OF, '--limit', '1', ...args]);
    const code = Number(process.exitCode ?? 0);
    process.exitCode = undefined;
    return code;
  };
  try {
    const file = (name: string) => path.join(dir, name);
    assert.equal(await dunning('--format', 'csv', '--out', file('list.csv')), 0);
    const csv = csvLines(fs.readFileSync(file('list.csv')));
    assert.equal(csv.length, 1 + 2, 'every employer, whatever --limit');
    assert.match(csv[0], /^统一社会信用代码,/);
    assert.equal(await dunning('--format', 'xlsx', '--out', file('list.xlsx')), 0);
    assert.equal(fs.readFileSync(file('list.xlsx')).subarray(0, 2).toString(), 'PK');
    assert.equal(await dunning('--format', 'json', '--out', file('list.json')), 0);
    const json = JSON.parse(fs.readFileSync(file('list.json'), 'utf8'));
    assert.deepEqual([json.asOf, json.items.length], [AS_OF, 1], 'JSON keeps the --limit');
    assert.equal(await dunning('--format', 'xlsx'), 1);
    assert.equal(await dunning('--format', 'docx', '--out', file('list.docx')), 1);
    assert.equal(fs.existsSync(file('list.docx')), false);
  } finally {
    if (previousUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previousUrl;
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('sifund dunning without --limit lists every employer in arrears, beyond a hundred; --limit still pages', { skip }, async () => {
  // 101 more employers, each with one person; their February (and the first two's) is billed and overdue in June.
  for (let n = 1; n <= 101; n++) {
    const sequence = String(n).padStart(6, '0');
    await addEmployer(server.test.database, `91990102MB${sequence.padStart(8, '0')}`, `欠费单位${sequence}`, [`990102198502${sequence}`]);
  }
  await billPeriod(server.test.database, '2026-02');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sifund-dunning-all-'));
  const previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = server.test.url;
  const listed = async (...args: string[]) => {
    const out = path.join(dir, `list-${args.join('')}.json`);
    const program = new Command('sifund').exitOverride();
    registerArrearsCommands(program);
    await program.parseAsync(['node', 'sifund', 'dunning', '--as-of', '2026-06-30', '--format', 'json', '--out', out, ...args]);
    assert.equal(Number(process.exitCode ?? 0), 0);
    return JSON.parse(fs.readFileSync(out, 'utf8'));
  };
  try {
    const every = await listed();
    assert.equal(every.total, 103);
    assert.equal(every.items.length, 103, 'every employer, not the first hundred');
    assert.equal(new Set(every.items.map((item: { creditCode: string }) => item.creditCode)).size, 103);
    const page = await listed('--limit', '5');
    assert.deepEqual([page.total, page.items], [103, every.items.slice(0, 5)]);
  } finally {
    if (previousUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previousUrl;
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
