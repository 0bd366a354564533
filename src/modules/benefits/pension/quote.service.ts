/** The pension quote as the CLI and the API run it: the input read, the parameters in force looked up, the quote worked out. */
import { getParameters, type ParameterStore } from '../../../platform/params/index.ts';
import { render, type Language } from '../../../platform/messages.ts';
import { inputRules } from '../benefits.messages.ts';
import { QuoteInputReader } from '../quote-input.ts';
import { cite } from '../trace.ts';
import { quotePension, type DivisorMethod, type PensionQuote, type PensionQuoteInput, type PensionQuoteParameters, type TransitionalFormula } from './quote.calc.ts';

const fields = ['region', 'birthDate', 'gender', 'category', 'retirementDate', 'contributionMonths', 'deemedMonths', 'averageIndex', 'averageWage', 'accountBalance'] as const;

export function readPensionQuoteInput(raw: unknown): PensionQuoteInput {
  const read = new QuoteInputReader(raw, fields);
  const input: PensionQuoteInput = {
    region: read.region(),
    birthDate: read.date('birthDate'),
    gender: read.choice('gender', ['male', 'female'], true) ?? 'male',
    category: read.choice('category', ['worker', 'cadre'], false),
    retirementDate: read.date('retirementDate'),
    contributionMonths: read.months('contributionMonths', true),
    deemedMonths: read.months('deemedMonths', false),
    averageIndex: read.decimal('averageIndex'),
    averageWage: read.yuan('averageWage', false),
    accountBalance: read.yuan('accountBalance', true) ?? 0n,
  };
  read.done();
  if (input.retirementDate < input.birthDate) read.problem('retirementDate', inputRules.notBeforeBirth({ birthDate: input.birthDate }));
  read.done();
  return input;
}

/** The parameters in force on the retirement date in the input's region (national without one). */
export function pensionQuoteParameters(store: ParameterStore, input: PensionQuoteInput): PensionQuoteParameters {
  const get = (path: string) => store.lookup(path, input.retirementDate, input.region);
  const formula = get('benefits.pension.transitional_formula');
  return {
    averageWage: input.averageWage === null ? cite<bigint>(get('contribution.base.average_wage')) : null,
    minimumContributionMonths: cite<number>(get('pension.minimum_contribution_months')),
    elasticEarlyMonths: cite<number>(get('benefits.pension.elastic_early_months')),
    elasticLateMonths: cite<number>(get('benefits.pension.elastic_late_months')),
    divisorTable: cite<Record<string, number>>(get('pension.annuity_divisor')),
    divisorMethod: cite<DivisorMethod>(get('benefits.pension.divisor_between_ages')),
    transitionalFormula: cite<TransitionalFormula>(formula),
    transitionalCoefficient: formula.value === 'none' ? null : cite(get('benefits.pension.transitional_coefficient'), store.rate('benefits.pension.transitional_coefficient', input.retirementDate, input.region)),
  };
}

/** The quote as JSON answers it: the reasons in the reader's language. */
export type PensionQuoteAnswer = Omit<PensionQuote, 'reasons'> & { reasons: string[] };

export function pensionQuote(raw: unknown, language: Language, store: ParameterStore = getParameters()): PensionQuoteAnswer {
  const input = readPensionQuoteInput(raw);
  const quote = quotePension(input, pensionQuoteParameters(store, input));
  return { ...quote, reasons: quote.reasons.map((reason) => render(reason, language)) };
}
