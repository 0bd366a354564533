/** `sifund medical …`: medical settlement with designated institutions (医保结算). */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { addDataOption, checkFormat, formatTable, printJson, runWithDatabase } from '../../cli/context.ts';
import { invalid } from '../../platform/errors.ts';
import { languageOfEnvironment, render, type Language } from '../../platform/messages.ts';
import { formatYuan, parseYuan } from '../../platform/money.ts';
import { medicalMessages as said } from './medical.messages.ts';
import type { YearEndAnswer } from './settlement/year-end.input.ts';
import { previewYearEndSettlement } from './settlement/year-end.service.ts';
import { systemActor } from '../../platform/actor.ts';
import { importInstitutions, importQuotas, importSettlements } from './institutions/institutions.import.ts';
import { payPrepayment, prepaymentView, runPrepayment } from './prepayment/prepayment.service.ts';
import { payYearEndSettlement, recordRepayment, runYearEndSettlement, yearEndRunView } from './settlement/year-end-run.service.ts';
import { institutionIndicators } from './indicators/indicators.service.ts';
import { dipProjection } from './dip/dip.service.ts';
import { allocationView, previewQuotaAllocation, submitQuotaAllocation, type AdjustmentInput } from './quotas/allocation.service.ts';

/** The input file as JSON; a 400 naming `input` when it cannot be read or parsed. */
function readJsonFile(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    throw invalid('input', said.notJson({ problem: (error as Error).message }));
  }
}

/** The year-end settlement as a table for the terminal, in the language of LANG, with the rules above it and a total row. */
export function yearEndTable(answer: YearEndAnswer, language: Language): string {
  const text = (message: Parameters<typeof render>[0]) => render(message, language);
  const { rules } = answer;
  const bands = rules.overrunBands.length
    ? rules.overrunBands.map((band) => text(said.band({ upTo: band.upToShareOfQuota, fundShare: band.fundShare }))).join('；')
    : text(said.noBands());
  const header = text(said.rulesLine({
    savingRewardShare: rules.savingRewardShare,
    cap: rules.savingRewardCapShareOfQuota === null ? said.noCap() : said.capOfQuota({ share: rules.savingRewardCapShareOfQuota }),
    bands,
    reference: rules.reference ? said.referenceNote({ reference: rules.reference }) : '',
  }));
  const columns = ['quota', 'actual', 'savingReward', 'overrunPaid', 'allowed', 'prepaid', 'settlement'] as const;
  const headings = [said.headCode(), said.headQuota(), said.headActual(), said.headSavingReward(), said.headOverrunPaid(), said.headAllowed(), said.headPrepaid(), said.headSettlement()].map(text);
  const rows = answer.institutions.map((institution) => [institution.code, ...columns.map((column) => institution[column])]);
  const totals = columns.map((column) => formatYuan(answer.institutions.reduce((sum, institution) => sum + parseYuan(institution[column]), 0n)));
  return `${header}\n${formatTable(headings, [...rows, [text(said.total()), ...totals]], [1, 2, 3, 4, 5, 6, 7])}`;
}

