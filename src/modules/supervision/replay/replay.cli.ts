/** `sifund replay --period YYYY-MM --format json|table`: every bill line and pension payroll line of a month recomputed, the differences listed. */
import type { Command } from 'commander';
import { addDataOption, checkFormat, formatTable, printJson, runWithDatabase } from '../../../cli/context.ts';
import { systemActor } from '../../../platform/actor.ts';
import { replayPeriod } from './replay.service.ts';

export function registerReplayCommand(program: Command) {
  addDataOption(program.command('replay').description('重算复核: recompute every bill line and pension payroll line of a month from its recorded inputs and list what differs'))
    .requiredOption('--period <YYYY-MM>', 'the month replayed')
    .option('--format <format>', 'json or table', 'table')
    .action((options) => runWithDatabase('replay', options, async ({ database }) => {
      checkFormat(options.format, ['json', 'table']);
      const result = await replayPeriod(database, systemActor('replay', ['supervision.read']), { period: options.period });
      if (options.format === 'json') return printJson(result);
      process.stdout.write(`${result.period}: ${result.checked} lines recomputed (${result.billLines} bill lines, ${result.payrollLines} payroll lines), ${result.differences.length} differences\n`);
      if (result.differences.length) {
        process.stdout.write(formatTable(['kind', 'id', 'field', 'recorded', 'recomputed'],
          result.differences.map((d) => [d.kind, d.id, d.field, d.recorded, d.recomputed]), [3, 4]));
      }
    }));
}
