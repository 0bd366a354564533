/**
 * CPU seconds of this Node process and of the embedded PostgreSQL server (the postmaster, its live backends, and
 * the children it has already reaped), read from /proc: on a machine shared with other work, wall time varies
 * twofold between runs and CPU time much less, so the benches report both. Linux only; elsewhere `postgres` is null.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface CpuSample { node: number; postgres: number | null }

const TICKS_PER_SECOND = 100;

/** utime + stime (+ cutime + cstime when `withChildren`) of a process, in seconds; fields after the `(comm)`. */
function processSeconds(pid: number, withChildren: boolean): { seconds: number; parent: number } | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is state (field 3); utime is field 14, stime 15, cutime 16, cstime 17, ppid field 4
    const ticks = Number(fields[11]) + Number(fields[12]) + (withChildren ? Number(fields[13]) + Number(fields[14]) : 0);
    return { seconds: ticks / TICKS_PER_SECOND, parent: Number(fields[1]) };
  } catch {
    return null;
  }
}

function postgresSeconds(dataDir: string): number | null {
  let postmaster: number;
  try {
    postmaster = Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return null;
  }
  const own = processSeconds(postmaster, true);
  if (!own) return null;
  let total = own.seconds;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const child = processSeconds(Number(entry), false);
    if (child && child.parent === postmaster) total += child.seconds;
  }
  return total;
}

export function cpuSample(dataDir: string): CpuSample {
  const usage = process.cpuUsage();
  return { node: (usage.user + usage.system) / 1e6, postgres: postgresSeconds(dataDir) };
}

/** CPU seconds spent since `before`, rounded to hundredths. */
export function cpuSince(before: CpuSample, dataDir: string): { node: number; postgres: number | null; total: number | null } {
  const after = cpuSample(dataDir);
  const round = (value: number) => Math.round(value * 100) / 100;
  const node = round(after.node - before.node);
  const postgres = after.postgres === null || before.postgres === null ? null : round(after.postgres - before.postgres);
  return { node, postgres, total: postgres === null ? null : round(node + postgres) };
}
