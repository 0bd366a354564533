/** `sifund pension adjust preview|submit --region CODE --year YYYY`: the annual pension adjustment of a region. */
import type { Command } from 'commander';
import { addDataOption, checkFormat, formatTable, printJson, runWithDatabase } from '../../../cli/context.ts';
import { systemActor } from '../../../platform/actor.ts';
import { pensionCommand } from '../pension/pension.cli.ts';
import { previewAdjustment, submitAdjustment, type AdjustmentPreview } from './adjustment.service.ts';

const summary = (run: Omit<AdjustmentPreview, 'lines'>) =>
  `${run.region} ${run.year}: ${run.awards} pensions from ${run.effectivePeriod}, ${run.totalBefore} → +${run.totalIncrease} a month (${run.increaseShare} of the pensions; national level ${run.overallRate})\n`;

export function registerAdjustmentCommands(program: Command) {
  const adjust = pensionCommand(program).command('adjust').description('养老金调整 (annual pension adjustment) of a region and year');
  const actor = systemActor('pension-adjust', ['pension.adjustment.request', 'benefits.read']);
  addDataOption(adjust.command('preview').description('the increase of every pension by the province\'s rules; nothing written'))
    .requiredOption('--region <code>', 'region code (GB/T 2260)').requiredOption('--year <year>', 'the adjustment year')
    .option('--limit <n>', 'lines shown (default 20)', '20').option('--format <format>', 'json or table', 'table')
    .action((options) => runWithDatabase('pension adjust preview', options, async ({ database }) => {
      checkFormat(options.format, ['json', 'table']);
      const preview = await previewAdjustment(database, actor, { region: options.region, year: Number(options.year) }, Number(options.limit));
      if (options.format === 'json') { printJson(preview); return; }
      process.stdout.write(summary(preview));
      process.stdout.write(formatTable(['awardId', 'before', 'fixed', 'years', 'level', 'ageTilt', 'increase', 'after'],
        preview.lines.map((l) => [l.awardId, l.amountBefore, l.parts.fixed, l.parts.years, l.parts.level, l.parts.ageTilt, l.increase, l.amountAfter]), [1, 2, 3, 4, 5, 6, 7]));
    }));
  addDataOption(adjust.command('submit').description('work the run out here (a job; or follow the server while it works it) and submit it to 复核 and 审批 (applied on the final approval; once per region and year)'))
    .requiredOption('--region <code>', 'region code (GB/T 2260)').requiredOption('--year <year>', 'the adjustment year').option('--format <format>', 'text or json', 'text')
    .action((options) => runWithDatabase('pension adjust submit', options, async ({ database }) => {
      checkFormat(options.format, ['text', 'json']);
      const submitted = await submitAdjustment(database, actor, { region: options.region, year: Number(options.year) });
      if (options.format === 'json') printJson(submitted);
      else process.stdout.write(`run ${submitted.runId}, approval item ${submitted.approvalItem.id}: ${summary(submitted)}`);
    }));
}
