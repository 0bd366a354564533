/**
 * Monthly billing (R3.1–R3.2) as a resumable job. A run for (period, region subtree) is created once with its
 * parameters resolved and its employers split into chunks by id range; workers take chunks with
 * `for update skip locked`, and each chunk commits its bills, lines, items and ledger receivables in one
 * transaction. Killed at any moment, the next run of the same period finds the same run and finishes its chunks,
 * computing exactly what the uninterrupted run would have; re-running a completed period adds nothing.
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, widenToPooledFunds, scopePrefix, type Actor, type Tx } from '../../../platform/actor.ts';
import { invalid, notFound } from '../../../platform/errors.ts';
import { newId, reserveIds } from '../../../platform/ids.ts';
import { formatYuan } from '../../../platform/money.ts';
import { getParameters, regionChain, todayInChina } from '../../../platform/params/index.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { chartFor, ensureFunds, fundInsurance, periodEnd, postEntries, type EntryInput } from '../../ledger/index.ts';
import { billedInsurances, resolveBillingParameters, type BillingParameters } from './billing.calc.ts';
import * as repository from './billing.repository.ts';
import { BILLING_ACROSS_POOLS, checkPeriod, resolveRegionSubtree } from '../collection.scope.ts';
import { applyCredits } from '../payments/payments.service.ts';
import { PREMIUM_REVENUE_ACCOUNT, RECEIVABLE_ACCOUNT } from '../fund-accounts.ts';


/** About this many employers per chunk: small enough for a visible progress bar, large enough for set-based speed. */
const EMPLOYERS_PER_CHUNK = 1000;
const MIN_CHUNKS = 20;
const WORKERS = 2;

interface RunSnapshot extends BillingParameters { funds: Record<string, Record<string, string>> }

export interface BillingRunView {
  id: string; period: string; regionCode: string; status: 'running' | 'completed';
  chunks: number; chunksDone: number; startedBy: string; startedAt: string; finishedAt: string | null;
}

export interface BillingSummary {
  period: string; region: string; employers: number; persons: number; lines: number;
  totals: Record<string, { employer: string; employee: string }>;
  total: string;
}

/** Fund code per employer region and insurance: the fund of the nearest pooling region (maternity → medical fund). */
export async function fundsByRegion(tx: Tx, period: string, regionCodes: string[]): Promise<RunSnapshot['funds']> {
  const chart = chartFor(Number(period.slice(0, 4)));
  const pooling = await repository.poolingRegions(tx);
  const funds = new Set((await repository.fundCodes(tx)).map((f) => f.code));
  const result: RunSnapshot['funds'] = {};
  for (const region of regionCodes) {
    result[region] = {};
    for (const insurance of billedInsurances) {
      const pool = regionChain(region).find((code) => pooling.some((p) => p.insurance === insurance && p.region_code === code));
      const fundKind = fundInsurance(chart, insurance);
      if (pool && fundKind && funds.has(`${fundKind}-${pool}`)) result[region][insurance] = `${fundKind}-${pool}`;
    }
  }
  return result;
}

/** Creates the run of (period, region) with its parameters and chunks, or returns the existing one. */
async function createOrFindRun(database: DatabaseHandle, job: Actor, period: string, region: string, startedBy: string) {
  return inScope(database, job, async (tx) => {
    // One creator at a time per period and region (two `billing run` started together share one run).
    await repository.lockRunCreation(tx, period, region);
    const existing = await repository.findRun(tx, period, region);
    if (existing) return existing;
    const prefix = scopePrefix(region);
    const perRegion = await repository.activeEmployersPerRegion(tx, prefix);
    const regions = perRegion.map((r) => r.region_code);
    const parameters = resolveBillingParameters(getParameters(), period, regions);
    const modes = new Set(Object.values(parameters.regions).map((r) => r.rounding));
    if (modes.size > 1) throw invalid('region', `the regions of ${region} round differently (${[...modes].join(', ')}): bill them one by one`);
    const snapshot: RunSnapshot = { ...parameters, funds: await fundsByRegion(tx, period, regions) };
    const employers = perRegion.reduce((sum, r) => sum + r.n, 0);
    const chunkCount = employers === 0 ? 0 : Math.min(employers, Math.max(MIN_CHUNKS, Math.ceil(employers / EMPLOYERS_PER_CHUNK)));
    const id = newId();
    const run = await repository.insertRun(tx, {
      id, period, region_code: region, parameters: JSON.stringify(snapshot), chunks: chunkCount, started_by: startedBy,
    });
    if (chunkCount > 0) await repository.insertChunks(tx, id, chunkCount, prefix);
    await recordAudit(tx, job, { action: 'billing.run.start', entityType: 'billing_run', entityId: String(id), regionCode: region, after: { period, region, chunks: chunkCount } });
    return run;
  });
}

