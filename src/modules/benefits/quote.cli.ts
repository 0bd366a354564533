/** `sifund pension quote` and `sifund unemployment quote`: a JSON input file in, the quote out as JSON or as a table in Chinese. */
import fs from 'node:fs';
import { Option, type Command } from 'commander';
import { addDataOption, formatTable, printJson, runWithDatabase } from '../../cli/context.ts';
import { invalid } from '../../platform/errors.ts';
import { fieldLabel, languageOfEnvironment, render, type Language } from '../../platform/messages.ts';
import { inputRules, traceSteps } from './benefits.messages.ts';
import type { TraceStep } from './trace.ts';

export interface QuoteAnswer { eligible: boolean; reasons: string[]; trace: TraceStep[] }

/** The input file as JSON; a 400 naming `input` when it is not. */
export function readInputFile(file: string): unknown {
  const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  try { return JSON.parse(text); } catch (error) { throw invalid('input', inputRules.jsonGot({ error: (error as Error).message })); }
}

const shown = (value: TraceStep['value']) => (value === null ? '—' : typeof value === 'boolean' ? (value ? '是' : '否') : String(value));

/** The quote for people: each step of the trace in Chinese, then the conclusion and its reasons. */
export function quoteTable(answer: QuoteAnswer): string {
  const language: Language = 'zh-CN';
  const rows = answer.trace.map((step) => [
    step.step === 'input' && step.name ? `${render(traceSteps.input(), language)}：${fieldLabel(step.name, language)}` : `${render(traceSteps[step.step](), language)}${step.name ? `（${step.name}）` : ''}`,
    shown(step.value), step.formula ?? '', [step.reference, step.parameter].filter(Boolean).join('；'),
  ]);
  const conclusion = answer.eligible ? '结论：符合条件' : `结论：不符合条件\n${answer.reasons.map((reason) => `  · ${reason}`).join('\n')}`;
  return `${formatTable(['项目', '值', '计算', '依据'], rows)}\n${conclusion}\n`;
}

/** Adds `<parent> quote --input F.json --format json|table`: parameters as in force (regional values approved in the UI included). */
export function addQuoteCommand(parent: Command, description: string, answer: (raw: unknown, language: Language) => QuoteAnswer) {
  addDataOption(parent.command('quote').description(description))
    .requiredOption('--input <file>', 'the input, a JSON file')
    .addOption(new Option('--format <format>', 'output: json, or a table in Chinese').choices(['json', 'table']).default('table'))
    .action((options) => runWithDatabase(`${parent.name()} quote`, options, async () => {
      const format = options.format as 'json' | 'table';
      const result = answer(readInputFile(options.input), format === 'table' ? 'zh-CN' : languageOfEnvironment());
      if (format === 'json') printJson(result);
      else process.stdout.write(quoteTable(result));
    }));
}
