/** `sifund pension …`: the pension commands (the quote here; awards and the payroll add theirs to the same group). */
import { Option, type Command } from 'commander';
import { addDataOption, formatTable, printJson, runWithDatabase } from '../../../cli/context.ts';
import { systemActor } from '../../../platform/actor.ts';
import { render } from '../../../platform/messages.ts';
import { addQuoteCommand } from '../quote.cli.ts';
import { pensionQuote } from './quote.service.ts';
import { pensionRecordView, type PensionRecordView } from './record.service.ts';
import { recordSteps } from './record.messages.ts';

/** The one `pension` command group: every file adding a `pension` subcommand asks for it here. */
export function pensionCommand(program: Command): Command {
  return program.commands.find((command) => command.name() === 'pension')
    ?? program.command('pension').description('基本养老保险待遇 (pension): retirement age, quotes, awards');
}

export function registerPensionCommands(program: Command) {
  addQuoteCommand(pensionCommand(program),
    'pension quote (养老金测算): statutory retirement age and month, eligibility, basic, account and transitional pension with every step and its legal source; input {region?, birthDate, gender, category?, retirementDate, contributionMonths, deemedMonths?, averageIndex, averageWage?, accountBalance}',
    (raw, language) => pensionQuote(raw, language));
  addRecordCommand(pensionCommand(program));
}

/** The record for people: each year's months and index, then each step of the trace with its source. */
function recordTable(record: PensionRecordView): string {
  const years = formatTable(['年度', '实缴月数', '缴费基数合计', '年度缴费指数'], record.years.map((year) => [String(year.year), String(year.months), year.baseTotal, year.averageIndex]));
  const trace = formatTable(['项目', '值', '计算', '依据'], record.trace.map((step) => [
    `${render(recordSteps[step.step](), 'zh-CN')}${step.name ? `（${step.name}）` : ''}`, String(step.value ?? '—'), step.formula ?? '', [step.reference, step.parameter].filter(Boolean).join('；'),
  ]));
  const history = record.quoteHistory;
  return `${record.name} ${record.idNumber} 退休日期 ${record.retirementDate}\n${years}\n${trace}\n测算用：累计缴费 ${history.contributionMonths} 个月，平均缴费指数 ${history.averageIndex}，个人账户储存额 ${history.accountBalance} 元\n`;
}

/** `sifund pension record --id-number X --retirement-date D`: the person's record as GET /api/pension/record answers it. */
function addRecordCommand(parent: Command) {
  const actor = systemActor('pension-record', ['benefits.read']);
  addDataOption(parent.command('record').description('the person\'s pension record (养老保险参保缴费记录) for a retirement date: months paid in sifund, average contribution index, individual account balance, with their sources'))
    .requiredOption('--id-number <ID number>', 'resident ID number (公民身份号码)')
    .requiredOption('--retirement-date <date>', 'YYYY-MM-DD')
    .option('--outside-months <n>', '系统外缴费月数: months paid before sifund (with --outside-average-index)')
    .option('--outside-average-index <index>', 'the average index of the outside months')
    .option('--opening-account-balance <yuan>', '个人账户建账余额 carried over from the former system')
    .addOption(new Option('--format <format>', 'output: json, or a table in Chinese').choices(['json', 'table']).default('table'))
    .action((options) => runWithDatabase('pension record', options, async ({ database }) => {
      const record = await pensionRecordView(database, actor, {
        idNumber: options.idNumber, retirementDate: options.retirementDate,
        ...(options.outsideMonths !== undefined ? { outsideMonths: /^[0-9]+$/.test(options.outsideMonths) ? Number(options.outsideMonths) : options.outsideMonths } : {}),
        ...(options.outsideAverageIndex !== undefined ? { outsideAverageIndex: options.outsideAverageIndex } : {}),
        ...(options.openingAccountBalance !== undefined ? { openingAccountBalance: options.openingAccountBalance } : {}),
      });
      if (options.format === 'json') printJson(record); else process.stdout.write(recordTable(record));
    }));
}
