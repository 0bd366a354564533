/**
 * 死亡待遇处理 (pure): what a pensioner's death changes.
 *  - the pension stops from the month after death (养老金发放至死亡当月);
 *  - every month paid after the month of death is an overpayment to recover (待遇追回, 社会保险经办条例 第四十六条:
 *    by refund, instalments or offset against later benefits);
 *  - the survivors are owed the funeral grant and the survivor pension (丧葬补助金、抚恤金, 社会保险法 第十七条), at the
 *    amounts the province sets: a fixed funeral grant, and months of the deceased's pension in the month of death.
 */
import { formatYuan } from '../../../platform/money.ts';
import { addMonths } from '../../ledger/index.ts';
import type { Cited } from '../trace.ts';

export interface PaidMonth { period: string; amount: bigint }

/** The first month not owed: the month after the month of death. */
export const firstMonthAfterDeath = (dateOfDeath: string) => addMonths(dateOfDeath.slice(0, 7), 1);

/** The months paid from `firstPeriodNotOwed` on and their sum (each month once, in order): what a stop leaves to recover. */
export function overpaidFrom(firstPeriodNotOwed: string, paid: readonly PaidMonth[]): { periods: string[]; amount: bigint } {
  const after = paid.filter((month) => month.period >= firstPeriodNotOwed).sort((a, b) => a.period.localeCompare(b.period));
  return { periods: after.map((month) => month.period), amount: after.reduce((sum, month) => sum + month.amount, 0n) };
}

/** The months paid after the month of death and their sum (each month once, in order). */
export const overpaidAfterDeath = (dateOfDeath: string, paid: readonly PaidMonth[]) => overpaidFrom(firstMonthAfterDeath(dateOfDeath), paid);

export interface SurvivorRules { funeralGrant: Cited<bigint>; survivorPensionMonths: Cited<number> }
export interface Entitlement { kind: 'funeral_grant' | 'survivor_pension'; amount: bigint; basis: Record<string, string | number> }

/** The survivors' entitlements of a pensioner whose monthly pension in the month of death was `monthlyPension`. */
export function survivorEntitlements(monthlyPension: bigint, rules: SurvivorRules): Entitlement[] {
  const months = rules.survivorPensionMonths.value;
  return [
    { kind: 'funeral_grant', amount: rules.funeralGrant.value, basis: { formula: 'fixed', parameter: rules.funeralGrant.parameter, reference: rules.funeralGrant.reference } },
    {
      kind: 'survivor_pension', amount: monthlyPension * BigInt(months),
      basis: { formula: `${formatYuan(monthlyPension)} × ${months}`, monthlyPension: formatYuan(monthlyPension), months, parameter: rules.survivorPensionMonths.parameter, reference: rules.survivorPensionMonths.reference },
    },
  ];
}