export type RunRow = Awaited<ReturnType<typeof createOrFindRun>>;

const snapshotOf = (run: RunRow): RunSnapshot => (typeof run.parameters === 'string' ? JSON.parse(run.parameters) : run.parameters) as RunSnapshot;

/** Bills one chunk in the caller's transaction and posts its receivables, one entry per fund. */
async function billChunk(tx: Tx, actor: Actor, run: RunRow, chunk: { chunk: number; employer_from: bigint; employer_to: bigint }) {
  const snapshot = snapshotOf(run);
  const rounding = Object.values(snapshot.regions)[0]?.rounding ?? 'half_up';
  const employers = await repository.countEmployersInRange(tx, chunk.employer_from, chunk.employer_to);
  await repository.insertBillsOfChunk(tx, { parameters: snapshot, funds: snapshot.funds, billIds: reserveIds(Math.max(employers, 1)), rounding },
    { from: chunk.employer_from, to: chunk.employer_to, regionPrefix: scopePrefix(run.region_code), period: run.period, runId: run.id, chunk: chunk.chunk });
  const byFund = await repository.chunkTotalsByFund(tx, run.id, chunk.chunk);
  const entries: EntryInput[] = byFund.filter((f) => BigInt(f.amount) !== 0n).map((f) => ({
    key: `billing:${run.id}:${chunk.chunk}`, fund: f.fund_code, period: run.period, date: periodEnd(run.period),
    memo: `${run.period} 社会保险费核定 (第 ${chunk.chunk} 批)`, source: { type: 'billing_run', id: `${run.id}/${chunk.chunk}` },
    lines: [{ account: RECEIVABLE_ACCOUNT, debit: BigInt(f.amount) }, { account: PREMIUM_REVENUE_ACCOUNT, credit: BigInt(f.amount) }],
  }));
  if (entries.length) await postEntries(tx, actor, entries);
  const counts = await repository.countBillsOfChunk(tx, run.id, chunk.chunk);
  await repository.markChunkDone(tx, run.id, chunk.chunk, counts);
}

/**
 * Takes the next chunk not done: first one nobody holds (skip locked); when only held ones remain, waits for one
 * (a crashed run's connection may still hold it until the server notices). Returns false when every chunk is done.
 */
async function billNextChunk(database: DatabaseHandle, actor: Actor, run: RunRow): Promise<boolean> {
  return inScope(database, actor, async (tx) => {
    // A killed client's transaction is noticed within a second (PostgreSQL 14+), releasing its chunk.
    await repository.checkClientConnectionEverySecond(tx);
    let chunk = await repository.claimFreeChunk(tx, run.id);
    if (!chunk) {
      chunk = await repository.waitForOpenChunk(tx, run.id);
      if (!chunk) return false;
      // locked after waiting: another worker may have finished it meanwhile
      if (!(await repository.isChunkOpen(tx, run.id, chunk.chunk))) return true;
    }
    await billChunk(tx, actor, run, chunk);
    return true;
  });
}

export interface RunProgress { done: number; total: number }

/** Creates the run of (period, region) or finds the existing one, without billing anything yet. */
/**
 * The run is authorised against the actor's scope (the region must be theirs) and carried out on their behalf
 * with its scope widened to the province, since it posts into funds of pooling regions above it (widenToPooledFunds).
 */
export async function prepareBillingRun(database: DatabaseHandle, actor: Actor, input: { period: string; region?: string }): Promise<RunRow> {
  const period = checkPeriod(input.period);
  const region = await inScope(database, actor, (tx) => resolveRegionSubtree(tx, actor, input.region));
  await ensureFunds(database);
  return createOrFindRun(database, widenToPooledFunds(actor, BILLING_ACROSS_POOLS), period, region, actor.username);
}

/**
 * Bills every remaining chunk of a run with two workers, then marks it completed. Safe to call on a completed run.
 * With `signal` aborted (the server stopping), each worker stops after the chunk it is billing (a chunk commits whole)
 * and the run stays `running`, to be resumed by starting it again.
 */
