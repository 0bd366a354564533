/**
 * Payments benchmark (`npm run bench -- payments`, issues 9 and 13): importing the bank's collection file
 * (`importCollectionFile`: check, record, allocate, post to the ledger, credit the individual accounts) into a billed
 * demo city of 20,000 persons (BENCH_PAYMENTS_PERSONS; employers a 25th of them) on a fresh embedded PostgreSQL.
 *
 * Two months as an agency sees them: the city is billed for the month before last and its on-time file imported on
 * the bills' due day — one payment per bill, every 10th employer paying 100.00 more (a credit, 暂收款), every 10th
 * paying nothing (arrears); then the last month is billed (held credits pay it) and a second file imported on the
 * new bills' due day, each employer paying its new bill, the arrears employers the old bill with it, principal first
 * and the late fee as of that day (what is not enough stays owed, what is more stays as a credit).
 *
 * Reports per file: payments, seconds, milliseconds per payment, CPU seconds of Node and PostgreSQL, and what the file
 * moved (allocated, credit, ledger entries, individual account entries), so that runs of two trees can be compared
 * for speed and for sameness. The goal: ~10× faster than the 25 ms per payment measured in the history bench.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/platform/config.ts';
import { openDatabase, type DatabaseHandle } from '../src/platform/database.ts';
import { migrate } from '../src/platform/migrate.ts';
import { systemActor } from '../src/platform/actor.ts';
import { onBusinessDay } from '../src/platform/params/index.ts';
import { formatYuan } from '../src/platform/money.ts';
import { generateDemo } from '../src/modules/registry/demo/demo.service.ts';
import { importCollectionFile, runBilling } from '../src/modules/collection/index.ts';
import { addMonths } from '../src/modules/ledger/index.ts';
import { cpuSample, cpuSince } from './cpu.ts';

const round = (value: number, places = 3) => Math.round(value * 10 ** places) / 10 ** places;
const log = (message: string) => process.stderr.write(`payments bench: ${message}\n`);
const actor = systemActor('payments', ['payment.record', 'billing.run']);

interface BillToPay { creditCode: string; number: string; total: bigint; dueDate: string }

async function regularBills(database: DatabaseHandle, period: string): Promise<BillToPay[]> {
  const { rows } = await database.pool.query<{ credit_code: string; number: string; total: string; due_date: string }>(`
    select e.credit_code, b.number, b.total::text as total, b.due_date::text as due_date
    from bill b join employer e on e.id = b.employer_id
    where b.period = $1 and b.kind = 'regular' and b.total > 0 order by e.credit_code`, [period]);
  return rows.map((r) => ({ creditCode: r.credit_code, number: r.number, total: BigInt(r.total), dueDate: r.due_date }));
}

/** What the database holds after a file: the counts and sums a faster import must leave the same. */
async function moved(database: DatabaseHandle) {
  const { rows: [row] } = await database.pool.query<Record<string, string>>(`
    select (select count(*) from payment)::text as payments,
      (select coalesce(sum(amount), 0) from payment_allocation where part <> 'credit')::text as allocated,
      (select coalesce(sum(amount), 0) from payment_allocation where part = 'late_fee')::text as late_fees,
      (select coalesce(sum(amount), 0) from payment_allocation where part = 'credit')::text as credit,
      (select count(*) from accounting_entry where source_type = 'payment')::text as ledger_entries,
      (select coalesce(sum(l.credit), 0) from accounting_entry_line l join accounting_entry e on e.fund_id = l.fund_id and e.id = l.entry_id
         where e.source_type = 'payment')::text as ledger_credits,
      (select count(*) from individual_account_entry)::text as individual_account_entries,
      (select coalesce(sum(amount), 0) from individual_account_entry)::text as individual_accounts,
      (select count(*) from audit_log)::text as audit_records`);
  return {
    payments: Number(row.payments), allocated: formatYuan(BigInt(row.allocated)), lateFees: formatYuan(BigInt(row.late_fees)), credit: formatYuan(BigInt(row.credit)),
    ledgerEntries: Number(row.ledger_entries), ledgerCredits: formatYuan(BigInt(row.ledger_credits)),
    individualAccountEntries: Number(row.individual_account_entries), individualAccounts: formatYuan(BigInt(row.individual_accounts)), auditRecords: Number(row.audit_records),
  };
}

