/** The unemployment quote as the CLI and the API run it: the input read, the parameters in force looked up, the quote worked out. */
import { getParameters, type ParameterStore } from '../../../platform/params/index.ts';
import { render, type Language } from '../../../platform/messages.ts';
import { QuoteInputReader } from '../quote-input.ts';
import { cite } from '../trace.ts';
import { quoteUnemployment, type UnemploymentQuote, type UnemploymentQuoteInput, type UnemploymentQuoteParameters } from './quote.calc.ts';

const fields = ['region', 'contributionMonths', 'separationReason', 'separationDate', 'unusedMonths'] as const;

export function readUnemploymentQuoteInput(raw: unknown): UnemploymentQuoteInput {
  const read = new QuoteInputReader(raw, fields);
  const input: UnemploymentQuoteInput = {
    region: read.region(),
    contributionMonths: read.months('contributionMonths', true),
    separationReason: read.choice('separationReason', ['involuntary', 'voluntary'], true) ?? 'voluntary',
    separationDate: read.date('separationDate'),
    unusedMonths: read.months('unusedMonths', false),
  };
  read.done();
  return input;
}

/** The parameters in force on the separation date (the region's amount rule only with a region). */
export function unemploymentQuoteParameters(store: ParameterStore, input: UnemploymentQuoteInput): UnemploymentQuoteParameters {
  const get = (path: string) => store.lookup(path, input.separationDate, input.region);
  const ratio = 'unemployment.benefit.minimum_wage_ratio';
  return {
    durationMonths: cite<Record<string, number>>(get('benefits.unemployment.duration_months')),
    maximumMonths: cite<number>(get('benefits.unemployment.maximum_months')),
    amount: input.region === null ? null : {
      minimumWage: cite<bigint>(get('wage.minimum_monthly')),
      ratio: cite(get(ratio), store.rate(ratio, input.separationDate, input.region)),
      minimumLivingStandard: cite<bigint>(get('benefits.unemployment.minimum_living_standard')),
    },
  };
}

export type UnemploymentQuoteAnswer = Omit<UnemploymentQuote, 'reasons'> & { reasons: string[] };

export function unemploymentQuote(raw: unknown, language: Language, store: ParameterStore = getParameters()): UnemploymentQuoteAnswer {
  const input = readUnemploymentQuoteInput(raw);
  const quote = quoteUnemployment(input, unemploymentQuoteParameters(store, input));
  return { ...quote, reasons: quote.reasons.map((reason) => render(reason, language)) };
}
