/**
 * `sifund ledger import` of a CSV: GBK with Chinese headers, --dry-run, all or nothing by row. A file of its own: a
 * second test in one file would run while the first one's report is written, and runLedgerCommand captures stdout.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { runLedgerCommand, useLedgerCliDatabase } from './ledger.testing.ts';

const { dir } = useLedgerCliDatabase('ledger-import-cli');
const sifund = runLedgerCommand;

test('a GBK CSV of entries with Chinese headers: --dry-run shows totals per fund and posts nothing, then it posts; a bad row 3 refuses the whole file naming row 3', async () => {
  const closingOf = async (code: string) => {
    const tb = JSON.parse((await sifund('trial-balance', '--fund', 'pension-990000', '--period', '2026-02', '--format', 'json')).stdout);
    const row = tb.accounts.find((a: { code: string }) => a.code === code);
    return [row.debit, row.credit];
  };
  const csv = [
    '凭证号,基金代码,会计期间,记账日期,摘要,科目代码,借方金额,贷方金额',
    'G-1,pension-990000,2026年2月,2026/2/3,应收 鑫源商贸,1131,"1,234.50",',
    'G-1,,,,,4001,,"1,234.50"',
    'G-2,pension-990000,,20260205,到账 鑫源商贸,1002,200.00,',
    'G-2,,,,,1131,,200.00',
    '',
  ].join('\r\n');
  const file = path.join(dir, 'entries-gbk.csv');
  fs.writeFileSync(file, iconv.encode(csv, 'gbk'));
  const dry = await sifund('import', '--file', file, '--dry-run');
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /2 entries to post \(4 lines, 1434\.50\), 0 posted before/);
  assert.match(dry.stdout, /pension-990000 +2 +2 +4 +1434\.50/);
  assert.deepEqual(await closingOf('1131'), ['0.00', '0.00'], 'a dry run posts nothing');

  const posted = JSON.parse((await sifund('import', '--file', file, '--format', 'json')).stdout);
  assert.deepEqual([posted.posted, posted.lines, posted.alreadyImported], [2, 4, false]);
  assert.deepEqual(await closingOf('1131'), ['1234.50', '200.00']);
  const journal = (await sifund('export', '--format', 'hledger', '--from', '2026-02-01', '--to', '2026-02-28')).stdout;
  assert.match(journal, /^2026-02-03 \* \(\d+\) 应收 鑫源商贸$/m, 'the GBK memo kept intact');

  const bad = path.join(dir, 'entries-bad.csv');
  fs.writeFileSync(bad, iconv.encode(['凭证号,基金代码,记账日期,科目代码,借方金额,贷方金额', 'B-1,pension-990000,2026-02-10,1131,12.00,', 'B-1,,,4001,,12.345', 'B-2,pension-990000,2026-02-11,1131,1.00,', 'B-2,,,4001,,1.00', ''].join('\n'), 'gbk'));
  const refused = await sifund('import', '--file', bad);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /1 of 4 rows have problems; nothing was imported/);
  assert.match(refused.stderr, /row 3, credit: "12\.345" is not an amount/);
  assert.deepEqual(await closingOf('1131'), ['1234.50', '200.00'], 'nothing of the refused file was posted (not even B-2)');
});
