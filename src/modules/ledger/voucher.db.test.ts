/**
 * 凭证字号 (0018_voucher_numbers.sql): numbers gap-free per fund and period in posting order, also when a posting is
 * refused or two run at once; the backfill of entries posted before the migration; and the 明细账's page balances.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { systemActor } from '../../platform/actor.ts';
import { migrationsDir } from '../../platform/migrate.ts';
import type { TestDatabase } from '../../platform/testing/database.ts';
import { createLedgerTestDatabase } from './ledger.testing.ts';
import { postEntries } from './posting.service.ts';
import { accountLines, entryDetail, listEntries } from './balance.service.ts';
import type { EntryInput } from './journal.calc.ts';

let test_: TestDatabase;
const actor = systemActor('test');
const PENSION = 'pension-990000';
const MEDICAL = 'medical-990100';

before(async () => { test_ = await createLedgerTestDatabase(); });
after(() => test_.drop());

const accrual = (key: string, date: string, amount: bigint, fund = PENSION): EntryInput =>
  ({ key, fund, period: date.slice(0, 7), date, memo: key, lines: [{ account: '1131', debit: amount }, { account: '4001', credit: amount }] });

/** key → voucher number of the entries whose key starts with `prefix`, and every number of each (fund, period). */
async function numbers(prefix: string) {
  const { rows } = await test_.owner.query<{ fund: string; period: string; key: string; voucher_number: number }>(
    `select f.code as fund, e.period, e.idempotency_key as key, e.voucher_number from accounting_entry e join fund f on f.id = e.fund_id
      where e.idempotency_key like $1 order by f.code, e.period, e.voucher_number`, [`${prefix}%`]);
  return rows;
}

async function allNumbersOf(fund: string, period: string): Promise<number[]> {
  const { rows } = await test_.owner.query<{ voucher_number: number }>(
    `select e.voucher_number from accounting_entry e join fund f on f.id = e.fund_id where f.code = $1 and e.period = $2 order by 1`, [fund, period]);
  return rows.map((r) => r.voucher_number);
}

const oneToN = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

test('voucher numbers run from 1 per fund and month in posting order, across batches, and show as 记-<period>-<number>', async () => {
  // March and April of two funds interleaved in one call, two entries per batch
  await postEntries(test_.database, actor, [
    accrual('seq-p-03-a', '2026-03-02', 100n), accrual('seq-p-04-a', '2026-04-02', 200n), accrual('seq-m-03-a', '2026-03-03', 300n, MEDICAL),
    accrual('seq-p-03-b', '2026-03-05', 400n), accrual('seq-p-03-c', '2026-03-01', 500n), accrual('seq-p-04-b', '2026-04-09', 600n),
  ], { kind: 'import', batchLines: 4 });
  await postEntries(test_.database, actor, [accrual('seq-p-03-d', '2026-03-31', 700n)]);
  assert.deepEqual((await numbers('seq-')).map((r) => [r.fund, r.period, r.key, r.voucher_number]), [
    [MEDICAL, '2026-03', 'seq-m-03-a', 1],
    [PENSION, '2026-03', 'seq-p-03-a', 1], [PENSION, '2026-03', 'seq-p-03-b', 2], [PENSION, '2026-03', 'seq-p-03-c', 3], [PENSION, '2026-03', 'seq-p-03-d', 4],
    [PENSION, '2026-04', 'seq-p-04-a', 1], [PENSION, '2026-04', 'seq-p-04-b', 2],
  ]);
  const page = await listEntries(test_.database, actor, PENSION, { period: '2026-03' });
  assert.deepEqual(page.items.map((e) => [e.key, e.voucherNumber]), [
    ['seq-p-03-d', '记-2026-03-0004'], ['seq-p-03-c', '记-2026-03-0003'], ['seq-p-03-b', '记-2026-03-0002'], ['seq-p-03-a', '记-2026-03-0001'],
  ]);
  const [medical] = (await listEntries(test_.database, actor, MEDICAL, { period: '2026-03' })).items;
  assert.equal((await entryDetail(test_.database, actor, MEDICAL, BigInt(medical.id))).voucherNumber, '记-2026-03-0001');
});

