/**
 * `sifund sharing --year YYYY [--scheme enterprise|public] --format json|table`: each county's pension gap of the year and its shares for
 * province, city and county; `sifund sharing settle --year YYYY [--region PROVINCE]`: the year's settlement submitted
 * for sign-off (kind supervision.sharing_settlement).
 */
import type { Command } from 'commander';
import { addDataOption, checkFormat, formatTable, printJson, runWithDatabase } from '../../../cli/context.ts';
import { systemActor } from '../../../platform/actor.ts';
import { shareResponsibility } from './sharing.service.ts';
import { submitSharingSettlement } from './sharing-settlement.service.ts';

const SCHEME_HELP = 'enterprise (企业职工基本养老保险) or public (机关事业单位基本养老保险)';

export function registerSharingCommand(program: Command) {
  const sharing = program.command('sharing').description('责任分担: each county\'s pension gap of the year and the shares of the province, the city and the county; settle submits the year\'s settlement');
  // the statement is the default subcommand (`sharing --year Y`): options on `sharing` itself would take settle's --year too
  addDataOption(sharing.command('show', { isDefault: true }).description('each county\'s pension gap of the year and the shares of the province, the city and the county'))
    .requiredOption('--year <YYYY>', 'the year')
    .option('--scheme <scheme>', SCHEME_HELP, 'enterprise')
    .option('--format <format>', 'json or table', 'table')
    .action((options) => runWithDatabase('sharing', options, async ({ database }) => {
      checkFormat(options.format, ['json', 'table']);
      const result = await shareResponsibility(database, systemActor('sharing', ['supervision.read']), { year: options.year, scheme: options.scheme });
      if (options.format === 'json') return printJson(result);
      const { rule } = result;
      process.stdout.write(`${result.year} ${result.scheme}: province ${rule.province}, city ${rule.city}, county ${rule.county}; collection target ${rule.collectionTarget}\n`);
      process.stdout.write(formatTable(['region', 'name', 'collected', 'paid', 'gap', 'own gap', 'province', 'city', 'county'],
        result.regions.map((r) => [r.region, r.name, r.collected, r.paid, r.gap, r.ownGap, r.shares.province, r.shares.city, r.shares.county]), [2, 3, 4, 5, 6, 7, 8]));
    }));
  addDataOption(sharing.command('settle').description('责任分担结算: submit a year that is over for sign-off (kind supervision.sharing_settlement); the approval posts the cities\' and counties\' shares remitted to the pooled fund'))
    .requiredOption('--year <YYYY>', 'the year')
    .option('--region <code>', 'the province (default: the only province with a pooled pension fund)')
    .option('--scheme <scheme>', SCHEME_HELP, 'enterprise')
    .option('--format <format>', 'json or text', 'text')
    .action((options) => runWithDatabase('sharing settle', options, async ({ database }) => {
      checkFormat(options.format, ['json', 'text']);
      const item = await submitSharingSettlement(database, systemActor('sharing-settle', ['budget.draft']), { year: options.year, region: options.region, scheme: options.scheme });
      if (options.format === 'json') return printJson(item);
      process.stdout.write(`${item.id} ${item.status} ${item.title}\n`);
    }));
}
