/**
 * `sifund budget history [show] --region R [--fund F] [--format table|json|csv|xlsx|pdf --out FILE]`: the past final accounts;
 * `sifund budget history import --file F.xlsx|F.csv [--format json]`: import them (all rows or none).
 */
import type { Command } from 'commander';
import { addDataOption, checkFormat, printJson, runWithDatabase } from '../../../cli/context.ts';
import { systemActor } from '../../../platform/actor.ts';
import { addImportFileOptions, importFileOf } from '../../../platform/imports/cli.ts';
import { addReportOptions, writeReport } from '../../../platform/reports/cli.ts';
import { budgetHistory, importFinalAccounts } from './history.service.ts';
import { historyReport } from './history.report.ts';

export function registerHistoryCommands(program: Command) {
  const budget = program.commands.find((command) => command.name() === 'budget') ?? program.command('budget').description('fund budgets (社会保险基金预算)');
  const history = budget.command('history').description('历年决算: the past final accounts (years before go-live): show (the default) or import');
  // showing is the default subcommand (`budget history --region R`): options on `history` itself would take import's --format too
  addReportOptions(addDataOption(history.command('show', { isDefault: true })
    .description('the past final accounts of the funds of a region and below it, per fund the years with lines, totals and base data')))
    .requiredOption('--region <code>', 'region code: its funds and those of the regions below it')
    .option('--fund <code>', 'one fund, e.g. pension-990000')
    .action((options: { region: string; fund?: string; format: string; out?: string; data?: string }) => runWithDatabase('budget history', options, async ({ database }) => {
      const answer = await budgetHistory(database, systemActor('budget', ['budget.read']), { region: options.region, fund: options.fund });
      await writeReport(historyReport(answer), options);
    }));
  addDataOption(addImportFileOptions(history.command('import').description('import past final accounts in the standard layout (all rows or none; the same file twice applied once)'),
    'CSV or XLSX with 年度,险种,统筹区,科目编码,科目名称,决算数 (or year,scheme,region,subject,name,amount)'))
    .option('--format <format>', 'text or json', 'text')
    .action((options) => runWithDatabase('budget history import', options, async ({ database }) => {
      checkFormat(options.format, ['text', 'json']);
      const result = await importFinalAccounts(database, systemActor('budget', ['budget.draft']), importFileOf(options));
      if (options.format === 'json') printJson(result);
      else process.stdout.write(`${result.alreadyImported ? 'already imported: ' : ''}${result.fundYears} fund-years of ${result.funds.length} funds (${result.firstYear ?? '-'}–${result.lastYear ?? '-'}), ${result.rows} rows\n`);
    }));
}
