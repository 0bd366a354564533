/**
 * Acceptance: `sifund ledger import` of a payment out of an empty bank account exits non-zero, names the account and
 * posts nothing (migration 0011; the rule itself is tested in bank-balance.db.test.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runLedgerCommand, useLedgerCliDatabase } from './ledger.testing.ts';

const { dir } = useLedgerCliDatabase('bank-balance');
const sifund = runLedgerCommand;

test('`sifund ledger import` of a payment out of an empty expense account exits non-zero and posts nothing', async () => {
  const file = path.join(dir, 'neg.json');
  fs.writeFileSync(file, JSON.stringify([{
    key: 'neg-1', fund: 'pension-990000', period: '2026-03', date: '2026-03-10', memo: '支付养老金 from an empty account',
    lines: [{ account: '500101', debit: '1000.00' }, { account: '1004', credit: '1000.00' }],
  }]));
  const refused = await sifund('import', '--file', file);
  assert.notEqual(refused.code, 0);
  assert.match(refused.stderr, /bank account 1004 支出户存款 of fund pension-990000 cannot go below zero: this posting would leave -1000\.00/);
  const balance = JSON.parse((await sifund('trial-balance', '--fund', 'pension-990000', '--period', '2026-03', '--format', 'json')).stdout);
  const closing = Object.fromEntries(balance.accounts.map((a: { code: string; closing: string }) => [a.code, a.closing]));
  assert.deepEqual([closing['1004'], closing['500101']], ['0.00', '0.00']);

  // funded first, the same payment posts
  const funded = path.join(dir, 'funded.json');
  fs.writeFileSync(funded, JSON.stringify([
    { key: 'open', fund: 'pension-990000', period: '2026-03', date: '2026-03-01', memo: '期初', lines: [{ account: '1003', debit: '1000.00' }, { account: '3001', credit: '1000.00' }] },
    { key: 'allocate', fund: 'pension-990000', period: '2026-03', date: '2026-03-05', memo: '拨付支出户', lines: [{ account: '1004', debit: '1000.00' }, { account: '1003', credit: '1000.00' }] },
  ]));
  assert.equal((await sifund('import', '--file', funded)).code, 0);
  assert.equal((await sifund('import', '--file', file)).code, 0);
});
