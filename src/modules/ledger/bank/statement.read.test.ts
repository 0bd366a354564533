import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { dedupeKeys, parseStatementFile } from './statement.parse.ts';
import { parseXml, XmlError, textAt } from './xml.parse.ts';

const sample = (name: string) => fs.readFileSync(path.join(import.meta.dirname, 'samples', name));

test('camt.053: balances, booked entries only, signs, references, counterparties, entities', () => {
  const result = parseStatementFile(sample('camt053-income-2026-01.xml'));
  assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
  const [statement] = result.statements;
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
});

test('camt.053: a malformed statement is refused whole with the line of every problem', () => {
  const result = parseStatementFile(sample('camt053-malformed.xml'));
  assert.equal(result.ok, false);
  assert.deepEqual(!result.ok && result.problems.map((p) => [p.row, p.field]), [[8, 'Amt'], [9, 'Amt'], [10, 'CdtDbtInd'], [11, 'BookgDt']]);
  assert.match(!result.ok ? result.problems[0].message : '', /currency USD/);
  const unbalanced = parseStatementFile(sample('camt053-malformed.xml').toString().replace(/<Ntry>.*<\/Ntry>\n/g, '<Ntry><Amt Ccy="CNY">10.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-01-05</Dt></BookgDt></Ntry>\n'));
  assert.equal(!unbalanced.ok && unbalanced.problems.length, 1);
  assert.match(!unbalanced.ok ? unbalanced.problems[0].message : '', /opening 100\.00 \+ entries 40\.00 ≠ closing 150\.00/);
  assert.equal(!unbalanced.ok && unbalanced.problems[0].row, 4);
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

test('CSV with Chinese bank headers: thousands separators, compact dates, debit/credit columns, opening from the running balance', () => {
  const result = parseStatementFile(sample('statement-income-2026-01.csv'));
  assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
  const [statement] = result.statements;
  assert.deepEqual([statement.openingBalance, statement.closingBalance, statement.fromDate, statement.toDate], [1_000_000n, 1_010_000n, '2026-01-11', '2026-01-21']);
  assert.deepEqual(statement.lines.map((l) => [l.fileLine, l.bookingDate, l.amount, l.reference, l.bankTransactionId]),
    [[2, '2026-01-11', 60_000n, 'BILL-2026-01-001', 'T0001'], [3, '2026-01-21', -50_000n, 'SWEEP-2026-01', 'T0002']]);
});

test('CSV: every bad line listed by its line number; a broken running balance is named', () => {
  const result = parseStatementFile(sample('statement-malformed.csv'));
  assert.equal(result.ok, false);
  assert.deepEqual(!result.ok && result.problems.map((p) => [p.row, p.field]), [[3, 'date'], [4, 'amount'], [6, 'amount']]);
  const gap = parseStatementFile('date,amount,balance\n2026-01-01,10.00,110.00\n2026-01-02,5.00,120.00\n');
  assert.deepEqual(!gap.ok && gap.problems, [{ row: 3, field: 'balance', message: '120.00 does not follow from the previous balance 110.00 and the amount 5.00' }]);
  const noBalance = parseStatementFile('date,amount\n2026-01-01,10.00\n');
  assert.equal(!noBalance.ok && noBalance.problems[0].field, 'balance');
  const both = parseStatementFile('date,debit,credit,balance\n2026-01-01,1.00,2.00,10.00\n');
  assert.match(!both.ok ? both.problems[0].message : '', /not both/);
});

test('dedupe keys: the bank transaction id when given, else content with its occurrence, stable across imports', () => {
  const line = { fileLine: 2, bookingDate: '2026-01-05', valueDate: null, amount: 100n, reference: 'R', counterpartyName: null, counterpartyAccount: null, description: null, bankTransactionId: null };
  const keys = dedupeKeys([line, { ...line, fileLine: 3 }, { ...line, bankTransactionId: 'T9' }]);
  assert.equal(keys[2], 'tx:T9');
  assert.notEqual(keys[0], keys[1], 'two identical transactions on one day are two lines');
  assert.deepEqual(dedupeKeys([line, { ...line, fileLine: 3 }]), keys.slice(0, 2));
});
