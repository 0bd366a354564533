/** Reading bank statements (no database): camt.053, CSV in UTF-8 or GBK with Chinese headers, XLSX, every bad row, line identities. */
import { test } from 'node:test';
import { render } from '../../../platform/messages.ts';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { importLimits, type TextEncoding } from '../../../platform/imports/index.ts';
import { newWorkbook } from '../../../platform/workbook.ts';
import type { AppError } from '../../../platform/errors.ts';
import { readStatementFile } from './statement.read.ts';
import { statementLineKeys } from './statement.schema.ts';
import { parseXml, XmlError, textAt } from './xml.parse.ts';

const sample = (name: string) => fs.readFileSync(path.join(import.meta.dirname, 'samples', name));
const read = (fileName: string, content: Buffer | string, encoding?: TextEncoding) =>
  readStatementFile({ fileName, content: Buffer.isBuffer(content) ? content : Buffer.from(content), encoding }, importLimits());
const refusal = async (work: Promise<unknown>) => { try { await work; } catch (error) { return error as AppError; } assert.fail('expected a refusal'); };

test('camt.053: balances, booked entries only, signs, references, counterparties, entities', async () => {
  const file = await read('income.xml', sample('camt053-income-2026-01.xml'));
  assert.deepEqual(file.problems, []);
  assert.deepEqual([file.format, file.encoding, file.rowCount], ['xml', 'utf-8', 2]);
  const [statement] = file.rows.statements;
  assert.equal(statement.format, 'camt053');
  assert.equal(statement.reference, '990000-1002-202601');
  assert.equal(statement.accountNumber, '6222 0000 1111 2222');
  assert.deepEqual([statement.fromDate, statement.toDate], ['2026-01-01', '2026-01-31']);
  assert.deepEqual([statement.openingBalance, statement.closingBalance], [1_000_000n, 1_010_000n]);
  assert.equal(statement.lines.length, 2, 'the pending entry (PDNG) is not on the account yet');
  const [receipt, sweep] = statement.lines;
  assert.deepEqual([receipt.amount, receipt.bookingDate, receipt.reference, receipt.counterpartyName, receipt.counterpartyAccount, receipt.bankTransactionId],
    [60_000n, '2026-01-11', 'BILL-2026-01-001', '示范市某某有限公司', '6217000000000001', 'BK20260111-0001']);
  assert.deepEqual([sweep.amount, sweep.reference, sweep.description], [-50_000n, 'SWEEP-2026-01', '归集财政专户 & 划转']);
  assert.equal(receipt.fileLine, 12);
  assert.deepEqual(file.rows.keys, [['tx:BK20260111-0001', `tx:${sweep.bankTransactionId}`]]);
});

test('camt.053: a malformed statement is refused whole with the XML line of every problem; the error rows show the line', async () => {
  const file = await read('bad.xml', sample('camt053-malformed.xml'));
  assert.deepEqual(file.problems.map((p) => [p.row, p.field, p.rule]), [[8, 'Amt', 'currency'], [9, 'Amt', 'amount'], [10, 'CdtDbtInd', 'code'], [11, 'BookgDt', 'required']]);
  assert.match(render(file.problems[0].message, 'en'), /currency USD/);
  assert.match(file.cellsOf(8)[0], /^<Ntry><Amt Ccy="USD">10\.00<\/Amt>/);
  const unbalanced = await read('bad.xml', sample('camt053-malformed.xml').toString().replace(/<Ntry>.*<\/Ntry>\n/g, '<Ntry><Amt Ccy="CNY">10.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-01-05</Dt></BookgDt></Ntry>\n'));
  assert.equal(unbalanced.problems.length, 1);
  assert.match(render(unbalanced.problems[0].message, 'en'), /opening 100\.00 \+ entries 40\.00 ≠ closing 150\.00/);
  assert.equal(unbalanced.problems[0].row, 4);
});

