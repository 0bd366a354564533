/**
 * Ledger benchmark (`npm run bench -- ledger`): posting throughput in journal lines per second through postEntries
 * in batches, the raw-insert floor for the same rows in the same run, and the trial balance latency of a fund with
 * 10,000,000 journal lines. Runs on its own embedded PostgreSQL in a temporary directory.
 * Posting and floor alternate over LEDGER_BENCH_ROUNDS rounds (default 3); the medians are reported, each round's too.
 * The entries span 12 months of one fund, so posting writes them in two lanes; `oneMonth` posts as many lines in one
 * month (one lane).
 * Scale with LEDGER_BENCH_POST_LINES (default 200000), LEDGER_BENCH_BATCH_LINES (default POSTING_BATCH_LINES, posting's own)
 * and LEDGER_BENCH_JOURNAL_LINES (default 10000000).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/platform/config.ts';
import { openDatabase, type DatabaseHandle } from '../src/platform/database.ts';
import { migrate } from '../src/platform/migrate.ts';
import { systemActor } from '../src/platform/actor.ts';
import { reserveIds, idExpression } from '../src/platform/ids.ts';
import { ensureFunds, postEntries, getTrialBalance, type EntryInput } from '../src/modules/ledger/index.ts';
import { POSTING_BATCH_LINES } from '../src/modules/ledger/posting.service.ts';
import { cpuSample, cpuSince } from './cpu.ts';

const FUND = 'pension-990000';
const elapsed = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

/** Premium accruals (2 lines) and receipts split over two bills (3 lines), across `months` months (12 unless said). */
function entries(count: number, prefix: string, months = 12): EntryInput[] {
  const list: EntryInput[] = [];
  for (let i = 0; i < count; i++) {
    const period = `2025-${String((i % months) + 1).padStart(2, '0')}`;
    const date = `${period}-${String((i % 28) + 1).padStart(2, '0')}`;
    const amount = BigInt(10_000 + (i % 9973) * 17);
    list.push(i % 2 === 0
      ? { key: `${prefix}-${i}`, fund: FUND, period, date, memo: '应收保险费', source: { type: 'bill', id: `B${i}` }, lines: [{ account: '1131', debit: amount }, { account: '4001', credit: amount }] }
      : { key: `${prefix}-${i}`, fund: FUND, period, date, memo: '收款', source: { type: 'payment', id: `P${i}` }, lines: [{ account: '1002', debit: amount }, { account: '1131', credit: amount - 1n }, { account: '1161', credit: 1n }] });
  }
  return list;
}

async function seed(database: DatabaseHandle) {
  await database.pool.query(`insert into region values ('990000', '示范省', 'province', null, now()), ('990100', '示范市', 'city', '990000', now()) on conflict do nothing`);
  await database.pool.query(`insert into pooling_region values ('pension', '990000'), ('medical', '990100'), ('unemployment', '990100'), ('work_injury', '990100') on conflict do nothing`);
  await ensureFunds(database);
}

/** The floor: the same line rows into a plain table with the same primary key, no triggers or foreign keys, same batches. */
async function rawInsert(database: DatabaseHandle, dataDir: string, lines: number, batch: number): Promise<{ seconds: number; cpuSeconds: ReturnType<typeof cpuSince> }> {
  await database.pool.query(`create table bench_raw_line (like accounting_entry_line including defaults)`);
  await database.pool.query(`alter table bench_raw_line add primary key (fund_id, entry_id, line_number)`);
  await database.pool.query(`create index on bench_raw_line (fund_id, account_id, period)`);
  const start = process.hrtime.bigint();
  const cpu = cpuSample(dataDir);
  for (let done = 0; done < lines; done += batch) {
    const n = Math.min(batch, lines - done);
    const seq = Array.from({ length: n }, (_, k) => done + k);
    await database.pool.query(`insert into bench_raw_line (fund_id, entry_id, line_number, account_id, region_code, period, value_date, debit, credit, subject, reference, memo)
      select * from unnest($1::bigint[], $2::bigint[], $3::int2[], $4::bigint[], $5::text[], $6::text[], $7::date[], $8::bigint[], $9::bigint[], $10::text[], $11::text[], $12::text[])`, [
      seq.map(() => '1'), seq.map((k) => String(Math.floor(k / 2))), seq.map((k) => (k % 2) + 1), seq.map((k) => String(k % 7)), seq.map(() => '990000'),
      seq.map((k) => `2025-${String((k % 12) + 1).padStart(2, '0')}`), seq.map((k) => `2025-${String((k % 12) + 1).padStart(2, '0')}-10`),
      seq.map((k) => (k % 2 ? '0' : '100')), seq.map((k) => (k % 2 ? '100' : '0')), seq.map(() => null), seq.map(() => null), seq.map(() => null),
    ]);
  }
  const seconds = elapsed(start);
  const cpuSeconds = cpuSince(cpu, dataDir);
  await database.pool.query('drop table bench_raw_line');
  return { seconds, cpuSeconds };
}

