/**
 * Monthly billing (R3.1–R3.2) as a job of the runner (src/platform/jobs, kind `billing.run`). A job for (period,
 * region subtree) is created once with its parameters resolved and its employers split into chunks by id range;
 * each chunk commits its bills, lines and items with its done mark in one transaction. Billing posts nothing to the
 * fund ledger: the funds keep cash-basis accounts (财会〔2017〕28号 总说明五, docs/ledger.md), so contribution income is
 * booked when the money arrives; bills are the business records (应收台账) the reconciliation compares with it. Killed at
 * any moment, the job is resumed by the server (or by the next `billing run` of the same period), computing exactly
 * what the uninterrupted run would have; re-running a completed period adds nothing.
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, widenToPooledFunds, scopePrefix, type Actor, type Tx } from '../../../platform/actor.ts';
import { invalid } from '../../../platform/errors.ts';
import { reserveIds } from '../../../platform/ids.ts';
import { formatYuan } from '../../../platform/money.ts';
import { getParameters } from '../../../platform/params/index.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { createOrFindJob, getJob, retryJob, runOrAttach, throwIfFailed, type JobContext, type JobDefinition, type JobView } from '../../../platform/jobs/index.ts';
import { chartFor, ensureFunds } from '../../ledger/index.ts';
import { billedInsurances, fundCodesOfRegion, resolveBillingParameters, type BillingParameters } from './billing.calc.ts';
import * as repository from './billing.repository.ts';
import { BILLING_ACROSS_POOLS, checkPeriod, resolveRegionSubtree } from '../collection.scope.ts';
import { checkBillablePeriod } from './billable-period.ts';
import { applyCredits } from '../payments/payments.service.ts';
import { billingSaid } from '../collection.messages.ts';


/** About this many employers per chunk: small enough for a visible progress bar, large enough for set-based speed. */
const EMPLOYERS_PER_CHUNK = 1000;
const MIN_CHUNKS = 20;

interface BillingSnapshot extends BillingParameters { funds: Record<string, Record<string, string>> }
/** The job's parameter snapshot: what it bills, and everything it resolved when it was created. */
export interface BillingJobParameters { period: string; region: string; billing: BillingSnapshot }
/** A chunk: the employers with ids in [from, to] (as text: JSON has no bigint). */
interface BillingChunk { employerFrom: string; employerTo: string }

export interface BillingSummary {
  period: string; region: string; employers: number; persons: number; lines: number;
  totals: Record<string, { employer: string; employee: string }>;
  total: string;
}

/** Fund code per employer region and insurance: the fund of the nearest pooling region (maternity → medical fund). */
export async function fundsByRegion(tx: Tx, period: string, regionCodes: string[]): Promise<BillingSnapshot['funds']> {
  const chart = chartFor(Number(period.slice(0, 4)));
  const pooling = await repository.poolingRegions(tx);
  const funds = new Set((await repository.fundCodes(tx)).map((f) => f.code));
  const result: BillingSnapshot['funds'] = {};
  for (const region of regionCodes) result[region] = fundCodesOfRegion(chart, pooling, funds, region);
  return result;
}

/** Bills one chunk in the chunk's transaction (bills, lines and items; nothing is posted: cash basis). */
async function billChunk(tx: Tx, { job, parameters }: JobContext<BillingJobParameters>, { chunk, payload }: { chunk: number; payload: BillingChunk }) {
  const snapshot = parameters.billing;
  const rounding = Object.values(snapshot.regions)[0]?.rounding ?? 'half_up';
  const [from, to] = [BigInt(payload.employerFrom), BigInt(payload.employerTo)];
  const employers = await repository.countEmployersInRange(tx, from, to);
  await repository.insertBillsOfChunk(tx, { parameters: snapshot, funds: snapshot.funds, billIds: reserveIds(Math.max(employers, 1)), rounding },
    { from, to, regionPrefix: scopePrefix(parameters.region), period: parameters.period, runId: job.id, chunk });
}

/**
 * After the last chunk of a billing run (employers' or self-paying): overpayments kept as credit pay the new bills at
 * once, booked today; each pays as of the later of the day its money arrived and the bill's due date
 * (payments.service.ts useCredits). Returns how many payers' credits were applied.
 */
