/** `sifund benefits claims submit|list|month`: unemployment, work injury and maternity claims. */
import fs from 'node:fs';
import type { Command } from 'commander';
import { addDataOption, checkFormat, formatTable, printJson, runWithDatabase } from '../../../cli/context.ts';
import { systemActor } from '../../../platform/actor.ts';
import { invalid } from '../../../platform/errors.ts';
import { fieldRules } from '../../../platform/fields.messages.ts';
import { inputRules } from '../benefits.messages.ts';
import { runClaimMonth } from './claims.month.ts';
import { listClaims, requestClaim, type ClaimRequest } from './claims.service.ts';
import { claimKinds, claimStatuses, type ClaimKind, type ClaimStatus } from './claims.tables.ts';

/** The one `benefits` command group. */
export function benefitsCommand(program: Command): Command {
  return program.commands.find((command) => command.name() === 'benefits')
    ?? program.command('benefits').description('待遇 (benefits): unemployment, work injury and maternity claims');
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw invalid('input', inputRules.jsonGot({ error: (error as Error).message }));
  }
}

export function registerClaimCommands(program: Command) {
  const claims = benefitsCommand(program).command('claims').description('待遇申领: unemployment, work injury and maternity claims, signed off in three levels');
  addDataOption(claims.command('submit').description('submit a claim (经办): the file is {kind: unemployment|work_injury|maternity, idNumber, input, bankAccount, payeeName?, payeeIdNumber? (a work-related death)}; it waits for 复核 and 审批 in the inbox'))
    .requiredOption('--input <file>', 'the claim, a JSON file')
    .option('--format <format>', 'json or text', 'text')
    .action((options) => runWithDatabase('benefits claims submit', options, async ({ database }) => {
      checkFormat(options.format, ['json', 'text']);
      const body = readJson(options.input) as ClaimRequest;
      const result = await requestClaim(database, systemActor('benefits-claims', ['benefit.claim.request', 'benefits.read', 'accounts.read']), body);
      if (options.format === 'json') printJson(result);
      else process.stdout.write(`claim ${result.claimId} submitted: ${result.approvalItem.title} (sign-off item ${result.approvalItem.id})\n`);
    }));
  addDataOption(claims.command('list').description('claims with their amounts and status'))
    .option('--kind <kind>', `one of ${claimKinds.join(', ')}`)
    .option('--status <status>', `one of ${claimStatuses.join(', ')}`)
    .option('--limit <n>', 'at most this many (default 100)', '100')
    .option('--format <format>', 'json or table', 'table')
    .action((options) => runWithDatabase('benefits claims list', options, async ({ database }) => {
      checkFormat(options.format, ['json', 'table']);
      if (options.kind !== undefined && !claimKinds.includes(options.kind)) throw invalid('kind', fieldRules.oneOf({ values: claimKinds.join(', ') }));
      if (options.status !== undefined && !claimStatuses.includes(options.status)) throw invalid('status', fieldRules.oneOf({ values: claimStatuses.join(', ') }));
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw invalid('limit', fieldRules.integerFromTo({ min: 1, max: 10_000 }));
      const page = await listClaims(database, systemActor('benefits-claims', ['benefits.read', 'personal.full.read']),
        { kind: options.kind as ClaimKind | undefined, status: options.status as ClaimStatus | undefined }, { limit });
      if (options.format === 'json') printJson(page.items);
      else process.stdout.write(formatTable(['id', 'idNumber', 'name', 'kind', 'status', 'eventDate', 'monthlyAmount', 'oneOffAmount', 'months', 'fund'],
        page.items.map((c) => [c.id, c.idNumber, c.name, c.kind, c.status, c.eventDate, c.monthlyAmount, c.oneOffAmount, c.months === null ? '' : String(c.months), c.fund ?? '']), [6, 7]));
    }));
  addDataOption(claims.command('month').description('失业保险金月度处理: the automatic stops, the medical contributions the unemployment fund pays and each claimant\'s benefit ordered for the month (then: sifund payroll bank-file --fund unemployment-…)'))
    .requiredOption('--period <YYYY-MM>', 'the month')
    .option('--format <format>', 'json or text', 'text')
    .action((options) => runWithDatabase('benefits claims month', options, async ({ database }) => {
      checkFormat(options.format, ['json', 'text']);
      const result = await runClaimMonth(database, systemActor('benefits-claims-month', ['benefit.claim.run', 'fund.transfer.request']), options.period);
      if (options.format === 'json') printJson(result);
      else process.stdout.write(`${result.period}: ${result.stopped} stopped, ${result.claimants} claimants owed ${result.benefits}, medical contributions ${result.medicalContributions}, ${result.paymentOrders.length} payment orders\n`);
    }));
}
