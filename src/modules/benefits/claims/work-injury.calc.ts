/**
 * 工伤保险待遇 (pure, no I/O), 工伤保险条例 (2010年修订):
 *  - own wage (本人工资) clamped to 60–300% of the region's average monthly wage of the previous year (第六十四条);
 *  - disability (第三十五条至第三十七条): a one-off grant of months of own wage by grade 1–10; grades 1–4 a monthly
 *    allowance of a share of own wage, never below the minimum wage (the fund makes up the difference); a nursing
 *    allowance of 50/40/30% of the average wage by the degree of dependence (第三十四条);
 *  - death (第三十九条): funeral grant of 6 months of the average wage; dependants' pensions of 40% (spouse) and 30%
 *    (each other dependant) of own wage, +10% for an orphan or a lone elderly dependant, their total never above own
 *    wage (scaled down in proportion, each rounded down so the total stays under); a one-off death grant of 20 × the
 *    previous year's national urban per-capita disposable income.
 * Each amount is rounded once to the fen.
 */
import { divideRounded, formatDecimal, formatYuan, multiplyFen, type Decimal } from '../../../platform/money.ts';
import type { Cited, TraceStep } from '../trace.ts';
import { citedStep } from '../trace.ts';
import type { ClaimStepName } from './claims.messages.ts';
import type { ClaimAmount } from './claim-amounts.ts';

export const nursingDegrees = ['full', 'large', 'partial'] as const;
export type NursingDegree = (typeof nursingDegrees)[number];
export const dependantRelations = ['spouse', 'other'] as const;
export interface Dependant { relation: (typeof dependantRelations)[number]; orphanOrLoneElderly: boolean }

export interface WorkInjuryInput {
  benefit: 'disability' | 'death';
  /** The date of the work capacity appraisal (劳动能力鉴定) or of death: the parameters in force then apply. */
  eventDate: string;
  /** 本人工资: the average monthly wage of the 12 months before the injury, in fen. */
  ownWage: bigint;
  grade: number | null;
  nursing: NursingDegree | null;
  dependants: Dependant[];
}

export interface WorkInjuryParameters {
  averageWage: Cited<bigint>;
  minimumWage: Cited<bigint>;
  ownWageFloor: Cited<Decimal>;
  ownWageCeiling: Cited<Decimal>;
  disabilityGrantMonths: Cited<Record<string, number>>;
  disabilityAllowanceRatio: Cited<Record<string, Decimal>>;
  nursingAllowanceRatio: Cited<Record<NursingDegree, Decimal>>;
  funeralGrantMonths: Cited<number>;
  dependantPensionRatio: Cited<{ spouse: Decimal; other: Decimal; orphan_or_lone_elderly_addition: Decimal }>;
  deathGrantMultiple: Cited<number>;
  nationalDisposableIncome: Cited<bigint>;
}

export type ClaimTrace = TraceStep<ClaimStepName>[];

export interface WorkInjuryCalculation { ownWage: bigint; amounts: ClaimAmount[]; trace: ClaimTrace }

const yuanStep = (step: ClaimStepName, cited: Cited<bigint>, name?: string) => citedStep<ClaimStepName>(step, { ...cited, value: formatYuan(cited.value) }, name);
const rateStep = (step: ClaimStepName, cited: Cited<unknown>, rate: Decimal, name: string) => citedStep<ClaimStepName>(step, { ...cited, value: formatDecimal(rate) }, name);

/** The own wage within [floor × average, ceiling × average] (工伤保险条例 第六十四条). */
export function clampOwnWage(ownWage: bigint, parameters: Pick<WorkInjuryParameters, 'averageWage' | 'ownWageFloor' | 'ownWageCeiling'>): bigint {
  const floor = multiplyFen(parameters.averageWage.value, parameters.ownWageFloor.value);
  const ceiling = multiplyFen(parameters.averageWage.value, parameters.ownWageCeiling.value);
  return ownWage < floor ? floor : ownWage > ceiling ? ceiling : ownWage;
}

