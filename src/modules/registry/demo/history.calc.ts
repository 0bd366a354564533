/**
 * The demo city's history (`sifund demo --history-months N`) as pure draws: which months are replayed, the go-live
 * day they start from, and how each employer pays each month's bills — most on or before the due date, some late
 * (they pay principal and late fee a few days after it), a few never during the history (arrears). Deterministic by
 * (seed, employer, month): the same seed replays the same history.
 */
import { Rng } from './demo.calc.ts';

/** Share of employers that pay nothing during the history (欠费单位). */
export const ARREARS_SHARE = 0.02;
/** Share of the other employers' bills paid after the due date (逾期缴费, late fee 社会保险法 第八十六条). */
export const LATE_SHARE = 0.07;
/** The day of the month late payers pay: after the 15th, the contribution due day (params/contribution/due_day.yaml). */
export const LATE_PAYMENT_DAY = 25;

const pad = (n: number) => String(n).padStart(2, '0');

/** YYYY-MM plus `months` (negative: back). */
export function shiftMonth(month: string, months: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + months;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

/** The `count` months ending with `lastMonth` (YYYY-MM), oldest first. */
export function historyMonths(lastMonth: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => shiftMonth(lastMonth, index - count + 1));
}

/** The go-live day of a history: the first day of its first month (期初建账). */
export const historyGoLive = (lastMonth: string, count: number): string => `${shiftMonth(lastMonth, 1 - count)}-01`;

/** The day `day` of `month`, or the month's last day when it has fewer. */
export function dayOfMonth(month: string, day: number): string {
  const last = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
  return `${month}-${pad(Math.min(day, last))}`;
}

export type PaymentHabit = { kind: 'on_time'; paidOn: string } | { kind: 'late' } | { kind: 'arrears' };

/** Employers that never pay in the history: chosen once per employer. */
export function inArrears(seed: number, creditCode: string): boolean {
  return new Rng(seed, `history-arrears:${creditCode}`).next() < ARREARS_SHARE;
}

/**
 * How the employer pays its bill due on `dueDate` (YYYY-MM-DD): on time on a day from the 1st of the due month up to
 * the due date (later days likelier: payers wait for the deadline), late, or not at all (an employer in arrears).
 */
export function paymentHabit(seed: number, creditCode: string, period: string, dueDate: string): PaymentHabit {
  if (inArrears(seed, creditCode)) return { kind: 'arrears' };
  const rng = new Rng(seed, `history-payment:${creditCode}:${period}`);
  if (rng.next() < LATE_SHARE) return { kind: 'late' };
  const dueDay = Number(dueDate.slice(8, 10));
  const day = Math.max(1, dueDay - Math.floor(dueDay * rng.next() * rng.next()));
  return { kind: 'on_time', paidOn: `${dueDate.slice(0, 8)}${pad(day)}` };
}
