/**
 * `sifund evaluation --year YYYY [--level county|city] [--pool AMOUNT] --format table|json|csv|xlsx|pdf [--out FILE]`: the counties (or cities) scored,
 * ranked, and the 以奖代补 pool split by score (evaluation.report.ts: the ranking with each leaf's score, then each
 * county's indicators with their measured values).
 */
import type { Command } from 'commander';
import { addDataOption, runWithDatabase } from '../../../cli/context.ts';
import { systemActor } from '../../../platform/actor.ts';
import { addReportOptions, writeReport } from '../../../platform/reports/cli.ts';
import { evaluateRegions } from './evaluation.service.ts';
import { evaluationReport } from './evaluation.report.ts';

export function registerEvaluationCommand(program: Command) {
  addDataOption(addReportOptions(program.command('evaluation').description('绩效考核: score every county on the indicator tree from the year\'s records, rank them and split the 以奖代补 pool by score')
    .requiredOption('--year <YYYY>', 'the year evaluated')
    .option('--level <level>', 'county (区县, default) or city (地市)')
    .option('--pool <amount>', 'the pool in yuan (default: parameter supervision.evaluation.reward_pool of the year)')))
    .action((options) => runWithDatabase('evaluation', options, async ({ database }) => {
      const result = await evaluateRegions(database, systemActor('evaluation', ['supervision.read']), { year: options.year, pool: options.pool, level: options.level });
      await writeReport(evaluationReport(result), options);
    }));
}