export function registerMedicalCommands(program: Command) {
  const medical = program.command('medical').description('医保结算 medical settlement with designated institutions');

  addDataOption(medical.command('settle-year')
    .description('年终清算 settle institutions\' years under total budget control: {rules | region, year, institutions} → allowed and settlement per institution')
    .requiredOption('--input <file>', 'JSON: {rules: {savingRewardShare, savingRewardCapShareOfQuota?, overrunBands: [{upToShareOfQuota, fundShare}]}, institutions: [{code, quota, actual, prepaid}]}, or region and year instead of rules')
    .option('--format <format>', 'table or json', 'table'))
    .action((options: { input: string; format: string; data?: string }) => runWithDatabase('medical settle-year', options, async () => {
      checkFormat(options.format, ['table', 'json']);
      const answer = previewYearEndSettlement(readJsonFile(options.input));
      if (options.format === 'json') printJson(answer);
      else process.stdout.write(yearEndTable(answer, languageOfEnvironment()));
    }));

  // The CLI's named system actor: the 经办 of the medical fund's settlement with institutions (sign-off is done by people).
  const actor = systemActor('medical', ['medical.read', 'medical.manage', 'medical.settle', 'approvals.read']);
  const fileOf = (file: string) => ({ fileName: path.basename(file), content: fs.readFileSync(file) });
  const imports = [
    ['institutions', '定点医药机构登记 register institutions: institution,name,regionCode,institutionKind,bankAccount', importInstitutions],
    ['quotas', '年度总额指标 import annual quotas: institution,year,annualQuota,reserveShare', importQuotas],
    ['settlements', '月度结算数据 import monthly settlement data: institution,month,dipGroup,cases,cost,visits,patients,inpatientDays,totalCost,fundPayable', importSettlements],
  ] as const;
  for (const [name, description, run] of imports) {
    addDataOption(medical.command(name).description(description).command('import').description(`${description} (CSV in UTF-8 or GBK, or XLSX; all rows or none; the same file twice applies once)`))
      .requiredOption('--file <file>', 'CSV or XLSX')
      .action((options: { file: string; data?: string }) => runWithDatabase(`medical ${name} import`, options, async ({ database }) => {
        printJson(await run(database, actor, fileOf(options.file)));
      }));
  }

  addDataOption(medical.commands.find((command) => command.name() === 'quotas')!.command('allocation')
    .description('总额预算指标分配 the quotas the approved budget gives each institution (by history × level factor, less the adjustment reserve); --submit sends them to sign-off'))
    .requiredOption('--year <YYYY>', 'the budget year').option('--region <code>', 'the medical pooling region (default: the only one)')
    .option('--adjust <file>', 'JSON list of quotas set by hand: [{institution, quota, reason}]').option('--submit', 'submit to sign-off (复核, 审批): the final approval writes the quotas')
    .option('--show', 'the latest stored allocation of the year instead of a new proposal')
    .action((options: { year: string; region?: string; adjust?: string; submit?: boolean; show?: boolean; data?: string }) => runWithDatabase('medical quotas allocation', options, async ({ database }) => {
      if (options.show) return printJson(await allocationView(database, actor, { year: options.year, region: options.region }));
      const adjustments = options.adjust ? readJsonFile(options.adjust) : [];
      if (!Array.isArray(adjustments)) throw invalid('adjust', said.list());
      const input = { year: options.year, region: options.region, adjustments: adjustments as AdjustmentInput[] };
      printJson(await (options.submit ? submitQuotaAllocation : previewQuotaAllocation)(database, actor, input));
    }));

  const prepayments = medical.command('prepayments').description('月度预拨 monthly pre-allocation to designated institutions');
  addDataOption(prepayments.command('run').description('compute a month (a job: idempotent) and submit it to sign-off'))
    .requiredOption('--month <YYYY-MM>', 'the month pre-allocated').option('--region <code>', 'the medical pooling region (default: the only one)')
    .action((options: { month: string; region?: string; data?: string }) => runWithDatabase('medical prepayments run', options, async ({ database }) => {
      printJson(await runPrepayment(database, actor, options));
    }));
  addDataOption(prepayments.command('show').description('a month\'s pre-allocation and its lines'))
    .requiredOption('--month <YYYY-MM>', 'the month').option('--region <code>', 'the medical pooling region')
    .action((options: { month: string; region?: string; data?: string }) => runWithDatabase('medical prepayments show', options, async ({ database }) => {
      printJson(await prepaymentView(database, actor, options));
    }));
  addDataOption(prepayments.command('pay').description('pay a signed-off month from the 支出户 (Dr 医疗待遇支出 / Cr 支出户)'))
    .requiredOption('--month <YYYY-MM>', 'the month').option('--region <code>', 'the medical pooling region').option('--paid-on <date>', 'the day paid (default today)')
    .action((options: { month: string; region?: string; paidOn?: string; data?: string }) => runWithDatabase('medical prepayments pay', options, async ({ database }) => {
      printJson(await payPrepayment(database, actor, options));
    }));

  const yearEnd = medical.command('year-end').description('年终清算 the year-end settlement from the stored quotas, actuals and prepayments');
  const yearOf = (text: string) => Number(text);
  addDataOption(yearEnd.command('run').description('settle a year by the region\'s rule set and submit it to sign-off (again: the stored result)'))
    .requiredOption('--year <YYYY>', 'the year settled').option('--region <code>', 'the medical pooling region')
    .action((options: { year: string; region?: string; data?: string }) => runWithDatabase('medical year-end run', options, async ({ database }) => {
      printJson(await runYearEndSettlement(database, actor, { year: yearOf(options.year), region: options.region }));
    }));
  addDataOption(yearEnd.command('show').description('a year\'s stored settlement'))
    .requiredOption('--year <YYYY>', 'the year').option('--region <code>', 'the medical pooling region')
    .action((options: { year: string; region?: string; data?: string }) => runWithDatabase('medical year-end show', options, async ({ database }) => {
      printJson(await yearEndRunView(database, actor, { year: yearOf(options.year), region: options.region }));
    }));
  addDataOption(yearEnd.command('pay').description('pay the institutions owed money once the settlement is signed off'))
    .requiredOption('--year <YYYY>', 'the year').option('--region <code>', 'the medical pooling region').option('--paid-on <date>', 'the day paid (default today)')
    .action((options: { year: string; region?: string; paidOn?: string; data?: string }) => runWithDatabase('medical year-end pay', options, async ({ database }) => {
      printJson(await payYearEndSettlement(database, actor, { year: yearOf(options.year), region: options.region, paidOn: options.paidOn }));
    }));
  addDataOption(yearEnd.command('repay').description('an institution repaid what the settlement recovers from it'))
    .requiredOption('--year <YYYY>', 'the year').requiredOption('--institution <code>', 'the institution').option('--repaid-on <date>', 'the day repaid (default today)')
    .action((options: { year: string; institution: string; repaidOn?: string; data?: string }) => runWithDatabase('medical year-end repay', options, async ({ database }) => {
      printJson(await recordRepayment(database, actor, { year: yearOf(options.year), institution: options.institution, repaidOn: options.repaidOn }));
    }));

  addDataOption(medical.command('indicators').description('监测指标 per institution and month against the agreed values, flagged when above'))
    .requiredOption('--from <YYYY-MM>', 'the first month').option('--to <YYYY-MM>', 'the last month (default: --from)')
    .option('--region <code>', 'the medical pooling region').option('--institution <code>', 'one institution').option('--flagged-only', 'only the months with a flagged indicator')
    .action((options: { from: string; to?: string; region?: string; institution?: string; flaggedOnly?: boolean; data?: string }) => runWithDatabase('medical indicators', options, async ({ database }) => {
      printJson(await institutionIndicators(database, actor, options));
    }));
  addDataOption(medical.command('dip').description('DIP 按病种分值付费').command('projection').description('年终点值预测 the year-end point value foreseen from the months settled, with its range'))
    .requiredOption('--year <YYYY>', 'the year').option('--region <code>', 'the medical pooling region')
    .action((options: { year: string; region?: string; data?: string }) => runWithDatabase('medical dip projection', options, async ({ database }) => {
      printJson(await dipProjection(database, actor, { year: yearOf(options.year), region: options.region }));
    }));
}
