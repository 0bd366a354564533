/**
 * The demo generator at volume: a fresh embedded PostgreSQL in a temporary data directory, migrated, then
 * `generateDemo` for 1,000,000 persons / 40,000 employers / 3 years (override with BENCH_DEMO_PERSONS,
 * BENCH_DEMO_EMPLOYERS, BENCH_DEMO_YEARS). Reports seconds, rows per table, persons per second, Node's peak RSS,
 * and the floor: PostgreSQL inserting 1,000,000 rows as wide as a person row from generate_series into a plain
 * table (no indexes) on the same server, with the ratio of the two.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/platform/config.ts';
import { openDatabase } from '../src/platform/database.ts';
import { migrate } from '../src/platform/migrate.ts';
import { generateDemo } from '../src/modules/registry/demo/demo.service.ts';
import { cpuSample, cpuSince } from './cpu.ts';

const round = (value: number, places = 2) => Math.round(value * 10 ** places) / 10 ** places;

export async function run(): Promise<object> {
  const persons = Number(process.env.BENCH_DEMO_PERSONS ?? 1_000_000);
  const employers = Number(process.env.BENCH_DEMO_EMPLOYERS ?? Math.round(persons / 25));
  const years = Number(process.env.BENCH_DEMO_YEARS ?? 3);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sifund-bench-demo-'));
  fs.chmodSync(dataDir, 0o755);   // the embedded server runs as the postgres user when we are root
  const database = await openDatabase({ ...loadConfig({ data: dataDir }), databaseUrl: undefined }, { command: 'bench' });
  try {
    await migrate(database.pool);
    const { rows: [{ version }] } = await database.pool.query<{ version: string }>(`select current_setting('server_version') as version`);

    // Floor: 1,000,000 rows of a person row's width, straight from generate_series into an unindexed table.
    await database.pool.query(`create table bench_floor (id bigint, id_number char(18), name text, gender char(1), birth_date date,
      hukou_type text, occupation text, phone text, region_code char(6), created_at timestamptz default now(), updated_at timestamptz default now())`);
    const floorStarted = performance.now();
    await database.pool.query(`insert into bench_floor (id, id_number, name, gender, birth_date, hukou_type, occupation, region_code)
      select k, lpad(k::text, 18, '0'), '王' || chr(19968 + k % 20000) || chr(19968 + k % 7919), case when k % 2 = 0 then 'F' else 'M' end,
        date '1960-01-01' + k % 20000, 'urban', '专业技术人员', '990102'
      from generate_series(1, 1000000) k`);
    const floorSeconds = (performance.now() - floorStarted) / 1000;
    await database.pool.query('drop table bench_floor');

    process.stderr.write(`  floor ${floorSeconds.toFixed(2)} s; generating ${persons} persons, ${employers} employers, ${years} years\n`);
    let lastReport = 0;
    const cpu = cpuSample(dataDir);
    const phaseCpu: Record<string, number | null> = {};
    let phaseStart = cpu;
    const summary = await generateDemo(database, { persons, employers, years, seed: 7, password: 'bench-password-1' }, {
      log: (message) => process.stderr.write(`  ${message}\n`),
      onPhase: (name) => { phaseCpu[name] = cpuSince(phaseStart, dataDir).total; phaseStart = cpuSample(dataDir); },
      onProgress: (done, total) => {
        if (done === total || performance.now() - lastReport > 5000) { lastReport = performance.now(); process.stderr.write(`  ${Math.round((done / total) * 100)}%\n`); }
      },
    });
    const cpuSeconds = cpuSince(cpu, dataDir);
    const totalRows = Object.values(summary.counts).reduce((sum, n) => sum + n, 0);
    const { rows: [{ size }] } = await database.pool.query<{ size: string }>(`select pg_size_pretty(pg_database_size(current_database())) as size`);
    return {
      postgres: version,
      parameters: { persons, employers, years, seed: 7 },
      seconds: summary.seconds,
      phases: summary.phases,
      /** CPU seconds of Node and of PostgreSQL during the run: on two cores, half the total is what no overlap gets under. */
      cpuSeconds,
      /** CPU seconds (Node and PostgreSQL) of each phase. */
      phaseCpuSeconds: phaseCpu,
      rows: summary.counts,
      totalRows,
      personsPerSecond: Math.round(persons / summary.seconds),
      rowsPerSecond: Math.round(totalRows / summary.seconds),
      nodePeakRssMiB: round(process.resourceUsage().maxRSS / 1024, 1),
      databaseSize: size,
      fastLoad: summary.fastLoad,
      floor: { rows: 1_000_000, seconds: round(floorSeconds, 3), rowsPerSecond: Math.round(1_000_000 / floorSeconds) },
      /** Generator seconds over the floor's seconds (the generator writes `totalRows`, the floor 1,000,000). */
      ratioToFloor: round(summary.seconds / floorSeconds, 1),
      /** Floor rows per second over the generator's rows per second (1 = as fast as a bare insert, indexes and all). */
      throughputRatioToFloor: round((1_000_000 / floorSeconds) / (totalRows / summary.seconds), 2),
    };
  } finally {
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
