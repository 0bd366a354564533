/**
 * `sifund supervision credit run|show|plan`, `sifund supervision blacklist [list] [--show S]|propose|remove` (信用等级与严重失信人
 * 名单): a grading run, a subject's credit, the list; a proposal and a removal wait for their sign-off (`sifund
 * approvals`, kind supervision.blacklist).
 */
import type { Command } from 'commander';
import { addDataOption, checkFormat, formatTable, printJson, runWithDatabase } from '../../../cli/context.ts';
import { systemActor } from '../../../platform/actor.ts';
import { invalid } from '../../../platform/errors.ts';
import { fieldRules } from '../../../platform/fields.messages.ts';
import { todayInChina } from '../../../platform/params/index.ts';
import { checkShow, checkSubjectKind, getSubjectCredit, inspectionPlan, listBlacklist, proposeListing, requestRemoval, runGrading, type InspectionPlanItem, type ListingDetailView, type ListingView } from './credit.service.ts';
import { everyPage } from '../../../platform/http/lists.ts';

const PAGE = 1000;
const reader = () => systemActor('supervision-credit', ['supervision.read', 'personal.full.read']);
const worker = () => systemActor('supervision-credit', ['supervision.case', 'supervision.read', 'personal.full.read']);

function printListing(view: ListingDetailView, format: string) {
  if (format === 'json') { printJson(view); return; }
  process.stdout.write(`${view.id} ${view.statusLabel} ${view.subjectKind} ${view.subject} ${view.listedOn ?? '-'} – ${view.listedUntil ?? '-'} ${view.reason}\n`);
}

export function registerCreditCommands(supervision: Command) {
  const credit = supervision.command('credit').description('信用等级: grade the subjects of supervision, read a subject\'s credit');

  addDataOption(credit.command('run').description('grade every subject supervision knows (a history row for each grade that changed)'))
    .option('--format <format>', 'json or table', 'table')
    .action((options) => runWithDatabase('supervision credit run', options, async ({ database }) => {
      checkFormat(options.format, ['json', 'table']);
      const result = await runGrading(database, systemActor('supervision-credit', ['supervision.run', 'supervision.read']));
      if (options.format === 'json') printJson(result);
      else {
        process.stdout.write(`${result.asOf}: ${result.subjects} subjects graded, ${result.changed} changed\n`);
        process.stdout.write(formatTable(['kind', 'grade', 'label', 'subjects'], result.counts.map((c) => [c.subjectKind, c.grade, c.gradeLabel, String(c.subjects)]), [3]));
      }
    }));

  addDataOption(credit.command('show').description('a subject\'s grade, history and listings'))
    .requiredOption('--subject <code>', 'credit code, institution code or ID number')
    .option('--type <kind>', 'person, employer or institution (needed only when the code names several)')
    .option('--format <format>', 'json or table', 'table')
    .action((options) => runWithDatabase('supervision credit show', options, async ({ database }) => {
      checkFormat(options.format, ['json', 'table']);
      const view = await getSubjectCredit(database, reader(), { subjectKind: options.type, subject: options.subject });
      if (options.format === 'json') { printJson(view); return; }
      process.stdout.write(`${view.subjectKind} ${view.subject}: ${view.grade} ${view.gradeLabel}${view.listed ? ` 严重失信人名单 至 ${view.listedUntil}` : ''}\n`);
      process.stdout.write(formatTable(['graded on', 'grade', 'from'], view.history.map((h) => [h.gradedOn, h.grade, h.previousGrade ?? '-'])));
    }));

  addDataOption(credit.command('plan').description('检查计划: the graded subjects by the day they are due for inspection (their grade\'s interval), earliest first'))
    .option('--type <kind>', 'person, employer or institution')
    .option('--due', 'only the subjects due by today')
    .option('--format <format>', 'json or table', 'table')
    .action((options) => runWithDatabase('supervision credit plan', options, async ({ database }) => {
      checkFormat(options.format, ['json', 'table']);
      const filter = { subjectKind: checkSubjectKind(options.type), due: options.due === true };
      const items: InspectionPlanItem[] = [];
      for await (const page of everyPage((request) => inspectionPlan(database, reader(), filter, request))) items.push(...page);
      if (options.format === 'json') printJson(items);
      else process.stdout.write(formatTable(['kind', 'subject', 'grade', 'every (months)', 'last inspected', 'due on', 'overdue'],
        items.map((i) => [i.subjectKind, i.subject, i.grade, String(i.intervalMonths), i.lastInspected ?? '-', i.dueOn, i.overdue ? '是' : ''])));
    }));

  const blacklist = supervision.command('blacklist').description('严重失信人名单: the listings in force (or --show proposed|all); propose, remove');
  // the list is the default subcommand (`blacklist --format json`): options on `blacklist` itself would take the
  // subcommands' --format too
  addDataOption(blacklist.command('list', { isDefault: true }).description('the listings in force (an expired one is off by its dates), or proposed, or all'))
    .option('--show <show>', 'in_force (default), proposed or all')
    .option('--format <format>', 'json or table', 'table')
    .action((options) => runWithDatabase('supervision blacklist', options, async ({ database }) => {
      checkFormat(options.format, ['json', 'table']);
      const show = checkShow(options.show);
      const items: ListingView[] = [];
      let after: string | undefined;
      do {
        const page = await listBlacklist(database, reader(), show, { limit: PAGE, after });
        items.push(...page.items);
        after = page.nextCursor ?? undefined;
      } while (after);
      if (options.format === 'json') printJson(items);
      else process.stdout.write(formatTable(['id', 'kind', 'subject', 'status', 'listed on', 'until', 'reason'],
        items.map((l) => [l.id, l.subjectKind, l.subject, l.statusLabel, l.listedOn ?? '-', l.listedUntil ?? '-', l.reason])));
    }));

  addDataOption(blacklist.command('propose').description('列入: a subject meeting the blacklist rule, after its notice; waits for its sign-off'))
    .requiredOption('--subject <code>', 'credit code, institution code or ID number')
    .option('--type <kind>', 'person, employer or institution (needed only when the code names several)')
    .requiredOption('--reason <text>', '列入理由')
    .option('--notified-on <YYYY-MM-DD>', '告知书送达日期 (default today)')
    .option('--format <format>', 'json or table', 'table')
    .action((options) => runWithDatabase('supervision blacklist propose', options, async ({ database }) => {
      checkFormat(options.format, ['json', 'table']);
      printListing(await proposeListing(database, worker(), {
        subjectKind: options.type, subject: options.subject, reason: options.reason, notifiedOn: options.notifiedOn ?? todayInChina(),
      }), options.format);
    }));

  addDataOption(blacklist.command('remove').description('信用修复: the early removal of a listing in force; waits for its sign-off').argument('<id>', 'the listing id'))
    .requiredOption('--reason <text>', '信用修复理由')
    .option('--format <format>', 'json or table', 'table')
    .action((id: string, options) => runWithDatabase('supervision blacklist remove', options, async ({ database }) => {
      checkFormat(options.format, ['json', 'table']);
      if (!/^[0-9]{1,19}$/.test(id)) throw invalid('listingId', fieldRules.wholeNumberGot({ text: id }));
      printListing(await requestRemoval(database, worker(), BigInt(id), { reason: options.reason }), options.format);
    }));
}
