/**
 * Monthly billing (R3.1–R3.2) as a resumable job. A run for (period, region subtree) is created once with its
 * parameters resolved and its employers split into chunks by id range; workers take chunks with
 * `for update skip locked`, and each chunk commits its bills, lines, items and ledger receivables in one
 * transaction. Killed at any moment, the next run of the same period finds the same run and finishes its chunks,
 * computing exactly what the uninterrupted run would have; re-running a completed period adds nothing.
 */
import { CompiledQuery, sql } from 'kysely';
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, widenToPooledFunds, scopePrefix, type Actor, type Tx } from '../../../platform/actor.ts';
import { invalid, notFound } from '../../../platform/errors.ts';
import { newId, reserveIds } from '../../../platform/ids.ts';
import { formatYuan } from '../../../platform/money.ts';
import { getParameters, regionChain, todayInChina } from '../../../platform/params/index.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { chartFor, ensureFunds, fundInsurance, periodEnd, postEntries, type EntryInput } from '../../ledger/index.ts';
import { billedInsurances, resolveBillingParameters, type BillingParameters } from './billing.calc.ts';
import { billChunkSql } from './billing.sql.ts';
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
  const pooling = await tx.selectFrom('pooling_region').select(['insurance', 'region_code']).execute();
  const funds = new Set((await tx.selectFrom('fund').select('code').execute()).map((f) => f.code));
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
    await sql`select pg_advisory_xact_lock(hashtext('billing_run'), hashtext(${`${period}/${region}`}))`.execute(tx);
    const existing = await tx.selectFrom('billing_run').selectAll().where('period', '=', period).where('region_code', '=', region).executeTakeFirst();
    if (existing) return existing;
    const prefix = scopePrefix(region);
    const perRegion = (await sql<{ region_code: string; n: number }>`
      select region_code, count(*)::int as n from employer where region_code like ${prefix} || '%' and status = 'active' group by region_code order by region_code`.execute(tx)).rows;
    const regions = perRegion.map((r) => r.region_code);
    const parameters = resolveBillingParameters(getParameters(), period, regions);
    const modes = new Set(Object.values(parameters.regions).map((r) => r.rounding));
    if (modes.size > 1) throw invalid('region', `the regions of ${region} round differently (${[...modes].join(', ')}): bill them one by one`);
    const snapshot: RunSnapshot = { ...parameters, funds: await fundsByRegion(tx, period, regions) };
    const employers = perRegion.reduce((sum, r) => sum + r.n, 0);
    const chunkCount = employers === 0 ? 0 : Math.min(employers, Math.max(MIN_CHUNKS, Math.ceil(employers / EMPLOYERS_PER_CHUNK)));
    const id = newId();
    const run = await tx.insertInto('billing_run').values({
      id, period, region_code: region, parameters: JSON.stringify(snapshot), chunks: chunkCount, started_by: startedBy,
    }).returningAll().executeTakeFirstOrThrow();
    if (chunkCount > 0) {
      await sql`insert into billing_chunk (run_id, chunk, employer_from, employer_to)
        select ${id}::bigint, n, min(id), max(id)
        from (select id, ntile(${chunkCount}::int) over (order by id) as n from employer where region_code like ${prefix} || '%' and status = 'active') t
        group by n`.execute(tx);
    }
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
  const employers = (await sql<{ n: number }>`select count(*)::int as n from employer where id between ${chunk.employer_from} and ${chunk.employer_to}`.execute(tx)).rows[0].n;
  const statement = billChunkSql(snapshot, snapshot.funds, reserveIds(Math.max(employers, 1)), rounding);
  await tx.executeQuery(CompiledQuery.raw(statement, [chunk.employer_from, chunk.employer_to, scopePrefix(run.region_code), run.period, Number(run.period.slice(0, 4)), run.id, chunk.chunk]));
  const byFund = (await sql<{ fund_code: string; amount: string }>`
    select i.fund_code, sum(i.employer_amount + i.employee_amount)::bigint as amount
    from bill b join bill_item i on i.employer_id = b.employer_id and i.bill_id = b.id
    where b.run_id = ${run.id} and b.chunk = ${chunk.chunk}
    group by i.fund_code order by i.fund_code`.execute(tx)).rows;
  const entries: EntryInput[] = byFund.filter((f) => BigInt(f.amount) !== 0n).map((f) => ({
    key: `billing:${run.id}:${chunk.chunk}`, fund: f.fund_code, period: run.period, date: periodEnd(run.period),
    memo: `${run.period} 社会保险费核定 (第 ${chunk.chunk} 批)`, source: { type: 'billing_run', id: `${run.id}/${chunk.chunk}` },
    lines: [{ account: RECEIVABLE_ACCOUNT, debit: BigInt(f.amount) }, { account: PREMIUM_REVENUE_ACCOUNT, credit: BigInt(f.amount) }],
  }));
  if (entries.length) await postEntries(tx, actor, entries);
  const counts = (await sql<{ bills: number; lines: number }>`select count(*)::int as bills, coalesce(sum(lines), 0)::int as lines from bill where run_id = ${run.id} and chunk = ${chunk.chunk}`.execute(tx)).rows[0];
  await sql`update billing_chunk set done_at = now(), bills = ${counts.bills}, lines = ${counts.lines} where run_id = ${run.id} and chunk = ${chunk.chunk}`.execute(tx);
}

/**
 * Takes the next chunk not done: first one nobody holds (skip locked); when only held ones remain, waits for one
 * (a crashed run's connection may still hold it until the server notices). Returns false when every chunk is done.
 */
