/** `sifund billing …`: run the monthly billing of a period (resumable, with a progress bar) and summarise it. */
import type { Command } from 'commander';
import { addDataOption, checkFormat, formatTable, printJson, progressBar, runWithDatabase } from '../../../cli/context.ts';
import { systemActor } from '../../../platform/actor.ts';
import { billingSummary, runBilling, type BillingSummary } from './billing.service.ts';
import { requestReassessment } from './reassessment.service.ts';

function printSummary(summary: BillingSummary) {
  process.stdout.write(`${summary.period} region ${summary.region}: ${summary.employers} employers, ${summary.persons} persons, ${summary.lines} lines, total ${summary.total}\n`);
  const rows = Object.entries(summary.totals).map(([insurance, t]) => [insurance, t.employer, t.employee]);
  process.stdout.write(formatTable(['insurance', 'employer', 'employee'], rows, [1, 2]));
}

export function registerBillingCommands(program: Command) {
  const billing = program.command('billing').description('monthly contribution billing (缴费核定): one bill per employer per period');
  const actor = systemActor('billing', ['billing.run', 'billing.read', 'billing.reassess.request']);

  addDataOption(billing.command('run').description('bill a period for a region subtree (a job: sifund jobs list); idempotent, resumes an interrupted run and follows one the server is working'))
    .requiredOption('--period <YYYY-MM>', 'contribution period')
    .option('--region <code>', 'region subtree (default: the province)')
    .option('--format <format>', 'text or json', 'text')
    .action((options) => runWithDatabase('billing run', options, async ({ database }) => {
      checkFormat(options.format, ['text', 'json']);
      const bar = progressBar(`billing ${options.period}`);
      let started = false;
      const result = await runBilling(database, actor, { period: options.period, region: options.region }, ({ done, total }) => {
        if (!started) { bar.start(total); started = true; }
        bar.update(done);
      });
      bar.stop();
      if (options.format === 'json') printJson(result);
      else {
        process.stdout.write(`billing job ${result.job.id}: ${result.job.status}, ${result.job.progress.done}/${result.job.progress.total} chunks\n`);
        printSummary(result.summary);
      }
    }));

  addDataOption(billing.command('summary').description('what the bills of a period add up to'))
    .requiredOption('--period <YYYY-MM>', 'contribution period')
    .option('--region <code>', 'region subtree (default: the province)')
    .option('--format <format>', 'json or table', 'table')
    .action((options) => runWithDatabase('billing summary', options, async ({ database }) => {
      checkFormat(options.format, ['json', 'table']);
      const summary = await billingSummary(database, actor, { period: options.period, region: options.region });
      if (options.format === 'json') printJson(summary);
      else printSummary(summary);
    }));

  addDataOption(billing.command('reassess').description('request the reassessment of an employer\'s period (补缴/更正): on approval in the inbox, a credit note and/or supplementary bill for the difference'))
    .requiredOption('--employer <creditCode>', 'the employer\'s unified social credit code')
    .requiredOption('--period <YYYY-MM>', 'contribution period to reassess (its own bases, rates and limits apply)')
    .option('--reason <text>', 'why, for the reviewers').option('--format <format>', 'text or json', 'text')
    .action((options) => runWithDatabase('billing reassess', options, async ({ database }) => {
      checkFormat(options.format, ['text', 'json']);
      const item = await requestReassessment(database, actor, { creditCode: options.employer, period: options.period, reason: options.reason });
      if (options.format === 'json') { printJson(item); return; }
      process.stdout.write(`reassessment of ${options.employer} ${options.period} requested: approval item ${item.id}, waiting for ${item.levels.map((l) => l.label).join(' → ')} (sifund approvals show --id ${item.id})\n`);
    }));
}
