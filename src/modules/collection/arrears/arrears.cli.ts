/** `sifund arrears` (an employer's arrears and late fees on a date) and `sifund dunning` (催缴清单 of a region). */
import type { Command } from 'commander';
import { addDataOption, checkFormat, formatTable, printJson, runWithDatabase } from '../../../cli/context.ts';
import { systemActor } from '../../../platform/actor.ts';
import { dunningList, employerArrears } from './arrears.service.ts';
import { dunningReport } from './arrears.report.ts';
import { addReportOptions, writeReport } from '../../../platform/reports/cli.ts';

export function registerArrearsCommands(program: Command) {
  const actor = systemActor('arrears', ['arrears.read']);

  addDataOption(program.command('arrears').description('an employer\'s arrears (欠费) and late fees (滞纳金, 社会保险法 art. 86) on a date'))
    .requiredOption('--employer <creditCode>', 'unified social credit code of the employer')
    .option('--as-of <YYYY-MM-DD>', 'the date (default today in China)')
    .option('--format <format>', 'json or table', 'table')
    .action((options) => runWithDatabase('arrears', options, async ({ database }) => {
      checkFormat(options.format, ['json', 'table']);
      const arrears = await employerArrears(database, actor, { creditCode: options.employer, asOf: options.asOf });
      if (options.format === 'json') { printJson(arrears); return; }
      process.stdout.write(`${arrears.creditCode} ${arrears.employerName} on ${arrears.asOf}: principal ${arrears.principal}, late fee ${arrears.lateFee}\n`);
      const rows = arrears.periods.map((p) => [p.period, p.dueDate, String(p.daysOverdue), p.principal, p.lateFee]);
      process.stdout.write(formatTable(['period', 'due date', 'days overdue', 'principal', 'late fee'], rows, [2, 3, 4]));
    }));

  addReportOptions(addDataOption(program.command('dunning').description('催缴清单: employers with overdue contributions or unpaid late fees, biggest first, with the ageing of arrears')))
    .option('--as-of <YYYY-MM-DD>', 'the date (default today in China)')
    .option('--region <code>', 'region subtree (default: the province)')
    .option('--limit <n>', 'at most this many employers in the table and JSON (default: every one; csv, xlsx and pdf always hold every one)')
    .action((options) => runWithDatabase('dunning', options, async ({ database }) => {
      const everyEmployer = options.limit === undefined || ['csv', 'xlsx', 'pdf'].includes(options.format);
      const list = await dunningList(database, actor, { asOf: options.asOf, region: options.region, limit: everyEmployer ? 'all' : Number(options.limit) });
      await writeReport(dunningReport(list), options);
    }));
}
