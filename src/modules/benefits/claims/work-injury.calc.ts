/**
 * 工伤保险待遇 (pure, no I/O), 工伤保险条例 (2010年修订):
 *  - own wage (本人工资) clamped to 60–300% of the region's average monthly wage of the previous year (第六十四条);
 *  - disability (第三十五条至第三十七条): a one-off grant of months of own wage by grade 1–10; grades 1–4 a monthly
 *    allowance of a share of own wage, never below the minimum wage (the fund makes up the difference); a nursing
 *    allowance of 50/40/30% of the average wage by the degree of dependence (第三十四条);
 *  - death (第三十九条): funeral grant of 6 months of the average wage; dependants' pensions of 40% (spouse) and 30%
 *    (each other dependant) of own wage, +10% for an orphan or a lone elderly dependant, their total never above own
 *    wage (dependantPensions: the wage shared in proportion, to the fen); a one-off death grant of 20 × the previous
 *    year's national urban per-capita disposable income.
 * Each amount is rounded once to the fen. The monthly amounts (伤残津贴, 生活护理费, 供养亲属抚恤金) are one function
 * (monthlyParts) for the claim's approval and for each month the run pays (workInjuryMonth, with the month's stops,
 * the adjustments of 第四十条 due by the month and the month's average wage for 生活护理费).
 */
import { divideRounded, formatDecimal, formatYuan, multiplyFen, type Decimal } from '../../../platform/money.ts';
import type { Cited, TraceStep } from '../trace.ts';
import { citedStep } from '../trace.ts';
import type { ClaimStepName } from './claims.messages.ts';
import type { ClaimAmount } from './claim-amounts.ts';

export const nursingDegrees = ['full', 'large', 'partial'] as const;
export type NursingDegree = (typeof nursingDegrees)[number];
export const dependantRelations = ['spouse', 'other'] as const;
/**
 * A dependant (供养亲属) of a worker who died of a work injury. `birthDate` (from the ID number or the record) lets the
 * monthly run stop the pension when they turn 18; `fullyDisabled` (完全丧失劳动能力) keeps it paid past 18.
 */
export interface Dependant { relation: (typeof dependantRelations)[number]; orphanOrLoneElderly: boolean; birthDate?: string | null; fullyDisabled?: boolean }

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

/** A monthly amount of a work-injury claim: its part (`disability_allowance`, `nursing_allowance`, `dependant_pension[i]`). */
export type MonthlyItem = 'disability_allowance' | 'nursing_allowance' | 'dependant_pension';
export interface MonthlyPart { part: string; item: MonthlyItem; dependant: number | null; amount: bigint }

/** The part of the i-th dependant's pension, as payment orders (`dependant_pension[1]:2026-03`) and stops name it. */
export const dependantPart = (index: number) => `dependant_pension[${index}]`;
/** The parts a work-injury claim pays monthly (a grade with an allowance ratio: 1–4; a 护理等级; each dependant): what an operator can stop. */
export function monthlyPartNames(input: Pick<WorkInjuryInput, 'benefit' | 'grade' | 'nursing' | 'dependants'>, parameters: Pick<WorkInjuryParameters, 'disabilityAllowanceRatio'>): string[] {
  return [
    ...(input.benefit === 'disability' && input.grade !== null && parameters.disabilityAllowanceRatio.value[String(input.grade)] ? ['disability_allowance'] : []),
    ...(input.nursing !== null ? ['nursing_allowance'] : []),
    ...(input.benefit === 'death' ? input.dependants.map((_, i) => dependantPart(i)) : []),
  ];
}

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

/**
 * 供养亲属抚恤金 (第三十九条第一款第二项): each dependant's share of own wage (spouse 40%, other 30%, +10% for an orphan
 * or a lone elderly dependant), each rounded once to the fen. When the shares reach own wage (核定的各供养亲属的抚恤金之和
 * 不应高于因工死亡职工生前的工资), own wage is shared in proportion to the shares by the largest remainder method
 * (最大余额法, Hamilton): each gets the fen below its exact share, and the fen left over go one each to the largest
 * remainders (the earlier dependant first on a tie), so the pensions add up to own wage to the fen.
 */