test('XML: mismatched and unclosed tags, DOCTYPE, bare ampersands and a second root are refused with their line', () => {
  const cases: [string, RegExp][] = [
    ['<a>\n<b>\n</a>', /^line 3: <\/a> closes <b> opened on line 2/],
    ['<a>\n<b>', /^line 2: <b> opened on line 2 is not closed/],
    ['<!DOCTYPE a [<!ENTITY x "y">]><a/>', /DOCTYPE/],
    ['<a>\nfish & chips</a>', /^line 2: a bare "&"/],
    ['<a/>\n<b/>', /^line 2: a second root/],
    ['<a x=1/>', /needs a quoted value/],
    ['<a>&foo;</a>', /unknown entity &foo;/],
  ];
  for (const [xml, expected] of cases) assert.throws(() => parseXml(xml), (error: Error) => error instanceof XmlError && expected.test(error.message), xml);
  const ok = parseXml('<?xml version="1.0"?><p:Doc xmlns:p="urn:x"><p:A k=\'v\'>x &lt; y &#x4E2D;&#25991;<![CDATA[<raw>]]></p:A><!-- c --></p:Doc>');
  assert.equal(ok.name, 'Doc');
  assert.equal(textAt(ok, 'A'), 'x < y 中文<raw>');
  assert.equal(ok.children[0].attributes.k, 'v');
});

test('CSV with Chinese bank headers: thousands separators, compact dates, debit/credit columns, opening from the running balance', async () => {
  const file = await read('income.csv', sample('statement-income-2026-01.csv'));
  assert.deepEqual(file.problems, []);
  const [statement] = file.rows.statements;
  assert.deepEqual([statement.openingBalance, statement.closingBalance, statement.fromDate, statement.toDate], [1_000_000n, 1_010_000n, '2026-01-11', '2026-01-21']);
  assert.deepEqual(statement.lines.map((l) => [l.fileLine, l.bookingDate, l.amount, l.reference, l.bankTransactionId, l.description]),
    [[2, '2026-01-11', 60_000n, 'BILL-2026-01-001', 'T0001', '社会保险费'], [3, '2026-01-21', -50_000n, 'SWEEP-2026-01', 'T0002', '归集财政专户']]);
});

test('a GBK-encoded CSV with Chinese headers reads with its names intact; bytes invalid in the encoding are refused naming it', async () => {
  const csv = '记账日期,交易流水号,对方户名,对方账号,借方发生额,贷方发生额,余额,摘要\n2026/1/5,,示范市鑫源商贸有限公司,6217000000000009,,"1,234.50","11,234.50",社会保险费 一月\n20260106,,示范省财政厅,,234.50,,"11,000.00",归集\n';
  const gbk = iconv.encode(csv, 'gbk');
  assert.notDeepEqual(gbk, Buffer.from(csv), 'the file really is GBK');
  const file = await read('gbk.csv', gbk);
  assert.deepEqual(file.problems, []);
  assert.equal(file.encoding, 'gb18030', 'detected: not valid UTF-8, read as GB18030 (GBK is its subset)');
  const [statement] = file.rows.statements;
  assert.deepEqual(statement.lines.map((l) => [l.bookingDate, l.amount, l.counterpartyName, l.counterpartyAccount, l.description]),
    [['2026-01-05', 123_450n, '示范市鑫源商贸有限公司', '6217000000000009', '社会保险费 一月'], ['2026-01-06', -23_450n, '示范省财政厅', null, '归集']]);
  assert.deepEqual([statement.openingBalance, statement.closingBalance], [1_000_000n, 1_100_000n]);
  assert.deepEqual((await read('gbk.csv', gbk, 'gbk')).rows.statements[0].lines[0].counterpartyName, '示范市鑫源商贸有限公司');

  const broken = Buffer.concat([iconv.encode('交易日期,金额,余额\n2026-01-05,1.00,1.00\n2026-01-06,', 'gbk'), Buffer.from([0x81, 0x20]), Buffer.from(',2.00\n')]);
  const detected = await refusal(read('broken.csv', broken));
  assert.equal(detected.status, 400);
  assert.match(detected.message, /not valid GB18030 text.*\(line 3\)/);
  assert.match((await refusal(read('broken.csv', broken, 'gbk'))).message, /not valid GBK text/);
  assert.match((await refusal(read('gbk.csv', gbk, 'utf-8'))).message, /not valid UTF-8/);
});

