/**
 * 失业保险金测算 (pure, no I/O), 失业保险条例 第十四条、第十七条、第十八条; 社会保险法 第四十五条至第四十七条:
 *  - eligible when the job was lost involuntarily and contributions before it reach the first duration band (1 year);
 *  - months by the band of the contribution months (12 / 18 / 24), plus the unused months of an earlier claim,
 *    capped at the maximum (24);
 *  - monthly amount, when a region is given: its minimum wage × the benefit ratio, rounded once to the fen, not below
 *    the region's minimum living standard and not above the minimum wage.
 */
import { formatDecimal, formatYuan, multiplyFen, type Decimal } from '../../../platform/money.ts';
import type { Said } from '../../../platform/messages.ts';
import { quoteReasons } from '../benefits.messages.ts';
import { citedStep, type Cited, type TraceStep } from '../trace.ts';

export interface UnemploymentQuoteInput {
  region: string | null;
  contributionMonths: number;
  separationReason: 'involuntary' | 'voluntary';
  separationDate: string;
  unusedMonths: number;
}

export interface UnemploymentQuoteParameters {
  /** From each number of contribution months (the key), that many months of benefit. */
  durationMonths: Cited<Record<string, number>>;
  maximumMonths: Cited<number>;
  /** The region's amount rule; null without a region. */
  amount: { minimumWage: Cited<bigint>; ratio: Cited<Decimal>; minimumLivingStandard: Cited<bigint> } | null;
}

export interface UnemploymentQuote {
  eligible: boolean;
  reasons: Said[];
  months: number;
  /** Yuan; null when no region is given or the claimant is not eligible. */
  monthlyAmount: string | null;
  trace: TraceStep[];
}

const LAW = '失业保险条例 第十四条、第十七条; 社会保险法 第四十五条、第四十六条 [law]';

export function quoteUnemployment(input: UnemploymentQuoteInput, parameters: UnemploymentQuoteParameters): UnemploymentQuote {
  const trace: TraceStep[] = Object.entries(input).map(([name, value]) => ({ step: 'input', name, value: value as string | number | null }));
  const bands = Object.entries(parameters.durationMonths.value).map(([from, months]) => ({ from: Number(from), months })).sort((a, b) => a.from - b.from);
  trace.push({ step: 'durationMonths', name: 'bands', value: bands.map((band) => `${band.from}→${band.months}`).join(', '), reference: parameters.durationMonths.reference, parameter: parameters.durationMonths.parameter });
  trace.push(citedStep('durationMonths', parameters.maximumMonths, 'maximum'));

  const reasons: Said[] = [];
  if (input.separationReason === 'voluntary') reasons.push(quoteReasons.voluntarySeparation());
  if (input.contributionMonths < bands[0].from) reasons.push(quoteReasons.shortOfUnemploymentContribution({ months: input.contributionMonths, minimum: bands[0].from }));
  const eligible = reasons.length === 0;
  trace.push({ step: 'eligible', value: eligible, reference: LAW });

  const band = bands.filter((entry) => entry.from <= input.contributionMonths).pop();
  const months = eligible && band ? Math.min(band.months + input.unusedMonths, parameters.maximumMonths.value) : 0;
  if (eligible && band) trace.push({ step: 'durationMonths', value: months, formula: `min(${band.months} (from ${band.from} months) + ${input.unusedMonths} unused, ${parameters.maximumMonths.value})`, reference: LAW });

  let monthlyAmount: string | null = null;
  const amount = parameters.amount;
  if (eligible && amount) {
    trace.push(citedStep('minimumWage', { ...amount.minimumWage, value: formatYuan(amount.minimumWage.value) }));
    trace.push(citedStep('monthlyAmount', { ...amount.ratio, value: formatDecimal(amount.ratio.value) }, 'ratio'));
    trace.push(citedStep('minimumLivingStandard', { ...amount.minimumLivingStandard, value: formatYuan(amount.minimumLivingStandard.value) }));
    const byRatio = multiplyFen(amount.minimumWage.value, amount.ratio.value);
    const fen = [byRatio, amount.minimumLivingStandard.value].reduce((a, b) => (a > b ? a : b));
    const capped = fen > amount.minimumWage.value ? amount.minimumWage.value : fen;
    monthlyAmount = formatYuan(capped);
    trace.push({
      step: 'monthlyAmount', value: monthlyAmount,
      formula: `min(max(${formatYuan(amount.minimumWage.value)} × ${formatDecimal(amount.ratio.value)} = ${formatYuan(byRatio)}, ${formatYuan(amount.minimumLivingStandard.value)}), ${formatYuan(amount.minimumWage.value)})`,
      reference: '失业保险条例 第十八条; 社会保险法 第四十七条 (不得低于城市居民最低生活保障标准) [law]',
    });
  }
  return { eligible, reasons, months, monthlyAmount, trace };
}
