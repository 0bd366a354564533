/**
 * 参保缴费记录 for a pension (国发〔2005〕38号 六): from a person's enterprise pension months in sifund, the months paid
 * and the average contribution index I — each month's base ÷ the average wage W its region used for that month's base
 * limits (contribution.base.average_wage, looked up as billing does, on the first day of the period), averaged over
 * the months, which is each year's index weighted by its months. The sum of the months' indices is kept exact (a
 * fraction) and rounded once, to the places of pension.average_index_scale, where a figure is shown. Pure: the months,
 * the wages and the places come in.
 */
import { divideRounded, formatYuan, type Decimal } from '../../../platform/money.ts';
import type { Cited, TraceStep } from '../trace.ts';
import type { RecordStepName } from './record.messages.ts';

const INDEX_REFERENCE = '国发〔2005〕38号 六 (本人指数化月平均缴费工资: 历年缴费基数 ÷ 当年社平工资的平均值) [law]';

/** An employer's pension month of the person: its net base in fen, its region, whether it is paid. */
export interface PensionMonthLine { period: string; creditCode: string; regionCode: string; base: bigint; paid: boolean }

/** An exact non-negative fraction. */
export interface Fraction { numerator: bigint; denominator: bigint }

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));
function add(a: Fraction, b: Fraction): Fraction {
  const numerator = a.numerator * b.denominator + b.numerator * a.denominator, denominator = a.denominator * b.denominator;
  const divisor = gcd(numerator, denominator) || 1n;
  return { numerator: numerator / divisor, denominator: denominator / divisor };
}
const ZERO: Fraction = { numerator: 0n, denominator: 1n };

/** An index as shown: exactly its places ("1.1750"), as the record's figures are compared by their text. */
export function formatIndex(index: Decimal): string {
  const unit = 10n ** BigInt(index.scale);
  return `${index.units / unit}.${(index.units % unit).toString().padStart(index.scale, '0')}`;
}

/** sum ÷ months to `scale` places, rounded half up once. */
export const averageOf = (sum: Fraction, months: number, scale: number): Decimal =>
  ({ units: divideRounded(sum.numerator * 10n ** BigInt(scale), sum.denominator * BigInt(months)), scale });

export interface RecordMonth { period: string; base: bigint; averageWage: Cited<bigint>; employers: string[] }
export interface RecordYear { year: number; months: number; baseTotal: bigint; averageIndex: Decimal; averageWages: { value: bigint; parameter: string; months: number }[] }

export interface PensionContributionRecord {
  /** Distinct periods paid, up to the retirement month. */
  months: number;
  /** Σ base ÷ W over the months, exact: what a combined index is worked from. */
  indexSum: Fraction;
  /** I to `indexScale` places; null without a month. */
  averageIndex: Decimal | null;
  /** The places an index is rounded to (pension.average_index_scale in force at retirement). */
  indexScale: number;
  years: RecordYear[];
  periods: RecordMonth[];
  trace: TraceStep<RecordStepName>[];
}

/**
 * The months and the index of the lines up to `lastPeriod`. A month counts when an employer's net base for it is
 * above zero and paid; a month billed and paid by two employers counts once (一人一个养老保险关系: one relationship,
 * the other is to be closed and refunded), at the higher of its bases [check: docs/decisions.md].
 */
