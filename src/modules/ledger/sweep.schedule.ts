/**
 * The monthly sweep on a schedule (收支两条线: 收入户资金定期归集财政专户, 月末无余额; 财社〔2017〕144号).
 * The server checks at start and every hour; once a day, from the sweep day (parameter `ledger.sweep_day` of the
 * fund's region) on, it sweeps the income account's balance at the end of the previous month of every fund that has
 * no sweep entry for that month yet. Safe to run twice and on several servers at once: a swept month is skipped, and
 * two servers sweeping the same month post under the same idempotency key (fund + month + amount), so one entry posts.
 */
import type { DatabaseHandle } from '../../platform/database.ts';
import { inScope, systemActor } from '../../platform/actor.ts';
import { getParameters, todayInChina } from '../../platform/params/index.ts';
import * as repository from './ledger.repository.ts';
import { sweepIncomeAccount } from './posting.service.ts';
import { addMonths, periodEnd } from './journal.calc.ts';

export interface SweepLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface SweepScheduleOptions {
  /** How often to look whether a sweep is due (default one hour). */
  intervalMs?: number;
  /** The clock (tests). */
  now?: () => Date;
  /** The day of the month from which the previous month is swept (default: parameter ledger.sweep_day of the region). */
  sweepDay?: (regionCode: string, date: string) => number;
}

export interface SweepRun {
  date: string;
  period: string;
  /** Funds whose sweep posted (or, on a race with another server, was found posted). */
  swept: { fund: string; amount: string; entryId: string }[];
  /** Funds whose income account had nothing to sweep. */
  empty: string[];
  alreadySwept: string[];
  notDue: string[];
  failed: { fund: string; message: string }[];
}

const sweepDayParameter = (regionCode: string, date: string) => getParameters().integer('ledger.sweep_day', date, regionCode);

/** One check: sweeps the previous month of every fund that is due and not yet swept. */
export async function runScheduledSweep(database: DatabaseHandle, logger: SweepLogger, now = new Date(), sweepDay = sweepDayParameter): Promise<SweepRun> {
  const actor = systemActor('ledger-sweep', ['ledger.sweep']);
  const date = todayInChina(now);
  const period = addMonths(date.slice(0, 7), -1);
  const { funds, swept } = await inScope(database, actor, async (tx) => ({ funds: await repository.listFunds(tx), swept: await repository.fundsSweptIn(tx, period) }));
  // A sweep day past the end of a short month falls on its last day.
  const lastDay = Number(periodEnd(date.slice(0, 7)).slice(8));
  const run: SweepRun = { date, period, swept: [], empty: [], alreadySwept: [], notDue: [], failed: [] };
  for (const fund of funds) {
    if (swept.has(fund.code)) { run.alreadySwept.push(fund.code); continue; }
    if (Number(date.slice(8)) < Math.min(sweepDay(fund.region_code, date), lastDay)) { run.notDue.push(fund.code); continue; }
    try {
      const result = await sweepIncomeAccount(database, actor, fund.code, period);
      if (!result.entryId) { run.empty.push(fund.code); continue; }
      run.swept.push({ fund: fund.code, amount: result.amount, entryId: result.entryId });
      logger.info({ fund: fund.code, period, amount: result.amount, entryId: result.entryId }, 'monthly sweep posted (收入户归集财政专户)');
    } catch (error) {
      // One fund's problem (e.g. its month already closed) does not stop the others; it is tried again tomorrow.
      run.failed.push({ fund: fund.code, message: (error as Error).message });
      logger.warn({ fund: fund.code, period, err: error }, 'monthly sweep failed');
    }
  }
  return run;
}

/** Starts the hourly check (the first one right away); `stop()` ends it and waits for a run in flight. */
export function scheduleMonthlySweep(database: DatabaseHandle, logger: SweepLogger, options: SweepScheduleOptions = {}) {
  const now = options.now ?? (() => new Date());
  let lastRunDate: string | null = null;
  let running: Promise<void> | null = null;
  const tick = () => {
    const today = todayInChina(now());
    if (running || today === lastRunDate) return running;
    running = runScheduledSweep(database, logger, now(), options.sweepDay)
      .then(() => { lastRunDate = today; })
      .catch((error: unknown) => logger.warn({ err: error }, 'monthly sweep check failed; trying again in an hour'))
      .finally(() => { running = null; });
    return running;
  };
  const timer = setInterval(tick, options.intervalMs ?? 3_600_000);
  timer.unref();
  const first = tick();
  return {
    /** The first check (tests wait for it). */
    started: first ?? Promise.resolve(),
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
