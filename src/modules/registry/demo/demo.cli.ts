/** `sifund demo`: a deterministic synthetic city (示范省 / 示范市) for exploring, demonstrating and benchmarking. */
import type { Command } from 'commander';
import { addDataOption, printJson, progressBar, runWithDatabase } from '../../../cli/context.ts';
import { invalid } from '../../../platform/errors.ts';
import { fieldRules } from '../../../platform/fields.messages.ts';
import { generateDemo, type DemoOptions, type DemoSummary } from './demo.service.ts';
import type { DemoHistory } from './history.service.ts';

function count(field: string, text: string): number {
  if (!/^\d[\d_]*$/.test(text)) throw invalid(field, fieldRules.wholeNumberGot({ text }));
  return Number(text.replaceAll('_', ''));
}

const thousands = (n: number) => n.toLocaleString('en-US');

export function summaryLine(summary: DemoSummary): string {
  const c = summary.counts;
  return `demo city 示范市: ${thousands(c.employers)} employers, ${thousands(c.persons)} persons, ${thousands(c.employments)} employments, ` +
    `${thousands(c.enrollments)} enrollments, ${thousands(c.baseDeclarations)} base declarations ` +
    `(history ${summary.window.start} … ${summary.window.end}, seed ${summary.seed}) in ${summary.seconds.toFixed(1)} s`;
}

/** The history's line: the months run through the services and what moved. */
export function historyLine(history: DemoHistory): string {
  const t = history.totals, c = history.counts;
  return `history ${history.firstMonth} … ${history.lastMonth} through the services (go-live ${history.goLive}): ${thousands(c.bills)} bills ${t.billed}, ` +
    `payments ${t.paid} (${thousands(c.paymentsOnTime)} on time, ${thousands(c.paymentsLate)} late, ${c.employersInArrears} employers in arrears), ` +
    `pensions paid ${t.pensionsPaid} to ${thousands(c.payees)} payees, claims paid ${t.claimsPaid}, medical pre-allocations ${t.medicalPrepayments}, fiscal subsidies ${t.fiscalSubsidies} ` +
    `in ${history.seconds.toFixed(1)} s`;
}

/** The generated passwords, one account a line (shown once: nothing keeps them but the hashes). */
export function passwordTable(passwords: Record<string, string>): string {
  const width = Math.max('username'.length, ...Object.keys(passwords).map((name) => name.length));
  const lines = Object.entries(passwords).map(([username, password]) => `  ${username.padEnd(width)}  ${password}`);
  return `generated passwords 初始密码 (shown once; each account has its own; choose one for all with --password):\n` +
    `  ${'username'.padEnd(width)}  password\n${lines.join('\n')}\n`;
}

export function registerDemoCommand(program: Command) {
  addDataOption(program.command('demo')
    .description('fill an empty registry with a synthetic demo city (示范省 990000 / 示范市 990100): regions, agencies, staff accounts, ' +
      'employers, persons, employment, enrollment and base declarations; the same seed gives the same data. ' +
      'Refuses when the registry already holds employers or persons.'))
    .option('--persons <n>', 'insured persons', '20000')
    .option('--employers <n>', 'employers (default: one per 25 persons)')
    .option('--years <n>', 'years of history, ending with the month before today', '3')
    .option('--seed <n>', 'random seed (0 – 2147483647)', '1')
    .option('--end-month <YYYY-MM>', 'last month of the history instead of last month (for reproducing a data set later)')
    .option('--password <password>', 'password of every demo staff account (without it each account gets its own, generated and shown once)')
    .option('--collection-model <model>', 'who collects contributions in the demo province from the start of the history: agency or tax (parameter collection.model; default as params/ says)')
    .option('--history-months <n>', 'run the last n months of the history through the services (billing, payments, payroll, claims, sweeps, subsidies); the funds go live n months back')
    .option('--format <format>', 'text or json', 'text')
    .action((options: { data?: string; persons: string; employers?: string; years: string; seed: string; endMonth?: string; password?: string; collectionModel?: string; historyMonths?: string; format: string }) =>
      runWithDatabase('demo', options, async ({ database }) => {
        const persons = count('persons', options.persons);
        const employers = options.employers === undefined ? Math.max(1, Math.round(persons / 25)) : count('employers', options.employers);
        const bar = progressBar('demo');
        let barRunning = false;
        const summary = await generateDemo(database, {
          persons, employers, years: count('years', options.years), seed: count('seed', options.seed),
          endMonth: options.endMonth, password: options.password, collectionModel: options.collectionModel as DemoOptions['collectionModel'],
          historyMonths: options.historyMonths === undefined ? undefined : count('historyMonths', options.historyMonths),
        }, {
          log: (message) => { if (!barRunning) process.stderr.write(`${message}\n`); },
          onProgress: (done, total) => {
            if (!barRunning && done < total) { bar.start(total); barRunning = true; }
            if (barRunning) bar.update(done);
            if (barRunning && done >= total) { bar.stop(); barRunning = false; }
          },
        });
        if (options.format === 'json') { printJson(summary); return; }
        process.stdout.write(`${summaryLine(summary)}\n`);
        if (summary.history) process.stdout.write(`${historyLine(summary.history)}\n`);
        if (summary.usersCreated.length) process.stdout.write(`staff accounts: ${summary.usersCreated.join(', ')}\n`);
        if (summary.generatedPasswords) process.stdout.write(passwordTable(summary.generatedPasswords));
        if (summary.usersKept.length) process.stdout.write(`existing accounts kept as they were: ${summary.usersKept.join(', ')}\n`);
        if (!summary.fastLoad) process.stdout.write('note: the connection does not own the tables, so indexes and foreign keys were kept during the load (slower)\n');
      }));
}
