/**
 * `sifund execution report --year Y --month M --region R --format json|table`, `sifund execution publish --year Y
 * --month M --region R`, `sifund execution indicators --year Y --region R` (indicators/indicators.cli.ts), `sifund alerts list [--region R] [--status S] --format json|table`, `sifund alerts evaluate
 * [--year Y --month M]`, `sifund alerts ack|resolve --id ID --note TEXT`.
 */
import type { Command } from 'commander';
import { addDataOption, checkFormat, formatTable, printJson, runWithDatabase } from '../../cli/context.ts';
import { systemActor } from '../../platform/actor.ts';
import { invalid } from '../../platform/errors.ts';
import { fieldRules } from '../../platform/fields.messages.ts';
import { acknowledgeAlert, evaluateAlerts, listAlerts, resolveAlert, type AlertView } from './alerts.service.ts';
import { submitPublication } from './publication.service.ts';
import { executionReport } from './report.service.ts';
import { registerIndicatorCommand } from './indicators/indicators.cli.ts';
import { registerAnalysisCommand } from './analysis/analysis.cli.ts';
import { registerAllocationCommand } from './allocation/allocation.cli.ts';
import { registerSettlementCommands } from './settlement/settlement.cli.ts';
import { registerDutyCommands } from './duty/duty.cli.ts';

const ALERTS_PAGE = 500;

/** A whole number typed on the command line (checked inside the action, so that a mistake is said as any refusal). */
function wholeNumber(field: string, text: string): number;
function wholeNumber(field: string, text: string | undefined): number | undefined;
function wholeNumber(field: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,9}$/.test(text)) throw invalid(field, fieldRules.wholeNumberGot({ text }));
  return Number(text);
}
const alertId = (text: string) => {
  if (!/^\d{1,19}$/.test(text)) throw invalid('id', fieldRules.wholeNumberGot({ text }));
  return BigInt(text);
};
const reportInput = (options: { year: string; month: string; region: string }) => ({ year: wholeNumber('year', options.year), month: wholeNumber('month', options.month), region: options.region });

const reportOptions = (command: Command) => command
  .requiredOption('--year <year>', 'YYYY')
  .requiredOption('--month <month>', '1 to 12: the report runs from January to the end of this month (to today for this month)')
  .requiredOption('--region <code>', 'the region: its funds and those of the regions below');

export function registerExecutionCommands(program: Command) {
  const execution = program.command('execution').description('预算执行: budget against actual live from the ledger, public reports');

  addDataOption(reportOptions(execution.command('report').description('预算执行情况: per fund and budget line, budget, actual, rate, time progress, deviation')))
    .option('--format <format>', 'json or table', 'table')
    .action((options) => runWithDatabase('execution report', options, async ({ database }) => {
      checkFormat(options.format, ['json', 'table']);
      const report = await executionReport(database, systemActor('execution-report', ['execution.read']), reportInput(options));
      if (options.format === 'json') return printJson(report);
      process.stdout.write(`${report.regionName ?? report.region} ${report.year}-${String(report.month).padStart(2, '0')}  as of ${report.asOf} (${report.timeProgressBasis})  time progress ${report.timeProgress}\n`);
      process.stdout.write(formatTable(['fund', 'subject', 'name', 'side', 'budget', 'actual', 'rate', 'deviation'],
        report.funds.flatMap((fund) => fund.lines.map((line) => [fund.fund, line.subject, line.name, line.side, line.budget, line.actual, line.rate ?? '-', line.deviation ?? '-'])), [4, 5, 6, 7]));
    }));

  addDataOption(reportOptions(execution.command('publish').description('基金收支情况公开: submit the report for approval (sign-off kind execution.report_publication); public once approved')))
    .option('--format <format>', 'text or json', 'text')
    .action((options) => runWithDatabase('execution publish', options, async ({ database }) => {
      checkFormat(options.format, ['text', 'json']);
      const item = await submitPublication(database, systemActor('execution-publish', ['report.publish', 'execution.read']), reportInput(options));
      if (options.format === 'json') return printJson(item);
      process.stdout.write(`submitted for approval: item ${item.id} ${item.title} (sifund approvals decide --id ${item.id} …)\n`);
    }));

  registerIndicatorCommand(execution);
  registerAllocationCommand(execution);
  registerSettlementCommands(execution);
  registerAnalysisCommand(reportOptions(execution.command('analysis')), reportInput);
  registerDutyCommands(execution, reportOptions(execution.command('focus')), reportInput);

  const alerts = program.command('alerts').description('基金运行预警: early-warning alerts with their lifecycle');

  addDataOption(alerts.command('list').description('the alerts, newest first'))
    .option('--region <code>', 'the region and below')
    .option('--status <status>', 'raised, acknowledged, resolved, auto_resolved, or open (raised and acknowledged)')
    .option('--fund <code>', 'one fund')
    .option('--format <format>', 'json or table', 'table')
    .action((options) => runWithDatabase('alerts list', options, async ({ database }) => {
      checkFormat(options.format, ['json', 'table']);
      const reader = systemActor('alerts-list', ['execution.read']);
      const items: AlertView[] = [];
      let after: string | undefined;
      do {
        const page = await listAlerts(database, reader, { region: options.region, status: options.status, fund: options.fund }, { limit: ALERTS_PAGE, after });
        items.push(...page.items);
        after = page.nextCursor ?? undefined;
      } while (after);
      if (options.format === 'json') return printJson(items);
      process.stdout.write(formatTable(['id', 'rule', 'severity', 'region', 'fund', 'period', 'status', 'raised at'],
        items.map((a) => [a.id, a.rule, a.severity, a.region, a.fund, a.period, a.status, a.raisedAt])));
    }));

  addDataOption(alerts.command('evaluate').description('evaluate the early-warning rules now (a job, one chunk per fund); default this month to today'))
    .option('--year <year>', 'YYYY')
    .option('--month <month>', '1 to 12')
    .option('--format <format>', 'text or json', 'text')
    .action((options) => runWithDatabase('alerts evaluate', options, async ({ database }) => {
      checkFormat(options.format, ['text', 'json']);
      const result = await evaluateAlerts(database, systemActor('alerts-evaluate', ['alerts.manage', 'execution.read']), { year: wholeNumber('year', options.year), month: wholeNumber('month', options.month) });
      if (options.format === 'json') return printJson(result);
      process.stdout.write(`job ${result.job}: ${result.funds} funds evaluated for ${result.period}, ${result.open} alerts open\n`);
    }));

  for (const [name, description, change] of [
    ['ack', '确认预警: acknowledge a raised alert with a note', acknowledgeAlert],
    ['resolve', '办结预警: resolve an open alert with the action taken', resolveAlert],
  ] as const) {
    addDataOption(alerts.command(name).description(description))
      .requiredOption('--id <id>', 'the alert')
      .requiredOption('--note <text>', 'what is known or what was done')
      .option('--format <format>', 'text or json', 'text')
      .action((options) => runWithDatabase(`alerts ${name}`, options, async ({ database }) => {
        checkFormat(options.format, ['text', 'json']);
        const alert = await change(database, systemActor(`alerts-${name}`, ['alerts.manage', 'execution.read']), alertId(options.id), options.note);
        if (options.format === 'json') return printJson(alert);
        process.stdout.write(`alert ${alert.id} ${alert.rule} ${alert.fund}: ${alert.status}\n`);
      }));
  }
}
