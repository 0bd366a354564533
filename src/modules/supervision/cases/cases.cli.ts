/**
 * `sifund supervision cases list|show|open|conclude|recover|offset|close --format json|table` (稽核案件): the opening and the
 * conclusion wait for their sign-off (`sifund approvals`, kind supervision_case); a recovery posts to the fund ledger.
 */
import type { Command } from 'commander';
import { addDataOption, checkFormat, formatTable, printJson, runWithDatabase } from '../../../cli/context.ts';
import { systemActor } from '../../../platform/actor.ts';
import { invalid } from '../../../platform/errors.ts';
import { fieldRules } from '../../../platform/fields.messages.ts';
import { assignCase, checkCaseStatus, closeCase, concludeCase, getCase, listCases, offsetAgainstBenefits, openCase, recordRecovery, type CaseSummary, type CaseView } from './cases.service.ts';

const PAGE = 1000;
const reader = () => systemActor('supervision-cases', ['supervision.read', 'personal.full.read']);
const worker = () => systemActor('supervision-cases', ['supervision.case', 'supervision.read', 'personal.full.read']);

function caseId(text: string): bigint {
  if (!/^[0-9]{1,19}$/.test(text)) throw invalid('caseId', fieldRules.wholeNumberGot({ text }));
  return BigInt(text);
}

function printCase(view: CaseView, format: string) {
  if (format === 'json') { printJson(view); return; }
  process.stdout.write(`${view.number} ${view.statusLabel} ${view.subject} ${view.kind} 涉及 ${view.amountInvolved} 应追回 ${view.toRecover} 已追回 ${view.recovered} 未追回 ${view.outstanding}\n`);
  const penalty = view.conclusion?.penalty;
  if (penalty) process.stdout.write(`罚款 ${penalty.amount}（${penalty.provisionLabel}，${penalty.multiple} 倍）\n`);
  if (view.funds.length) process.stdout.write(formatTable(['fund', 'amount', 'recovered', 'outstanding', 'offsetting'], view.funds.map((f) => [f.fund, f.amount, f.recovered, f.outstanding, f.offsetting]), [1, 2, 3, 4]));
  if (view.recoveries.length) process.stdout.write(formatTable(['date', 'fund', 'amount', 'bank reference', 'entry'], view.recoveries.map((r) => [r.recoveredOn, r.fund, r.amount, r.bankReference, r.entryId]), [2]));
}

