import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { render } from '../../platform/messages.ts';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { systemActor } from '../../platform/actor.ts';
import type { TestDatabase } from '../../platform/testing/database.ts';
import { AppError } from '../../platform/errors.ts';
import { createLedgerTestDatabase, ensureHledger } from './ledger.testing.ts';
import { ensureFunds, listAccounts, listFunds } from './fund.service.ts';
import { importLedgerEntries } from './import.service.ts';
import { checkLedger, getTrialBalance } from './balance.service.ts';
import { exportHledger } from './hledger.export.ts';

let test_: TestDatabase;
const actor = systemActor('test');
const F = 'pension-990000';

before(async () => { test_ = await createLedgerTestDatabase(); });
after(() => test_.drop());

const entry = (key: string, date: string, debit: string, credit: string, amount: string, fund = F) =>
  ({ key, fund, period: date.slice(0, 7), date, memo: 'acceptance', lines: [{ account: debit, debit: amount }, { account: credit, credit: amount }] });

/** `hledger bal` of a journal: account code (the last name segment) → balance in yuan; hledger must exit 0. */
function hledgerBalances(journal: string): Map<string, string> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sifund-hledger-')), 'j.journal');
  fs.writeFileSync(file, journal);
  const result = spawnSync('hledger', ['-f', file, 'bal', '-O', 'csv'], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return new Map(result.stdout.trim().split('\n').slice(1).map((line) => {
    const [account, amount] = line.split('","').map((s) => s.replace(/"/g, ''));
    return [account.split(':').pop()!, amount.replace(/CNY| /g, '')];
  }));
}

async function rejected(work: Promise<unknown>): Promise<AppError> {
  try { await work; } catch (error) { if (error instanceof AppError) return error; throw error; }
  assert.fail('expected a refusal');
}

test('funds per insurance per pooling region; maternity merged into medical; public-institution pension where pension is pooled; ensureFunds is idempotent', async () => {
  const funds = await listFunds(test_.database, actor);
  assert.deepEqual(funds.map((f) => f.code), ['medical-990100', 'medical-990200', 'occupational_annuity-990000', 'pension-990000', 'public_pension-990000', 'unemployment-990100', 'work_injury-990100']);
  assert.equal(funds.find((f) => f.code === F)!.name, '示范省企业职工基本养老保险基金');
  assert.equal(funds.find((f) => f.code === 'public_pension-990000')!.name, '示范省机关事业单位基本养老保险基金');
  const again = await ensureFunds(test_.database);
  assert.deepEqual(again, { created: [], accountsAdded: 0 });
  const accounts = await listAccounts(test_.database, actor, F);
  const roles = new Set(accounts.map((a) => a.role));
  for (const role of ['income_bank', 'special_bank', 'expense_bank', 'receivable', 'payable', 'revenue', 'expense', 'fund_balance']) assert.ok(roles.has(role), role);
  assert.equal(accounts.find((a) => a.role === 'revenue')!.code, '4001');
  assert.equal(accounts.find((a) => a.code === '500101')!.name, '社会保险待遇支出—基本养老金');
  const medical = await listAccounts(test_.database, actor, 'medical-990100');
  assert.equal(medical.find((a) => a.code === '500104')!.name, '社会保险待遇支出—生育津贴');
});

test('the acceptance journey: import, re-import, refusals, immutability, check, hledger round trip', async () => {
  const good = [entry('acc-1', '2026-01-05', '1131', '4001', '1000.00'), entry('acc-2', '2026-01-10', '1002', '1131', '600.00'), entry('acc-3', '2026-01-20', '1003', '1002', '500.00')];
  assert.deepEqual(await importLedgerEntries(test_.database, actor, good), { entries: 3, posted: 3, existing: 0, lines: 6 });
  assert.deepEqual(await importLedgerEntries(test_.database, actor, good), { entries: 3, posted: 0, existing: 3, lines: 6 });
  const closing = async () => Object.fromEntries((await getTrialBalance(test_.database, actor, F, '2026-01')).accounts.map((a) => [a.code, a.closing]));
  let tb = await closing();
  assert.equal(tb['1131'], '400.00');
  assert.equal(tb['1002'], '100.00');
  assert.equal(tb['1003'], '500.00');
  assert.equal(tb['4001'], '-1000.00');
  const full = await getTrialBalance(test_.database, actor, F, '2026-01');
  assert.deepEqual(full.totals, { opening: '0.00', debit: '2100.00', credit: '2100.00', closing: '0.00' });

  const unbalanced = await rejected(importLedgerEntries(test_.database, actor, [
    entry('ok-but-with-bad', '2026-01-21', '1131', '4001', '50.00'),
    { key: 'bad-1', fund: F, period: '2026-01', date: '2026-01-21', memo: 'unbalanced', lines: [{ account: '1131', debit: '10.00' }, { account: '4001', credit: '9.99' }] },
  ]));
  assert.equal(unbalanced.status, 422);
  assert.deepEqual(unbalanced.rows!.map((r) => [r.row, r.field]), [[2, 'lines']]);
  assert.match(render(unbalanced.rows![0].message, 'en'), /debits 10\.00 and credits 9\.99 differ/);
  tb = await closing();
  assert.equal(tb['1131'], '400.00', 'nothing of the refused file was applied');

  const route = await rejected(importLedgerEntries(test_.database, actor, [entry('route-1', '2026-01-22', '1004', '1002', '50.00')]));
  assert.match(render(route.rows![0].message, 'en'), /收支两条线: the income account \(收入户\) cannot pay out/);

  const changedKey = await rejected(importLedgerEntries(test_.database, actor, [entry('acc-1', '2026-01-05', '1131', '4001', '1000.01')]));
  assert.match(render(changedKey.rows![0].message, 'en'), /key acc-1 was already posted .* with a different content/);

  for (const table of ['accounting_entry_line', 'accounting_entry']) {
    await assert.rejects(test_.database.pool.query(`delete from ${table}`), /append-only: DELETE is not allowed/);
    await assert.rejects(test_.database.pool.query(`update ${table} set region_code = region_code where false`), /append-only: UPDATE is not allowed/);
    await assert.rejects(test_.database.pool.query(`truncate ${table} cascade`), /permission denied/, 'the application role has no TRUNCATE');
    await assert.rejects(test_.owner.query(`truncate ${table} cascade`), /append-only/, 'and the owner meets the trigger');
  }
  // The acceptance script finds "the journal lines table" with this query: it must be ours.
  const { rows } = await test_.database.pool.query(`select table_name from information_schema.columns where table_schema='public' and column_name in ('debit','credit','amount') and table_name ~ '(journal|entry|posting|line)' order by table_name limit 1`);
  assert.equal(rows[0].table_name, 'accounting_entry_line');

  const report = await checkLedger(test_.database, actor);
  assert.equal(report.ok, true);
  assert.equal(report.entries, 3);
  assert.equal(report.lines, 6);

});

test('hledger reads the export and its balances equal the trial balance to the fen', async (t) => {
  let journal = '';
  for await (const chunk of exportHledger(test_.database, actor, { from: '2026-01-01', to: '2026-01-31' })) journal += chunk;
  assert.match(journal, /pension-990000:资产:应收社会保险费:1131 +1000\.00 CNY/);
  const hledger = ensureHledger();
  if (!hledger.available) { t.skip(hledger.reason); return; }
  const balances = Object.fromEntries(hledgerBalances(journal));
  const tb = await getTrialBalance(test_.database, actor, F, '2026-01');
  for (const row of tb.accounts) assert.equal(balances[row.code] ?? '0.00', row.closing === '0.00' ? '0.00' : row.closing, row.code);
  assert.equal(balances['1131'], '400.00');
  assert.equal(balances['1003'], '500.00');
});

test('hledger export across a year end: opening balances, year-end carry forward, equal to the trial balance of the last month', async (t) => {
  const F2 = 'unemployment-990100';
  await importLedgerEntries(test_.database, actor, [
    entry('u-open', '2025-06-30', '1002', '3001', '5000.00', F2),
    entry('u-1', '2025-11-03', '1131', '4001', '700.00', F2),
    entry('u-2', '2025-12-15', '1002', '1131', '700.00', F2),
    entry('u-2b', '2025-12-16', '1003', '1002', '700.00', F2),
    entry('u-2c', '2025-12-17', '1004', '1003', '120.00', F2),
    { key: 'u-3', fund: F2, period: '2025-12', date: '2025-12-20', memo: '失业保险金', lines: [{ account: '500101', debit: '120.00' }, { account: '1004', credit: '120.00' }] },
    entry('u-4', '2026-01-09', '1131', '4003', '3.21', F2),
  ]);
  let journal = '';
  for await (const chunk of exportHledger(test_.database, actor, { from: '2025-11-01', to: '2026-01-31', fund: F2 })) journal += chunk;
  assert.match(journal, /2025-11-01 \* opening balances/);
  assert.match(journal, /2025-12-31 \* year-end carry forward/);
  const tb = await getTrialBalance(test_.database, actor, F2, '2026-01');
  assert.equal(tb.accounts.find((a) => a.code === '3001')!.opening, '-5580.00', 'last year\'s result (700 − 120) carried into the fund balance');
  assert.equal(tb.accounts.find((a) => a.code === '4001')!.opening, '0.00');
  const hledger = ensureHledger();
  if (!hledger.available) { t.skip(hledger.reason); return; }
  const balances = hledgerBalances(journal);
  for (const row of tb.accounts) if (row.closing !== '0.00') assert.equal(balances.get(row.code), row.closing, row.code);
  assert.equal(balances.get('4003'), '-3.21');
});
