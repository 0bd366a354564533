/**
 * 待遇抵扣: overpaid benefits kept back from a later payment of the same fund (社会保险经办条例 2023 第四十六条: 多发的
 * 社会保险待遇 … 可以从其以后应当领取的社会保险待遇中抵扣). Two payments offset: a one-off payment order on its
 * authorisation (payment-order.service) and a month's pension line on its batch's final approval (payroll.service),
 * both through `offsetOverpayments` — oldest overpayment first, each a recovery of method `offset` carrying the
 * payment's reference — and both book what they took back with `offsetEntryLines`.
 *
 * What an offset may take is what the person still owes less what the lines of payroll batches not yet approved keep
 * back already (`availableForOffset`): a recovery recorded meanwhile cannot make an approved batch take more than is
 * owed, and two unapproved months never keep back the same yuan twice.
 */
import type { Actor, Tx } from '../../../platform/actor.ts';
import { newId } from '../../../platform/ids.ts';
import { formatYuan } from '../../../platform/money.ts';
import { chartFor, otherIncomeAccount } from '../../ledger/index.ts';
import { conflict } from '../../../platform/errors.ts';
import { insertOverpayment, insertRecovery, markRecovered, overpaidMonthsOf } from '../deaths/deaths.repository.ts';
import { offsetSaid } from './payment-order.messages.ts';
import { overpaymentRecoveryBooking } from '../deaths/deaths.calc.ts';
import * as repository from './payment-order.repository.ts';

/** What the offsets took, split as the recovery is booked (recoveryBooking), and each overpayment's part. */
export interface OffsetsTaken { offset: bigint; thisYear: bigint; earlierYears: bigint; offsets: { overpayment: string; amount: string }[] }

/**
 * What the person's open overpayments of the fund still owe less what unapproved payroll lines keep back already
 * (`reservedByOwnLine` of it excepted): the most an offset — or a refund recorded now — may take.
 */
export async function availableForOffset(tx: Tx, personId: bigint, fund: string, reservedByOwnLine = 0n) {
  const overpayments = await repository.openOverpaymentsOfFund(tx, personId, fund);
  if (!overpayments.length) return { overpayments, available: 0n };
  const reserved = await repository.payrollOffsetsReserved(tx, personId, fund) - reservedByOwnLine;
  return { overpayments, available: overpayments.reduce((sum, o) => sum + o.outstanding, 0n) - reserved };
}

/**
 * Keeps back up to `amount` of a payment (reference `reference`) against the person's open overpayments paid by the
 * fund, oldest first: a recovery of method `offset` per overpayment touched, the overpayment recovered when covered.
 * `reservedByOwnLine`: what the payment's own (unapproved) payroll line keeps back already, so that it does not count
 * against itself.
 */
export async function offsetOverpayments(tx: Tx, actor: Actor, payment: { personId: bigint; fund: string; amount: bigint; reference: string; on: string; reservedByOwnLine?: bigint }): Promise<OffsetsTaken> {
  const taken: OffsetsTaken = { offset: 0n, thisYear: 0n, earlierYears: 0n, offsets: [] };
  const { overpayments, available } = await availableForOffset(tx, payment.personId, payment.fund, payment.reservedByOwnLine);
  let left = available < payment.amount ? available : payment.amount;
  for (const overpayment of overpayments) {
    if (left <= 0n) break;
    const amount = overpayment.outstanding < left ? overpayment.outstanding : left;
    await insertRecovery(tx, {
      person_id: overpayment.person_id, id: newId(), overpayment_id: overpayment.id, region_code: overpayment.region_code, method: 'offset', amount, recovered_on: payment.on,
      reference: payment.reference, recorded_by: actor.username,
    });
    if (amount === overpayment.outstanding) await markRecovered(tx, overpayment.person_id, overpayment.id);
    const split = overpaymentRecoveryBooking(overpayment.cause, await overpaidMonthsOf(tx, overpayment.person_id, overpayment.id),
      overpayment.amount - overpayment.outstanding, amount, payment.on.slice(0, 4));
    taken.thisYear += split.thisYear;
    taken.earlierYears += split.earlierYears;
    taken.offset += amount;
    left -= amount;
    taken.offsets.push({ overpayment: overpayment.id.toString(), amount: formatYuan(amount) });
  }
  return taken;
}

/**
 * The lines of the entry that books offsets (none when nothing was taken): the payment's own subject bears the whole
 * offset (Dr: the benefit was paid in full, part of it in kind), and what was taken back is credited where the
 * overpaid months were booked — this year's 基本养老金 expense (`overpaidExpense`) — or, for earlier years and cases, 其他收入.
 * Lines on the same account are netted: a pension kept back against a pension overpaid this year books nothing.
 */
export function offsetEntryLines(taken: OffsetsTaken, subject: string, overpaidExpense: string, day: string) {
  const net = new Map<string, bigint>([[subject, taken.offset]]);
  const otherIncome = otherIncomeAccount(chartFor(Number(day.slice(0, 4))));
  for (const [account, credit] of [[overpaidExpense, taken.thisYear], [otherIncome, taken.earlierYears]] as const) net.set(account, (net.get(account) ?? 0n) - credit);
  return [...net].filter(([, value]) => value !== 0n).map(([account, value]) => (value > 0n ? { account, debit: value } : { account, credit: -value }));
}

/** A supervision case's amount handed to the payroll to recover by offset (cause `case`), as the case page shows it. */
export interface CaseOffsetView { overpaymentId: string; fund: string; awardId: string; amount: string; recovered: string; outstanding: string; status: 'open' | 'recovered'; openedAt: string }

/**
 * 抵扣待遇 for a supervision case (稽核追回, 社会保险经办条例 第四十六条): an overpayment of cause `case` on the person's
 * award paid by the fund, with no months of its own, which the next payrolls keep back from the pension (at most
 * benefits.payroll.offset_share a month). Refused, naming the field, when the person draws no pension from the fund.
 */
export async function openCaseOverpayment(tx: Tx, input: { caseId: bigint; idNumber: string; fund: string; amount: bigint }): Promise<{ overpaymentId: string; awardId: string }> {
  const award = await repository.awardPayingPerson(tx, input.idNumber, input.fund);
  if (!award) throw conflict('fund', offsetSaid.noPensionToOffset({ fund: input.fund }));
  const id = newId();
  await insertOverpayment(tx, { person_id: award.person_id, id, region_code: award.region_code, award_id: award.id, cause: 'case', case_id: input.caseId, death_record_id: null, periods: [], amount: input.amount });
  return { overpaymentId: id.toString(), awardId: award.id.toString() };
}

/** The overpayments a case opened, oldest first, with what the payrolls have kept back so far. */
export async function caseOffsets(tx: Tx, caseId: bigint): Promise<CaseOffsetView[]> {
  return (await repository.overpaymentsOfCase(tx, caseId)).map((row) => ({
    overpaymentId: row.id.toString(), fund: row.fund_code, awardId: row.award_id.toString(), amount: formatYuan(row.amount), recovered: formatYuan(row.recovered),
    outstanding: formatYuan(row.amount - row.recovered), status: row.status, openedAt: row.created_at.toISOString(),
  }));
}