async function importTimed(database: DatabaseHandle, dataDir: string, day: string, fileName: string, rows: string[]) {
  const content = Buffer.from(`date,creditCode,amount,reference\n${rows.join('\n')}\n`, 'utf8');
  const before = cpuSample(dataDir);
  const started = performance.now();
  const result = await onBusinessDay(day, () => importCollectionFile(database, actor, { fileName, content }));
  const seconds = (performance.now() - started) / 1000;
  return {
    day, payments: result.recorded, seconds: round(seconds), msPerPayment: round((seconds * 1000) / result.recorded, 2), cpuSeconds: cpuSince(before, dataDir),
    result: { amount: result.amount, allocated: result.allocated, credit: result.credit }, database: await moved(database),
  };
}

export async function run(): Promise<object> {
  const persons = Number(process.env.BENCH_PAYMENTS_PERSONS ?? 20_000);
  const employers = Math.round(persons / 25);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sifund-bench-payments-'));
  fs.chmodSync(dataDir, 0o755); // the embedded server runs as the postgres user when we are root
  const database = await openDatabase({ ...loadConfig({ data: dataDir }), databaseUrl: undefined }, { command: 'bench' });
  try {
    await migrate(database.pool);
    log(`generating ${persons} persons, ${employers} employers`);
    const demo = await generateDemo(database, { persons, employers, years: 1, seed: 7, password: 'bench-password-1' });
    const lastPeriod = demo.window.end.slice(0, 7), firstPeriod = addMonths(lastPeriod, -1);

    log(`billing ${firstPeriod}`);
    await runBilling(database, actor, { period: firstPeriod });
    await database.pool.query('vacuum analyze');
    const first = await regularBills(database, firstPeriod);
    const firstDay = first.reduce((day, b) => (b.dueDate > day ? b.dueDate : day), '');
    const arrears = new Set(first.filter((_, k) => k % 10 === 5).map((b) => b.creditCode));
    const onTime = first.filter((b) => !arrears.has(b.creditCode))
      .map((b, k) => `${firstDay},${b.creditCode},${formatYuan(b.total + (k % 10 === 0 ? 10_000n : 0n))},${b.number}`);
    log(`importing ${onTime.length} on-time payments of ${firstPeriod} on ${firstDay}`);
    const onTimeFile = await importTimed(database, dataDir, firstDay, `bench-collection-${firstPeriod}.csv`, onTime);
    log(`${onTimeFile.seconds} s, ${onTimeFile.msPerPayment} ms per payment`);

    log(`billing ${lastPeriod}`);
    await runBilling(database, actor, { period: lastPeriod });
    const last = await regularBills(database, lastPeriod);
    const lastDay = last.reduce((day, b) => (b.dueDate > day ? b.dueDate : day), '');
    const owedBefore = new Map(first.filter((b) => arrears.has(b.creditCode)).map((b) => [b.creditCode, b.total]));
    // the arrears employers pay the old bill and 1% more towards its late fee (some of them not enough, some too much)
    const nextRows = last.map((b) => {
      const old = owedBefore.get(b.creditCode) ?? 0n;
      return `${lastDay},${b.creditCode},${formatYuan(b.total + old + old / 100n)},${b.number}`;
    });
    log(`importing ${nextRows.length} payments of ${lastPeriod} (${owedBefore.size} with the arrears of ${firstPeriod}) on ${lastDay}`);
    const nextFile = await importTimed(database, dataDir, lastDay, `bench-collection-${lastPeriod}.csv`, nextRows);
    log(`${nextFile.seconds} s, ${nextFile.msPerPayment} ms per payment`);
    return {
      postgres: 'embedded 15', parameters: { persons, employers, seed: 7 }, periods: [firstPeriod, lastPeriod],
      onTimeFile, nextMonthFile: nextFile,
      goal: { msPerPayment: 2.5, why: 'the history bench measured ~25 ms per payment; 100,000 persons × 24 months in 10 minutes needs ~10× faster' },
    };
  } finally {
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

// `node --import tsx bench/payments.bench.ts` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  run().then((result) => process.stdout.write(JSON.stringify(result, null, 2) + '\n'), (error) => { process.stderr.write(`${error.stack ?? error}\n`); process.exit(1); });
}