/** --amount fund=yuan, repeated */
const collectAmount = (value: string, previous: { fund: string; amount: string }[] = []) => {
  const [fund, amount] = value.split('=');
  return [...previous, { fund: fund ?? '', amount: amount ?? '' }];
};
const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerCaseCommands(supervision: Command) {
  const cases = supervision.command('cases').description('稽核案件: 立案 → 调查 → 结论 → 追回 → 结案');

  addDataOption(cases.command('list').description('the cases, newest first'))
    .option('--status <status>', 'filing, investigating, concluded, recovering, closed or withdrawn')
    .option('--format <format>', 'json or table', 'table')
    .action((options) => runWithDatabase('supervision cases list', options, async ({ database }) => {
      checkFormat(options.format, ['json', 'table']);
      const status = checkCaseStatus(options.status);
      const items: CaseSummary[] = [];
      let after: string | undefined;
      do {
        const page = await listCases(database, reader(), { status }, { limit: PAGE, after });
        items.push(...page.items);
        after = page.nextCursor ?? undefined;
      } while (after);
      if (options.format === 'json') printJson(items);
      else process.stdout.write(formatTable(['id', 'number', 'status', 'subject', 'kind', 'involved', 'to recover', 'recovered'],
        items.map((c) => [c.id, c.number, c.status, c.subject, c.kind, c.amountInvolved, c.toRecover, c.recovered]), [5, 6, 7]));
    }));

  addDataOption(cases.command('show').description('a case with its findings, conclusion, recoveries and timeline').argument('<id>', 'the case id'))
    .option('--format <format>', 'json or table', 'table')
    .action((id: string, options) => runWithDatabase('supervision cases show', options, async ({ database }) => {
      checkFormat(options.format, ['json', 'table']);
      printCase(await getCase(database, reader(), caseId(id)), options.format);
    }));

  addDataOption(cases.command('open').description('立案: from findings (--finding, repeated) or by hand (--subject-kind, --subject, --kind, --amount, --region); waits for its sign-off'))
    .option('--finding <id>', 'a finding the case is opened from (repeat for several of one subject)', collect)
    .option('--subject-kind <kind>', 'by hand: person, employer or institution')
    .option('--subject <code>', 'by hand: ID number, credit code or institution code')
    .option('--kind <kind>', 'a detection rule or other')
    .option('--amount <yuan>', 'the amount involved (from findings: their sum)')
    .option('--region <code>', 'by hand: the region of the case')
    .requiredOption('--reason <text>', '立案理由')
    .option('--format <format>', 'json or table', 'table')
    .action((options) => runWithDatabase('supervision cases open', options, async ({ database }) => {
      checkFormat(options.format, ['json', 'table']);
      printCase(await openCase(database, worker(), {
        findingIds: options.finding, subjectKind: options.subjectKind, subject: options.subject, kind: options.kind, amountInvolved: options.amount, region: options.region, reason: options.reason,
      }), options.format);
    }));

  addDataOption(cases.command('assign').description('改派承办人: give an open case to another inspector (an active user holding supervision.case of its region or above)').argument('<id>', 'the case id'))
    .requiredOption('--to <username>', 'the inspector')
    .requiredOption('--reason <text>', '改派理由')
    .option('--format <format>', 'json or table', 'table')
    .action((id: string, options) => runWithDatabase('supervision cases assign', options, async ({ database }) => {
      checkFormat(options.format, ['json', 'table']);
      printCase(await assignCase(database, systemActor('supervision-cases', ['supervision.case.approve', 'supervision.read', 'personal.full.read']), caseId(id), { assignee: options.to, reason: options.reason }), options.format);
    }));

  addDataOption(cases.command('conclude').description('结论: established with --amount fund=yuan (repeated), or not_established; waits for its sign-off').argument('<id>', 'the case id'))
    .requiredOption('--violation <value>', 'established (违规成立) or not_established (不成立)')
    .option('--amount <fund=yuan>', 'the amount to recover from a fund, e.g. pension-990000=1200.00', collectAmount)
    .requiredOption('--legal-basis <text>', '法律依据')
    .option('--penalty <provision=multiple>', '罚款: the provision (supervision.penalty_multiples, e.g. social_insurance_law_88) and the multiple within its range, e.g. social_insurance_law_88=2')
    .option('--note <text>', 'a note')
    .option('--format <format>', 'json or table', 'table')
    .action((id: string, options) => runWithDatabase('supervision cases conclude', options, async ({ database }) => {
      checkFormat(options.format, ['json', 'table']);
      const [penaltyProvision, penaltyMultiple] = typeof options.penalty === 'string' ? options.penalty.split('=') : [];
      printCase(await concludeCase(database, worker(), caseId(id), {
        violation: options.violation, amounts: options.amount, legalBasis: options.legalBasis, note: options.note,
        penaltyProvision: penaltyProvision ?? null, penaltyMultiple: penaltyProvision === undefined ? null : penaltyMultiple ?? '',
      }), options.format);
    }));

  addDataOption(cases.command('recover').description('追回登记: money received for a concluded case, posted to the fund ledger').argument('<id>', 'the case id'))
    .requiredOption('--fund <code>', 'the fund it was recovered for')
    .requiredOption('--amount <yuan>', 'the amount received')
    .requiredOption('--date <YYYY-MM-DD>', 'the date received')
    .requiredOption('--reference <text>', 'the bank reference (银行流水号)')
    .option('--format <format>', 'json or table', 'table')
    .action((id: string, options) => runWithDatabase('supervision cases recover', options, async ({ database }) => {
      checkFormat(options.format, ['json', 'table']);
      printCase(await recordRecovery(database, worker(), caseId(id), { fund: options.fund, amount: options.amount, recoveredOn: options.date, bankReference: options.reference }), options.format);
    }));

  addDataOption(cases.command('offset').description('抵扣待遇: hand part of a person\'s case to the payroll, kept back from their monthly pension').argument('<id>', 'the case id'))
    .requiredOption('--fund <code>', 'the pension fund the person is paid from, named in the conclusion')
    .requiredOption('--amount <yuan>', 'the amount to keep back')
    .option('--format <format>', 'json or table', 'table')
    .action((id: string, options) => runWithDatabase('supervision cases offset', options, async ({ database }) => {
      checkFormat(options.format, ['json', 'table']);
      printCase(await offsetAgainstBenefits(database, worker(), caseId(id), { fund: options.fund, amount: options.amount }), options.format);
    }));

  addDataOption(cases.command('close').description('结案: a concluded case with nothing outstanding').argument('<id>', 'the case id'))
    .option('--note <text>', 'a note')
    .option('--format <format>', 'json or table', 'table')
    .action((id: string, options) => runWithDatabase('supervision cases close', options, async ({ database }) => {
      checkFormat(options.format, ['json', 'table']);
      printCase(await closeCase(database, worker(), caseId(id), { note: options.note }), options.format);
    }));
}