export async function completeBillingRun(database: DatabaseHandle, actor: Actor, run: RunRow, onProgress?: (progress: RunProgress) => void, options: { signal?: AbortSignal } = {}): Promise<void> {
  if (run.status !== 'running') return;
  const job = widenToPooledFunds(actor, BILLING_ACROSS_POOLS);
  const doneCount = () => repository.countDoneChunks(database.db, run.id);
  onProgress?.({ done: await doneCount(), total: run.chunks });
  const worker = async () => {
    while (!options.signal?.aborted && await billNextChunk(database, job, run)) onProgress?.({ done: await doneCount(), total: run.chunks });
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
  if (options.signal?.aborted) return;
  // Overpayments kept as credit pay the new bills at once: the agency already holds the money, so they count as
  // paid today, or on the due date when a past period is billed late (no late fee on money held before it).
  const dueDates = Object.values(snapshotOf(run).regions).map((r) => r.dueDate).sort();
  const today = todayInChina();
  const creditDate = dueDates.length && dueDates[0] < today ? dueDates[0] : today;
  const withCredit = await repository.employersWithCreditInRun(database.db, run.id);
  for (const { employer_id } of withCredit) await applyCredits(database, job, employer_id, creditDate);
  await inScope(database, job, async (tx) => {
    const finished = await repository.markRunCompleted(tx, run.id);
    if (finished) {
      await recordAudit(tx, job, { action: 'billing.run.complete', entityType: 'billing_run', entityId: String(run.id), regionCode: run.region_code, after: { period: run.period, chunks: run.chunks } });
    }
  });
}

/**
 * Bills `period` for the region subtree (default: the actor's region, else the only province): creates the run or
 * resumes it, bills every remaining chunk, and returns the run and the period's summary.
 */
export async function runBilling(database: DatabaseHandle, actor: Actor, input: { period: string; region?: string }, onProgress?: (progress: RunProgress) => void) {
  const run = await prepareBillingRun(database, actor, input);
  await completeBillingRun(database, actor, run, onProgress);
  return { run: await runView(database, actor, run.id), summary: await billingSummary(database, actor, { period: run.period, region: run.region_code }) };
}

export async function runView(database: DatabaseHandle, actor: Actor, id: bigint): Promise<BillingRunView> {
  return inScope(database, actor, async (tx) => {
    const run = await repository.findRunById(tx, id);
    if (!run || !run.region_code.startsWith(scopePrefix(actor.regionCode))) throw notFound(`billing run ${id}`);
    const done = await repository.countDoneChunks(tx, id);
    return {
      id: String(run.id), period: run.period, regionCode: run.region_code, status: run.status, chunks: run.chunks, chunksDone: done,
      startedBy: run.started_by, startedAt: run.started_at.toISOString(), finishedAt: run.finished_at?.toISOString() ?? null,
    };
  });
}

export async function listRuns(database: DatabaseHandle, actor: Actor, limit = 50): Promise<BillingRunView[]> {
  const ids = await inScope(database, actor, (tx) => repository.recentRunIds(tx, scopePrefix(actor.regionCode), limit));
  return Promise.all(ids.map((r) => runView(database, actor, r.id)));
}

/** What a period's bills add up to in the region subtree: employers, distinct persons, lines, totals per insurance. */
export async function billingSummary(database: DatabaseHandle, actor: Actor, input: { period: string; region?: string }): Promise<BillingSummary> {
  const period = checkPeriod(input.period);
  return inScope(database, actor, async (tx) => {
    const region = await resolveRegionSubtree(tx, actor, input.region);
    const prefix = scopePrefix(region);
    const head = await repository.billCountsOfPeriod(tx, period, prefix);
    const persons = await repository.countPersonsBilledInPeriod(tx, period, prefix);
    const items = await repository.itemTotalsOfPeriod(tx, period, prefix);
    const order = (insurance: string) => billedInsurances.indexOf(insurance as never);
    items.sort((a, b) => order(a.insurance) - order(b.insurance));
    const total = items.reduce((sum, i) => sum + BigInt(i.employer) + BigInt(i.employee), 0n);
    return {
      period, region, employers: head.employers, persons, lines: head.lines,
      totals: Object.fromEntries(items.map((i) => [i.insurance, { employer: formatYuan(BigInt(i.employer)), employee: formatYuan(BigInt(i.employee)) }])),
      total: formatYuan(total),
    };
  });
}
