/**
 * Rules of dunning as pure functions: the notice's number, its deadline, an instalment plan's checks and the
 * grounds on which a late fee may be waived.
 *
 * 社会保险法 第六十三条: an employer that does not pay in full and on time is ordered to pay within a time limit
 * (责令限期缴纳或者补足). 第八十六条 charges the late fee (滞纳金) from the day the contribution is overdue and gives
 * no general power to waive it; a waiver stands only on the grounds listed in `waiverGrounds` [check].
 */
import type { Said } from '../../../platform/messages.ts';
import { dunningSaid } from './dunning.messages.ts';

export const noticeKinds = ['reminder', 'order'] as const;
/** reminder 催缴通知书; order 限期缴纳通知书 (责令限期缴纳, 第六十三条). */
export type NoticeKind = (typeof noticeKinds)[number];
export const noticeKindNames: Record<NoticeKind, string> = { reminder: '社会保险费催缴通知书', order: '社会保险费限期缴纳通知书' };

export const deliveryMethods = ['direct', 'mail', 'electronic'] as const;
/** 送达方式: 直接送达, 邮寄送达, 电子送达 (民事诉讼法 第八十七条至第九十一条 by analogy; 行政强制法 第三十八条 [check]). */
export type DeliveryMethod = (typeof deliveryMethods)[number];
export const deliveryMethodNames: Record<DeliveryMethod, string> = { direct: '直接送达', mail: '邮寄送达', electronic: '电子送达' };

/**
 * 滞纳金减免 grounds [check]: force majeure (不可抗力, 民法典 第一百八十条) that kept the employer from paying, and an
 * administrative reconsideration decision or a court judgement (行政复议法 第六十三条至第六十五条, 行政诉讼法 第七十条)
 * that revokes or reduces the late fee. Nothing else: 社会保险法 第八十六条 has no general waiver.
 */
export const waiverGrounds = ['force_majeure', 'reconsideration'] as const;
export type WaiverGround = (typeof waiverGrounds)[number];
export const waiverGroundNames: Record<WaiverGround, string> = { force_majeure: '不可抗力', reconsideration: '行政复议决定或者人民法院裁判撤销、变更' };

/** The shortest time an order may give (days after its date) and the most instalments an agreement may have [local]. */
export const ORDER_MINIMUM_DAYS = 5;
export const MOST_INSTALMENTS = 12;

/** CJ-2026-990102-0001 (催缴) or XJ-2026-990102-0001 (限缴): the notice's kind, year, region and sequence. */
export function noticeNumber(kind: NoticeKind, year: number, regionCode: string, sequence: number): string {
  return `${kind === 'reminder' ? 'CJ' : 'XJ'}-${year}-${regionCode}-${String(sequence).padStart(4, '0')}`;
}

/** An order's deadline must leave the employer time to pay: at least ORDER_MINIMUM_DAYS after the notice's date. */
export function deadlineProblem(kind: NoticeKind, asOf: string, deadline: string | undefined, daysBetween: (from: string, to: string) => number): Said | undefined {
  if (kind === 'reminder') return deadline === undefined ? undefined : dunningSaid.reminderHasNoDeadline();
  if (deadline === undefined) return dunningSaid.orderNeedsDeadline();
  if (daysBetween(asOf, deadline) < ORDER_MINIMUM_DAYS) return dunningSaid.deadlineTooSoon({ days: ORDER_MINIMUM_DAYS, asOf });
  return undefined;
}

export interface Instalment { dueDate: string; amount: bigint }

/**
 * An instalment plan covers exactly the arrears: 2 to MOST_INSTALMENTS instalments, each above zero, on dates after
 * the agreement's date and in order, adding up to the principal.
 */
export function instalmentPlanProblem(asOf: string, principal: bigint, instalments: Instalment[]): Said | undefined {
  if (instalments.length < 2 || instalments.length > MOST_INSTALMENTS) return dunningSaid.instalmentCount({ most: MOST_INSTALMENTS });
  let previous = asOf;
  for (const instalment of instalments) {
    if (instalment.amount <= 0n) return dunningSaid.instalmentAboveZero();
    if (instalment.dueDate <= previous) return dunningSaid.instalmentDatesInOrder({ asOf });
    previous = instalment.dueDate;
  }
  const total = instalments.reduce((sum, instalment) => sum + instalment.amount, 0n);
  if (total !== principal) return dunningSaid.instalmentTotal({ total: formatFen(total), principal: formatFen(principal) });
  return undefined;
}

export const instalmentStates = ['paid', 'paid_late', 'overdue', 'not_due'] as const;
/** paid 按期缴纳; paid_late 逾期后补缴; overdue 逾期未缴; not_due 未到期. */
export type InstalmentState = (typeof instalmentStates)[number];
export const agreementStates = ['performing', 'completed', 'defaulted'] as const;
/** performing 履行中; completed 已履行完毕; defaulted 未按期缴纳 (an instalment overdue). */
export type AgreementState = (typeof agreementStates)[number];

export interface InstalmentProgress { dueDate: string; amount: bigint; state: InstalmentState }

/**
 * How an instalment agreement is kept: the arrears it covers count as paid in the order they fall due, so an
 * instalment is met once the principal paid since the agreement reaches the instalments due up to it. `paidBy(date)`
 * is that principal paid up to a day; an instalment is `paid` when met by its due date, `paid_late` when met only by
 * today, `overdue` when its date has passed unmet, and `not_due` before its date.
 */
export function instalmentProgress(instalments: Instalment[], paidBy: (date: string) => bigint, today: string): { instalments: InstalmentProgress[]; paidToDate: bigint; state: AgreementState } {
  const paidToDate = paidBy(today);
  let dueSoFar = 0n;
  const progress = instalments.map((instalment): InstalmentProgress => {
    dueSoFar += instalment.amount;
    const state: InstalmentState = instalment.dueDate <= today && paidBy(instalment.dueDate) >= dueSoFar ? 'paid'
      : paidToDate >= dueSoFar ? (instalment.dueDate <= today ? 'paid_late' : 'paid')
        : instalment.dueDate < today ? 'overdue' : 'not_due';
    return { ...instalment, state };
  });
  const state: AgreementState = progress.some((instalment) => instalment.state === 'overdue') ? 'defaulted'
    : progress.every((instalment) => instalment.state === 'paid' || instalment.state === 'paid_late') ? 'completed' : 'performing';
  return { instalments: progress, paidToDate, state };
}

const formatFen = (fen: bigint) => `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`;
