/**
 * 基本养老金测算 (pure, no I/O): eligibility and the monthly pension of an enterprise employee retiring on a date.
 *  - statutory retirement age and month under the 2024 reform (../../registry/retirement-age.calc.ts);
 *  - elastic retirement (决定 附件1 第二条): at the age of at most `elasticEarlyMonths` before the statutory age, never
 *    before the former age, counted to the day (completed months on the retirement date); later by choice — not
 *    refused here: a person short of the minimum years keeps paying past the window until the minimum is met;
 *  - minimum contribution months in force on the retirement date (15 years, from 2030 +6 months a year to 20);
 *  - basic pension (国发〔2005〕38号 六) = (W + W × I) ÷ 2 × N × 1%, N = (contribution + deemed months) ÷ 12;
 *  - account pension = balance ÷ divisor by the age at retirement (for an age between whole years the method is a
 *    parameter: completed years, or linear by month between the two whole ages);
 *  - transitional pension by the region's formula (none nationally).
 * Each amount is computed exactly and rounded once to the fen (money.ts, half up); the total is the sum of the three.
 */
import { divideRounded, formatDecimal, formatYuan, type Decimal } from '../../../platform/money.ts';
import type { Said } from '../../../platform/messages.ts';
import { invalid } from '../../../platform/errors.ts';
import {
  monthIndex, monthOfIndex, retirementSchedules, statutoryRetirementAgeMonths, type RetirementCategory,
} from '../../registry/index.ts';
import { inputRules, quoteReasons } from '../benefits.messages.ts';
import { citedStep, type Cited, type TraceStep } from '../trace.ts';

export interface PensionQuoteInput {
  region: string | null;
  birthDate: string;
  gender: 'male' | 'female';
  /** Women only: worker (50-based) or cadre (55-based); women are workers when not said. */
  category: 'worker' | 'cadre' | null;
  retirementDate: string;
  contributionMonths: number;
  deemedMonths: number;
  averageIndex: Decimal;
  /** Fen; null: the region's published average wage in force on the retirement date (the year before's). */
  averageWage: bigint | null;
  accountBalance: bigint;
}

export type DivisorMethod = 'completed_years' | 'monthly_interpolation';
export type TransitionalFormula = 'none' | 'deemed_years_indexed';

/** The parameters in force on the retirement date for the region, each with its reference. */
export interface PensionQuoteParameters {
  /** The published average wage (fen), used when the input gives none. */
  averageWage: Cited<bigint> | null;
  minimumContributionMonths: Cited<number>;
  elasticEarlyMonths: Cited<number>;
  elasticLateMonths: Cited<number>;
  divisorTable: Cited<Record<string, number>>;
  divisorMethod: Cited<DivisorMethod>;
  transitionalFormula: Cited<TransitionalFormula>;
  /** Only for deemed_years_indexed. */
  transitionalCoefficient: Cited<Decimal> | null;
}

export interface YearsMonths { years: number; months: number }

export interface PensionQuote {
  eligible: boolean;
  reasons: Said[];
  statutoryRetirementAge: YearsMonths;
  statutoryRetirementMonth: string;
  retirementAge: YearsMonths;
  /** Whole number with completed years; up to two decimals when interpolated. */
  divisor: number;
  basicPension: string;
  accountPension: string;
  transitionalPension: string;
  total: string;
  trace: TraceStep[];
}

const RETIREMENT_LAW = '全国人大常委会关于实施渐进式延迟法定退休年龄的决定 (2024) 附件1、附件2 [law]';
const PENSION_FORMULA = '国发〔2005〕38号 六 (基础养老金月标准以当地上年度在岗职工月平均工资和本人指数化月平均缴费工资的平均值为基数，缴费每满1年发给1%) [law]';
const ACCOUNT_FORMULA = '国发〔2005〕38号 六 (个人账户养老金月标准为个人账户储存额除以计发月数) [law]';

const yearsMonths = (months: number): YearsMonths => ({ years: Math.floor(months / 12), months: months % 12 });
const showAge = (age: YearsMonths) => `${age.years}y${age.months}m`;

/** Completed months between two dates (the age on `on` of a person born on `from`). */
export function completedMonths(from: string, on: string): number {
  return monthIndex(on) - monthIndex(from) - (Number(on.slice(8, 10)) < Number(from.slice(8, 10)) ? 1 : 0);
}

export function retirementCategoryOf(input: Pick<PensionQuoteInput, 'gender' | 'category'>): RetirementCategory {
  if (input.gender === 'male') return 'male';
  return input.category === 'cadre' ? 'female_cadre' : 'female_worker';
}

