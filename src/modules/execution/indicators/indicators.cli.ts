/** `sifund execution indicators --year Y --region R --format table|json|csv|xlsx|pdf [--out FILE]`. */
import type { Command } from 'commander';
import { addDataOption, runWithDatabase } from '../../../cli/context.ts';
import { systemActor } from '../../../platform/actor.ts';
import { invalid } from '../../../platform/errors.ts';
import { fieldRules } from '../../../platform/fields.messages.ts';
import { addReportOptions, writeReport } from '../../../platform/reports/cli.ts';
import { indicatorsReport } from './indicators.report.ts';
import { listIndicators } from './indicators.service.ts';

/** Adds `indicators` to the `execution` command. */
export function registerIndicatorCommand(execution: Command) {
  addDataOption(addReportOptions(execution.command('indicators')
    .description('预算指标: per fund and expense line of the approved budget, approved, adjusted, allocated, committed, paid, available')
    .requiredOption('--year <year>', 'YYYY')
    .requiredOption('--region <code>', 'the region: its funds and those of the regions below')
    .option('--month <month>', '1 to 12: allocated runs to the end of this month (default: this month in the current year, December for a past year)')))
    .action((options) => runWithDatabase('execution indicators', options, async ({ database }) => {
      if (!/^\d{4}$/.test(options.year)) throw invalid('year', fieldRules.wholeNumberGot({ text: options.year }));
      if (options.month !== undefined && !/^\d{1,2}$/.test(options.month)) throw invalid('month', fieldRules.wholeNumberGot({ text: options.month }));
      const input = { year: Number(options.year), region: options.region as string, month: options.month === undefined ? undefined : Number(options.month) };
      await writeReport(indicatorsReport(input, await listIndicators(database, systemActor('execution-indicators', ['execution.read']), input)), options);
    }));
}
