/** `sifund budget draft --year YYYY --region CODE [--format table|json|csv|xlsx|pdf --out FILE]`: the region's draft budget tables. */
import type { Command } from 'commander';
import { addDataOption, runWithDatabase } from '../../../cli/context.ts';
import { systemActor } from '../../../platform/actor.ts';
import { addReportOptions, writeReport } from '../../../platform/reports/cli.ts';
import { draftBudget } from './draft.service.ts';
import { draftReport } from './draft.report.ts';

export function registerBudgetCommands(program: Command) {
  const budget = program.command('budget').description('fund budgets (社会保险基金预算)');
  addReportOptions(addDataOption(budget.command('draft')
    .description('draft the budget tables of a year (社预01–08) for the funds of a region and below it, forecast from the cash-basis ledger')))
    .requiredOption('--year <YYYY>', 'the budget year, after the year of the last complete month')
    .requiredOption('--region <code>', 'region code: its funds and those of the regions below it')
    .action((options: { year: string; region: string; format: string; out?: string; data?: string }) => runWithDatabase('budget draft', options, async ({ database }) => {
      const draft = await draftBudget(database, systemActor('budget', ['ledger.read']), { year: options.year, region: options.region });
      await writeReport(draftReport(draft), options);
    }));
}