export function dependantPensions(ownWage: bigint, dependants: Dependant[], ratios: WorkInjuryParameters['dependantPensionRatio']['value']) {
  const { units: [spouse, other, addition], denominator } = onCommonScale([ratios.spouse, ratios.other, ratios.orphan_or_lone_elderly_addition]);
  const shares = dependants.map((d) => (d.relation === 'spouse' ? spouse : other) + (d.orphanOrLoneElderly ? addition : 0n));
  const totalShare = shares.reduce((a, b) => a + b, 0n);
  const capped = totalShare >= denominator && totalShare > 0n;
  if (!capped) return { shares, totalShare, denominator, capped, pensions: shares.map((share) => divideRounded(ownWage * share, denominator)) };
  const pensions = shares.map((share) => (ownWage * share) / totalShare);
  const left = ownWage - pensions.reduce((a, b) => a + b, 0n);
  const byRemainder = shares.map((share, i) => ({ i, remainder: (ownWage * share) % totalShare }))
    .sort((a, b) => (a.remainder === b.remainder ? a.i - b.i : a.remainder > b.remainder ? -1 : 1));
  for (const { i } of byRemainder.slice(0, Number(left))) pensions[i] += 1n;
  return { shares, totalShare, denominator, capped, pensions };
}

/** The own wage's trace (the average wage, the 60–300% limits) and the clamped wage. */
function ownWageSteps(input: WorkInjuryInput, parameters: WorkInjuryParameters, trace: ClaimTrace): bigint {
  const average = parameters.averageWage.value;
  trace.push(yuanStep('averageWage', parameters.averageWage));
  const ownWage = clampOwnWage(input.ownWage, parameters);
  trace.push(rateStep('ownWage', parameters.ownWageFloor, parameters.ownWageFloor.value, 'floor'), rateStep('ownWage', parameters.ownWageCeiling, parameters.ownWageCeiling.value, 'ceiling'));
  trace.push({ step: 'ownWage', value: formatYuan(ownWage), formula: `min(max(${formatYuan(input.ownWage)}, ${formatYuan(average)} × ${formatDecimal(parameters.ownWageFloor.value)}), ${formatYuan(average)} × ${formatDecimal(parameters.ownWageCeiling.value)})`, reference: parameters.ownWageFloor.reference });
  return ownWage;
}

/**
 * The monthly amounts, each with its trace: 伤残津贴 for grades 1–4 (grades 5–6: paid by the employer, 第三十六条, not
 * by the fund), 生活护理费 by 护理等级, 供养亲属抚恤金 of the dependants given (those still qualifying in a month).
 * `dependantIndexes`: each dependant's place on the claim (the part it is paid under); `nursingWage`: the average wage
 * 生活护理费 is a share of (the event's at approval, the month's when paid: WorkInjuryMonthRates).
 */
