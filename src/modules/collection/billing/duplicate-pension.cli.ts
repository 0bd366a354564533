/** `sifund collection duplicate-pensions`: the persons enrolled in pension at more than one employer in a period. */
import type { Command } from 'commander';
import { addDataOption, checkFormat, formatTable, printJson, runWithDatabase } from '../../../cli/context.ts';
import { systemActor } from '../../../platform/actor.ts';
import { duplicatePensions } from './duplicate-pension.service.ts';

export function registerDuplicatePensionCommand(collection: Command) {
  const actor = systemActor('collection', ['billing.read']);
  addDataOption(collection.command('duplicate-pensions').description('重复参保: persons enrolled in pension at more than one employer over a period\'s cut-off day, and the employment billed'))
    .requiredOption('--period <YYYY-MM>', 'contribution period')
    .option('--region <code>', 'region subtree (default: the province)')
    .option('--format <format>', 'json or table', 'table')
    .action((options) => runWithDatabase('collection duplicate-pensions', options, async ({ database }) => {
      checkFormat(options.format, ['json', 'table']);
      const report = await duplicatePensions(database, actor, { period: options.period, region: options.region });
      if (options.format === 'json') { printJson(report); return; }
      const rows = report.persons.flatMap((person) => person.employments.map((e) => [person.idNumber, person.name, e.creditCode, e.employerName, e.hiredOn, e.billed ? 'billed' : '']));
      process.stdout.write(formatTable(['idNumber', 'name', 'creditCode', 'employer', 'hiredOn', 'pension'], rows));
      process.stdout.write(`${report.period} region ${report.region}: ${report.persons.length} persons with more than one pension enrollment\n`);
    }));
}
