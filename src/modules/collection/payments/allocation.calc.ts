/**
 * How a payment is allocated to an employer's bills (缴款分配), as pure functions:
 *  1. the bill the payer named in the reference first, then the oldest open bill (by period, then number), then
 *     the next oldest, and so on;
 *  2. within a bill the principal before the late fee (社会保险法 art. 86 charges the fee on unpaid principal, so
 *     principal first stops the fee growing);
 *  3. within the principal, insurance by insurance in the order of contribution.payment.allocation_order, the
 *     employee part before the employer part (the employee part is withheld from wages and credits the person's
 *     individual account, so it is protected first);
 *  4. what is left over stays with the employer as a credit for the next bill.
 */
import { billedInsurances, type BilledInsurance } from '../billing/billing.calc.ts';
import type { Insurance } from '../../registry/index.ts';
import type { AllocatedPart, BillArrears } from '../arrears/arrears.calc.ts';

/** One part of one bill that a payment can pay, with what it still owes (fen). */
export interface OpenPart { billId: bigint; insurance: Insurance; fund: string; part: AllocatedPart; owed: bigint }

/** An amount paid to one part. */
export interface PartPayment { billId: bigint; insurance: Insurance; fund: string; part: AllocatedPart; amount: bigint }

/** The order of insurances from the parameter; insurances it does not name follow in bill order. */
export function insuranceOrder(parameter: readonly string[]): BilledInsurance[] {
  const named = parameter.filter((name): name is BilledInsurance => (billedInsurances as string[]).includes(name));
  return [...named, ...billedInsurances.filter((insurance) => !named.includes(insurance))];
}

/** Bills in payment order: the one whose number equals the reference first, then by period, then by number. */
export function orderBills<T extends { number: string; period: string }>(bills: T[], reference: string | null): T[] {
  const named = reference?.trim() || null;
  return [...bills].sort((a, b) => {
    if ((a.number === named) !== (b.number === named)) return a.number === named ? -1 : 1;
    if (a.period !== b.period) return a.period < b.period ? -1 : 1;
    return a.number < b.number ? -1 : a.number > b.number ? 1 : 0;
  });
}

/** A bill's open parts in payment order: principal by insurance (employee, then employer), then the late fee. */
export function partsInOrder(arrears: BillArrears, order: BilledInsurance[]): OpenPart[] {
  const items = [...arrears.items].sort((a, b) => order.indexOf(a.insurance) - order.indexOf(b.insurance));
  const billId = arrears.bill.billId;
  const principal = items.flatMap((item) => [
    { billId, insurance: item.insurance, fund: item.fund, part: 'employee' as const, owed: item.employee },
    { billId, insurance: item.insurance, fund: item.fund, part: 'employer' as const, owed: item.employer },
  ]);
  const fees = items.map((item) => ({ billId, insurance: item.insurance, fund: item.fund, part: 'late_fee' as const, owed: item.lateFee }));
  return [...principal, ...fees].filter((part) => part.owed > 0n);
}

/** Pays the parts in order until the amount runs out; `remainder` is what no part needed. */
export function allocate(amount: bigint, parts: OpenPart[]): { payments: PartPayment[]; remainder: bigint } {
  const payments: PartPayment[] = [];
  let left = amount;
  for (const { owed, ...part } of parts) {
    if (left <= 0n) break;
    const paid = owed < left ? owed : left;
    payments.push({ ...part, amount: paid });
    left -= paid;
  }
  return { payments, remainder: left };
}