function monthlyParts(input: WorkInjuryInput, ownWage: bigint, parameters: WorkInjuryParameters, trace: ClaimTrace, dependantIndexes = input.dependants.map((_, i) => i), nursingWage = parameters.averageWage): MonthlyPart[] {
  const parts: MonthlyPart[] = [];
  if (input.benefit === 'disability' && input.grade !== null) {
    const ratio = parameters.disabilityAllowanceRatio.value[String(input.grade)];
    if (ratio) {
      const byRatio = multiplyFen(ownWage, ratio);
      const allowance = byRatio < parameters.minimumWage.value ? parameters.minimumWage.value : byRatio;
      trace.push(rateStep('disabilityAllowance', parameters.disabilityAllowanceRatio, ratio, 'ratio'), yuanStep('minimumWage', parameters.minimumWage));
      trace.push({ step: 'disabilityAllowance', value: formatYuan(allowance), formula: `max(${formatYuan(ownWage)} × ${formatDecimal(ratio)} = ${formatYuan(byRatio)}, ${formatYuan(parameters.minimumWage.value)})`, reference: parameters.disabilityAllowanceRatio.reference });
      parts.push({ part: 'disability_allowance', item: 'disability_allowance', dependant: null, amount: allowance });
    } else if (input.grade <= 6) {
      trace.push({ step: 'disabilityAllowanceByEmployer', value: input.grade, formula: 'grades 5–6: 70% / 60% of own wage, paid by the employer, not by the work injury fund', reference: '工伤保险条例 第三十六条 [law]' });
    }
  }
  if (input.nursing !== null) {
    const ratio = parameters.nursingAllowanceRatio.value[input.nursing];
    const average = nursingWage.value;
    const nursing = multiplyFen(average, ratio);
    if (nursingWage !== parameters.averageWage) trace.push(yuanStep('nursingAllowance', nursingWage, 'averageWage'));
    trace.push(rateStep('nursingAllowance', parameters.nursingAllowanceRatio, ratio, input.nursing));
    trace.push({ step: 'nursingAllowance', value: formatYuan(nursing), formula: `${formatYuan(average)} × ${formatDecimal(ratio)}`, reference: parameters.nursingAllowanceRatio.reference });
    parts.push({ part: 'nursing_allowance', item: 'nursing_allowance', dependant: null, amount: nursing });
  }
  if (input.benefit === 'death' && input.dependants.length) {
    const ratios = parameters.dependantPensionRatio.value;
    const { shares, totalShare, denominator, capped, pensions } = dependantPensions(ownWage, input.dependants, ratios);
    trace.push(rateStep('dependantPension', parameters.dependantPensionRatio, ratios.spouse, 'spouse'), rateStep('dependantPension', parameters.dependantPensionRatio, ratios.other, 'other'),
      rateStep('dependantPension', parameters.dependantPensionRatio, ratios.orphan_or_lone_elderly_addition, 'orphanOrLoneElderlyAddition'));
    pensions.forEach((pension, i) => {
      const place = dependantIndexes[i];
      trace.push({ step: 'dependantPension', name: `dependants[${place}]`, value: formatYuan(pension), reference: parameters.dependantPensionRatio.reference,
        formula: capped ? `${formatYuan(ownWage)} × ${shares[i]} ÷ ${totalShare} (the shares reach own wage: shared in proportion, largest remainder to the fen)` : `${formatYuan(ownWage)} × ${shares[i]} ÷ ${denominator}` });
      parts.push({ part: dependantPart(place), item: 'dependant_pension', dependant: place, amount: pension });
    });
    const total = pensions.reduce((a, b) => a + b, 0n);
    trace.push({ step: 'dependantPension', name: 'total', value: formatYuan(total), formula: `Σ = ${formatYuan(total)} ≤ ${formatYuan(ownWage)}`, reference: parameters.dependantPensionRatio.reference });
  }
  return parts;
}

const inputSteps = (input: WorkInjuryInput): ClaimTrace => [
  { step: 'input', name: 'benefit', value: input.benefit }, { step: 'input', name: 'eventDate', value: input.eventDate },
  { step: 'input', name: 'ownWage', value: formatYuan(input.ownWage) },
  ...(input.grade === null ? [] : [{ step: 'input' as const, name: 'grade', value: input.grade }]),
  ...(input.nursing === null ? [] : [{ step: 'input' as const, name: 'nursing', value: input.nursing }]),
  ...input.dependants.map((d, i) => ({ step: 'input' as const, name: `dependants[${i}]`, value: `${d.relation}${d.orphanOrLoneElderly ? ' (orphan or lone elderly)' : ''}` })),
];

export function calculateWorkInjury(input: WorkInjuryInput, parameters: WorkInjuryParameters): WorkInjuryCalculation {
  const trace = inputSteps(input);
  const average = parameters.averageWage.value;
  const ownWage = ownWageSteps(input, parameters, trace);
  const amounts: ClaimAmount[] = [];

  if (input.benefit === 'disability' && input.grade !== null) {
    const months = parameters.disabilityGrantMonths.value[String(input.grade)];
    const grant = ownWage * BigInt(months);
    trace.push(citedStep<ClaimStepName>('oneOffDisabilityGrant', { ...parameters.disabilityGrantMonths, value: months }, 'months'));
    trace.push({ step: 'oneOffDisabilityGrant', value: formatYuan(grant), formula: `${formatYuan(ownWage)} × ${months}`, reference: parameters.disabilityGrantMonths.reference });
    amounts.push({ item: 'one_off_disability_grant', frequency: 'once', benefitType: 'disability', amount: grant });
  }
  if (input.benefit === 'death') {
    const funeral = average * BigInt(parameters.funeralGrantMonths.value);
    trace.push(citedStep<ClaimStepName>('funeralGrant', parameters.funeralGrantMonths, 'months'));
    trace.push({ step: 'funeralGrant', value: formatYuan(funeral), formula: `${formatYuan(average)} × ${parameters.funeralGrantMonths.value}`, reference: parameters.funeralGrantMonths.reference });
    amounts.push({ item: 'funeral_grant', frequency: 'once', benefitType: 'work_related_death', amount: funeral });
    const income = parameters.nationalDisposableIncome.value;
    const grant = income * BigInt(parameters.deathGrantMultiple.value);
    trace.push(yuanStep('oneOffDeathGrant', parameters.nationalDisposableIncome, 'nationalUrbanDisposableIncome'), citedStep<ClaimStepName>('oneOffDeathGrant', parameters.deathGrantMultiple, 'multiple'));
    trace.push({ step: 'oneOffDeathGrant', value: formatYuan(grant), formula: `${formatYuan(income)} × ${parameters.deathGrantMultiple.value}`, reference: parameters.deathGrantMultiple.reference });
    amounts.push({ item: 'one_off_death_grant', frequency: 'once', benefitType: 'work_related_death', amount: grant });
  }
  // the monthly amounts as approved (every part paid): one amount per item, the dependants' pensions added up
  const benefitType = input.benefit === 'death' ? 'work_related_death' : 'disability';
  for (const part of monthlyParts(input, ownWage, parameters, trace)) {
    const same = amounts.find((a) => a.item === part.item);
    if (same) same.amount += part.amount;
    else amounts.push({ item: part.item, frequency: 'monthly', benefitType, amount: part.amount });
  }
  return { ownWage, amounts, trace };
}