export async function applyCreditsOfRun(database: DatabaseHandle, actor: Actor, runId: bigint): Promise<number> {
  const withCredit = await repository.employersWithCreditInRun(database.db, runId);
  for (const { employer_id } of withCredit) await applyCredits(database, actor, employer_id);
  return withCredit.length;
}

async function finishBilling(database: DatabaseHandle, { job, parameters, actor }: JobContext<BillingJobParameters>) {
  const creditsApplied = await applyCreditsOfRun(database, actor, job.id);
  // The month just billed is most of the bill tables' rows: the next queries (the summary, the bills list) plan on it.
  await repository.analyzeBillTables(database.db);
  await inScope(database, actor, (tx) => recordAudit(tx, actor, {
    action: 'billing.run.complete', entityType: 'job', entityId: String(job.id), regionCode: parameters.region, after: { period: parameters.period, chunks: job.chunks },
  }));
  return { period: parameters.period, region: parameters.region, creditsApplied };
}

/** The billing job kind: two chunks at a time (set-based statements; a third worker measured no faster on 2 cores). */
export const billingJob: JobDefinition<BillingJobParameters, BillingChunk> = {
  kind: 'billing.run', label: '缴费核定', permission: 'billing.run', workers: 2, runChunk: billChunk, finish: finishBilling,
};

/**
 * Creates the billing job of (period, region subtree; default the actor's region, else the only province) or finds
 * the existing one; a failed one is queued again. Nothing is billed yet: the caller runs it, or the server does.
 * The job is authorised against the actor's scope (the region must be theirs) and works on their behalf with its
 * scope widened to the province, since it posts into funds of pooling regions above it (widenToPooledFunds).
 */
export async function startBilling(database: DatabaseHandle, actor: Actor, input: { period: string; region?: string }): Promise<JobView> {
  const period = checkBillablePeriod(input.period);
  const region = await inScope(database, actor, (tx) => resolveRegionSubtree(tx, actor, input.region));
  await ensureFunds(database);
  const worker = widenToPooledFunds(actor, BILLING_ACROSS_POOLS);
  const { job } = await inScope(database, worker, async (tx) => {
    const prefix = scopePrefix(region);
    const perRegion = await repository.activeEmployersPerRegion(tx, prefix);
    const regions = perRegion.map((r) => r.region_code);
    const resolved = resolveBillingParameters(getParameters(), period, regions);
    const modes = new Set(Object.values(resolved.regions).map((r) => r.rounding));
    if (modes.size > 1) throw invalid('region', billingSaid.roundingDiffers({ region, modes: [...modes].join(', ') }));
    const employers = perRegion.reduce((sum, r) => sum + r.n, 0);
    const chunkCount = employers === 0 ? 0 : Math.min(employers, Math.max(MIN_CHUNKS, Math.ceil(employers / EMPLOYERS_PER_CHUNK)));
    const parameters: BillingJobParameters = { period, region, billing: { ...resolved, funds: await fundsByRegion(tx, period, regions) } };
    const chunks: BillingChunk[] = (await repository.employerRanges(tx, chunkCount, prefix))
      .map((r) => ({ employerFrom: String(r.employer_from), employerTo: String(r.employer_to) }));
    return createOrFindJob(tx, worker, billingJob, { key: `${period}/${region}`, regionCode: region, parameters, chunks });
  });
  if (job.status === 'failed') return retryJob(database, actor, job.id);
  return getJob(database, actor, job.id);
}

/**
 * Bills `period` for the region subtree here and now (the CLI): creates the job or finds it, works every remaining
 * chunk (or follows the process that holds it), and returns the job and the period's summary. Fails like the job.
 */
export async function runBilling(database: DatabaseHandle, actor: Actor, input: { period: string; region?: string }, onProgress?: (progress: { done: number; total: number }) => void) {
  const started = await startBilling(database, actor, input);
  const job = throwIfFailed(await runOrAttach(database, actor, BigInt(started.id), { onProgress }));
  return { job, summary: await billingSummary(database, actor, { period: checkPeriod(input.period), region: job.regionCode ?? undefined }) };
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
