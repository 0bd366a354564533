/** `sifund pension list`: the pension awards (who is paid what). */
import type { Command } from 'commander';
import { addDataOption, checkFormat, formatTable, printJson, runWithDatabase } from '../../../cli/context.ts';
import { systemActor } from '../../../platform/actor.ts';
import { invalid } from '../../../platform/errors.ts';
import { fieldRules } from '../../../platform/fields.messages.ts';
import { pensionCommand } from '../pension/pension.cli.ts';
import { listAwards } from './awards.service.ts';
import { awardStatuses, type AwardStatus } from './awards.tables.ts';

export function registerAwardCommands(program: Command) {
  const actor = systemActor('pension', ['benefits.read', 'personal.full.read']);
  addDataOption(pensionCommand(program).command('list').description('pension awards: ID number, name, awarded on, monthly amount, status'))
    .option('--status <status>', `one of ${awardStatuses.join(', ')}`)
    .option('--limit <n>', 'at most this many (default 100)', '100')
    .option('--format <format>', 'json or table', 'table')
    .action((options) => runWithDatabase('pension list', options, async ({ database }) => {
      checkFormat(options.format, ['json', 'table']);
      if (options.status !== undefined && !awardStatuses.includes(options.status)) throw invalid('status', fieldRules.oneOf({ values: awardStatuses.join(', ') }));
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw invalid('limit', fieldRules.integerFromTo({ min: 1, max: 10_000 }));
      const page = await listAwards(database, actor, { status: options.status as AwardStatus | undefined }, { limit });
      const rows = page.items.map((a) => ({ idNumber: a.idNumber, name: a.name, awardedOn: a.awardedOn, monthlyAmount: a.monthlyAmount, status: a.status }));
      if (options.format === 'json') printJson(rows);
      else process.stdout.write(formatTable(['idNumber', 'name', 'awardedOn', 'monthlyAmount', 'status'], rows.map((r) => [r.idNumber, r.name, r.awardedOn, r.monthlyAmount, r.status]), [3]));
    }));
}
