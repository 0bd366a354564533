/**
 * Billing benchmark (`npm run bench -- billing`): the demo city of 1,000,000 persons (BENCH_BILLING_PERSONS, e.g.
 * 100000 for a quick run) billed for its last month on a fresh embedded PostgreSQL. Reports seconds (the chunks, and
 * what follows them: the run's finish and the period's summary), CPU seconds of Node and PostgreSQL (bench/cpu.ts: on
 * a shared machine wall time varies twofold), bill lines, and Node's RSS when billing starts and at its peak during
 * billing — the process generated the demo city first, and RSS does not shrink back after it, so billing's own share
 * is the difference. The floor — PostgreSQL inserting the same rows (the run's bills, lines and items) into copies of
 * the three tables (same columns and indexes) in the same run, as the ledger bench measures posting — with the ratio
 * of the two, and beside it the synthetic lines floor used before. Linearity: a city a tenth
 * the size, billed in a second database of the same server; ten times its time is compared with the full run. And
 * the dunning list of the whole province a month after the due date, with every bill unpaid.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/platform/config.ts';
import { openDatabase, type DatabaseHandle } from '../src/platform/database.ts';
import { migrate } from '../src/platform/migrate.ts';
import { systemActor } from '../src/platform/actor.ts';
import { generateDemo } from '../src/modules/registry/demo/demo.service.ts';
import { runBilling } from '../src/modules/collection/billing/billing.service.ts';
import { dunningList } from '../src/modules/collection/arrears/arrears.service.ts';
import { addDays } from '../src/modules/ledger/index.ts';
import { withPeakRss } from './memory.ts';
import { cpuSample, cpuSince } from './cpu.ts';

const round = (value: number, places = 3) => Math.round(value * 10 ** places) / 10 ** places;
const log = (message: string) => process.stderr.write(`billing bench: ${message}\n`);

async function billCity(database: DatabaseHandle, dataDir: string, persons: number) {
  await migrate(database.pool);
  const demo = await generateDemo(database, { persons, employers: Math.round(persons / 25), years: 1, seed: 7, password: 'bench-password-1' });
  await database.pool.query('vacuum analyze');
  const period = demo.window.end.slice(0, 7);
  const rssAtStartMiB = round(process.memoryUsage.rss() / 2 ** 20, 1);
  const cpu = cpuSample(dataDir);
  const started = performance.now();
  let chunksDone = 0;
  const { result, peakRssMiB } = await withPeakRss(() => runBilling(database, systemActor('bench'), { period },
    ({ done, total }) => { if (done === total && chunksDone === 0) chunksDone = performance.now(); }));
  const finished = performance.now();
  const cpuSeconds = cpuSince(cpu, dataDir);
  const [{ due_date: dueDate }] = (await database.pool.query<{ due_date: string }>('select min(due_date)::text as due_date from bill')).rows;
  return {
    period, seconds: (finished - started) / 1000, summary: result.summary, rssAtStartMiB, peakRssMiB, dueDate, cpuSeconds,
    phases: { chunks: round((chunksDone - started) / 1000), finishAndSummary: round((finished - chunksDone) / 1000) },
  };
}

/** The bill tables billing writes, with the columns it fills (the rest keep their defaults). */
const billTables = ['bill', 'bill_line', 'bill_item'] as const;

/**
 * The floor, as the ledger's (bench/ledger.bench.ts): the raw insert of the same rows — the bills, lines and items the
 * run wrote for `period`, read back in the order they were written and staged in unlogged tables before the clock
 * starts — into empty copies of the three tables with their keys and indexes, no triggers or foreign keys; one
 * statement per table, so one backend. Seconds and CPU.
 */
async function floorSeconds(database: DatabaseHandle, dataDir: string, period: string) {
  const ofPeriod = {
    bill: 'select * from bill where period = $1 order by ctid',
    bill_line: 'select l.* from bill_line l join bill b on b.employer_id = l.employer_id and b.id = l.bill_id where b.period = $1 order by l.ctid',
    bill_item: 'select i.* from bill_item i join bill b on b.employer_id = i.employer_id and b.id = i.bill_id where b.period = $1 order by i.ctid',
  };
  for (const table of billTables) {
    await database.pool.query(`create unlogged table bench_staged_${table} as ${ofPeriod[table]}`, [period]);
    await database.pool.query(`create table bench_${table} (like ${table} including all)`);
  }
  await database.pool.query('checkpoint');
  const cpu = cpuSample(dataDir);
  const started = performance.now();
  for (const table of billTables) await database.pool.query(`insert into bench_${table} select * from bench_staged_${table}`);
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = cpuSince(cpu, dataDir);
  for (const table of billTables) await database.pool.query(`drop table bench_${table}, bench_staged_${table}`);
  return { seconds, cpuSeconds };
}

