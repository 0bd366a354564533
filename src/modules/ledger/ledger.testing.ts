/** Test helpers of the ledger: a fresh database with the demo pooling regions and their funds, and `sifund ledger …` run in-process. */
import { runCommand } from '../../platform/testing/cli.ts';
import { registerLedgerCommands } from './ledger.cli.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, after } from 'node:test';
import { spawnSync } from 'node:child_process';
import { createTestDatabase, type TestDatabase } from '../../platform/testing/database.ts';
import type { DatabaseHandle } from '../../platform/database.ts';
import { ensureFunds } from './fund.service.ts';
import { inScope, systemActor } from '../../platform/actor.ts';
import { todayInChina } from '../../platform/params/index.ts';
import { accountBalanceNow } from './balance.service.ts';
import { chartFor } from './chart.ts';
import { postEntries } from './posting.service.ts';

export async function seedPoolingRegions(database: DatabaseHandle) {
  await database.db.insertInto('region').values([
    { code: '990000', name: '示范省', level: 'province', parent_code: null },
    { code: '990100', name: '示范市', level: 'city', parent_code: '990000' },
    { code: '990102', name: '东城区', level: 'county', parent_code: '990100' },
    { code: '990200', name: '另一市', level: 'city', parent_code: '990000' },
  ]).onConflict((oc) => oc.doNothing()).execute();
  await database.db.insertInto('pooling_region').values([
    { insurance: 'pension', region_code: '990000' },
    ...['medical', 'unemployment', 'work_injury', 'maternity'].map((insurance) => ({ insurance, region_code: '990100' })),
    { insurance: 'medical', region_code: '990200' },
  ]).onConflict((oc) => oc.doNothing()).execute();
}

/**
 * Fixture: the fund's 支出户 holds exactly `amount` today — what it lacks comes from the 财政专户 (Dr 支出户 / Cr 财政专户,
 * a 用款 transfer), what it holds beyond goes back (Dr 财政专户 / Cr 支出户, 财社〔2017〕144号 第四十一条).
 */
export async function holdInExpenseAccount(database: DatabaseHandle, fund: string, amount: bigint) {
  const today = todayInChina(), actor = systemActor('test');
  const role = (name: string) => chartFor(Number(today.slice(0, 4))).accounts.find((account) => account.role === name)!.code;
  const moved = amount - await inScope(database, actor, (tx) => accountBalanceNow(tx, fund, role('expense_bank')));
  if (moved === 0n) return;
  const [to, from] = moved > 0n ? [role('expense_bank'), role('special_bank')] : [role('special_bank'), role('expense_bank')];
  const size = moved > 0n ? moved : -moved;
  await postEntries(database, actor, [{
    key: `test-hold-in-expense-account:${fund}:${amount}`, fund, period: today.slice(0, 7), date: today, source: { type: 'test', id: fund },
    memo: '测试：支出户存放指定金额', lines: [{ account: to, debit: size }, { account: from, credit: size }],
  }]);
}

export async function createLedgerTestDatabase(): Promise<TestDatabase> {
  const test = await createTestDatabase();
  await seedPoolingRegions(test.database);
  await ensureFunds(test.database);
  return test;
}

/** hledger is a Debian package: install it when missing (as root with apt), else say why the assertion is skipped. */
export function ensureHledger(): { available: true } | { available: false; reason: string } {
  const has = () => spawnSync('hledger', ['--version'], { stdio: 'ignore' }).status === 0;
  if (has()) return { available: true };
  if (process.getuid?.() !== 0) return { available: false, reason: 'hledger is not installed and this test is not running as root to apt-get install it' };
  const apt = spawnSync('apt-get', ['--version'], { stdio: 'ignore' });
  if (apt.status !== 0) return { available: false, reason: 'hledger is not installed and apt-get is not available' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore' });
  spawnSync('apt-get', ['install', '-y', '-qq', 'hledger'], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return has() ? { available: true } : { available: false, reason: 'apt-get install hledger failed' };
}

/** Runs `sifund ledger …` in this process (DATABASE_URL names the test database); returns stdout, stderr and the exit code. */
export const runLedgerCommand = (...args: string[]) => runCommand(registerLedgerCommands, ['ledger', ...args]);

/**
 * For a test file of `sifund ledger …` run in-process: a fresh database with the pooling regions (funds are created
 * by the commands themselves), named by DATABASE_URL while the file runs, and a scratch folder for its files.
 */
export function useLedgerCliDatabase(name: string): { database: () => TestDatabase; dir: string } {
  let test_: TestDatabase | undefined;
  let previousUrl: string | undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `sifund-${name}-`));
  before(async () => {
    test_ = await createTestDatabase();
    await seedPoolingRegions(test_.database);
    previousUrl = process.env.DATABASE_URL;
    process.env.DATABASE_URL = test_.url;
  });
  after(async () => {
    if (previousUrl === undefined) delete process.env.DATABASE_URL; else process.env.DATABASE_URL = previousUrl;
    await test_?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return { database: () => test_!, dir };
}