/** Why a monthly part is not paid from a month on. */
export type StopCause = 'operator' | 'retirement' | 'death' | 'age';

/**
 * The first month a dependant's pension is no longer paid for age: the month after the one they turn 18 in, unless
 * fully disabled (因工死亡职工供养亲属范围规定, 劳动和社会保障部令第18号 第五条第一项: 年满18周岁且未完全丧失劳动能力的,
 * 停止享受抚恤金待遇; 次月停发 is the agencies' practice [check]). Null without a birth date or when fully disabled.
 */
export function dependantAgeStop(dependant: Pick<Dependant, 'birthDate' | 'fullyDisabled'>): string | null {
  if (!dependant.birthDate || dependant.fullyDisabled) return null;
  const [year, month] = dependant.birthDate.split('-').map(Number);
  return nextPeriod(`${year + 18}-${String(month).padStart(2, '0')}`);
}
export interface PartStop { part: string; fromPeriod: string; cause: StopCause; reason: string | null }

/** What a work-injury claim's month depends on besides its input: when it starts and what stops it. */
export interface WorkInjuryMonthFacts {
  /** The first month paid (the month after the appraisal or the death unless the claim says otherwise). */
  startPeriod: string;
  /** The injured worker's statutory retirement month (法定退休年龄, 2025 reform): 伤残津贴 stops from it (第三十五条). */
  retirementPeriod: string | null;
  /** The month the injured worker died (a disability claim): everything is paid for it, nothing after. */
  deathPeriod: string | null;
  /** The basic pension of the month once retired (null: none paid): 伤残津贴 tops it up when it is lower (第三十五条). */
  pension: bigint | null;
  /** The operator's stops: a part or `all`, from a month, with the reason. */
  stops: { part: string; fromPeriod: string; reason: string }[];
}

/**
 * Every stop of each monthly part, earliest first: the operator's (a part's or `all`), retirement for 伤残津贴, the
 * month after death, and a dependant's 18th birthday (dependantAgeStop).
 */
export function partStops(parts: string[], input: Pick<WorkInjuryInput, 'benefit' | 'dependants'>, facts: Omit<WorkInjuryMonthFacts, 'pension'>): PartStop[] {
  const found: PartStop[] = [];
  input.dependants.forEach((dependant, index) => {
    const fromPeriod = dependantAgeStop(dependant);
    if (fromPeriod && parts.includes(dependantPart(index))) found.push({ part: dependantPart(index), fromPeriod, cause: 'age', reason: null });
  });
  for (const part of parts) {
    found.push(...facts.stops.filter((s) => s.part === part || s.part === 'all').map((s) => ({ part, fromPeriod: s.fromPeriod, cause: 'operator' as const, reason: s.reason })));
    if (part === 'disability_allowance' && facts.retirementPeriod) found.push({ part, fromPeriod: facts.retirementPeriod, cause: 'retirement', reason: null });
    if (input.benefit === 'disability' && facts.deathPeriod) found.push({ part, fromPeriod: nextPeriod(facts.deathPeriod), cause: 'death', reason: null });
  }
  return found.sort((a, b) => a.fromPeriod.localeCompare(b.fromPeriod));
}

