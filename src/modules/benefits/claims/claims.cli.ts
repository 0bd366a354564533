/** `sifund benefits claims submit|list|show|stop-monthly|month`: unemployment, work injury and maternity claims. */
import fs from 'node:fs';
import type { Command } from 'commander';
import { addDataOption, checkFormat, formatTable, printJson, runWithDatabase } from '../../../cli/context.ts';
import { systemActor } from '../../../platform/actor.ts';
import { invalid } from '../../../platform/errors.ts';
import { fieldRules } from '../../../platform/fields.messages.ts';
import { inputRules } from '../benefits.messages.ts';
import { runClaimMonth } from './claims.month.ts';
import { getClaim, listClaims, requestClaim, type ClaimRequest } from './claims.service.ts';
import { stopWorkInjuryBenefit } from './work-injury-monthly.service.ts';
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

function claimIdOption(text: string): bigint {
  if (!/^\d{1,19}$/.test(text)) throw invalid('id', fieldRules.required());
  return BigInt(text);
}

export function registerClaimCommands(program: Command) {
  const claims = benefitsCommand(program).command('claims').description('待遇申领: unemployment, work injury and maternity claims, signed off in three levels');
  addDataOption(claims.command('submit').description('submit a claim (经办): the file is {kind: unemployment|work_injury|maternity, idNumber, input, bankAccount, payeeName?, payeeIdNumber? (a work-related death)}; '
    + 'a work_injury input is {benefit: disability|death, eventDate, ownWage, grade?, nursing? (full|large|partial), dependants? [{relation: spouse|other, orphanOrLoneElderly?}], startPeriod? (YYYY-MM, the first month paid monthly)}; it waits for 复核 and 审批 in the inbox'))
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
  addDataOption(claims.command('show').description('one claim: its amounts, trace and payments; a work-injury claim paid monthly with its parts as approved and this month (adjusted, 工伤保险条例 第四十条), their stops, the trace and the months paid'))
    .requiredOption('--id <id>', 'the claim')
    .option('--format <format>', 'json or text', 'text')
    .action((options) => runWithDatabase('benefits claims show', options, async ({ database }) => {
      checkFormat(options.format, ['json', 'text']);
      const claim = await getClaim(database, systemActor('benefits-claims', ['benefits.read', 'personal.full.read']), claimIdOption(options.id));
      if (options.format === 'json') return printJson(claim);
      process.stdout.write(`${claim.id} ${claim.name} ${claim.kind} ${claim.status}: monthly ${claim.monthlyAmount}, one-off ${claim.oneOffAmount}\n`);
      const monthly = claim.workInjuryMonthly;
      if (!monthly) return;
      process.stdout.write(formatTable(['part', 'approved', monthly.period, 'stopped from', 'why'], monthly.parts.map((p) => [p.part, p.approvedAmount, p.amount, p.stopPeriod ?? '', p.stopReason ?? p.stopCause ?? '']), [1, 2]));
      process.stdout.write(formatTable(['month paid', 'amount'], monthly.monthsPaid.map((m) => [m.period, m.amount]), [1]));
    }));
  addDataOption(claims.command('stop-monthly').description('工伤保险按月待遇停发: stop a monthly part of an approved work-injury claim (or all) from a month, with the reason (工伤保险条例 第三十九条, 第四十二条); audited'))
    .requiredOption('--id <id>', 'the claim')
    .requiredOption('--from <YYYY-MM>', 'the first month not paid')
    .requiredOption('--reason <text>', 'why (2 to 500 characters)')
    .option('--part <part>', 'all, disability_allowance, nursing_allowance or dependant_pension[i]', 'all')
    .option('--format <format>', 'json or text', 'text')
    .action((options) => runWithDatabase('benefits claims stop-monthly', options, async ({ database }) => {
      checkFormat(options.format, ['json', 'text']);
      const monthly = await stopWorkInjuryBenefit(database, systemActor('benefits-claims', ['benefit.claim.request', 'benefits.read']), claimIdOption(options.id),
        { part: options.part, fromPeriod: options.from, reason: options.reason });
      if (options.format === 'json') printJson(monthly);
      else process.stdout.write(`${options.part} stopped from ${options.from}; ${monthly.period}: ${monthly.total}\n`);
    }));
  addDataOption(claims.command('month').description('待遇月度处理: the automatic stops, the medical contributions the unemployment fund pays and each claimant\'s benefit ordered for the month, and each work-injury claim\'s monthly parts ordered (then: sifund payroll bank-file --fund unemployment-… / work_injury-…)'))
    .requiredOption('--period <YYYY-MM>', 'the month')
    .option('--format <format>', 'json or text', 'text')
    .action((options) => runWithDatabase('benefits claims month', options, async ({ database }) => {
      checkFormat(options.format, ['json', 'text']);
      const result = await runClaimMonth(database, systemActor('benefits-claims-month', ['benefit.claim.run', 'fund.transfer.request']), options.period);
      if (options.format === 'json') printJson(result);
      else {
        process.stdout.write(`${result.period}: ${result.stopped} stopped, ${result.claimants} claimants owed ${result.benefits}, medical contributions ${result.medicalContributions}, ${result.paymentOrders.length} payment orders; `
          + `work injury: ${result.workInjury.claimants} claimants owed ${result.workInjury.benefits}, ${result.workInjury.paymentOrders.length} payment orders`
          + `${result.transfers.map((t) => `; 用款申请 ${t.fund} ${t.amount} (${t.orders} orders, approval item ${t.approvalItemId})`).join('')}\n`);
      }
    }));
}
