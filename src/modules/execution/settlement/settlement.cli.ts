/**
 * `sifund execution final-accounts --year Y --region R [--draft] --format table|json|csv|xlsx|pdf [--out F]` and
 * `sifund execution settle --year Y --region R [--fund F] --format text|json` (registered by execution.cli.ts).
 */
import type { Command } from 'commander';
import { addDataOption, checkFormat, formatTable, printJson, runWithDatabase } from '../../../cli/context.ts';
import { systemActor } from '../../../platform/actor.ts';
import { invalid } from '../../../platform/errors.ts';
import { fieldRules } from '../../../platform/fields.messages.ts';
import { addReportOptions, writeReport } from '../../../platform/reports/cli.ts';
import { finalAccountsDocument } from './settlement.report.ts';
import { finalAccounts, submitSettlements } from './settlement.service.ts';

const yearOf = (text: string) => {
  if (!/^\d{4}$/.test(text)) throw invalid('year', fieldRules.wholeNumberGot({ text }));
  return Number(text);
};

export function registerSettlementCommands(execution: Command) {
  addDataOption(addReportOptions(execution.command('final-accounts')
    .description('决算: per fund and budget line, budget, actual, 完成预算% and gap of a year, with the causes of the largest gaps')
    .requiredOption('--year <year>', 'YYYY: a year that is over (or --draft)')
    .requiredOption('--region <code>', 'the region: its funds and those of the regions below')
    .option('--draft', 'the current year to today, marked 草案')))
    .action((options) => runWithDatabase('execution final-accounts', options, async ({ database }) => {
      const accounts = await finalAccounts(database, systemActor('execution-final-accounts', ['execution.read']), { year: yearOf(options.year), region: options.region, draft: options.draft === true });
      await writeReport(finalAccountsDocument(accounts), options);
    }));

  addDataOption(execution.command('settle')
    .description('年终清算: submit the settlement of a year that is over for sign-off (kind execution.year_end_settlement); the approval returns the 支出户\'s unspent balance to the 财政专户')
    .requiredOption('--year <year>', 'YYYY')
    .requiredOption('--region <code>', 'the region: its funds and those of the regions below')
    .option('--fund <code>', 'one fund (default: every fund not settled nor in sign-off)')
    .option('--format <format>', 'text or json', 'text'))
    .action((options) => runWithDatabase('execution settle', options, async ({ database }) => {
      checkFormat(options.format, ['text', 'json']);
      const items = await submitSettlements(database, systemActor('execution-settle', ['budget.draft']), { year: yearOf(options.year), region: options.region, fund: options.fund });
      if (options.format === 'json') return printJson({ items });
      process.stdout.write(formatTable(['id', 'title', 'status'], items.map((item) => [item.id, item.title, item.status])));
    }));
}
