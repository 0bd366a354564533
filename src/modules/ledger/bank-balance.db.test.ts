/**
 * A fund's bank accounts (收入户 1002, 财政专户 1003, 支出户 1004) never go below zero (migration 0011): the line
 * trigger refuses any posting after which a bank account it credits has debit − credit < 0 over all its periods,
 * with errcode 23514 naming the account. Whatever posts — an import, another module, two transactions at once.
 * The acceptance command (`sifund ledger import` of such a payment) is in bank-balance.cli.db.test.ts.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { systemActor } from '../../platform/actor.ts';
import type { TestDatabase } from '../../platform/testing/database.ts';
import { createLedgerTestDatabase } from './ledger.testing.ts';
import { postEntries, reverseEntry } from './posting.service.ts';
import { getTrialBalance } from './balance.service.ts';
import type { EntryInput } from './journal.calc.ts';
import { parseYuan } from '../../platform/money.ts';

let test_: TestDatabase;
const actor = systemActor('test');

before(async () => { test_ = await createLedgerTestDatabase(); });
after(() => test_.drop());

const entry = (fund: string, key: string, date: string, debit: string, credit: string, amount: string): EntryInput =>
  ({ key, fund, period: date.slice(0, 7), date, memo: key, lines: [{ account: debit, debit: parseYuan(amount) }, { account: credit, credit: parseYuan(amount) }] });

async function closing(fund: string, period: string, account: string): Promise<string> {
  const balance = await getTrialBalance(test_.database, actor, fund, period);
  return balance.accounts.find((a) => a.code === account)!.closing;
}

/** The database's refusal: check violation 23514, named constraint, the account and fund in the message. */
function belowZero(account: string, fund: string, leaves: string) {
  return (error: { code?: string; constraint?: string; message: string }) => {
    assert.equal(error.code, '23514', error.message);
    assert.equal(error.constraint, 'bank_balance_not_negative');
    assert.match(error.message, new RegExp(`bank account ${account} \\S+ of fund ${fund} cannot go below zero: this posting would leave ${leaves.replace('.', '\\.')}`));
    return true;
  };
}

test('money leaves a bank account only after it entered: to exactly zero yes, one fen more no, and nothing of the refused call posts', async () => {
  const F = 'medical-990100';
  await postEntries(test_.database, actor, [
    entry(F, 'open', '2026-02-28', '1003', '3001', '1000.00'),     // opening balance of the special account
    entry(F, 'allocate', '2026-03-05', '1004', '1003', '600.00'),   // 财政专户 → 支出户
    entry(F, 'pay', '2026-03-20', '2101', '1004', '600.00'),        // 支出户 → payees: the account is empty again
  ], { kind: 'import' });
  assert.deepEqual([await closing(F, '2026-03', '1003'), await closing(F, '2026-03', '1004')], ['400.00', '0.00']);
  await assert.rejects(postEntries(test_.database, actor, [entry(F, 'receivable', '2026-03-21', '1131', '4001', '5.00'), entry(F, 'pay-more', '2026-03-21', '2101', '1004', '0.01')], { kind: 'import' }),
    belowZero('1004', F, '-0.01'));
  await assert.rejects(postEntries(test_.database, actor, [entry(F, 'allocate-too-much', '2026-03-22', '1004', '1003', '400.01')], { kind: 'import' }),
    belowZero('1003', F, '-0.01'));
  assert.equal(await closing(F, '2026-03', '1131'), '0.00', 'the refused call posted nothing, not even its other entry');

  // The balance that counts is the account's balance over all periods, not as of the entry's month: a payment dated
  // in March out of money that arrived in April passes, and a payment that exceeds what the account holds does not.
  await postEntries(test_.database, actor, [entry(F, 'allocate-april', '2026-04-02', '1004', '1003', '300.00')], { kind: 'import' });
  await postEntries(test_.database, actor, [entry(F, 'pay-march', '2026-03-25', '2101', '1004', '100.00')], { kind: 'import' });
  assert.deepEqual([await closing(F, '2026-03', '1004'), await closing(F, '2026-04', '1004')], ['-100.00', '200.00']);
  await assert.rejects(postEntries(test_.database, actor, [entry(F, 'pay-march-2', '2026-03-26', '2101', '1004', '200.01')], { kind: 'import' }),
    belowZero('1004', F, '-0.01'));

  // Entries posted together are checked together (one statement): a payment listed before the money it spends passes.
  await postEntries(test_.database, actor, [entry(F, 'pay-may', '2026-05-10', '2101', '1004', '250.00'), entry(F, 'allocate-may', '2026-05-02', '1004', '1003', '50.00')], { kind: 'import' });
  assert.equal(await closing(F, '2026-05', '1004'), '0.00');
});

test('a receipt cannot be reversed once its money has been swept to the special account', async () => {
  const F = 'unemployment-990100';
  const [receipt] = await postEntries(test_.database, actor, [entry(F, 'receipt', '2026-06-10', '1002', '1131', '100.00')]);
  await postEntries(test_.database, actor, [entry(F, 'sweep', '2026-06-30', '1003', '1002', '100.00')], { kind: 'import' });
  await assert.rejects(reverseEntry(test_.database, actor, { fund: F, entryId: BigInt(receipt.entryId), key: 'reverse-receipt', date: '2026-07-02' }),
    belowZero('1002', F, '-100.00'));
  // with money in the income account again, the reversal posts
  await postEntries(test_.database, actor, [entry(F, 'receipt-2', '2026-07-01', '1002', '1131', '100.00')]);
  const reversed = await reverseEntry(test_.database, actor, { fund: F, entryId: BigInt(receipt.entryId), key: 'reverse-receipt', date: '2026-07-02' });
  assert.equal(reversed.status, 'posted');
  assert.equal(await closing(F, '2026-07', '1002'), '0.00');
});

test('two transactions paying out of one account at once: the second waits for the first and sees what it took', async () => {
  const F = 'work_injury-990100';
  await postEntries(test_.database, actor, [entry(F, 'open', '2026-04-30', '1003', '3001', '1000.00'), entry(F, 'allocate', '2026-05-02', '1004', '1003', '1000.00')], { kind: 'import' });
  let release!: () => void;
  const gate = new Promise<void>((resolve) => { release = resolve; });
  let firstPosted!: () => void;
  const posted = new Promise<void>((resolve) => { firstPosted = resolve; });
  // Different months, so the two never touch the same balance row: only the lock on the bank account orders them.
  const first = test_.database.db.transaction().execute(async (tx) => {
    await postEntries(tx, actor, [entry(F, 'pay-may', '2026-05-20', '500101', '1004', '600.00')]);
    firstPosted();
    await gate;
  });
  await posted;
  let settled = false;
  const second = test_.database.db.transaction().execute((tx) => postEntries(tx, actor, [entry(F, 'pay-june', '2026-06-20', '500101', '1004', '600.00')]));
  second.then(() => { settled = true; }, () => { settled = true; });
  await new Promise((resolve) => setTimeout(resolve, 300));
  const waited = !settled;
  release();
  await first;
  assert.equal(waited, true, 'the second payment waits while the first is not committed');
  await assert.rejects(second, belowZero('1004', F, '-200.00'));
  assert.equal(await closing(F, '2026-06', '1004'), '400.00');
});