/**
 * The floor this bench used before (kept beside it for comparison across sessions): as many bill-line rows as the
 * run's lines, from generate_series with person ids in order, into a copy of bill_line — no bills, no items.
 */
async function syntheticLinesFloorSeconds(database: DatabaseHandle, lines: number) {
  await database.pool.query('create table bench_bill_line (like bill_line including all)');
  const started = performance.now();
  await database.pool.query(`insert into bench_bill_line (employer_id, bill_id, person_id, insurance, region_code, base, employer_rate, employee_rate, employer_amount, employee_amount)
    select k / 100, k / 100, k / 4, (array['pension', 'medical', 'unemployment', 'work_injury'])[1 + k % 4], '990102', 812345, 0.16, 0.08, 129975, 64988
    from generate_series(0, $1::bigint - 1) k`, [lines]);
  const seconds = (performance.now() - started) / 1000;
  await database.pool.query('drop table bench_bill_line');
  return seconds;
}

export async function run(): Promise<object> {
  const persons = Number(process.env.BENCH_BILLING_PERSONS ?? 1_000_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sifund-bench-billing-'));
  fs.chmodSync(dataDir, 0o755); // the embedded server runs as the postgres user when we are root
  const database = await openDatabase({ ...loadConfig({ data: dataDir }), databaseUrl: undefined }, { command: 'bench' });
  let small: DatabaseHandle | undefined;
  try {
    log(`generating and billing ${persons} persons`);
    const full = await billCity(database, dataDir, persons);
    log(`billed ${full.summary.lines} lines in ${full.seconds.toFixed(1)} s`);
    const floor = await floorSeconds(database, dataDir, full.period);
    const syntheticFloor = await syntheticLinesFloorSeconds(database, full.summary.lines);
    log(`floor ${floor.seconds.toFixed(1)} s (the synthetic lines floor ${syntheticFloor.toFixed(1)} s)`);
    // The dunning list of the whole province a month after the due date, every bill unpaid (late fees per bill).
    const dunningStarted = performance.now();
    const dunning = await dunningList(database, systemActor('bench'), { asOf: addDays(full.dueDate, 30), limit: 100 });
    const dunningSeconds = (performance.now() - dunningStarted) / 1000;
    log(`dunning list in ${dunningSeconds.toFixed(1)} s`);

    await database.pool.query('create database sifund_tenth');
    const url = new URL(database.url);
    url.pathname = '/sifund_tenth';
    small = await openDatabase({ ...loadConfig(), databaseUrl: url.toString() }, { command: 'bench' });
    const tenth = await billCity(small, dataDir, Math.round(persons / 10));
    log(`a tenth: ${tenth.summary.lines} lines in ${tenth.seconds.toFixed(1)} s`);
    return {
      postgres: 'embedded 15',
      persons, employers: Math.round(persons / 25), period: full.period,
      billed: { employers: full.summary.employers, persons: full.summary.persons, lines: full.summary.lines, total: full.summary.total },
      seconds: round(full.seconds), phases: full.phases, linesPerSecond: Math.round(full.summary.lines / full.seconds), goalSeconds: 60,
      cpuSeconds: full.cpuSeconds,
      nodeRssAtStartMiB: full.rssAtStartMiB, nodePeakRssMiB: full.peakRssMiB, nodeRssGrowthMiB: round(full.peakRssMiB - full.rssAtStartMiB, 1), goalNodePeakRssMiB: 512,
      floor: {
        lines: full.summary.lines, seconds: round(floor.seconds), cpuSeconds: floor.cpuSeconds, billingOverFloor: round(full.seconds / floor.seconds, 2), goalRatio: 2,
        billingCpuOverFloorCpu: full.cpuSeconds.total === null || floor.cpuSeconds.total === null ? null : round(full.cpuSeconds.total / floor.cpuSeconds.total, 2),
        syntheticLinesFloorSeconds: round(syntheticFloor), billingOverSyntheticLinesFloor: round(full.seconds / syntheticFloor, 2),
      },
      dunning: { asOf: dunning.asOf, employersInArrears: dunning.buckets.reduce((sum, b) => sum + b.employers, 0), seconds: round(dunningSeconds) },
      linearity: {
        tenthPersons: Math.round(persons / 10), tenthLines: tenth.summary.lines, tenthSeconds: round(tenth.seconds),
        tenTimesTenthOverFull: round((tenth.seconds * 10) / full.seconds, 2), goal: 'within 20% (0.8–1.2)',
      },
    };
  } finally {
    await small?.close();
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

// `node --import tsx bench/billing.bench.ts` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  run().then((result) => process.stdout.write(JSON.stringify(result, null, 2) + '\n'), (error) => { process.stderr.write(`${error.stack ?? error}\n`); process.exit(1); });
}
