/** `sifund medical …`: medical settlement with designated institutions (医保结算). */
import fs from 'node:fs';
import type { Command } from 'commander';
import { addDataOption, checkFormat, formatTable, printJson, runWithDatabase } from '../../cli/context.ts';
import { invalid } from '../../platform/errors.ts';
import { languageOfEnvironment, render, type Language } from '../../platform/messages.ts';
import { formatYuan, parseYuan } from '../../platform/money.ts';
import { medicalMessages as said } from './medical.messages.ts';
import type { YearEndAnswer } from './settlement/year-end.input.ts';
import { previewYearEndSettlement } from './settlement/year-end.service.ts';

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
}
