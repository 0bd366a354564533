/**
 * 失业保险金申领 from the person's record (pure, no I/O):
 *  - contribution months: the months of unemployment contributions paid in full before the separation, counted
 *    from after the previous claim's separation (重新就业后再次失业的，缴费时间重新计算, 失业保险条例 第十七条);
 *  - unused months of the previous claim carried over (应领而尚未领取的期限与前次失业应领取而尚未领取的期限合并计算):
 *    its months less the months it ran until it stopped (or until this claim's first month);
 *  - the medical contributions the unemployment fund pays each month (社会保险法 第四十八条): a base of the average
 *    wage × the base ratio, times the employer and the employee medical rates, each part rounded once as a bill line is.
 */
import { formatDecimal, formatYuan, multiplyFen, type Decimal } from '../../../platform/money.ts';
import { monthIndex } from '../../registry/index.ts';
import { citedStep, type Cited } from '../trace.ts';
import type { ClaimStepName } from './claims.messages.ts';
import type { ClaimTrace } from './work-injury.calc.ts';

export interface PaidMonth { period: string; insurance: string; paid: boolean }
export interface PreviousClaim { eventDate: string; months: number | null; firstPeriod: string | null; stopPeriod: string | null }

export interface UnemploymentRecord { contributionMonths: number; unusedMonths: number; countedAfter: string | null }

/** The months to count and carry over for a claim whose benefit starts in `firstPeriod` after separating on `separationDate`. */
export function unemploymentRecord(months: PaidMonth[], separationDate: string, firstPeriod: string, previous: PreviousClaim | null): UnemploymentRecord {
  const separationMonth = separationDate.slice(0, 7);
  const countedAfter = previous ? previous.eventDate.slice(0, 7) : null;
  const counted = new Set(months.filter((m) => m.insurance === 'unemployment' && m.paid && m.period <= separationMonth && (countedAfter === null || m.period > countedAfter)).map((m) => m.period));
  let unusedMonths = 0;
  if (previous?.months && previous.firstPeriod) {
    const end = previous.stopPeriod !== null && previous.stopPeriod < firstPeriod ? previous.stopPeriod : firstPeriod;
    const ran = Math.max(0, Math.min(previous.months, monthIndex(end) - monthIndex(previous.firstPeriod)));
    unusedMonths = previous.months - ran;
  }
  return { contributionMonths: counted.size, unusedMonths, countedAfter };
}

export interface MedicalContributionParameters { averageWage: Cited<bigint>; baseRatio: Cited<Decimal>; employerRate: Cited<Decimal>; employeeRate: Cited<Decimal> }

/** The monthly medical contributions of a claimant (fen) with their trace. */
export function medicalContribution(parameters: MedicalContributionParameters): { base: bigint; amount: bigint; trace: ClaimTrace } {
  const base = multiplyFen(parameters.averageWage.value, parameters.baseRatio.value);
  const employer = multiplyFen(base, parameters.employerRate.value);
  const employee = multiplyFen(base, parameters.employeeRate.value);
  const decimal = (cited: Cited<Decimal>) => ({ ...cited, value: formatDecimal(cited.value) });
  const trace: ClaimTrace = [
    citedStep<ClaimStepName>('averageWage', { ...parameters.averageWage, value: formatYuan(parameters.averageWage.value) }),
    citedStep<ClaimStepName>('medicalContribution', decimal(parameters.baseRatio), 'baseRatio'),
    citedStep<ClaimStepName>('medicalContribution', decimal(parameters.employerRate), 'employerRate'),
    citedStep<ClaimStepName>('medicalContribution', decimal(parameters.employeeRate), 'employeeRate'),
    { step: 'medicalContribution', value: formatYuan(employer + employee),
      formula: `${formatYuan(parameters.averageWage.value)} × ${formatDecimal(parameters.baseRatio.value)} = ${formatYuan(base)}; × ${formatDecimal(parameters.employerRate.value)} = ${formatYuan(employer)} + × ${formatDecimal(parameters.employeeRate.value)} = ${formatYuan(employee)}`,
      reference: '社会保险法 第四十八条 (失业人员在领取失业保险金期间，参加职工基本医疗保险，应当缴纳的基本医疗保险费从失业保险基金中支付) [law]' },
  ];
  return { base, amount: employer + employee, trace };
}
