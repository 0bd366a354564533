/**
 * The monthly sweep on a schedule (收支两条线: 收入户资金定期归集财政专户, 月末无余额; 财社〔2017〕144号), as jobs of the
 * runner (kind `ledger.sweep`, one per fund and month). The server asks the schedule at start and every hour; from
 * the sweep day (parameter `ledger.sweep_day` of the fund's region) on, it creates the sweep job of the previous
 * month of every fund that has no sweep entry for that month yet, and the server's job worker runs it. Safe twice
 * and on several servers at once: the job's key (month/fund) makes a second creation find the first, and two
 * sweeps of the same month post under the same idempotency key (fund + month + amount), so one entry posts.
 * A failed sweep (e.g. its month already closed) shows its error in `sifund jobs list` and is retried the next day.
 */
import type { DatabaseHandle } from '../../platform/database.ts';
import { inScope, systemActor } from '../../platform/actor.ts';
import { getParameters, todayInChina } from '../../platform/params/index.ts';
import { createOrFindJob, retryJob, type JobContext, type JobDefinition, type JobSchedule } from '../../platform/jobs/index.ts';
import * as repository from './ledger.repository.ts';
import { sweepIncomeAccount } from './posting.service.ts';
import { addMonths, periodEnd } from './journal.calc.ts';

interface SweepParameters { fund: string; period: string }

/** The scheduled sweeps act as this system actor, holding only the permission to sweep. */
const sweeper = () => systemActor('ledger-sweep', ['ledger.sweep']);

/**
 * One fund's sweep of one month. It posts in `finish` (no chunks): the sweep is one entry, and posting it twice is
 * harmless (the second finds the income account already swept at the month end and posts nothing).
 */
export const sweepJob: JobDefinition<SweepParameters> = {
  kind: 'ledger.sweep', label: '收入户归集', permission: 'ledger.sweep',
  finish: (database, { parameters, actor }: JobContext<SweepParameters>) => sweepIncomeAccount(database, actor, parameters.fund, parameters.period),
};

const sweepDayParameter = (regionCode: string, date: string) => getParameters().integer('ledger.sweep_day', date, regionCode);

/** The sweep jobs due on `now`: created when missing, a failed one retried once a day. Returns the jobs to run. */
export async function createDueSweeps(database: DatabaseHandle, now: Date, sweepDay = sweepDayParameter): Promise<bigint[]> {
  const actor = sweeper();
  const date = todayInChina(now);
  const period = addMonths(date.slice(0, 7), -1);
  // A sweep day past the end of a short month falls on its last day.
  const lastDay = Number(periodEnd(date.slice(0, 7)).slice(8));
  const jobs = await inScope(database, actor, async (tx) => {
    const swept = await repository.fundsSweptIn(tx, period);
    const due = (await repository.listFunds(tx))
      .filter((fund) => !swept.has(fund.code) && Number(date.slice(8)) >= Math.min(sweepDay(fund.region_code, date), lastDay));
    const found = [];
    for (const fund of due) {
      const { job } = await createOrFindJob(tx, actor, sweepJob, { key: `${period}/${fund.code}`, regionCode: fund.region_code, parameters: { fund: fund.code, period }, chunks: [] });
      found.push(job);
    }
    return found;
  });
  const toRun: bigint[] = [];
  for (const job of jobs) {
    if (job.status === 'failed' && job.finished_at && todayInChina(job.finished_at) < date) toRun.push(BigInt((await retryJob(database, actor, job.id)).id));
    else if (job.status === 'queued' || job.status === 'running') toRun.push(job.id);
  }
  return toRun;
}

export const sweepSchedule: JobSchedule = { name: 'ledger.monthly-sweep', createDueJobs: (database, now) => createDueSweeps(database, now) };