/** The same decimals on one scale, as integers: the shares of a wage can then be added and compared exactly. */
function onCommonScale(rates: Decimal[]): { units: bigint[]; denominator: bigint } {
  const scale = Math.max(0, ...rates.map((rate) => rate.scale));
  return { units: rates.map((rate) => rate.units * 10n ** BigInt(scale - rate.scale)), denominator: 10n ** BigInt(scale) };
}

export function calculateWorkInjury(input: WorkInjuryInput, parameters: WorkInjuryParameters): WorkInjuryCalculation {
  const trace: ClaimTrace = [
    { step: 'input', name: 'benefit', value: input.benefit }, { step: 'input', name: 'eventDate', value: input.eventDate },
    { step: 'input', name: 'ownWage', value: formatYuan(input.ownWage) },
    ...(input.grade === null ? [] : [{ step: 'input' as const, name: 'grade', value: input.grade }]),
    ...(input.nursing === null ? [] : [{ step: 'input' as const, name: 'nursing', value: input.nursing }]),
    ...input.dependants.map((d, i) => ({ step: 'input' as const, name: `dependants[${i}]`, value: `${d.relation}${d.orphanOrLoneElderly ? ' (orphan or lone elderly)' : ''}` })),
  ];
  const average = parameters.averageWage.value;
  trace.push(yuanStep('averageWage', parameters.averageWage));
  const ownWage = clampOwnWage(input.ownWage, parameters);
  trace.push(rateStep('ownWage', parameters.ownWageFloor, parameters.ownWageFloor.value, 'floor'), rateStep('ownWage', parameters.ownWageCeiling, parameters.ownWageCeiling.value, 'ceiling'));
  trace.push({ step: 'ownWage', value: formatYuan(ownWage), formula: `min(max(${formatYuan(input.ownWage)}, ${formatYuan(average)} × ${formatDecimal(parameters.ownWageFloor.value)}), ${formatYuan(average)} × ${formatDecimal(parameters.ownWageCeiling.value)})`, reference: parameters.ownWageFloor.reference });
  const amounts: ClaimAmount[] = [];

  if (input.benefit === 'disability' && input.grade !== null) {
    const grade = String(input.grade);
    const months = parameters.disabilityGrantMonths.value[grade];
    const grant = ownWage * BigInt(months);
    trace.push(citedStep<ClaimStepName>('oneOffDisabilityGrant', { ...parameters.disabilityGrantMonths, value: months }, 'months'));
    trace.push({ step: 'oneOffDisabilityGrant', value: formatYuan(grant), formula: `${formatYuan(ownWage)} × ${months}`, reference: parameters.disabilityGrantMonths.reference });
    amounts.push({ item: 'one_off_disability_grant', frequency: 'once', benefitType: 'disability', amount: grant });
    const ratio = parameters.disabilityAllowanceRatio.value[grade];
    if (ratio) {
      const byRatio = multiplyFen(ownWage, ratio);
      const allowance = byRatio < parameters.minimumWage.value ? parameters.minimumWage.value : byRatio;
      trace.push(rateStep('disabilityAllowance', parameters.disabilityAllowanceRatio, ratio, 'ratio'), yuanStep('minimumWage', parameters.minimumWage));
      trace.push({ step: 'disabilityAllowance', value: formatYuan(allowance), formula: `max(${formatYuan(ownWage)} × ${formatDecimal(ratio)} = ${formatYuan(byRatio)}, ${formatYuan(parameters.minimumWage.value)})`, reference: parameters.disabilityAllowanceRatio.reference });
      amounts.push({ item: 'disability_allowance', frequency: 'monthly', benefitType: 'disability', amount: allowance });
    }
  }
  if (input.nursing !== null) {
    const ratio = parameters.nursingAllowanceRatio.value[input.nursing];
    const nursing = multiplyFen(average, ratio);
    trace.push(rateStep('nursingAllowance', parameters.nursingAllowanceRatio, ratio, input.nursing));
    trace.push({ step: 'nursingAllowance', value: formatYuan(nursing), formula: `${formatYuan(average)} × ${formatDecimal(ratio)}`, reference: parameters.nursingAllowanceRatio.reference });
    amounts.push({ item: 'nursing_allowance', frequency: 'monthly', benefitType: 'disability', amount: nursing });
  }

  if (input.benefit === 'death') {
    const funeral = average * BigInt(parameters.funeralGrantMonths.value);
    trace.push(citedStep<ClaimStepName>('funeralGrant', parameters.funeralGrantMonths, 'months'));
    trace.push({ step: 'funeralGrant', value: formatYuan(funeral), formula: `${formatYuan(average)} × ${parameters.funeralGrantMonths.value}`, reference: parameters.funeralGrantMonths.reference });
    amounts.push({ item: 'funeral_grant', frequency: 'once', benefitType: 'work_related_death', amount: funeral });

    const shares = parameters.dependantPensionRatio.value;
    const { units: [spouse, other, addition], denominator } = onCommonScale([shares.spouse, shares.other, shares.orphan_or_lone_elderly_addition]);
    const units = input.dependants.map((d) => (d.relation === 'spouse' ? spouse : other) + (d.orphanOrLoneElderly ? addition : 0n));
    const totalShare = units.reduce((a, b) => a + b, 0n);
    // The total is capped at own wage: over it, each share is scaled by own wage ÷ the total and rounded down.
    const capped = totalShare > denominator;
    const pensions = units.map((share) => (capped ? divideRounded(ownWage * share, totalShare, 'down') : divideRounded(ownWage * share, denominator)));
    const total = pensions.reduce((a, b) => a + b, 0n);
    if (input.dependants.length) {
      trace.push(rateStep('dependantPension', parameters.dependantPensionRatio, shares.spouse, 'spouse'), rateStep('dependantPension', parameters.dependantPensionRatio, shares.other, 'other'),
        rateStep('dependantPension', parameters.dependantPensionRatio, shares.orphan_or_lone_elderly_addition, 'orphanOrLoneElderlyAddition'));
      pensions.forEach((pension, i) => trace.push({ step: 'dependantPension', name: `dependants[${i}]`, value: formatYuan(pension),
        formula: capped ? `${formatYuan(ownWage)} × ${units[i]} ÷ ${totalShare} (the shares add up to more than own wage)` : `${formatYuan(ownWage)} × ${units[i]} ÷ ${denominator}`, reference: parameters.dependantPensionRatio.reference }));
      trace.push({ step: 'dependantPension', name: 'total', value: formatYuan(total), formula: `Σ = ${formatYuan(total)} ≤ ${formatYuan(ownWage)}`, reference: parameters.dependantPensionRatio.reference });
      amounts.push({ item: 'dependant_pension', frequency: 'monthly', benefitType: 'work_related_death', amount: total });
    }

    const income = parameters.nationalDisposableIncome.value;
    const grant = income * BigInt(parameters.deathGrantMultiple.value);
    trace.push(yuanStep('oneOffDeathGrant', parameters.nationalDisposableIncome, 'nationalUrbanDisposableIncome'), citedStep<ClaimStepName>('oneOffDeathGrant', parameters.deathGrantMultiple, 'multiple'));
    trace.push({ step: 'oneOffDeathGrant', value: formatYuan(grant), formula: `${formatYuan(income)} × ${parameters.deathGrantMultiple.value}`, reference: parameters.deathGrantMultiple.reference });
    amounts.push({ item: 'one_off_death_grant', frequency: 'once', benefitType: 'work_related_death', amount: grant });
  }
  return { ownWage, amounts, trace };
}
