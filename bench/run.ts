/**
 * `npm run bench -- [names…]`: runs `bench/<name>.bench.ts` (every one when no name is given), each exporting
 * `run(): Promise<object>`, and prints one JSON object to stdout:
 * `{machine: {cpus, memoryGiB, node, …}, results: {<name>: {...}}}`. Progress goes to stderr.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const benchDir = import.meta.dirname;
const available = fs.readdirSync(benchDir).filter((file) => file.endsWith('.bench.ts')).map((file) => file.slice(0, -'.bench.ts'.length)).sort();
const requested = process.argv.slice(2).filter((arg) => arg !== '--');
const unknown = requested.filter((name) => !available.includes(name));
if (unknown.length) {
  process.stderr.write(`unknown benchmark${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')} (available: ${available.join(', ')})\n`);
  process.exit(2);
}

const machine = {
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
  loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100),
};
const results: Record<string, unknown> = {};
let failed = false;
for (const name of requested.length ? requested : available) {
  process.stderr.write(`bench ${name}…\n`);
  const started = performance.now();
  try {
    const module = (await import(pathToFileURL(path.join(benchDir, `${name}.bench.ts`)).href)) as { run(): Promise<object> };
    results[name] = await module.run();
  } catch (error) {
    failed = true;
    results[name] = { error: (error as Error).stack ?? String(error) };
  }
  process.stderr.write(`bench ${name} done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}
process.stdout.write(JSON.stringify({ machine, results }, (_key, value) => (typeof value === 'bigint' ? value.toString() : value), 2) + '\n');
process.exitCode = failed ? 1 : 0;
