/**
 * Self-paying contributors (个人缴费: 灵活就业人员 and 无雇工的个体工商户), as pure rules: who they are, the payer code
 * their bills and payments carry, and the base level they may choose. 社会保险法 第十条、第二十三条: they may join the
 * basic pension and the employee medical insurance and pay the contributions themselves; 国办发〔2019〕13号: they choose
 * a base from 60% to 300% of the province's average wage (contribution.base.floor_ratio / ceiling_ratio).
 */
import { parseDecimal } from '../../platform/money.ts';
import type { Said } from '../../platform/messages.ts';
import { selfPayingSaid as said } from './self-paying.messages.ts';

/** 灵活就业人员, 个体工商户 (without employees: one with employees registers as an employer). */
export const contributorKinds = ['flexible', 'individual_business'] as const;
export type ContributorKind = (typeof contributorKinds)[number];
/** What a self-paying contributor may join (社会保险法 第十条、第二十三条): no unemployment, work injury or maternity. */
export const selfPayingInsurances = ['pension', 'medical'] as const;
export type SelfPayingInsurance = (typeof selfPayingInsurances)[number];

/** 个人缴费编号: GR, the registering region, and 10 digits of a sequence — 18 characters, like a credit code, never one. */
export function payerCode(regionCode: string, sequence: bigint): string {
  return `GR${regionCode}${sequence.toString().padStart(10, '0')}`;
}

const RATIO = /^\d(\.\d{1,2})?$/;

/** a ≤ b for exact decimals. */
function notAbove(a: string, b: string): boolean {
  const x = parseDecimal(a), y = parseDecimal(b);
  const scale = Math.max(x.scale, y.scale);
  return x.units * 10n ** BigInt(scale - x.scale) <= y.units * 10n ** BigInt(scale - y.scale);
}

/** Why a chosen base level (a share of the average wage, e.g. "0.60") is refused, or undefined when it is within the limits. */
export function baseRatioProblem(ratio: string, floorRatio: string, ceilingRatio: string): Said | undefined {
  if (!RATIO.test(ratio)) return said.baseRatioShape();
  if (!notAbove(floorRatio, ratio) || !notAbove(ratio, ceilingRatio)) return said.baseRatioRange({ floor: floorRatio, ceiling: ceilingRatio });
  return undefined;
}

/** The insurances asked for, in a stable order, or the problem: each at most once and from pension and medical. */
export function insurancesProblem(insurances: readonly string[]): Said | undefined {
  const known = new Set<string>(selfPayingInsurances);
  if (insurances.some((insurance) => !known.has(insurance)) || new Set(insurances).size !== insurances.length) return said.insurancesChoice();
  return undefined;
}
