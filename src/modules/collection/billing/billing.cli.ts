/** `sifund billing …`: run the monthly billing of a period (resumable, with a progress bar), summarise it, reassess, 延长缴费. */
import type { Command } from 'commander';
import { addDataOption, checkFormat, formatTable, printJson, progressBar, runWithDatabase } from '../../../cli/context.ts';
import { systemActor } from '../../../platform/actor.ts';
import { billingSummary, runBilling, type BillingSummary } from './billing.service.ts';
import { requestReassessment } from './reassessment.service.ts';
import { grantPensionExtension, pensionExtensions } from './pension-extension.service.ts';

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

  const registrar = systemActor('billing', ['registry.employment.write', 'registry.read']);
  addDataOption(billing.command('extend-pension').description('延长缴费: keep billing a person\'s pension past the statutory retirement age until the minimum contribution years are reached (社会保险法 第十六条)'))
    .requiredOption('--id-number <number>', 'the person\'s ID number (公民身份号码)')
    .requiredOption('--from <YYYY-MM>', 'first month billed (not before the retirement month)')
    .option('--to <YYYY-MM>', 'last month billed (default: until ended)')
    .requiredOption('--reason <text>', 'why: the contribution years still missing')
    .option('--employer <creditCode>', 'the employer, when the person has pension enrollments at several')
    .option('--format <format>', 'text or json', 'text')
    .action((options) => runWithDatabase('billing extend-pension', options, async ({ database }) => {
      checkFormat(options.format, ['text', 'json']);
      const granted = await grantPensionExtension(database, registrar, { idNumber: options.idNumber, from: options.from, to: options.to, reason: options.reason, employer: options.employer });
      if (options.format === 'json') { printJson(granted); return; }
      process.stdout.write(`延长缴费 granted: ${options.idNumber} at ${granted.employerName} (${granted.creditCode}) from ${granted.from}${granted.to ? ` to ${granted.to}` : ''}\n`);
    }));

  addDataOption(billing.command('pension-extensions').description('a person\'s 延长缴费 exceptions and their statutory retirement month'))
    .requiredOption('--id-number <number>', 'the person\'s ID number (公民身份号码)')
    .option('--format <format>', 'json or table', 'table')
    .action((options) => runWithDatabase('billing pension-extensions', options, async ({ database }) => {
      checkFormat(options.format, ['json', 'table']);
      const result = await pensionExtensions(database, registrar, { idNumber: options.idNumber });
      if (options.format === 'json') { printJson(result); return; }
      process.stdout.write(`statutory retirement month ${result.retirementMonth}\n`);
      process.stdout.write(formatTable(['from', 'to', 'creditCode', 'employer', 'reason', 'grantedBy'],
        result.extensions.map((x) => [x.from, x.to ?? '', x.creditCode, x.employerName, x.reason, x.grantedBy])));
    }));
}
