/**
 * `sifund budget adjust --version ID --input F.json` (an adjustment request on the latest approved version; without
 * --input the command sets a line of a drafted version, versions.cli.ts) and `sifund budget adjustments --year Y
 * --region R --format json`. The console drafts as the system actor system:budget; 复核 and 审批 are decided by named
 * users (`sifund approvals decide`, or the web's 待办).
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import { addDataOption, checkFormat, printJson, runWithDatabase } from '../../../cli/context.ts';
import type { Actor } from '../../../platform/actor.ts';
import type { DatabaseHandle } from '../../../platform/database.ts';
import { invalid } from '../../../platform/errors.ts';
import { listAdjustments, requestAdjustment, type AdjustmentRequest } from './adjustments.service.ts';
import { adjustmentSaid as say } from './adjustments.messages.ts';

/** The request file: {explanation, lines: [{fund, side, subject, amount | change, reason}]}; a 400 naming `input` otherwise. */
function readRequest(file: string): AdjustmentRequest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    throw invalid('input', say.notJson({ problem: (error as Error).message }));
  }
  const request = parsed as Partial<AdjustmentRequest> | null;
  if (!request || typeof request !== 'object' || typeof request.explanation !== 'string' || !Array.isArray(request.lines)
    || !request.lines.every((line) => line && typeof line === 'object')) throw invalid('input', say.inputShape());
  const text = (value: unknown) => (value === undefined || value === null ? null : String(value));
  return {
    explanation: request.explanation,
    lines: request.lines.map((line) => ({ fund: String(line.fund ?? ''), side: String(line.side ?? ''), subject: String(line.subject ?? ''), amount: text(line.amount), change: text(line.change), reason: text(line.reason) })),
  };
}

/** `budget adjust --input F.json`: the request submitted, answered as JSON. */
export async function adjustFromFile(database: DatabaseHandle, drafter: Actor, versionId: bigint, file: string) {
  printJson(await requestAdjustment(database, drafter, versionId, readRequest(file)));
}

export function registerAdjustmentCommands(budget: Command, drafter: () => Actor) {
  addDataOption(budget.command('adjustments').description('the adjustment requests of a region\'s budget for a year, newest first, with their sign-off status'))
    .requiredOption('--year <YYYY>', 'the budget year').requiredOption('--region <code>', 'region code')
    .option('--format <format>', 'json', 'json')
    .action((options) => runWithDatabase('budget adjustments', options, async ({ database }) => {
      checkFormat(options.format, ['json']);
      printJson(await listAdjustments(database, drafter(), { year: options.year, region: options.region }));
    }));
}
