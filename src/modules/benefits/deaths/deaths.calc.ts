/**
 * 死亡待遇处理 (pure): what a pensioner's death changes.
 *  - the pension stops from the month after death (养老金发放至死亡当月);
 *  - every month paid after the month of death is an overpayment to recover (待遇追回, 社会保险经办条例 第四十六条:
 *    by refund, instalments or offset against later benefits);
 *  - the survivors are owed the funeral grant and the survivor pension (丧葬补助金、抚恤金, 社会保险法 第十七条), at the
 *    amounts the province sets: a fixed funeral grant, and months of the deceased's pension in the month of death;
 *  - money recovered is booked on the cash basis (recoveryBooking).
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

/**
 * How money recovered on an overpayment is booked (收付实现制, 社会保险基金会计制度 财会〔2017〕28号 总说明五): the overpaid
 * months are recovered oldest first (the money recovered before, offsets included, took the oldest); what recovers
 * months of the year the money arrives in was this year's 基本养老金支出 and reduces it, as an offset does
 * (payment-order.service); what recovers months of an earlier year was expense of a year whose accounts are closed
 * and is 其他收入 — domain.md and docs/ledger.md say nothing on it; the reading relied on is the one of
 * supervision/cases (财社〔2017〕144号 社会保险基金财务制度: 其他收入 takes recovered benefits of earlier years) [check].
 * Should the months recorded fall short of what is recovered, the rest counts in the year of the last month.
 */
/**
 * How money recovered on an overpayment is booked: by the year of its months (recoveryBooking), except a supervision
 * case's amount (cause `case`), which has no months of its own and is booked as the case's money is, 其他收入
 * (cases.service recordRecovery).
 */
export function overpaymentRecoveryBooking(cause: string, overpaid: readonly PaidMonth[], recoveredBefore: bigint, amount: bigint, yearReceived: string) {
  return cause === 'case' ? { thisYear: 0n, earlierYears: amount } : recoveryBooking(overpaid, recoveredBefore, amount, yearReceived);
}

export function recoveryBooking(overpaid: readonly PaidMonth[], recoveredBefore: bigint, amount: bigint, yearReceived: string): { thisYear: bigint; earlierYears: bigint } {
  const months = [...overpaid].sort((a, b) => a.period.localeCompare(b.period));
  let skip = recoveredBefore, left = amount, thisYear = 0n, earlierYears = 0n;
  for (const month of months) {
    const free = month.amount > skip ? month.amount - skip : 0n;
    skip = skip > month.amount ? skip - month.amount : 0n;
    const take = free < left ? free : left;
    if (month.period.slice(0, 4) < yearReceived) earlierYears += take; else thisYear += take;
    left -= take;
  }
  const lastYear = months.at(-1)?.period.slice(0, 4) ?? yearReceived;
  if (lastYear < yearReceived) earlierYears += left; else thisYear += left;
  return { thisYear, earlierYears };
}
