/**
 * Properties of the journal on a real PostgreSQL (fast-check): any sequence of postings, retries, conflicting
 * retries and reversals keeps every entry balanced, keeps the balances equal to the sum of the lines, and never
 * duplicates an idempotent posting. Concurrent posters on separate connections lose nothing.
 */
import { test, before, after } from 'node:test';
import { render } from '../../platform/messages.ts';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { systemActor } from '../../platform/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { openDatabase, type DatabaseHandle } from '../../platform/database.ts';
import { loadConfig } from '../../platform/config.ts';
import type { TestDatabase } from '../../platform/testing/database.ts';
import { createLedgerTestDatabase } from './ledger.testing.ts';
import { postEntries, reverseEntry } from './posting.service.ts';
import { checkLedger, getTrialBalance } from './balance.service.ts';
import type { EntryInput } from './journal.calc.ts';
import { parseYuan } from '../../platform/money.ts';

let test_: TestDatabase;
const actor = systemActor('test');
const F = 'pension-990000';
const PERIODS = ['2026-03', '2026-04'];

before(async () => {
  test_ = await createLedgerTestDatabase();
  // Bank accounts never go below zero (0011): the random sweeps, allocations, payments and reversals below spend
  // from opening balances larger than all of them together (30 runs × 14 operations × at most 10^11 fen).
  const opening = 10n ** 15n;
  await postEntries(test_.database, actor, [{
    key: 'opening', fund: F, period: '2026-02', date: '2026-02-28', memo: 'opening balances of the bank accounts',
    lines: [{ account: '1002', debit: opening }, { account: '1003', debit: opening }, { account: '1004', debit: opening }, { account: '3001', credit: 3n * opening }],
  }], { kind: 'import' });
});
after(() => test_.drop());

// Allowed routes (migrated history may use any of them): [debit accounts, credit accounts].
const TEMPLATES: [string[], string[]][] = [
  [['1131'], ['4001']],                   // premium receivable
  [['1002'], ['1131']],                   // received into the income account
  [['1003'], ['1002']],                   // swept to the special account
  [['1004'], ['1003']],                   // allocated to the expense account
  [['500101', '500102'], ['1004']],       // benefits paid
  [['1131', '1131'], ['4001', '4002', '4003']],
];

/** Splits `total` fen into `parts` positive amounts (deterministic from `seed`). */
function split(total: bigint, parts: number, seed: number): bigint[] {
  const amounts: bigint[] = [];
  let left = total;
  for (let i = 0; i < parts - 1; i++) {
    const share = 1n + (left - BigInt(parts - i)) * BigInt((seed >> i) & 7) / 8n;
    amounts.push(share);
    left -= share;
  }
  amounts.push(left);
  return amounts;
}

function makeEntry(key: string, template: number, total: bigint, period: string, seed: number): EntryInput {
  const [debits, credits] = TEMPLATES[template];
  const debitAmounts = split(total, debits.length, seed);
  const creditAmounts = split(total, credits.length, seed >> 3);
  return {
    key, fund: F, period, date: `${period}-1${seed % 9}`, memo: `property ${key}`, source: { type: 'test', id: key },
    lines: [...debits.map((account, i) => ({ account, debit: debitAmounts[i] })), ...credits.map((account, i) => ({ account, credit: creditAmounts[i] }))],
  };
}

type Operation =
  | { type: 'post'; keyIndex: number; template: number; total: bigint; period: number; seed: number }
  | { type: 'retry'; pick: number }
  | { type: 'conflict'; pick: number }
  | { type: 'reverse'; pick: number };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ type: fc.constant('post' as const), keyIndex: fc.nat(9), template: fc.nat(TEMPLATES.length - 1), total: fc.bigInt(3n, 10n ** 11n), period: fc.nat(1), seed: fc.nat(1 << 12) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('retry' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('conflict' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('reverse' as const), pick: fc.nat() }) },
);

async function closings(period: string) {
  const balance = await getTrialBalance(test_.database, actor, F, period);
  return new Map(balance.accounts.map((a) => [a.code, parseYuan(a.closing)]));
}

async function expectRefusal(work: Promise<unknown>, status: number) {
  try { await work; } catch (error) { assert.ok(error instanceof AppError, String(error)); assert.equal(error.status, status, error.message); return; }
  assert.fail(`expected a ${status} refusal`);
}

let run = 0;