export function contributionRecordFigures(
  lines: readonly PensionMonthLine[], lastPeriod: string, averageWageOf: (period: string, regionCode: string) => Cited<bigint>, indexScale: Cited<number>,
): PensionContributionRecord {
  const scale = indexScale.value;
  if (!Number.isInteger(scale) || scale < 1 || scale > 8) throw new Error(`${indexScale.parameter}: the index's places must be 1–8, got ${scale}`);
  const byPeriod = new Map<string, { base: bigint; regionCode: string; employers: string[] }>();
  for (const line of lines) {
    if (!line.paid || line.base <= 0n || line.period > lastPeriod) continue;
    const month = byPeriod.get(line.period);
    if (!month) byPeriod.set(line.period, { base: line.base, regionCode: line.regionCode, employers: [line.creditCode] });
    else {
      month.employers.push(line.creditCode);
      if (line.base > month.base) Object.assign(month, { base: line.base, regionCode: line.regionCode });
    }
  }
  const periods: RecordMonth[] = [...byPeriod.entries()].sort(([a], [b]) => a.localeCompare(b))
    .map(([period, month]) => ({ period, base: month.base, averageWage: averageWageOf(period, month.regionCode), employers: month.employers }));

  const years: RecordYear[] = [];
  const sums = new Map<number, Fraction>();
  let indexSum = ZERO;
  for (const month of periods) {
    const ratio = { numerator: month.base, denominator: month.averageWage.value };
    const yearNumber = Number(month.period.slice(0, 4));
    let year = years.at(-1);
    if (year?.year !== yearNumber) years.push(year = { year: yearNumber, months: 0, baseTotal: 0n, averageIndex: { units: 0n, scale }, averageWages: [] });
    year.months++;
    year.baseTotal += month.base;
    const wage = year.averageWages.find((used) => used.parameter === month.averageWage.parameter);
    if (wage) wage.months++; else year.averageWages.push({ value: month.averageWage.value, parameter: month.averageWage.parameter, months: 1 });
    sums.set(yearNumber, add(sums.get(yearNumber) ?? ZERO, ratio));
    indexSum = add(indexSum, ratio);
  }
  for (const year of years) year.averageIndex = averageOf(sums.get(year.year)!, year.months, scale);

  const months = periods.length;
  const averageIndex = months ? averageOf(indexSum, months, scale) : null;
  const trace: TraceStep<RecordStepName>[] = [];
  for (const year of years) {
    for (const wage of year.averageWages) {
      trace.push({ step: 'baseAverageWage', name: String(year.year), value: formatYuan(wage.value), formula: `${wage.months} months`, parameter: wage.parameter });
    }
    trace.push({ step: 'yearIndex', name: String(year.year), value: formatIndex(year.averageIndex),
      formula: `Σ base ÷ W over ${year.months} months ÷ ${year.months}`, reference: INDEX_REFERENCE });
  }
  trace.push({ step: 'recordMonths', value: months, formula: 'distinct periods of enterprise pension paid in sifund (a month paid by two employers once)',
    reference: '国发〔2005〕38号 六 (缴费年限) [law]' });
  trace.push({ step: 'recordIndex', value: averageIndex === null ? null : formatIndex(averageIndex),
    formula: years.map((year) => `${formatIndex(year.averageIndex)} × ${year.months}`).join(' + ') + ` ÷ ${months}` + ` (exact, rounded once to ${scale} places)`,
    reference: `${INDEX_REFERENCE}; ${indexScale.reference}`, parameter: indexScale.parameter });
  return { months, indexSum, averageIndex, indexScale: scale, years, periods, trace };
}

/** What the operator adds from outside sifund: months before the agency went live (with their index), an account balance taken over. */
export interface OutsideRecord { months: number; averageIndex: Decimal | null; accountBalance: bigint }

/**
 * The quote's history from the record plus what the operator adds: months and balance added up, the index the
 * month-weighted mean of both (Σ of the record's exact indices + the outside index × its months, ÷ all months, rounded
 * once). Months outside sifund need their own index (refused by the caller otherwise).
 */
export function quoteHistory(record: Pick<PensionContributionRecord, 'months' | 'indexSum' | 'indexScale'>, accountBalance: bigint, outside: OutsideRecord) {
  const months = record.months + outside.months;
  const outsideSum: Fraction = outside.months && outside.averageIndex
    ? { numerator: outside.averageIndex.units * BigInt(outside.months), denominator: 10n ** BigInt(outside.averageIndex.scale) } : ZERO;
  return {
    contributionMonths: months,
    averageIndex: months ? averageOf(add(record.indexSum, outsideSum), months, record.indexScale) : { units: 0n, scale: record.indexScale },
    accountBalance: accountBalance + outside.accountBalance,
  };
}
