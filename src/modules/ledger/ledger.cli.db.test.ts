/** The `sifund ledger` commands as the acceptance script uses them: JSON shapes and exit codes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runLedgerCommand, useLedgerCliDatabase } from './ledger.testing.ts';

const { dir } = useLedgerCliDatabase('ledger-cli');
const sifund = runLedgerCommand;

test('funds, accounts, import (all or nothing, idempotent), trial balance, check and export with their exit codes', async () => {
  const funds = JSON.parse((await sifund('funds', '--format', 'json')).stdout);
  const pension = funds.find((f: { insurance: string }) => f.insurance === 'pension');
  assert.deepEqual(pension, { code: 'pension-990000', insurance: 'pension', region: '990000', name: '示范省企业职工基本养老保险基金' });
  const accounts = JSON.parse((await sifund('accounts', '--fund', pension.code, '--format', 'json')).stdout);
  const byRole = (role: string) => accounts.find((a: { role: string }) => a.role === role).code;
  assert.deepEqual(['income_bank', 'special_bank', 'expense_bank', 'receivable', 'revenue'].map(byRole), ['1002', '1003', '1004', '1131', '4001']);

  const entry = (key: string, date: string, debit: string, credit: string, amount: string) =>
    ({ key, fund: pension.code, period: date.slice(0, 7), date, memo: 'cli', lines: [{ account: debit, debit: amount }, { account: credit, credit: amount }] });
  const good = path.join(dir, 'good.json');
  fs.writeFileSync(good, JSON.stringify([entry('c-1', '2026-01-05', '1131', '4001', '1000.00'), entry('c-2', '2026-01-10', '1002', '1131', '600.00'), entry('c-3', '2026-01-20', '1003', '1002', '500.00')]));
  const first = await sifund('import', '--file', good, '--format', 'json');
  const firstAnswer = JSON.parse(first.stdout);
  assert.deepEqual([first.code, firstAnswer.posted, firstAnswer.existing, firstAnswer.lines, firstAnswer.alreadyImported], [0, 3, 0, 6, false]);
  const again = await sifund('import', '--file', good, '--format', 'json');
  assert.deepEqual([again.code, JSON.parse(again.stdout)], [0, { ...firstAnswer, alreadyImported: true }], 'the same file answers with its first import');
  const copy = path.join(dir, 'copy.json');
  fs.writeFileSync(copy, `${fs.readFileSync(good, 'utf8')}\n`);
  const copied = JSON.parse((await sifund('import', '--file', copy, '--format', 'json')).stdout);
  assert.deepEqual([copied.alreadyImported, copied.posted, copied.existing], [false, 0, 3], 'the same entries in another file: known by key, posted once');

  const bad = path.join(dir, 'bad.json');
  fs.writeFileSync(bad, JSON.stringify([entry('c-4', '2026-01-21', '1131', '4001', '50.00'), { ...entry('c-5', '2026-01-21', '1131', '4001', '10.00'), lines: [{ account: '1131', debit: '10.00' }, { account: '4001', credit: '9.99' }] }, entry('c-6', '2026-01-22', '1004', '1002', '50.00')]));
  const refused = await sifund('import', '--file', bad);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /row 2, lines: debits 10\.00 and credits 9\.99 differ/);
  assert.match(refused.stderr, /row 3, lines: 收支两条线/);
  const locale = { LANG: process.env.LANG, LC_ALL: process.env.LC_ALL };
  process.env.LANG = process.env.LC_ALL = 'zh_CN.UTF-8';
  try {
    const inChinese = await sifund('import', '--file', bad);
    assert.equal(inChinese.code, 1);
    assert.match(inChinese.stderr, /^错误：/, 'LANG=zh_CN: the refusal in Chinese');
    assert.match(inChinese.stderr, /第 2 行，分录：借方合计 10\.00 与贷方合计 9\.99 不等：借贷必须相等/);
    assert.match(inChinese.stderr, /第 3 行，分录：收支两条线：收入户不得对外支付/);
  } finally {
    for (const [name, value] of Object.entries(locale)) if (value === undefined) delete process.env[name]; else process.env[name] = value;
  }

  const tb = JSON.parse((await sifund('trial-balance', '--fund', pension.code, '--period', '2026-01', '--format', 'json')).stdout);
  const closing = Object.fromEntries(tb.accounts.map((a: { code: string; closing: string }) => [a.code, a.closing]));
  assert.deepEqual([closing['1131'], closing['1002'], closing['1003'], closing['4001']], ['400.00', '100.00', '500.00', '-1000.00']);
  assert.deepEqual(Object.keys(tb.accounts[0]), ['code', 'name', 'role', 'opening', 'debit', 'credit', 'closing']);
  const table = await sifund('trial-balance', '--fund', pension.code, '--period', '2026-01');
  assert.match(table.stdout, /1131 +应收社会保险费 +平 +0\.00 +1000\.00 +600\.00 +借 +400\.00/);
  assert.match(table.stdout, /4001 +社会保险费收入 +平 +0\.00 +0\.00 +1000\.00 +贷 +1000\.00/, 'a credit balance is 贷 and positive');

  assert.equal((await sifund('check')).code, 0);
  const journal = await sifund('export', '--format', 'hledger', '--from', '2026-01-01', '--to', '2026-01-31');
  assert.equal(journal.code, 0);
  assert.match(journal.stdout, /^2026-01-05 \* \(\d+\) cli$/m);
  assert.equal((await sifund('export', '--format', 'beancount', '--from', '2026-01-01', '--to', '2026-01-31')).code, 1);
  assert.equal((await sifund('trial-balance', '--fund', 'nope-990000', '--period', '2026-01')).code, 1);

  const sweep = await sifund('sweep', '--period', '2026-01', '--fund', pension.code, '--format', 'json');
  const [swept] = JSON.parse(sweep.stdout);
  assert.deepEqual([sweep.code, swept.amount], [0, '100.00'], 'the income account\'s January balance moves to the special account');
  assert.match(swept.entryId, /^\d+$/);
  const sweptAgain = JSON.parse((await sifund('sweep', '--period', '2026-01', '--fund', pension.code, '--format', 'json')).stdout);
  assert.deepEqual(sweptAgain, [{ fund: pension.code, period: '2026-01', amount: '0.00', entryId: null }], 'a second sweep finds nothing left');
  const afterSweep = JSON.parse((await sifund('trial-balance', '--fund', pension.code, '--period', '2026-01', '--format', 'json')).stdout);
  assert.deepEqual(['1002', '1003'].map((code) => afterSweep.accounts.find((a: { code: string }) => a.code === code).closing), ['0.00', '600.00']);
  assert.equal((await sifund('sweep', '--period', '2026-1')).code, 1);
  assert.equal((await sifund('funds')).code, 0, 'the last command succeeded: exit 0');
});
