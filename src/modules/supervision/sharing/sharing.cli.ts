/** `sifund sharing --year YYYY --format json|table`: each county's enterprise pension gap of the year and its shares for province, city and county. */
import type { Command } from 'commander';
import { addDataOption, checkFormat, formatTable, printJson, runWithDatabase } from '../../../cli/context.ts';
import { systemActor } from '../../../platform/actor.ts';
import { shareResponsibility } from './sharing.service.ts';

export function registerSharingCommand(program: Command) {
  addDataOption(program.command('sharing').description('责任分担: each county\'s pension gap of the year and the shares of the province, the city and the county'))
    .requiredOption('--year <YYYY>', 'the year')
    .option('--format <format>', 'json or table', 'table')
    .action((options) => runWithDatabase('sharing', options, async ({ database }) => {
      checkFormat(options.format, ['json', 'table']);
      const result = await shareResponsibility(database, systemActor('sharing', ['supervision.read']), { year: options.year });
      if (options.format === 'json') return printJson(result);
      const { rule } = result;
      process.stdout.write(`${result.year} ${result.scheme}: province ${rule.province}, city ${rule.city}, county ${rule.county}; collection target ${rule.collectionTarget}\n`);
      process.stdout.write(formatTable(['region', 'name', 'collected', 'paid', 'gap', 'own gap', 'province', 'city', 'county'],
        result.regions.map((r) => [r.region, r.name, r.collected, r.paid, r.gap, r.ownGap, r.shares.province, r.shares.city, r.shares.county]), [2, 3, 4, 5, 6, 7, 8]));
    }));
}
