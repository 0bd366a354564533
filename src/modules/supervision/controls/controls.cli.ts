/**
 * `sifund supervision sample --month YYYY-MM [--seed N] [--size K] [--region CODE] --format json|table` (稽核抽样)
 * and `sifund supervision controls [--month YYYY-MM] --format json|table` (风险控制点).
 */
import type { Command } from 'commander';
import { addDataOption, checkFormat, formatTable, printJson, runWithDatabase } from '../../../cli/context.ts';
import { systemActor } from '../../../platform/actor.ts';
import { controlRegister, takeSample } from './controls.service.ts';

export function registerControlCommands(supervision: Command) {
  addDataOption(supervision.command('sample').description('稽核抽样: draw the month\'s seeded random sample of high-risk operations for the auditors (stored; the same seed answers the same sample)'))
    .requiredOption('--month <YYYY-MM>', 'the month whose operations are drawn')
    .option('--seed <n>', 'the generator\'s seed, 0 to 4294967295 (default: the month as a number, 2026-07 → 202607)')
    .option('--size <k>', 'how many to draw (default: parameter supervision.sample_size)')
    .option('--region <code>', 'a region subtree (default: the only province)')
    .option('--format <format>', 'json or table', 'table')
    .action((options: { data?: string; month: string; seed?: string; size?: string; region?: string; format: string }) => runWithDatabase('supervision sample', options, async ({ database }) => {
      checkFormat(options.format, ['json', 'table']);
      const drawn = await takeSample(database, systemActor('supervision-sample', ['supervision.run']), { month: options.month, seed: options.seed, size: options.size, region: options.region });
      if (options.format === 'json') { printJson(drawn); return; }
      process.stdout.write(`${drawn.month} ${drawn.region}: ${drawn.sample.length} of ${drawn.population} high-risk operations, seed ${drawn.seed}\n`);
      process.stdout.write(formatTable(['kind', 'id', 'at', 'by', 'subject'], drawn.sample.map((s) => [s.kind, s.id, s.at, s.by, s.subject])));
    }));

  addDataOption(supervision.command('controls').description('风险控制点: the control points by risk grade, what each requires, fired, overridden and sampled in the month'))
    .option('--month <YYYY-MM>', 'the month counted (default: this month)')
    .option('--format <format>', 'json or table', 'table')
    .action((options: { data?: string; month?: string; format: string }) => runWithDatabase('supervision controls', options, async ({ database }) => {
      checkFormat(options.format, ['json', 'table']);
      const register = await controlRegister(database, systemActor('supervision-controls', ['supervision.read']), { month: options.month });
      if (options.format === 'json') { printJson(register); return; }
      process.stdout.write(formatTable(['operation', 'label', 'grade', 'carried by', 'fired', 'overridden', 'sampled'],
        register.controls.map((c) => [c.operation, c.label, c.grade, c.signoffKind ?? `checks ${c.checkPoint}`, String(c.fired), String(c.overridden), String(c.sampled)]), [4, 5, 6]));
    }));
}