test('property: postings, retries, conflicting keys and reversals keep the journal balanced, the balances exact, no duplicates', async () => {
  await fc.assert(fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 14 }), async (operations) => {
    run++;
    const before = await Promise.all(PERIODS.map(closings));
    const expected = PERIODS.map(() => new Map<string, bigint>());
    const move = (period: string, lines: EntryInput['lines'], sign: bigint) => {
      // a period's movement counts in its own and every later month's closing
      for (let p = PERIODS.indexOf(period); p < PERIODS.length; p++) {
        for (const line of lines) expected[p].set(line.account, (expected[p].get(line.account) ?? 0n) + sign * ((line.debit ?? 0n) - (line.credit ?? 0n)));
      }
    };
    const posted: { entry: EntryInput; entryId: string; reversed: boolean }[] = [];
    const byKey = new Map<string, number>();
    let reversals = 0;
    for (const op of operations) {
      if (op.type === 'post') {
        const key = `run${run}-k${op.keyIndex}`;
        const entry = makeEntry(key, op.template, op.total, PERIODS[op.period], op.seed);
        const known = byKey.get(key);
        if (known !== undefined) {
          const same = JSON.stringify(posted[known].entry, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)) === JSON.stringify(entry, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
          if (same) assert.equal((await postEntries(test_.database, actor, [entry], { kind: 'import' }))[0].entryId, posted[known].entryId);
          else await expectRefusal(postEntries(test_.database, actor, [entry], { kind: 'import' }), 422);
          continue;
        }
        const [result] = await postEntries(test_.database, actor, [entry], { kind: 'import' });
        assert.equal(result.status, 'posted');
        byKey.set(key, posted.length);
        posted.push({ entry, entryId: result.entryId, reversed: false });
        move(entry.period, entry.lines, 1n);
      } else if (!posted.length) continue;
      else if (op.type === 'retry') {
        const target = posted[op.pick % posted.length];
        const [result] = await postEntries(test_.database, actor, [target.entry], { kind: 'import' });
        assert.deepEqual([result.status, result.entryId], ['existing', target.entryId]);
      } else if (op.type === 'conflict') {
        const target = posted[op.pick % posted.length];
        const changed = { ...target.entry, memo: `${target.entry.memo} (changed)` };
        await expectRefusal(postEntries(test_.database, actor, [changed], { kind: 'import' }), 422);
      } else {
        const target = posted[op.pick % posted.length];
        const reverse = () => reverseEntry(test_.database, actor, { fund: F, entryId: BigInt(target.entryId), key: `run${run}-reversal-${target.entryId}` });
        if (target.reversed) { await expectRefusal(reverse(), 409); continue; }
        const result = await reverse();
        assert.equal(result.status, 'posted');
        target.reversed = true;
        reversals++;
        move(target.entry.period, target.entry.lines, -1n);
      }
    }
    for (const [p, period] of PERIODS.entries()) {
      const after = await closings(period);
      for (const [code, closing] of after) assert.equal(closing, (before[p].get(code) ?? 0n) + (expected[p].get(code) ?? 0n), `${period} ${code}`);
    }
    const { rows: [count] } = await test_.database.pool.query(`select count(*)::int as n from accounting_entry where idempotency_key like $1`, [`run${run}-%`]);
    assert.equal(count.n, posted.length + reversals, 'one entry per key: retries posted nothing');
  }), { numRuns: 30 });
  const report = await checkLedger(test_.database, actor, F);
  assert.deepEqual([report.ok, report.differences, report.unbalancedEntries], [true, [], []]);
});

test('concurrent postings to the same accounts from several connections lose nothing; racing the same keys posts each once', async () => {
  const connections: DatabaseHandle[] = [];
  for (let i = 0; i < 4; i++) connections.push(await openDatabase({ ...loadConfig(), databaseUrl: test_.url }, { command: 'test', poolSize: 2 }));
  try {
    const period = '2026-06';
    const before = await closings(period);
    // Each connection posts 60 receivable/revenue entries and 60 receipts in batches of 10 lines, all at once.
    await Promise.all(connections.map((connection, c) => {
      const entries: EntryInput[] = [];
      for (let i = 0; i < 60; i++) {
        entries.push({ key: `concurrent-${c}-${i}-a`, fund: F, period, date: '2026-06-15', lines: [{ account: '1131', debit: 1001n }, { account: '4001', credit: 1001n }] });
        entries.push({ key: `concurrent-${c}-${i}-b`, fund: F, period, date: '2026-06-16', lines: [{ account: '1002', debit: 700n }, { account: '1131', credit: 700n }] });
      }
      return postEntries(connection, actor, entries, { batchLines: 10 });
    }));
    const after = await closings(period);
    assert.equal(after.get('1131')! - before.get('1131')!, 4n * 60n * (1001n - 700n));
    assert.equal(after.get('4001')! - before.get('4001')!, -4n * 60n * 1001n);
    assert.equal(after.get('1002')! - before.get('1002')!, 4n * 60n * 700n);

    // The same 30 keys from every connection at once: one entry per key, every caller gets its id.
    const shared: EntryInput[] = Array.from({ length: 30 }, (_, i) => ({ key: `shared-${i}`, fund: F, period, date: '2026-06-20', lines: [{ account: '1131', debit: 5n }, { account: '4001', credit: 5n }] }));
    const results = await Promise.all(connections.map((connection) => postEntries(connection, actor, shared, { batchLines: 6 })));
    for (let i = 0; i < 30; i++) assert.equal(new Set(results.map((r) => r[i].entryId)).size, 1, `key shared-${i}: one entry id for all callers`);
    assert.equal(results.flat().filter((r) => r.status === 'posted').length, 30);
    const final = await closings(period);
    assert.equal(final.get('1131')! - after.get('1131')!, 30n * 5n);
    const report = await checkLedger(test_.database, actor, F);
    assert.equal(report.ok, true);
  } finally {
    for (const connection of connections) await connection.close();
  }
});

