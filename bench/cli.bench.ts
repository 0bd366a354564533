/**
 * Command-line start-up benchmark (`npm run bench -- cli`): wall time of whole `sifund` commands, from spawn to exit,
 * run from the bundle (dist/cli, what `sifund` runs after npm install/ci) and from the sources through tsx
 * (SIFUND_FROM_SOURCE=1, what it runs when the bundle is stale), plus `npx sifund --version` (npm's own start on top).
 * `audit verify` runs against a PostgreSQL this benchmark starts once (embedded, in a temporary directory) and passes as
 * DATABASE_URL, so it measures the command, not a database start. Medians in ms over CLI_BENCH_RUNS runs (default 10),
 * after one warm-up run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { loadConfig, projectRoot } from '../src/platform/config.ts';
import { openDatabase } from '../src/platform/database.ts';
import { generateDemo } from '../src/modules/registry/demo/demo.service.ts';

const RUNS = Number(process.env.CLI_BENCH_RUNS ?? 10);
const bin = path.join(projectRoot, 'bin', 'sifund.mjs');

function time(command: string, args: string[], env: NodeJS.ProcessEnv): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd: projectRoot, env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { medianMs: Math.round(median), minMs: Math.round(sorted[0]), maxMs: Math.round(sorted[sorted.length - 1]) };
}

function measure(command: string, args: string[], env: NodeJS.ProcessEnv) {
  time(command, args, env);
  return stats(Array.from({ length: RUNS }, () => time(command, args, env)));
}

/** Whether bin/sifund.mjs would run the bundle (else the "bundle" numbers would be the sources'). */
const bundleFresh = () => spawnSync(process.execPath, ['--input-type=module', '-e',
  `const m = await import(${JSON.stringify(path.join(projectRoot, 'scripts', 'cli-bundle.mjs'))}); process.exit(m.bundleIsFresh() ? 0 : 1)`]).status === 0;

export async function run() {
  const build = spawnSync(process.execPath, [path.join(projectRoot, 'scripts', 'build-cli.mjs'), '--if-stale'], { cwd: projectRoot, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`bundle: ${build.stderr}`);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sifund-cli-bench-'));
  fs.chmodSync(dataDir, 0o755);
  const database = await openDatabase({ ...loadConfig({ data: dataDir }), databaseUrl: undefined }, { command: 'bench', onMigrated: () => {} });
  try {
    await generateDemo(database, { persons: 200, employers: 10, years: 1, seed: 1, password: 'bench-pass-2024-cli', endMonth: '2026-06' });
    const records = Number((await database.pool.query<{ n: string }>('select count(*) as n from audit_log')).rows[0].n);
    const base = { ...process.env, SIFUND_DATA_DIR: dataDir, DATABASE_URL: database.url };
    const commands: Record<string, string[]> = {
      '--version': ['--version'],
      permissions: ['permissions'],
      'params show contribution.pension.employer_rate': ['params', 'show', 'contribution.pension.employer_rate'],
      'audit verify': ['audit', 'verify'],
    };
    if (!bundleFresh()) throw new Error('dist/cli is stale right after building it: are sources being edited?');
    const results: Record<string, unknown> = {};
    for (const [name, args] of Object.entries(commands)) {
      process.stderr.write(`  sifund ${name}\n`);
      results[name] = {
        bundle: measure(process.execPath, [bin, ...args], { ...base, SIFUND_FROM_SOURCE: '' }),
        source: measure(process.execPath, [bin, ...args], { ...base, SIFUND_FROM_SOURCE: '1' }),
      };
    }
    process.stderr.write('  npx sifund --version\n');
    const npx = measure('npx', ['--no-install', 'sifund', '--version'], { ...base, SIFUND_FROM_SOURCE: '' });
    const nodeAlone = measure(process.execPath, ['-e', ''], base);
    return { runs: RUNS, auditRecords: records, bundleStayedFresh: bundleFresh(), nodeAlone, npxSifundVersion: npx, commands: results };
  } finally {
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
