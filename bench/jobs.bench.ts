/**
 * Job runner benchmark (`npm run bench -- jobs`): what the runner costs per chunk. A job of 2,000 chunks, each
 * inserting one row in its chunk's transaction, against the floor — the same 2,000 transactions, each inserting the
 * same row, with no runner (no claim, no done mark, no lease) — on a fresh embedded PostgreSQL, with one and with
 * two workers. The runner's share of a real chunk (a billing chunk is ~1,000 employers, ~0.3–1 s) is this overhead
 * per chunk against that chunk's time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../src/platform/config.ts';
import { openDatabase } from '../src/platform/database.ts';
import { migrate } from '../src/platform/migrate.ts';
import { inScope, systemActor } from '../src/platform/actor.ts';
import { createOrFindJob, runJob, type JobDefinition } from '../src/platform/jobs/index.ts';

const CHUNKS = 2000;
const round = (value: number, places = 3) => Math.round(value * 10 ** places) / 10 ** places;

export async function run() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sifund-bench-jobs-'));
  fs.chmodSync(dataDir, 0o755); // embedded PostgreSQL runs as another user when we are root
  const database = await openDatabase({ ...loadConfig({ data: dataDir }), databaseUrl: undefined }, { command: 'bench' });
  try {
    await migrate(database.pool);
    await database.pool.query(`insert into region (code, name, level, parent_code) values ('990000', '示范省', 'province', null) on conflict do nothing`);
    await database.pool.query('create table bench_job_work (job text, chunk int, primary key (job, chunk))');
    const actor = systemActor('bench');
    const results: Record<string, object> = {};
    for (const workers of [1, 2]) {
      const kind: JobDefinition<object, { n: number }> = {
        kind: `bench.workers_${workers === 1 ? 'one' : 'two'}`, label: 'bench', permission: 'billing.run', workers,
        async runChunk(tx, { job }, { chunk }) { await sql`insert into bench_job_work values (${String(job.id)}, ${chunk})`.execute(tx); },
      };
      const { job } = await inScope(database, actor, (tx) => createOrFindJob(tx, actor, kind, {
        key: 'bench', regionCode: '990000', parameters: {}, chunks: Array.from({ length: CHUNKS }, (_, i) => ({ n: i })),
      }));
      let started = performance.now();
      const outcome = await runJob(database, job.id);
      const runnerSeconds = (performance.now() - started) / 1000;
      if (outcome !== 'completed') throw new Error(`bench job ended ${outcome}`);

      // The floor: the same transactions (scoped like a chunk's) and inserts, `workers` at a time, nothing else.
      let next = 0;
      started = performance.now();
      await Promise.all(Array.from({ length: workers }, async () => {
        while (next < CHUNKS) {
          const chunk = next++;
          await inScope(database, actor, (tx) => sql`insert into bench_job_work values (${`floor-${workers}`}, ${chunk})`.execute(tx));
        }
      }));
      const floorSeconds = (performance.now() - started) / 1000;
      results[`workers${workers}`] = {
        chunks: CHUNKS, runnerSeconds: round(runnerSeconds), floorSeconds: round(floorSeconds), ratio: round(runnerSeconds / floorSeconds, 2),
        overheadMsPerChunk: round(((runnerSeconds - floorSeconds) * 1000) / CHUNKS, 3),
      };
    }
    return { machine: { cpus: os.cpus().length, postgres: 'embedded 15', loadAverage: os.loadavg().map((l) => round(l, 2)) }, ...results };
  } finally {
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