test('the database itself refuses an unbalanced entry, lines apart from their header, lines added to a posted entry, and a header without lines', async () => {
  const pool = test_.database.pool;
  const { rows: [fund] } = await pool.query(`select id from fund where code = $1`, [F]);
  const { rows: accounts } = await pool.query(`select id, code from fund_account where fund_id = $1 and code in ('1131', '4001')`, [fund.id]);
  const id = (code: string) => accounts.find((a) => a.code === code).id;
  type Line = [entryId: number, lineNumber: number, account: string, debit: number, credit: number];
  const lineRows = (lines: Line[]) => lines.map(([entryId, n, account, debit, credit]) => `(${fund.id}, ${entryId}, ${n}, ${id(account)}, '990000', '2026-07', '2026-07-01'::date, ${debit}, ${credit})`).join(', ');
  const insertLines = `insert into accounting_entry_line (fund_id, entry_id, line_number, account_id, region_code, period, value_date, debit, credit) values `;
  const headerRow = (entryId: number, lineCount: number, total: number) => `(${fund.id}, ${entryId}, '990000', '2026-07', '2026-07-01'::date, 'import', 'sql-${entryId}', 'x', ${lineCount}, ${total}, 'sql', ${entryId})`;
  // written by hand, the voucher number too (nothing else posts into 2026-07 here)
  const insertHeader = `insert into accounting_entry (fund_id, id, region_code, period, value_date, kind, idempotency_key, content_hash, line_count, total, created_by, voucher_number) values `;
  /** The way posting writes: lines and header in one statement. */
  const entryStatement = (lines: Line[], header: [entryId: number, lineCount: number, total: number]) =>
    `with lines as (${insertLines}${lineRows(lines)}) ${insertHeader}${headerRow(...header)}`;
  const inTransaction = async (...statements: string[]) => {
    const client = await pool.connect();
    try {
      await client.query('begin');
      for (const statement of statements) await client.query(statement);
      await client.query('commit');
    } catch (error) { await client.query('rollback'); throw error; } finally { client.release(); }
  };
  const balance = async () => (await pool.query(`select coalesce(sum(debit), 0)::text as debit, coalesce(sum(credit), 0)::text as credit from account_balance where fund_id = $1`, [fund.id])).rows[0];
  const before = await balance();
  await assert.rejects(inTransaction(entryStatement([[1, 1, '1131', 1000, 0], [1, 2, '4001', 0, 999]], [1, 2, 1000])), /entry 1 is not balanced/);
  await assert.rejects(inTransaction(entryStatement([[1, 1, '1131', 1000, 0], [1, 2, '4001', 0, 1000]], [1, 3, 1000])), /entry 1 is not balanced or does not match its lines: 2 lines \(header says 3\)/);
  // Line numbers are 1..line_count: two lines numbered 1 and 3 under a header of two lines are refused.
  await assert.rejects(inTransaction(entryStatement([[1, 1, '1131', 1000, 0], [1, 3, '4001', 0, 1000]], [1, 2, 1000])), /entry 1 is not balanced or does not match its lines/);
  await assert.rejects(inTransaction(insertHeader + headerRow(2, 2, 1000)), /not balanced or does not match its lines: 0 lines/);
  // Lines first, header in a later statement (the order before 0015): the lines are refused at once.
  await assert.rejects(inTransaction(insertLines + lineRows([[3, 1, '1131', 1000, 0], [3, 2, '4001', 0, 1000]]), insertHeader + headerRow(3, 2, 1000)), /entry 3 has lines but no header/);
  await inTransaction(entryStatement([[4, 1, '1131', 1000, 0], [4, 2, '4001', 0, 1000]], [4, 2, 1000]));
  await assert.rejects(inTransaction(insertLines + lineRows([[4, 3, '1131', 5, 0], [4, 4, '4001', 0, 5]])), /entry 4 is already posted: lines cannot be added/);
  await assert.rejects(inTransaction(insertLines + lineRows([[4, 2, '4001', 0, 5]])), /accounting_entry_line_pkey/);
  const after = await balance();
  assert.equal(BigInt(after.debit) - BigInt(before.debit), 1000n, 'only entry 4 moved the balances');
  assert.equal(BigInt(after.credit) - BigInt(before.credit), 1000n);
  assert.equal((await checkLedger(test_.database, actor, F)).ok, true);
});

