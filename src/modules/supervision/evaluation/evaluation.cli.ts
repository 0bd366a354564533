/** `sifund evaluation --year YYYY [--pool AMOUNT] --format json|table`: the counties scored, ranked, and the 以奖代补 pool split by score. */
import type { Command } from 'commander';
import { addDataOption, checkFormat, formatTable, printJson, runWithDatabase } from '../../../cli/context.ts';
import { systemActor } from '../../../platform/actor.ts';
import { evaluateRegions } from './evaluation.service.ts';

export function registerEvaluationCommand(program: Command) {
  addDataOption(program.command('evaluation').description('绩效考核: score every county on the indicator tree from the year\'s records, rank them and split the 以奖代补 pool by score'))
    .requiredOption('--year <YYYY>', 'the year evaluated')
    .option('--pool <amount>', 'the pool in yuan (default: parameter supervision.evaluation.reward_pool of the year)')
    .option('--format <format>', 'json or table', 'table')
    .action((options) => runWithDatabase('evaluation', options, async ({ database }) => {
      checkFormat(options.format, ['json', 'table']);
      const result = await evaluateRegions(database, systemActor('evaluation', ['supervision.read']), { year: options.year, pool: options.pool });
      if (options.format === 'json') return printJson(result);
      process.stdout.write(`${result.tree} ${result.year} (as of ${result.asOf}), pool ${result.pool}\n`);
      const leaves = result.regions[0]?.indicators ?? [];
      process.stdout.write(formatTable(['rank', 'region', 'name', 'score', 'reward', ...leaves.map((leaf) => leaf.code)],
        result.regions.map((r) => [String(r.rank), r.region, r.name, r.score.toFixed(2), r.reward, ...r.indicators.map((leaf) => (leaf.value === null ? '-' : `${leaf.value} → ${leaf.score}`))]),
        [0, 3, 4]));
    }));
}
