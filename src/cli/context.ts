/**
 * Shared plumbing for `sifund` commands: every command takes `--data DIR` or honours DATABASE_URL, opens the
 * database (embedded or external), migrates it, and reports errors in one shape with a non-zero exit code.
 */
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { loadConfig, type Config } from '../platform/config.ts';
import { openDatabase, type DatabaseHandle } from '../platform/database.ts';
import { migrate } from '../platform/migrate.ts';
import { AppError, invalid } from '../platform/errors.ts';

export interface CommandContext { config: Config; database: DatabaseHandle }

export function addDataOption(command: Command): Command {
  return command.option('--data <dir>', 'data directory of the embedded PostgreSQL (default ./data or SIFUND_DATA_DIR); ignored when DATABASE_URL is set');
}

/** Opens the database for a command, runs it, closes everything; exit code 1 on failure. */
export async function runWithDatabase(commandName: string, options: { data?: string }, work: (context: CommandContext) => Promise<number | void>) {
  const config = loadConfig({ data: options.data });
  let database: DatabaseHandle | undefined;
  let code = 0;
  try {
    database = await openDatabase(config, { command: commandName });
    await migrate(database.pool);
    code = (await work({ config, database })) ?? 0;
  } catch (error) {
    code = 1;
    if (error instanceof AppError) {
      process.stderr.write(`error: ${error.message}\n`);
      const rows = error.rows ?? [];
      for (const row of rows.slice(0, 100)) process.stderr.write(`  row ${row.row}, ${row.field}: ${row.message}\n`);
      if (rows.length > 100) process.stderr.write(`  … and ${rows.length - 100} more problems\n`);
    } else process.stderr.write(`error: ${(error as Error).message ?? error}\n`);
  } finally {
    await database?.close().catch(() => {});
  }
  process.exitCode = code;
}

/** A progress bar on a terminal; silent (one line at the end) otherwise. */
export function progressBar(label: string) {
  if (!process.stderr.isTTY) {
    return { start(_total: number) {}, update(_value: number) {}, stop() {} };
  }
  const bar = new cliProgress.SingleBar({ format: `${label} [{bar}] {percentage}% {value}/{total} {duration_formatted}`, stream: process.stderr }, cliProgress.Presets.shades_classic);
  return { start(total: number) { bar.start(total, 0); }, update(value: number) { bar.update(value); }, stop() { bar.stop(); } };
}

export function printJson(value: unknown) {
  process.stdout.write(JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v), 2) + '\n');
}

/** Refuses an unknown --format value, naming the allowed ones. */
export function checkFormat(format: string, allowed: string[]) {
  if (!allowed.includes(format)) throw invalid('format', `must be one of ${allowed.join(', ')}`);
}

/** Display width: CJK characters take two columns on a terminal. */
const width = (text: string) => [...text].reduce((w, ch) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);

/** A plain-text table for the terminal, with the given columns right-aligned (money). */
export function formatTable(headers: string[], rows: string[][], rightAligned: number[] = []): string {
  const widths = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const cell = (text: string, i: number) => {
    const pad = ' '.repeat(widths[i] - width(text));
    return rightAligned.includes(i) ? pad + text : text + pad;
  };
  const line = (cells: string[]) => cells.map(cell).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
}