test('a call over several months is written in lanes side by side: each result at its entry\'s place, each month numbered in the order given, and a fund paying out of a bank account kept in order across months', async () => {
  // The pension fund's two months are the large groups, one per lane; the medical fund's receipt into its income
  // account (1002) in November and the payment on to the special account (1003) in December would each join one of
  // them: the December entry first in its lane, the November receipt last in the other, so by month it would be
  // posted before the money it moves. It leaves 1002, so the medical fund stays in one lane, in the order given.
  const day = (month: string, i: number) => `2026-${month}-${String((i % 28) + 1).padStart(2, '0')}`;
  const input: EntryInput[] = [
    ...Array.from({ length: 49 }, (_, i) => accrual(`lane-p-12-${i}`, day('12', i), 20n + BigInt(i))),
    { key: 'lane-m-11', fund: MEDICAL, period: '2026-11', date: '2026-11-30', lines: [{ account: '1002', debit: 500n }, { account: '1131', credit: 500n }] },
    { key: 'lane-m-12', fund: MEDICAL, period: '2026-12', date: '2026-12-01', lines: [{ account: '1003', debit: 500n }, { account: '1002', credit: 500n }] },
    ...Array.from({ length: 50 }, (_, i) => accrual(`lane-p-11-${i}`, day('11', i), 10n + BigInt(i))),
  ];
  const results = await postEntries(test_.database, actor, input, { kind: 'import', batchLines: 6 });
  assert.deepEqual(results.map((r) => [r.key, r.fund, r.status]), input.map((e) => [e.key, e.fund, 'posted']));
  const ids = new Map((await test_.owner.query<{ key: string; id: string }>(`select idempotency_key as key, id::text from accounting_entry where idempotency_key like 'lane-%'`)).rows.map((r) => [r.key, r.id]));
  assert.deepEqual(results.map((r) => r.entryId), input.map((e) => ids.get(e.key)));
  const posted = await numbers('lane-');
  const inOrder = (fund: string, period: string) => posted.filter((r) => r.fund === fund && r.period === period).map((r) => [r.key, r.voucher_number]);
  assert.deepEqual(inOrder(PENSION, '2026-11'), Array.from({ length: 50 }, (_, i) => [`lane-p-11-${i}`, i + 1]));
  assert.deepEqual(inOrder(PENSION, '2026-12'), Array.from({ length: 49 }, (_, i) => [`lane-p-12-${i}`, i + 1]));
  assert.deepEqual([...inOrder(MEDICAL, '2026-11'), ...inOrder(MEDICAL, '2026-12')], [['lane-m-11', 1], ['lane-m-12', 1]]);
});

test('a refused posting gives its numbers back, and the same key posted again takes none', async () => {
  const period = '2026-05';
  await postEntries(test_.database, actor, [accrual('gap-1', '2026-05-02', 10n)]);
  // the second entry would take the income account below zero: the whole call is refused by the database
  const drain: EntryInput = { key: 'gap-drain', fund: PENSION, period, date: '2026-05-03', lines: [{ account: '1003', debit: 10n ** 15n }, { account: '1002', credit: 10n ** 15n }] };
  await assert.rejects(postEntries(test_.database, actor, [accrual('gap-refused', '2026-05-03', 11n), drain], { kind: 'import' }), (error: { constraint?: string }) => error.constraint === 'bank_balance_not_negative');
  const again = await postEntries(test_.database, actor, [accrual('gap-1', '2026-05-02', 10n), accrual('gap-2', '2026-05-04', 12n)]);
  assert.deepEqual(again.map((r) => r.status), ['existing', 'posted']);
  assert.deepEqual((await numbers('gap-')).map((r) => [r.key, r.voucher_number]), [['gap-1', 1], ['gap-2', 2]]);
  const { rows: [counter] } = await test_.owner.query(`select c.last_number from voucher_counter c join fund f on f.id = c.fund_id where f.code = $1 and c.period = $2`, [PENSION, period]);
  assert.equal(counter.last_number, 2);
});

test('two batches posted at the same time into one fund and month take distinct numbers with no gap', async () => {
  const batch = (prefix: string) => Array.from({ length: 150 }, (_, i) => accrual(`${prefix}-${i}`, `2026-06-${String((i % 28) + 1).padStart(2, '0')}`, 100n + BigInt(i)));
  const [first, second] = await Promise.all([
    postEntries(test_.database, actor, batch('concurrent-a'), { batchLines: 60 }),
    postEntries(test_.database, actor, batch('concurrent-b'), { batchLines: 60 }),
  ]);
  assert.equal([...first, ...second].filter((r) => r.status === 'posted').length, 300);
  assert.deepEqual(await allNumbersOf(PENSION, '2026-06'), oneToN(300));
  // each call's entries keep their order among themselves
  for (const prefix of ['concurrent-a', 'concurrent-b']) {
    const own = (await numbers(`${prefix}-`)).sort((x, y) => Number(x.key.split('-').pop()) - Number(y.key.split('-').pop()));
    assert.deepEqual(own.map((r) => r.voucher_number), [...own.map((r) => r.voucher_number)].sort((x, y) => x - y));
  }
});