/**
 * Fills the fund's journal to `target` lines with set-based SQL through the same tables and triggers (lines and
 * headers in one statement per chunk), two-line entries spread over 36 months and ten accounts.
 */
async function fillJournal(database: DatabaseHandle, target: number, onProgress: (lines: number) => void) {
  const { rows: [fund] } = await database.pool.query(`select id, region_code from fund where code = $1`, [FUND]);
  const { rows: accounts } = await database.pool.query(`select id from fund_account where fund_id = $1 and role in ('receivable', 'revenue', 'payable', 'expense') order by code limit 10`, [fund.id]);
  const ids = accounts.map((a) => String(a.id));
  const { rows: [{ n }] } = await database.pool.query(`select coalesce(sum(line_count), 0)::bigint as n from account_balance where fund_id = $1`, [fund.id]);
  let lines = Number(n);
  const chunkEntries = 250_000;
  let chunk = 0;
  while (lines < target) {
    const count = Math.min(chunkEntries, Math.ceil((target - lines) / 2));
    const block = reserveIds(count);
    const client = await database.pool.connect();
    try {
      await client.query('begin');
      await client.query(`create temporary table fill on commit drop as
        select ${idExpression(block, 'k')} as id, k, ('2023-01-01'::date + ((k * 7 + ${chunk}) % 36) * interval '1 month')::date as month
          from generate_series(0, ${count - 1}) as k`);
      // voucher numbers continue each month's counter, as posting does (0018_voucher_numbers.sql)
      await client.query(`with lines as (
          insert into accounting_entry_line (fund_id, entry_id, line_number, account_id, region_code, period, value_date, debit, credit)
          select $1, f.id, s.n, ($3::bigint[])[1 + ((f.k + s.n * 3) % 10)], $2, to_char(f.month, 'YYYY-MM'), f.month + (f.k % 28)::int,
                 case when s.n = 1 then 100 + f.k % 9000 else 0 end, case when s.n = 2 then 100 + f.k % 9000 else 0 end
            from fill f cross join (values (1), (2)) as s(n)),
        counters as (
          insert into voucher_counter as c (fund_id, period, region_code, last_number)
          select $1, to_char(month, 'YYYY-MM'), $2, count(*) from fill group by month order by month
          on conflict (fund_id, period) do update set last_number = c.last_number + excluded.last_number returning c.period, c.last_number)
        insert into accounting_entry (fund_id, id, region_code, period, value_date, kind, memo, idempotency_key, content_hash, line_count, total, created_by, voucher_number)
        select $1, f.id, $2, c.period, f.month + (f.k % 28)::int, 'import', 'bench fill', 'fill-' || f.id, '-', 2, 100 + f.k % 9000, 'bench',
               c.last_number - count(*) over (partition by f.month) + row_number() over (partition by f.month order by f.id)
          from fill f join counters c on c.period = to_char(f.month, 'YYYY-MM')`, [fund.id, fund.region_code, ids]);
      await client.query('commit');
    } catch (error) { await client.query('rollback'); throw error; } finally { client.release(); }
    lines += count * 2;
    chunk++;
    onProgress(lines);
  }
  return lines;
}