const nextPeriod = (period: string) => {
  const [year, month] = period.split('-').map(Number);
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
};

/** An adjustment a month's part got: its parameter (`path@since/region`) and share. */
export interface AppliedAdjustment { parameter: string; share: string }
/** A part as a month pays it, with the adjustments it got (none for 生活护理费). */
export interface PaidPart extends MonthlyPart { adjustments: AppliedAdjustment[] }
export interface WorkInjuryMonth { period: string; parts: PaidPart[]; total: bigint; trace: ClaimTrace }

/** The monthly items 第四十条's adjustments raise by a share: 伤残津贴 and 供养亲属抚恤金. */
export type AdjustedItem = 'disability_allowance' | 'dependant_pension';
/** One dated adjustment (benefits.work_injury.periodic_adjustment_rate): the share each adjusted item rises by from `since`. */
export interface PeriodicAdjustment extends Cited<Record<AdjustedItem, Decimal>> { since: string }

/**
 * What a month reads besides the parameters of the event date:
 *  - `averageWage`: 统筹地区上年度职工月平均工资 in force on the month's first day — 生活护理费 is a share of it
 *    (第三十四条: 分别为统筹地区上年度职工月平均工资的50%、40%或者30%), so it follows each year's wage and gets no share
 *    of its own (第四十条's adjustment of 生活护理费 is this);
 *  - `adjustments`: every adjustment published for the region (periodicAdjustmentsDue picks the month's).
 */
/**
 * What a month of payment brings beside the approved parameters: the month's average wage (生活护理费), its minimum wage
 * (the floor of 伤残津贴 when paid, 第三十五条) and the periodic adjustments published (第四十条).
 */
export interface WorkInjuryMonthRates { averageWage: Cited<bigint>; minimumWage: Cited<bigint>; adjustments: PeriodicAdjustment[] }

const ALLOWANCE_FLOOR = '工伤保险条例 第三十五条 (伤残津贴实际金额低于当地最低工资标准的，由工伤保险基金补足差额): the minimum wage in force in the month paid [law]';

/** 伤残津贴 of a month never below the month's minimum wage (the fund makes up the difference); other parts as they are. */
function flooredAllowance(part: PaidPart, minimumWage: Cited<bigint>, trace: ClaimTrace): PaidPart {
  if (part.item !== 'disability_allowance' || part.amount >= minimumWage.value) return part;
  trace.push(yuanStep('minimumWage', minimumWage));
  trace.push({ step: 'disabilityAllowanceFloor', name: part.part, value: formatYuan(minimumWage.value), formula: `max(${formatYuan(part.amount)}, ${formatYuan(minimumWage.value)})`, reference: ALLOWANCE_FLOOR });
  return { ...part, amount: minimumWage.value };
}

/**
 * The adjustments a claim's month gets, in date order: dated after the event date (the amounts approved are those of
 * the parameters in force on it; the provinces' notices adjust those entitled before the adjustment date — 调整前已按月
 * 领取的人员 — so a claim whose appraisal or death is on or after the date gets none of it) and in or before the month.
 */
export function periodicAdjustmentsDue(adjustments: PeriodicAdjustment[], eventDate: string, period: string): PeriodicAdjustment[] {
  return adjustments.filter((a) => a.since > eventDate && a.since.slice(0, 7) <= period).sort((a, b) => a.since.localeCompare(b.since));
}

/**
 * A monthly amount after the adjustments due (第四十条), compounded in date order — each adjustment is a share of the
 * amount paid before it (按本人调整前的月待遇为基数) — and rounded to the fen at each step (half up): each step's result
 * is the amount the agency pays until the next adjustment, the base that next adjustment is a share of, so rounding once
 * at the end would pay a base the recipient was never paid. Each step is in the trace with its parameter and share.
 */
export function adjustedAmount(amount: bigint, item: AdjustedItem, part: string, due: PeriodicAdjustment[], trace: ClaimTrace): { amount: bigint; adjustments: AppliedAdjustment[] } {
  const adjustments: AppliedAdjustment[] = [];
  for (const adjustment of due) {
    const share = adjustment.value[item];
    const before = amount;
    amount = before + multiplyFen(before, share);
    adjustments.push({ parameter: adjustment.parameter, share: formatDecimal(share) });
    trace.push({ step: 'periodicAdjustment', name: part, value: formatYuan(amount), formula: `${formatYuan(before)} × (1 + ${formatDecimal(share)})`, reference: adjustment.reference, parameter: adjustment.parameter });
  }
  return { amount, adjustments };
}

