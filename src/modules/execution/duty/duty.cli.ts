/**
 * `sifund execution focus --year Y --month M --region R --format json|table` (重点关注), `sifund execution duty assign
 * --region R --scheme S --username U [--from DATE]` and `sifund execution duty list --region R --format json|table` (岗位责任).
 */
import type { Command } from 'commander';
import { addDataOption, checkFormat, formatTable, printJson, runWithDatabase } from '../../../cli/context.ts';
import { systemActor } from '../../../platform/actor.ts';
import type { ReportInput } from '../report.service.ts';
import { assignDuty, focusList, listDutyAssignments } from './duty.service.ts';

/** Adds `focus` (with the report's options) and `duty assign|list` to the `execution` command. */
export function registerDutyCommands(execution: Command, focus: Command, reportInput: (options: { year: string; month: string; region: string }) => ReportInput) {
  addDataOption(focus.description('重点关注: the funds of the region and below most off their budget, with open alerts and the responsible staff'))
    .option('--format <format>', 'json or table', 'table')
    .action((options) => runWithDatabase('execution focus', options, async ({ database }) => {
      checkFormat(options.format, ['json', 'table']);
      const list = await focusList(database, systemActor('execution-focus', ['execution.read']), reportInput(options));
      if (options.format === 'json') return printJson(list);
      process.stdout.write(`${list.region} ${list.year}-${String(list.month).padStart(2, '0')}  as of ${list.asOf}  time progress ${list.timeProgress}\n`);
      process.stdout.write(formatTable(['region', 'fund', 'line', 'deviation', 'critical', 'warning', 'responsible'],
        list.items.map((item) => [item.regionName ?? item.region, item.fund, item.worstLine?.name ?? '-', item.worstLine?.deviation ?? '-', String(item.openAlerts.critical), String(item.openAlerts.warning),
          item.responsible ? `${item.responsible.name} (${item.responsible.username})` : '未指定']), [3, 4, 5]));
    }));

  const duty = execution.command('duty').description('岗位责任: who answers for the budget execution of a region\'s funds');

  addDataOption(duty.command('assign').description('make a staff member responsible for the region\'s funds of a scheme (or all) from a date; the current one\'s period ends the day before'))
    .requiredOption('--region <code>', 'the region')
    .requiredOption('--scheme <scheme>', 'all, or an insurance with a budget table (pension, medical, unemployment, work_injury …)')
    .requiredOption('--username <username>', 'active staff who reads budget execution, of the region or a region above it')
    .option('--from <date>', 'YYYY-MM-DD (default today)')
    .option('--format <format>', 'text or json', 'text')
    .action((options) => runWithDatabase('execution duty assign', options, async ({ database }) => {
      checkFormat(options.format, ['text', 'json']);
      const assignment = await assignDuty(database, systemActor('execution-duty', ['execution.duty.manage']), { region: options.region, scheme: options.scheme, username: options.username, from: options.from });
      if (options.format === 'json') return printJson(assignment);
      process.stdout.write(`${assignment.region} ${assignment.scheme}: ${assignment.name} (${assignment.username}) from ${assignment.from}\n`);
    }));

  addDataOption(duty.command('list').description('the region\'s responsible staff per scheme with their history, and who may be assigned'))
    .requiredOption('--region <code>', 'the region')
    .option('--format <format>', 'json or table', 'table')
    .action((options) => runWithDatabase('execution duty list', options, async ({ database }) => {
      checkFormat(options.format, ['json', 'table']);
      const answer = await listDutyAssignments(database, systemActor('execution-duty', ['execution.read']), { region: options.region });
      if (options.format === 'json') return printJson(answer);
      process.stdout.write(formatTable(['scheme', 'username', 'name', 'from', 'to', 'assigned by'],
        answer.assignments.map((row) => [row.scheme, row.username, row.name, row.from, row.to ?? '（现任）', row.assignedBy])));
    }));
}