export async function run(): Promise<object> {
  const postLines = Number(process.env.LEDGER_BENCH_POST_LINES ?? 200_000);
  const journalLines = Number(process.env.LEDGER_BENCH_JOURNAL_LINES ?? 10_000_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sifund-bench-ledger-'));
  fs.chmodSync(dataDir, 0o755);
  const database = await openDatabase({ ...loadConfig({ data: dataDir }), databaseUrl: undefined }, { command: 'bench' });
  const log = (message: string) => process.stderr.write(`ledger bench: ${message}\n`);
  try {
    await migrate(database.pool);
    await seed(database);
    const actor = systemActor('bench');
    // warm-up (plans, caches), not counted
    await postEntries(database, actor, entries(2_000, 'warm'), { kind: 'import' });
    const batchLines = Number(process.env.LEDGER_BENCH_BATCH_LINES ?? POSTING_BATCH_LINES);
    // Rounds of posting, each followed by the raw floor of the same rows in the same conditions: the medians are
    // reported (a single round of ~3 s varied by a quarter between runs on this machine).
    const rounds: { postingSeconds: number; postingCpu: ReturnType<typeof cpuSince>; rawSeconds: number; rawCpu: ReturnType<typeof cpuSince> }[] = [];
    let linesPosted = 0, entriesPosted = 0, retrySeconds = 0, allExisting = false;
    for (let round = 0; round < Number(process.env.LEDGER_BENCH_ROUNDS ?? 3); round++) {
      const list = entries(Math.round(postLines / 2.5), `post${round}`);
      linesPosted = list.reduce((s, e) => s + e.lines.length, 0);
      entriesPosted = list.length;
      let start = process.hrtime.bigint();
      const cpu = cpuSample(dataDir);
      await postEntries(database, actor, list, { kind: 'import', batchLines });
      const postingSeconds = elapsed(start);
      const postingCpu = cpuSince(cpu, dataDir);
      if (round === 0) {
        // the same call again: every key is already posted, nothing is written
        start = process.hrtime.bigint();
        const again = await postEntries(database, actor, list, { kind: 'import', batchLines });
        retrySeconds = elapsed(start);
        allExisting = again.every((r) => r.status === 'existing');
      }
      const raw = await rawInsert(database, dataDir, linesPosted, batchLines);
      rounds.push({ postingSeconds, postingCpu, rawSeconds: raw.seconds, rawCpu: raw.cpuSeconds });
      log(`round ${round + 1}: posted ${linesPosted} lines in ${postingSeconds.toFixed(2)} s; raw floor ${raw.seconds.toFixed(2)} s`);
    }
    // One fund and one month (a month's billing): one lane, the batches one after another.
    const oneMonth = entries(Math.round(postLines / 2.5), 'month', 1);
    const oneMonthStart = process.hrtime.bigint();
    await postEntries(database, actor, oneMonth, { kind: 'import', batchLines });
    const oneMonthSeconds = elapsed(oneMonthStart);
    const oneMonthLines = oneMonth.reduce((sum, entry) => sum + entry.lines.length, 0);
    log(`one month: posted ${oneMonthLines} lines in ${oneMonthSeconds.toFixed(2)} s`);
    const median = (values: number[]) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const postingSeconds = median(rounds.map((r) => r.postingSeconds));
    const rawSeconds = median(rounds.map((r) => r.rawSeconds));
    const middle = rounds.find((r) => r.postingSeconds === postingSeconds)!;
    const cpuRatio = (r: (typeof rounds)[number]) => (r.postingCpu.total !== null && r.rawCpu.total ? r.postingCpu.total / r.rawCpu.total : null);

    let start = process.hrtime.bigint();
    const filled = await fillJournal(database, journalLines, (lines) => log(`journal filled to ${lines} lines`));
    const fillSeconds = elapsed(start);
    await database.pool.query('vacuum analyze account_balance');
    const latencies: number[] = [];
    let accounts = 0;
    for (let i = 0; i < 7; i++) {
      start = process.hrtime.bigint();
      const tb = await getTrialBalance(database, actor, FUND, '2025-12');
      latencies.push(elapsed(start) * 1000);
      accounts = tb.accounts.length;
      if (tb.totals.closing !== '0.00') throw new Error('trial balance does not balance');
    }
    const sorted = latencies.slice(1).sort((a, b) => a - b);
    return {
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), postgres: 'embedded 15', loadAverage: os.loadavg().map((l) => round(l)) },
      posting: {
        lines: linesPosted, entries: entriesPosted, batchLines, rounds: rounds.length, seconds: round(postingSeconds), linesPerSecond: Math.round(linesPosted / postingSeconds),
        secondsEachRound: rounds.map((r) => round(r.postingSeconds)), cpuSeconds: middle.postingCpu, goalLinesPerSecond: 60_000,
        idempotentRepostSeconds: round(retrySeconds), idempotentRepostAllExisting: allExisting,
        /** The same number of lines in one fund and one month, so in one lane (posting.service.ts, POSTING_LANES). */
        oneMonth: { lines: oneMonthLines, seconds: round(oneMonthSeconds), linesPerSecond: Math.round(oneMonthLines / oneMonthSeconds) },
      },
      rawInsertFloor: {
        lines: linesPosted, seconds: round(rawSeconds), linesPerSecond: Math.round(linesPosted / rawSeconds), secondsEachRound: rounds.map((r) => round(r.rawSeconds)),
        cpuSeconds: middle.rawCpu,
        /** Median over the rounds of posting time ÷ the raw floor's time in the same round. */
        postingTimeOverRaw: round(median(rounds.map((r) => r.postingSeconds / r.rawSeconds))), goalPostingTimeOverRaw: 2.5,
        postingCpuOverRaw: rounds.every((r) => cpuRatio(r) !== null) ? round(median(rounds.map((r) => cpuRatio(r)!))) : null,
      },
      trialBalance: {
        fund: FUND, journalLines: filled, accounts, fillSeconds: round(fillSeconds), runs: sorted.length,
        medianMs: round(sorted[Math.floor(sorted.length / 2)]), maxMs: round(sorted[sorted.length - 1]), goalMs: 200,
      },
    };
  } finally {
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const round = (value: number) => Math.round(value * 1000) / 1000;

// `node --import tsx bench/ledger.bench.ts` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  run().then((result) => process.stdout.write(JSON.stringify(result, null, 2) + '\n'), (error) => { process.stderr.write(`${error.stack ?? error}\n`); process.exit(1); });
}
