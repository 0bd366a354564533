/**
 * `sifund budget create|show|adjust|target|submit|diff|aggregate|adjustments`: budget versions from the command line,
 * beside `budget draft`; `adjust --input` and `adjustments` are the adjustments of an approved budget (adjustments.cli.ts). The console drafts as the system actor system:budget; 复核 and 审批 are decided by named users
 * (`sifund approvals decide --username …`, or the web's 待办), never by the drafter.
 */
import type { Command } from 'commander';
import { addDataOption, printJson, runWithDatabase } from '../../../cli/context.ts';
import { systemActor } from '../../../platform/actor.ts';
import { invalid } from '../../../platform/errors.ts';
import { fieldRules } from '../../../platform/fields.messages.ts';
import { addReportOptions, writeReport } from '../../../platform/reports/cli.ts';
import { adjustLine, aggregateVersion, createVersion, diffVersions, findVersion, setTarget, submitVersion } from './versions.service.ts';
import { diffReport, versionReport } from './versions.report.ts';
import { adjustFromFile, registerAdjustmentCommands } from '../adjustments/adjustments.cli.ts';
import { adjustmentSaid } from '../adjustments/adjustments.messages.ts';

const drafter = () => systemActor('budget', ['budget.read', 'budget.draft', 'ledger.read']);

/** A version id or number: decimal digits. */
function digits(value: string, field: string): string {
  if (!/^[0-9]{1,19}$/.test(value ?? '')) throw invalid(field, fieldRules.wholeNumberGot({ text: String(value) }));
  return value;
}

export function registerVersionCommands(program: Command) {
  const budget = program.commands.find((command) => command.name() === 'budget') ?? program.command('budget').description('fund budgets (社会保险基金预算)');
  const yearAndRegion = (command: Command) => command
    .requiredOption('--year <YYYY>', 'the budget year').requiredOption('--region <code>', 'region code');

  addReportOptions(addDataOption(yearAndRegion(budget.command('create')
    .description('draft the region\'s budget from its ledger and keep its own fund tables as a new version (drafted)'))))
    .action((options) => runWithDatabase('budget create', options, async ({ database }) => {
      await writeReport(versionReport(await createVersion(database, drafter(), { year: options.year, region: options.region })), options);
    }));

  addReportOptions(addDataOption(yearAndRegion(budget.command('show')
    .description('a version of the region\'s budget in the standard layout (社预01, each fund\'s table, the performance targets)'))))
    .option('--version <N>', 'the version number (default: the newest)')
    .action((options) => runWithDatabase('budget show', options, async ({ database }) => {
      const number = options.version === undefined ? undefined : Number(digits(options.version, 'version'));
      await writeReport(versionReport(await findVersion(database, drafter(), { year: options.year, region: options.region, number })), options);
    }));

  addDataOption(budget.command('adjust').description('with --input: request an adjustment (预算调整) of the latest approved version, submitted to 复核 and 审批; '
    + 'otherwise set a line of a drafted or returned version to a new amount, with a reason'))
    .requiredOption('--version <id>', 'the version id')
    .option('--input <file>', 'the adjustment request, JSON: {"explanation", "lines": [{"fund", "side", "subject", "amount" | "change", "reason"}]}')
    .option('--fund <code>', 'fund code, e.g. medical-990100')
    .option('--subject <subject>', 'the line, e.g. premium_income or benefit_expense.inpatient')
    .option('--amount <yuan>', 'the new amount in yuan').option('--reason <text>', 'why the line differs from the draft')
    .option('--format <format>', 'json', 'json')
    .action((options) => runWithDatabase('budget adjust', options, async ({ database }) => {
      const versionId = BigInt(digits(options.version, 'version'));
      if (options.input) return adjustFromFile(database, drafter(), versionId, options.input);
      const missing = ['fund', 'subject', 'amount', 'reason'].find((name) => options[name] === undefined);
      if (missing) throw invalid(missing, adjustmentSaid.lineOptionsOrInput());
      printJson(await adjustLine(database, drafter(), { versionId, fund: options.fund, subject: options.subject, amount: options.amount, reason: options.reason }));
    }));
  registerAdjustmentCommands(budget, drafter);

  addDataOption(budget.command('target').description('set a fund\'s performance target (绩效目标) in a drafted or returned version, with a reason'))
    .requiredOption('--version <id>', 'the version id').requiredOption('--fund <code>', 'fund code')
    .requiredOption('--indicator <code>', 'e.g. months_of_payment_capacity').requiredOption('--value <number>', 'the target value')
    .requiredOption('--reason <text>', 'why this target')
    .action((options) => runWithDatabase('budget target', options, async ({ database }) => {
      printJson(await setTarget(database, drafter(), { versionId: BigInt(digits(options.version, 'version')), fund: options.fund, indicator: options.indicator, value: options.value, reason: options.reason }));
    }));

  addDataOption(budget.command('submit').description('submit a drafted version to 复核 and 审批 (identities checked first), or resubmit a returned one'))
    .requiredOption('--version <id>', 'the version id').option('--comment <text>')
    .action((options) => runWithDatabase('budget submit', options, async ({ database }) => {
      const view = await submitVersion(database, drafter(), BigInt(digits(options.version, 'version')), options.comment);
      process.stdout.write(`budget version ${view.id} (${view.region} ${view.year} #${view.number}): ${view.status}, sign-off item ${view.approvalItemId}\n`);
    }));

  addReportOptions(addDataOption(budget.command('diff').description('two versions of one region and year compared line by line: the lines that differ')))
    .requiredOption('--from <id>', 'the earlier version id').requiredOption('--to <id>', 'the later version id')
    .action((options) => runWithDatabase('budget diff', options, async ({ database }) => {
      await writeReport(diffReport(await diffVersions(database, drafter(), BigInt(digits(options.from, 'version')), BigInt(digits(options.to, 'version')))), options);
    }));

  addReportOptions(addDataOption(yearAndRegion(budget.command('aggregate')
    .description('a new version summing the approved versions of the regions below and the region\'s own drafted lines, naming what is still missing'))))
    .action((options) => runWithDatabase('budget aggregate', options, async ({ database }) => {
      await writeReport(versionReport(await aggregateVersion(database, drafter(), { year: options.year, region: options.region })), options);
    }));
}
