/**
 * The demo city's history through the services at volume (issue 13, goal: 100,000 persons × 24 months ≤ 10 minutes):
 * a fresh embedded PostgreSQL in a temporary data directory, migrated, then `generateDemo` with --history-months for
 * 100,000 persons / 4,000 employers / 3 years / 24 months (override with BENCH_HISTORY_PERSONS, BENCH_HISTORY_EMPLOYERS,
 * BENCH_HISTORY_YEARS, BENCH_HISTORY_MONTHS). Reports the whole run's seconds, the history's seconds and where they
 * went (seconds per kind of step, summed over the months: billing, payments, late payments, payroll, sweeps, claims,
 * medical pre-allocation, year end), what it moved, and the goal met or not.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/platform/config.ts';
import { openDatabase } from '../src/platform/database.ts';
import { migrate } from '../src/platform/migrate.ts';
import { generateDemo } from '../src/modules/registry/demo/demo.service.ts';

const GOAL_SECONDS = 600;

export async function run(): Promise<object> {
  const persons = Number(process.env.BENCH_HISTORY_PERSONS ?? 100_000);
  const employers = Number(process.env.BENCH_HISTORY_EMPLOYERS ?? Math.round(persons / 25));
  const years = Number(process.env.BENCH_HISTORY_YEARS ?? 3);
  const historyMonths = Number(process.env.BENCH_HISTORY_MONTHS ?? 24);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sifund-bench-history-'));
  fs.chmodSync(dataDir, 0o755);   // the embedded server runs as the postgres user when we are root
  const database = await openDatabase({ ...loadConfig({ data: dataDir }), databaseUrl: undefined }, { command: 'bench' });
  try {
    await migrate(database.pool);
    process.stderr.write(`  ${persons} persons, ${employers} employers, ${years} years, ${historyMonths} months of history\n`);
    const summary = await generateDemo(database, { persons, employers, years, seed: 9, password: 'bench-password-1', historyMonths }, {
      log: (message) => process.stderr.write(`  ${message}\n`),
    });
    const history = summary.history!;
    return {
      parameters: { persons, employers, years, historyMonths, seed: 9 },
      seconds: summary.seconds,
      historySeconds: history.seconds,
      secondsPerMonth: Math.round((history.seconds / historyMonths) * 10) / 10,
      goal: { persons: 100_000, months: 24, seconds: GOAL_SECONDS, met: persons >= 100_000 && historyMonths >= 24 ? summary.seconds <= GOAL_SECONDS : null },
      loadPhases: summary.phases,
      historyPhases: history.phases,
      totals: history.totals,
      counts: history.counts,
      interest: history.interest,
      nodePeakRssMiB: Math.round(process.resourceUsage().maxRSS / 102.4) / 10,
    };
  } finally {
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