/** The divisor for an age in months, as an exact fraction (numerator ÷ denominator). */
function divisorFor(ageMonths: number, parameters: PensionQuoteParameters): { numerator: bigint; denominator: bigint; formula: string } {
  const table = parameters.divisorTable.value;
  const ages = Object.keys(table).map(Number).sort((a, b) => a - b);
  const years = Math.floor(ageMonths / 12), months = ageMonths % 12;
  const outside = years < ages[0] || years > ages[ages.length - 1] || (months > 0 && parameters.divisorMethod.value === 'monthly_interpolation' && years === ages[ages.length - 1]);
  if (outside) throw invalid('retirementDate', inputRules.ageOutsideDivisorTable({ age: showAge(yearsMonths(ageMonths)), first: ages[0], last: ages[ages.length - 1] }));
  const atYears = BigInt(table[String(years)]);
  if (months === 0 || parameters.divisorMethod.value === 'completed_years') return { numerator: atYears, denominator: 1n, formula: `table[${years}] = ${atYears}` };
  const next = BigInt(table[String(years + 1)]);
  return {
    numerator: 12n * atYears - BigInt(months) * (atYears - next), denominator: 12n,
    formula: `table[${years}] − (table[${years}] − table[${years + 1}]) × ${months} ÷ 12 = ${atYears} − (${atYears} − ${next}) × ${months} ÷ 12`,
  };
}

/** The transitional pension in fen (exact, rounded once) and how it was worked out. */
function transitionalPension(input: PensionQuoteInput, wage: bigint, parameters: PensionQuoteParameters): { fen: bigint; formula: string } {
  if (parameters.transitionalFormula.value === 'none' || input.deemedMonths === 0) return { fen: 0n, formula: parameters.transitionalFormula.value === 'none' ? 'none' : 'no deemed months' };
  const coefficient = parameters.transitionalCoefficient;
  if (!coefficient) throw new Error(`transitional formula ${parameters.transitionalFormula.value} without its coefficient`);
  const index = input.averageIndex, rate = coefficient.value;
  // W × I × (deemed months ÷ 12) × coefficient
  const fen = divideRounded(wage * index.units * BigInt(input.deemedMonths) * rate.units, 10n ** BigInt(index.scale + rate.scale) * 12n);
  return { fen, formula: `W × I × deemed years × coefficient = ${formatYuan(wage)} × ${formatDecimal(index)} × ${input.deemedMonths}/12 × ${formatDecimal(rate)}` };
}

function inputSteps(input: PensionQuoteInput): TraceStep[] {
  const shown: Record<keyof PensionQuoteInput, string | number | null> = {
    region: input.region, birthDate: input.birthDate, gender: input.gender, category: input.category, retirementDate: input.retirementDate,
    contributionMonths: input.contributionMonths, deemedMonths: input.deemedMonths, averageIndex: formatDecimal(input.averageIndex),
    averageWage: input.averageWage === null ? null : formatYuan(input.averageWage), accountBalance: formatYuan(input.accountBalance),
  };
  return Object.entries(shown).map(([name, value]) => ({ step: 'input', name, value }));
}

