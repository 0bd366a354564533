/**
 * `sifund execution allocation --year Y --region R --method even|seasonal|manual [--fund F] [--input F.json] --format json`
 * proposes a monthly allocation plan; `sifund execution allocation show --year Y --region R --format json|table` lists them.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { addDataOption, checkFormat, formatTable, printJson, runWithDatabase } from '../../../cli/context.ts';
import { systemActor } from '../../../platform/actor.ts';
import { invalid } from '../../../platform/errors.ts';
import { fieldRules } from '../../../platform/fields.messages.ts';
import { allocationSaid as said } from './allocation.messages.ts';
import { listAllocationPlans, proposeAllocationPlans, type ManualLine } from './allocation.service.ts';

const yearOf = (text: string) => {
  if (!/^\d{4}$/.test(text)) throw invalid('year', fieldRules.wholeNumberGot({ text }));
  return Number(text);
};

/** The hand amounts: `{ "lines": [{ "fund", "subject", "months": ["…" × 12] }] }` or the array of lines itself. */
function manualLines(file: string): ManualLine[] {
  let parsed: unknown;
  try { parsed = JSON.parse(readFileSync(file, 'utf8')); } catch { throw invalid('allocationLines', said.manualNeedsLines()); }
  const lines = Array.isArray(parsed) ? parsed : (parsed as { lines?: unknown })?.lines;
  if (!Array.isArray(lines)) throw invalid('allocationLines', said.manualNeedsLines());
  return lines as ManualLine[];
}

/** Adds `allocation` (and `allocation show`) to the `execution` command. */
export function registerAllocationCommand(execution: Command) {
  const allocation = addDataOption(execution.command('allocation')
    .description('分月用款计划: propose a plan of the region\'s approved budget for sign-off (even, seasonal or by hand)')
    // not commander's required options: they would be asked of `allocation show` too
    .option('--year <year>', 'YYYY (required)')
    .option('--region <code>', 'the budget\'s region (required)')
    .option('--method <method>', 'even | seasonal | manual (required)')
    .option('--fund <code>', 'one fund (default: every fund of the budget; a manual file may name the fund of each line)')
    .option('--input <file>', 'manual: JSON { "lines": [{ "fund", "subject", "months": [12 amounts in yuan] }] }')
    .option('--format <format>', 'json | table', 'table'))
    .action((options) => runWithDatabase('execution allocation', options, async ({ database }) => {
      checkFormat(options.format, ['json', 'table']);
      for (const field of ['year', 'region', 'method'] as const) if (options[field] === undefined) throw invalid(field === 'method' ? 'allocationMethod' : field, fieldRules.required());
      const items = await proposeAllocationPlans(database, systemActor('execution-allocation', ['budget.draft']), {
        year: yearOf(options.year), region: options.region, fund: options.fund, method: options.method,
        lines: options.input ? manualLines(options.input) : undefined,
      });
      if (options.format === 'json') return printJson({ items });
      console.log(formatTable(['id', 'title', 'status'], items.map((item) => [item.id, item.title, item.status])));
    }));

  // --year, --region, --format and --data are the parent's (commander gives an option typed after `show` to the command that declares it)
  allocation.command('show')
    .description('分月用款计划: the current plan of each fund of the region\'s latest approved budget, and a proposal awaiting sign-off (--year, --region, --format json|table)')
    .action((_options, command: Command) => runWithDatabase('execution allocation show', command.optsWithGlobals(), async ({ database }) => {
      const options = command.optsWithGlobals();
      checkFormat(options.format, ['json', 'table']);
      for (const field of ['year', 'region'] as const) if (options[field] === undefined) throw invalid(field, fieldRules.required());
      const plans = await listAllocationPlans(database, systemActor('execution-allocation', ['execution.read']), { year: yearOf(options.year), region: options.region });
      if (options.format === 'json') return printJson(plans);
      const rows = plans.funds.flatMap(({ fund, plan }) => (plan?.lines ?? []).map((line) => [fund, line.subject, line.amount, line.split, ...line.months]));
      const months = Array.from({ length: 12 }, (_, index) => `${index + 1}月`);
      console.log(formatTable(['fund', 'subject', 'amount', 'split', ...months], rows, [2, ...months.map((_, index) => index + 4)]));
    }));
}