test('the migration numbers entries posted before it in posting order, and posting continues from there', async () => {
  const period = '2026-08';
  // posted in three transactions, the first of them with a later value date
  await postEntries(test_.database, actor, [accrual('backfill-1', '2026-08-20', 10n)]);
  await postEntries(test_.database, actor, [accrual('backfill-2', '2026-08-03', 20n), accrual('backfill-3', '2026-08-01', 30n)]);
  await postEntries(test_.database, actor, [accrual('backfill-4', '2026-08-09', 40n, MEDICAL)]);
  const posted = (await numbers('backfill-')).map((r) => [r.fund, r.key, r.voucher_number]);
  // each fund's month numbered 1..n (entries posted at the same time are numbered by when their transactions began)
  const gapFree = async () => (await test_.owner.query<{ gap_free: boolean }>(`select bool_and(numbers = (select array_agg(n order by n) from generate_series(1, cardinality(numbers)) n)) as gap_free
      from (select array_agg(voucher_number order by voucher_number) as numbers from accounting_entry group by fund_id, period) months`)).rows[0].gap_free;
  assert.equal(await gapFree(), true);
  const counters = async () => (await test_.owner.query(`select fund_id, period, region_code, last_number from voucher_counter order by 1, 2`)).rows;
  const countersBefore = await counters();

  // back to the journal as it was before 0018 (with every entry posted by the tests before this one), then the migration again (as the migration runner applies it)
  const client = await test_.owner.connect();
  try {
    await client.query('begin');
    await client.query('drop index accounting_entry_voucher_number');
    await client.query('alter table accounting_entry drop column voucher_number');
    await client.query('drop table voucher_counter');
    await client.query(fs.readFileSync(path.join(migrationsDir, '0018_voucher_numbers.sql'), 'utf8'));
    await client.query('grant select, insert, update, delete on voucher_counter to sifund_app');
    await client.query('commit');
  } catch (error) { await client.query('rollback'); throw error; } finally { client.release(); }

  assert.equal(await gapFree(), true);
  assert.deepEqual(await counters(), countersBefore);
  assert.deepEqual((await numbers('backfill-')).map((r) => [r.fund, r.key, r.voucher_number]), posted);
  assert.deepEqual(posted, [[MEDICAL, 'backfill-4', 1], [PENSION, 'backfill-1', 1], [PENSION, 'backfill-2', 2], [PENSION, 'backfill-3', 3]]);
  // the journal is append-only again, and posting continues from the counters
  await assert.rejects(test_.owner.query(`update accounting_entry set memo = 'changed' where idempotency_key = 'backfill-1'`), /append-only/);
  await postEntries(test_.database, actor, [accrual('backfill-5', '2026-08-10', 50n)]);
  assert.deepEqual(await allNumbersOf(PENSION, period), oneToN(4));
  const { rows: [fund] } = await test_.owner.query(`select id from fund where code = $1`, [PENSION]);
  const { rows: accounts } = await test_.owner.query(`select id from fund_account where fund_id = $1 and code in ('1131', '4001') order by code`, [fund.id]);
  await assert.rejects(test_.owner.query(`with lines as (
      insert into accounting_entry_line (fund_id, entry_id, line_number, account_id, region_code, period, value_date, debit, credit)
      values ($1, 1, 1, $2, '990000', '2026-08', '2026-08-11', 5, 0), ($1, 1, 2, $3, '990000', '2026-08', '2026-08-11', 0, 5))
    insert into accounting_entry (fund_id, id, region_code, period, value_date, kind, idempotency_key, content_hash, line_count, total, created_by, voucher_number)
    values ($1, 1, '990000', '2026-08', '2026-08-11', 'import', 'duplicate-number', 'x', 2, 5, 'sql', 4)`, [fund.id, accounts[0].id, accounts[1].id]),
  /accounting_entry_voucher_number/, 'a number used twice in a fund and month is refused by the database');
});

test('明细账: every page gives the balance before its first line, each line its balance after it, and the month\'s count of lines', async () => {
  const period = '2026-09';
  const amounts = [1000n, 2000n, 3000n, 4000n, 5000n];
  await postEntries(test_.database, actor, [
    accrual('lines-open', '2026-08-31', 100_000n),   // the opening balance of September: 1,000.00 on the debit side
    ...amounts.map((amount, i) => accrual(`lines-${i}`, `2026-09-0${i + 1}`, amount)),
    { key: 'lines-receipt', fund: PENSION, period, date: '2026-09-09', lines: [{ account: '1002', debit: 7000n }, { account: '1131', credit: 7000n }] },
  ]);
  const all = await accountLines(test_.database, actor, PENSION, '1131', period);
  const opening = BigInt(all.opening.replace('.', ''));
  const page = await accountLines(test_.database, actor, PENSION, '1131', period, { limit: 2, offset: 2 });
  assert.equal(page.total, 6);
  assert.equal(page.lines.length, 2);
  const yuan = (fen: bigint) => `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`;
  // before the third line: the opening plus the first two accruals
  assert.equal(page.pageOpening, yuan(opening + 1000n + 2000n));
  assert.deepEqual(page.lines.map((l) => l.balance), [yuan(opening + 6000n), yuan(opening + 10_000n)]);
  assert.match(page.lines[0].voucherNumber, /^记-2026-09-\d{4}$/);
  const last = await accountLines(test_.database, actor, PENSION, '1131', period, { limit: 2, offset: 4 });
  assert.equal(last.pageOpening, yuan(opening + 10_000n));
  assert.deepEqual(last.lines.map((l) => [l.credit, l.balance]), [['0.00', yuan(opening + 15_000n)], ['70.00', yuan(opening + 8000n)]]);
  assert.equal(last.lines[1].balance, last.closing, 'the last line ends at the month\'s closing balance');
  assert.equal(all.pageOpening, all.opening);
  const past = await accountLines(test_.database, actor, PENSION, '1131', period, { limit: 2, offset: 6 });
  assert.deepEqual([past.lines.length, past.pageOpening, past.total], [0, all.closing, 6]);
});