test('posting batch by batch: each batch commits in order, a key repeated in a later batch points at the first entry, a refused batch stops the rest', async () => {
  const period = '2026-05';
  const pair = (key: string, amount: bigint): EntryInput => ({ key, fund: F, period, date: '2026-05-10', lines: [{ account: '1131', debit: amount }, { account: '4001', credit: amount }] });
  // Two 2-line entries per batch: the repeat of batch-a sits in the second batch.
  const posted = await postEntries(test_.database, actor, [pair('batch-a', 11n), pair('batch-b', 12n), pair('batch-c', 13n), pair('batch-a', 11n), pair('batch-d', 14n)], { batchLines: 4 });
  assert.deepEqual(posted.map((r) => r.status), ['posted', 'posted', 'posted', 'existing', 'posted']);
  assert.equal(posted[3].entryId, posted[0].entryId);
  const { rows } = await test_.database.pool.query<{ id: string; idempotency_key: string }>(
    `select id::text, idempotency_key from accounting_entry where idempotency_key like 'batch-%' order by idempotency_key`);
  assert.deepEqual(rows.map((r) => [r.idempotency_key, r.id]), [['batch-a', posted[0].entryId], ['batch-b', posted[1].entryId], ['batch-c', posted[2].entryId], ['batch-d', posted[4].entryId]]);

  // The third batch would take the income account below zero: the database refuses it, after the first two committed
  // and while the fourth was already built; nothing of the third or the fourth is posted.
  const drain: EntryInput = { key: 'refused-drain', fund: F, period, date: '2026-05-11', lines: [{ account: '1003', debit: 10n ** 17n }, { account: '1002', credit: 10n ** 17n }] };
  await assert.rejects(postEntries(test_.database, actor, [pair('refused-1', 21n), pair('refused-2', 22n), pair('refused-3', 23n), pair('refused-4', 24n), drain, pair('refused-5', 25n), pair('refused-6', 26n), pair('refused-7', 27n)], { kind: 'import', batchLines: 4 }),
    (error: { constraint?: string }) => error.constraint === 'bank_balance_not_negative');
  const { rows: keys } = await test_.database.pool.query<{ idempotency_key: string }>(`select idempotency_key from accounting_entry where idempotency_key like 'refused-%' order by 1`);
  assert.deepEqual(keys.map((k) => k.idempotency_key), ['refused-1', 'refused-2', 'refused-3', 'refused-4']);
});

test('keys are looked up 20,000 at a time while validating: a key posted before with other content is refused in the second chunk, the same content points at the first entry', async () => {
  const period = '2026-06';
  const entry = (key: string, amount: bigint): EntryInput => ({ key, fund: F, period, date: '2026-06-10', lines: [{ account: '1131', debit: amount }, { account: '4001', credit: amount }] });
  const [first] = await postEntries(test_.database, actor, [entry('chunked-posted', 31n)], { kind: 'import' });
  const fresh = (prefix: string) => Array.from({ length: 20_000 }, (_, i) => entry(`${prefix}-${i}`, 100n + BigInt(i)));

  // Row 20,001 is the first of the second lookup: other content under a posted key refuses the whole call.
  await assert.rejects(postEntries(test_.database, actor, [...fresh('chunked-refused'), entry('chunked-posted', 32n)], { kind: 'import' }), (error) => {
    assert.ok(error instanceof AppError);
    assert.equal(error.status, 422);
    assert.deepEqual(error.rows?.map((p) => [p.row, p.field]), [[20_001, 'key']]);
    assert.match(render(error.rows![0].message, 'en'), new RegExp(`key chunked-posted was already posted \\(entry ${first.entryId}\\) with a different content`));
    return true;
  });
  const { rows: [{ n }] } = await test_.database.pool.query<{ n: bigint }>(`select count(*) as n from accounting_entry where idempotency_key like 'chunked-refused-%'`);
  assert.equal(n, 0n);

  // The same content in the second chunk is the entry posted before; the 20,000 others are posted.
  const posted = await postEntries(test_.database, actor, [...fresh('chunked'), entry('chunked-posted', 31n)], { kind: 'import' });
  assert.equal(posted.filter((r) => r.status === 'posted').length, 20_000);
  assert.deepEqual(posted[20_000], { key: 'chunked-posted', fund: F, entryId: first.entryId, status: 'existing' });
});