/**
 * The amounts a work-injury claim pays for a month (pure): nothing before its start month; each part not stopped by
 * then; the dependants' pensions shared among the dependants still qualifying that month (the cap applies to them);
 * from the statutory retirement month 伤残津贴 stops and only the difference to a lower basic pension is paid
 * (第三十五条: 基本养老保险待遇低于伤残津贴的，由工伤保险基金补足差额) — of the allowance as adjusted: 伤残津贴 and
 * 供养亲属抚恤金 raised by the adjustments due (第四十条, adjustedAmount), 生活护理费 a share of the month's average wage;
 * 伤残津贴 then never below the month's minimum wage (第三十五条: the floor is the minimum wage when paid, not at the event).
 */
export function workInjuryMonth(input: WorkInjuryInput, facts: WorkInjuryMonthFacts, period: string, parameters: WorkInjuryParameters, rates: WorkInjuryMonthRates): WorkInjuryMonth {
  const trace: ClaimTrace = [...inputSteps(input), { step: 'month', name: 'period', value: period }, { step: 'month', name: 'startPeriod', value: facts.startPeriod }];
  if (period < facts.startPeriod) return { period, parts: [], total: 0n, trace };
  const inForce = partStops(monthlyPartNames(input, parameters), input, facts).filter((s) => s.fromPeriod <= period);
  for (const stop of inForce) trace.push({ step: 'stop', name: stop.part, value: stop.fromPeriod, formula: stop.reason ?? stop.cause, reference: stopReference[stop.cause] });
  // retirement leaves the top-up of 伤残津贴; any other stop ends the part
  const ended = (part: string) => inForce.some((s) => s.part === part && s.cause !== 'retirement');
  const retired = (part: string) => inForce.some((s) => s.part === part && s.cause === 'retirement');
  const qualifying = input.dependants.map((d, i) => ({ d, i })).filter(({ i }) => !ended(dependantPart(i)));
  const ownWage = ownWageSteps(input, parameters, trace);
  const due = periodicAdjustmentsDue(rates.adjustments, input.eventDate, period);
  const parts = monthlyParts({ ...input, dependants: qualifying.map(({ d }) => d) }, ownWage, parameters, trace, qualifying.map(({ i }) => i), rates.averageWage)
    .flatMap((approved): PaidPart[] => {
      if (ended(approved.part)) return [];
      const adjusted = approved.item === 'nursing_allowance' ? { ...approved, adjustments: [] } : { ...approved, ...adjustedAmount(approved.amount, approved.item, approved.part, due, trace) };
      const part = flooredAllowance(adjusted, rates.minimumWage, trace);
      if (!retired(part.part)) return [part];
      if (facts.pension === null || facts.pension >= part.amount) return [];
      const topUp = part.amount - facts.pension;
      trace.push({ step: 'pensionTopUp', value: formatYuan(topUp), formula: `${formatYuan(part.amount)} − ${formatYuan(facts.pension)}`, reference: stopReference.retirement });
      return [{ ...part, amount: topUp }];
    });
  const total = parts.reduce((sum, part) => sum + part.amount, 0n);
  trace.push({ step: 'monthlyBenefit', value: formatYuan(total), formula: parts.map((p) => `${p.part} ${formatYuan(p.amount)}`).join(' + ') || '—' });
  return { period, parts, total, trace };
}

const stopReference: Record<StopCause, string> = {
  operator: '工伤保险条例 第四十二条 (停止享受工伤保险待遇)、第三十九条 (供养亲属条件) [law]',
  retirement: '工伤保险条例 第三十五条第二款 (达到退休年龄停发伤残津贴，基本养老保险待遇低于伤残津贴的由工伤保险基金补足差额) [law]',
  death: '工伤职工死亡的，自死亡次月起停发按月待遇 (经办实务；工伤保险条例 第三十九条第三款另有供养亲属待遇) [check]',
  age: '因工死亡职工供养亲属范围规定 (劳动和社会保障部令第18号) 第五条第一项 (年满18周岁且未完全丧失劳动能力的停止享受抚恤金) [law]；年满18周岁次月停发 [check]',
};