async function billNextChunk(database: DatabaseHandle, actor: Actor, run: RunRow): Promise<boolean> {
  return inScope(database, actor, async (tx) => {
    // A killed client's transaction is noticed within a second (PostgreSQL 14+), releasing its chunk.
    await sql`set local client_connection_check_interval = 1000`.execute(tx);
    let chunk = (await sql<{ chunk: number; employer_from: bigint; employer_to: bigint }>`
      select chunk, employer_from, employer_to from billing_chunk where run_id = ${run.id} and done_at is null
      order by chunk limit 1 for update skip locked`.execute(tx)).rows[0];
    if (!chunk) {
      chunk = (await sql<{ chunk: number; employer_from: bigint; employer_to: bigint }>`
        select chunk, employer_from, employer_to from billing_chunk where run_id = ${run.id} and done_at is null
        order by chunk limit 1 for update`.execute(tx)).rows[0];
      if (!chunk) return false;
      // locked after waiting: another worker may have finished it meanwhile
      const still = await sql`select 1 from billing_chunk where run_id = ${run.id} and chunk = ${chunk.chunk} and done_at is null`.execute(tx);
      if (!still.rows.length) return true;
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

/** Bills every remaining chunk of a run with two workers, then marks it completed. Safe to call on a completed run. */
export async function completeBillingRun(database: DatabaseHandle, actor: Actor, run: RunRow, onProgress?: (progress: RunProgress) => void): Promise<void> {
  if (run.status !== 'running') return;
  const job = widenToPooledFunds(actor, BILLING_ACROSS_POOLS);
  const doneCount = async () => (await sql<{ n: number }>`select count(*)::int as n from billing_chunk where run_id = ${run.id} and done_at is not null`.execute(database.db)).rows[0].n;
  onProgress?.({ done: await doneCount(), total: run.chunks });
  const worker = async () => {
    while (await billNextChunk(database, job, run)) onProgress?.({ done: await doneCount(), total: run.chunks });
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
  // Overpayments kept as credit pay the new bills at once: the agency already holds the money, so they count as
  // paid today, or on the due date when a past period is billed late (no late fee on money held before it).
  const dueDates = Object.values(snapshotOf(run).regions).map((r) => r.dueDate).sort();
  const today = todayInChina();
  const creditDate = dueDates.length && dueDates[0] < today ? dueDates[0] : today;
  const withCredit = await sql<{ employer_id: bigint }>`
    select b.employer_id from bill b join payment_allocation a on a.employer_id = b.employer_id and a.part = 'credit'
    where b.run_id = ${run.id} group by b.employer_id having sum(a.amount) > 0`.execute(database.db);
  for (const { employer_id } of withCredit.rows) await applyCredits(database, job, employer_id, creditDate);
  await inScope(database, job, async (tx) => {
    const finished = await tx.updateTable('billing_run').set({ status: 'completed', finished_at: new Date() })
      .where('id', '=', run.id).where('status', '=', 'running').returning('id').executeTakeFirst();
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
    const run = await tx.selectFrom('billing_run').selectAll().where('id', '=', id).executeTakeFirst();
    if (!run || !run.region_code.startsWith(scopePrefix(actor.regionCode))) throw notFound(`billing run ${id}`);
    const done = (await sql<{ n: number }>`select count(*)::int as n from billing_chunk where run_id = ${id} and done_at is not null`.execute(tx)).rows[0].n;
    return {
      id: String(run.id), period: run.period, regionCode: run.region_code, status: run.status, chunks: run.chunks, chunksDone: done,
      startedBy: run.started_by, startedAt: run.started_at.toISOString(), finishedAt: run.finished_at?.toISOString() ?? null,
    };
  });
}

export async function listRuns(database: DatabaseHandle, actor: Actor, limit = 50): Promise<BillingRunView[]> {
  const ids = await inScope(database, actor, (tx) => tx.selectFrom('billing_run').select('id')
    .where('region_code', 'like', `${scopePrefix(actor.regionCode)}%`).orderBy('started_at', 'desc').limit(limit).execute());
  return Promise.all(ids.map((r) => runView(database, actor, r.id)));
}

/** What a period's bills add up to in the region subtree: employers, distinct persons, lines, totals per insurance. */
export async function billingSummary(database: DatabaseHandle, actor: Actor, input: { period: string; region?: string }): Promise<BillingSummary> {
  const period = checkPeriod(input.period);
  return inScope(database, actor, async (tx) => {
    const region = await resolveRegionSubtree(tx, actor, input.region);
    const prefix = scopePrefix(region);
    const head = (await sql<{ employers: number; lines: number }>`
      select count(distinct employer_id)::int as employers, coalesce(sum(lines), 0)::int as lines
      from bill where period = ${period} and region_code like ${prefix} || '%'`.execute(tx)).rows[0];
    const persons = (await sql<{ n: number }>`
      select count(distinct l.person_id)::int as n from bill b join bill_line l on l.employer_id = b.employer_id and l.bill_id = b.id
      where b.period = ${period} and b.region_code like ${prefix} || '%'`.execute(tx)).rows[0].n;
    const items = (await sql<{ insurance: string; employer: string; employee: string }>`
      select i.insurance, sum(i.employer_amount)::bigint as employer, sum(i.employee_amount)::bigint as employee
      from bill b join bill_item i on i.employer_id = b.employer_id and i.bill_id = b.id
      where b.period = ${period} and b.region_code like ${prefix} || '%'
      group by i.insurance`.execute(tx)).rows;
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