test('XLSX: Excel dates and number amounts; the header names the columns in Chinese', async () => {
  const workbook = await newWorkbook();
  const sheet = workbook.addWorksheet('对账单');
  sheet.addRow(['交易日期', '摘要', '金额', '余额', '对方户名', '交易流水号']);
  sheet.addRow([new Date(Date.UTC(2026, 0, 11)), '社会保险费', 600, 10600, '示范市某某有限公司', 'X1']);
  sheet.addRow([46043, '归集', -500, 10100.5, '示范省财政厅', 'X2']); // 46043 = 2026-01-21 as a serial day in a general cell
  const file = await read('statement.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
  assert.equal(file.problems.length, 1, JSON.stringify(file.problems));
  assert.deepEqual([file.problems[0].row, file.problems[0].field, file.problems[0].rule], [3, 'balance', 'running_balance']);
  sheet.getCell('D3').value = 10100;
  const good = await read('statement.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
  assert.deepEqual(good.problems, []);
  assert.deepEqual([good.format, good.encoding], ['xlsx', null]);
  assert.deepEqual(good.rows.statements[0].lines.map((l) => [l.bookingDate, l.amount]), [['2026-01-11', 60_000n], ['2026-01-21', -50_000n]]);
});

test('CSV: every bad row listed with its row, field, rule, column as written and value; a broken running balance is named', async () => {
  const file = await read('bad.csv', sample('statement-malformed.csv'));
  assert.deepEqual(file.problems.map((p) => [p.row, p.field, p.rule, p.column, p.value]),
    [[3, 'date', 'date', 'date', '2026-13-01'], [4, 'amount', 'amount', 'amount', 'abc'], [6, 'amount', 'not_zero', 'amount', '0']]);
  assert.deepEqual(file.cellsOf(4), ['2026-01-12', 'abc', '10605.00', 'C']);
  const gap = await read('gap.csv', '交易日期,金额,余额\n2026-01-01,10.00,110.00\n2026-01-02,5.00,120.00\n');
  assert.deepEqual(gap.problems.map((p) => ({ ...p, message: render(p.message, 'en') })), [{ row: 3, field: 'balance', rule: 'running_balance', column: '余额', value: '120.00', message: '120.00 does not follow from the previous balance 110.00 and the amount 5.00' }]);
  assert.equal(render(gap.problems[0].message, 'zh-CN'), '余额 120.00 与上笔余额 110.00 加本笔发生额 5.00 不符');
  assert.match((await refusal(read('nobalance.csv', 'date,amount\n2026-01-01,10.00\n'))).message, /missing required columns: balance \/ 余额/);
  assert.match((await refusal(read('noamount.csv', 'date,balance\n2026-01-01,10.00\n'))).message, /needs amount \(金额\), or debit and credit/);
  const both = await read('both.csv', 'date,debit,credit,balance\n2026-01-01,1.00,2.00,10.00\n');
  assert.deepEqual(both.problems.map((p) => [p.row, p.rule]), [[2, 'one_side']]);
  const twice = await read('twice.csv', '交易日期,金额,余额,交易流水号\n2026-01-01,1.00,1.00,T1\n2026-01-02,1.00,2.00,T1\n');
  assert.deepEqual(twice.problems.map((p) => [p.row, p.field, p.rule, p.column, render(p.message, 'en'), render(p.message, 'zh-CN')]),
    [[3, 'transactionId', 'unique_in_file', '交易流水号', 'the bank transaction T1 appears again (first on row 2)', '银行交易流水号 T1 重复（首次出现在第 2 行）']]);
});

test('line identity: the bank transaction reference when given, else date, amount, counterparty and sequence; never the raw text', async () => {
  const line = { fileLine: 2, bookingDate: '2026-01-05', valueDate: null, amount: 100n, reference: 'R', counterpartyName: '甲公司', counterpartyAccount: '621', description: null, bankTransactionId: null };
  const keys = statementLineKeys([line, { ...line, fileLine: 3, reference: 'other', description: '另一摘要' }, { ...line, bankTransactionId: 'T9' }]);
  assert.deepEqual(keys, ['line:2026-01-05/100/621/甲公司/1', 'line:2026-01-05/100/621/甲公司/2', 'tx:T9'], 'two equal transfers on one day are two lines; the memo is not part of the identity');
  const spaced = await read('a.csv', '交易日期,金额,余额,对方户名\n2026-01-05,1.00,1.00,甲公司 \n');
  const plain = await read('b.csv', '交易日期,金额,余额,对方户名\n2026-01-05, 1.00 ,1.00,甲公司\n');
  assert.deepEqual(spaced.rows.keys, plain.rows.keys, 'a re-export with other spacing is the same line');
  assert.deepEqual(spaced.rows.keys, [['line:2026-01-05/100//甲公司/1']]);
});