export function quotePension(input: PensionQuoteInput, parameters: PensionQuoteParameters): PensionQuote {
  const trace: TraceStep[] = inputSteps(input);
  const category = retirementCategoryOf(input);
  trace.push({ step: 'category', value: category, reference: input.gender === 'female' && input.category === null ? `${RETIREMENT_LAW}; women are workers (女职工) unless said` : RETIREMENT_LAW });

  const statutoryAgeMonths = statutoryRetirementAgeMonths(input.birthDate, category);
  const statutoryRetirementAge = yearsMonths(statutoryAgeMonths);
  const statutoryIndex = monthIndex(input.birthDate) + statutoryAgeMonths;
  const statutoryRetirementMonth = monthOfIndex(statutoryIndex);
  trace.push({ step: 'statutoryRetirementAge', value: showAge(statutoryRetirementAge), reference: RETIREMENT_LAW });
  trace.push({ step: 'statutoryRetirementMonth', value: statutoryRetirementMonth, formula: `${input.birthDate.slice(0, 7)} + ${showAge(statutoryRetirementAge)}`, reference: RETIREMENT_LAW });

  // Elastic retirement: never before the former age (the age without the reform's delay), to the day.
  const formerAgeMonths = retirementSchedules[category].formerAge * 12;
  const earliestAgeMonths = Math.max(statutoryAgeMonths - parameters.elasticEarlyMonths.value, formerAgeMonths);
  const earliest = monthOfIndex(monthIndex(input.birthDate) + earliestAgeMonths), latest = monthOfIndex(statutoryIndex + parameters.elasticLateMonths.value);
  trace.push(citedStep('elasticRetirement', parameters.elasticEarlyMonths, 'earlyMonths'));
  trace.push(citedStep('elasticRetirement', parameters.elasticLateMonths, 'lateMonths'));
  trace.push({ step: 'elasticRetirement', name: 'earliestAge', value: showAge(yearsMonths(earliestAgeMonths)), formula: `max(${showAge(statutoryRetirementAge)} − ${parameters.elasticEarlyMonths.value} months, former age ${showAge(yearsMonths(formerAgeMonths))})` });
  trace.push({ step: 'elasticRetirement', name: 'earliest', value: earliest });
  trace.push({ step: 'elasticRetirement', name: 'latest', value: latest, formula: `${statutoryRetirementMonth} + ${parameters.elasticLateMonths.value} months` });

  const ageMonths = completedMonths(input.birthDate, input.retirementDate);
  const retirementAge = yearsMonths(ageMonths);
  trace.push({ step: 'retirementAge', value: showAge(retirementAge), formula: `${input.retirementDate} − ${input.birthDate}, completed months` });

  const reasons: Said[] = [];
  if (ageMonths < earliestAgeMonths) {
    reasons.push(quoteReasons.beforeElasticRetirement({
      age: showAge(retirementAge), earliestAge: showAge(yearsMonths(earliestAgeMonths)), earliest, statutoryAge: showAge(statutoryRetirementAge), earlyMonths: parameters.elasticEarlyMonths.value,
    }));
  }
  const totalMonths = input.contributionMonths + input.deemedMonths;
  trace.push(citedStep('minimumContributionMonths', parameters.minimumContributionMonths));
  if (totalMonths < parameters.minimumContributionMonths.value) {
    reasons.push(quoteReasons.shortOfMinimumContribution({ months: totalMonths, minimum: parameters.minimumContributionMonths.value, date: input.retirementDate }));
  }
  trace.push({ step: 'contributionYears', value: formatDecimal({ units: BigInt(totalMonths) * 10000n / 12n, scale: 4 }), formula: `(${input.contributionMonths} + ${input.deemedMonths} deemed) months ÷ 12`, reference: '国发〔2005〕38号 六 (视同缴费年限计入缴费年限) [law]' });

  const wage = input.averageWage ?? parameters.averageWage?.value;
  if (wage === undefined) throw new Error('no average wage: neither in the input nor a published one');
  trace.push(input.averageWage !== null || !parameters.averageWage
    ? { step: 'averageWage', value: formatYuan(wage), formula: 'input' }
    : citedStep('averageWage', { ...parameters.averageWage, value: formatYuan(parameters.averageWage.value) }));

  // (W + W × I) ÷ 2 × months ÷ 12 × 1%, exactly: W × (10^s + units) × months ÷ (10^s × 2 × 12 × 100)
  const index = input.averageIndex;
  const scale = 10n ** BigInt(index.scale);
  const basic = divideRounded(wage * (scale + index.units) * BigInt(totalMonths), scale * 2400n);
  trace.push({ step: 'basicPension', value: formatYuan(basic), formula: `(W + W × I) ÷ 2 × N × 1% = (${formatYuan(wage)} + ${formatYuan(wage)} × ${formatDecimal(index)}) ÷ 2 × ${totalMonths}/12 × 1%`, reference: PENSION_FORMULA });

  trace.push(citedStep('divisor', parameters.divisorMethod, 'method'));
  const divisor = divisorFor(ageMonths, parameters);
  const divisorNumber = Number(divideRounded(divisor.numerator * 100n, divisor.denominator)) / 100;
  trace.push({ step: 'divisor', value: divisorNumber, formula: divisor.formula, reference: parameters.divisorTable.reference, parameter: parameters.divisorTable.parameter });
  const account = divideRounded(input.accountBalance * divisor.denominator, divisor.numerator);
  trace.push({ step: 'accountPension', value: formatYuan(account), formula: `${formatYuan(input.accountBalance)} ÷ ${divisorNumber}`, reference: ACCOUNT_FORMULA });

  trace.push(citedStep('transitionalPension', parameters.transitionalFormula, 'formula'));
  if (parameters.transitionalCoefficient && parameters.transitionalFormula.value !== 'none') {
    trace.push(citedStep('transitionalPension', { ...parameters.transitionalCoefficient, value: formatDecimal(parameters.transitionalCoefficient.value) }, 'coefficient'));
  }
  const transitional = transitionalPension(input, wage, parameters);
  trace.push({ step: 'transitionalPension', value: formatYuan(transitional.fen), formula: transitional.formula });

  const total = basic + account + transitional.fen;
  trace.push({ step: 'total', value: formatYuan(total), formula: `${formatYuan(basic)} + ${formatYuan(account)} + ${formatYuan(transitional.fen)}` });
  trace.push({ step: 'eligible', value: reasons.length === 0 });
  return {
    eligible: reasons.length === 0, reasons, statutoryRetirementAge, statutoryRetirementMonth, retirementAge, divisor: divisorNumber,
    basicPension: formatYuan(basic), accountPension: formatYuan(account), transitionalPension: formatYuan(transitional.fen), total: formatYuan(total), trace,
  };
}
