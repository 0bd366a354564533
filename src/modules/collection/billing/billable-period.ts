/**
 * The months that can be billed or reassessed. 《社会保险费征缴暂行条例》第十条: 缴费单位按月申报、经核定后缴纳 —
 * contributions are assessed for months that have happened, so no billing run or reassessment bills a month after
 * the current one in China. A reassessment corrects what an employer owed while it was insured (社会保险法 art. 58:
 * 自用工之日起三十日内申请办理社会保险登记), so never a month before the employer was registered.
 */
import { invalid } from '../../../platform/errors.ts';
import { todayInChina } from '../../../platform/params/index.ts';
import { checkPeriod } from '../collection.scope.ts';
import { billingSaid } from '../collection.messages.ts';

/** `period` as a month YYYY-MM in the input range and not after the current month of `today`, else a 400 naming `period`. */
export function checkBillablePeriod(period: unknown, today = todayInChina()): string {
  const checked = checkPeriod(period);
  const current = today.slice(0, 7);
  if (checked > current) throw invalid('period', billingSaid.periodAfterCurrentMonth({ current }));
  return checked;
}

/** A 400 naming `period` when it is before the month of `registeredOn` (the employer's registration, YYYY-MM-DD). */
export function checkNotBeforeRegistration(period: string, registeredOn: string): void {
  const registered = registeredOn.slice(0, 7);
  if (period < registered) throw invalid('period', billingSaid.periodBeforeRegistration({ registered }));
}
