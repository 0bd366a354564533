/**
 * The monthly self-paying bill (个人缴费核定, issue 11 R3.9) as a job of the runner (kind `billing.self_paying`, key
 * `period/region`): one bill per self-paying contributor and month, addressed to their payer record, with the same
 * due date and late-fee rules as an employer's, so payments, allocation, arrears, dunning, individual accounts and
 * the cash-basis ledger treat it as any bill. Like the employer run it posts nothing (cash basis), is resumable and
 * idempotent, and after the last chunk applies the credits payers hold (预缴: money paid ahead pays the new bill).
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, widenToPooledFunds, scopePrefix, type Actor, type Tx } from '../../../platform/actor.ts';
import { invalid } from '../../../platform/errors.ts';
import { reserveIds } from '../../../platform/ids.ts';
import { getParameters } from '../../../platform/params/index.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { createOrFindJob, getJob, retryJob, runOrAttach, throwIfFailed, type JobContext, type JobDefinition, type JobView } from '../../../platform/jobs/index.ts';
import { ensureFunds } from '../../ledger/index.ts';
import { BILLING_ACROSS_POOLS, resolveRegionSubtree } from '../collection.scope.ts';
import { billingSaid } from '../collection.messages.ts';
import { checkBillablePeriod } from './billable-period.ts';
import { applyCreditsOfRun, fundsByRegion } from './billing.service.ts';
import { resolveSelfPayingParameters, type SelfPayingParameters } from './self-paying.calc.ts';
import * as repository from './self-paying-billing.repository.ts';

const PAYERS_PER_CHUNK = 5000;

interface SelfPayingSnapshot extends SelfPayingParameters { funds: Record<string, Record<string, string>> }
export interface SelfPayingJobParameters { period: string; region: string; selfPaying: SelfPayingSnapshot }
interface PayerChunk { payerFrom: string; payerTo: string }

async function billChunk(tx: Tx, { job, parameters }: JobContext<SelfPayingJobParameters>, { chunk, payload }: { chunk: number; payload: PayerChunk }) {
  const snapshot = parameters.selfPaying;
  const rounding = Object.values(snapshot.regions)[0]?.rounding ?? 'half_up';
  const [from, to] = [BigInt(payload.payerFrom), BigInt(payload.payerTo)];
  const payers = await repository.countPayersInRange(tx, from, to);
  await repository.insertSelfPayingBills(tx, { parameters: snapshot, funds: snapshot.funds, billIds: reserveIds(Math.max(payers, 1)), rounding },
    { from, to, regionPrefix: scopePrefix(parameters.region), period: parameters.period, runId: job.id, chunk });
}

async function finishSelfPayingBilling(database: DatabaseHandle, { job, parameters, actor }: JobContext<SelfPayingJobParameters>) {
  const creditsApplied = await applyCreditsOfRun(database, actor, job.id);
  await inScope(database, actor, (tx) => recordAudit(tx, actor, {
    action: 'billing.self_paying.complete', entityType: 'job', entityId: String(job.id), regionCode: parameters.region, after: { period: parameters.period, chunks: job.chunks },
  }));
  return { period: parameters.period, region: parameters.region, creditsApplied };
}

export const selfPayingBillingJob: JobDefinition<SelfPayingJobParameters, PayerChunk> = {
  kind: 'billing.self_paying', label: '个人缴费核定', permission: 'billing.run', workers: 2, runChunk: billChunk, finish: finishSelfPayingBilling,
};

/**
 * Creates the self-paying billing job of (period, region subtree) or finds it; a failed one is queued again. Authorised
 * in the actor's scope and worked with the scope widened to the province, as the employer run (its pension fund is
 * pooled there).
 */
export async function startSelfPayingBilling(database: DatabaseHandle, actor: Actor, input: { period: string; region?: string }): Promise<JobView> {
  const period = checkBillablePeriod(input.period);
  const region = await inScope(database, actor, (tx) => resolveRegionSubtree(tx, actor, input.region));
  await ensureFunds(database);
  const worker = widenToPooledFunds(actor, BILLING_ACROSS_POOLS);
  const { job } = await inScope(database, worker, async (tx) => {
    const prefix = scopePrefix(region);
    const perRegion = await repository.selfPayingRegions(tx, prefix);
    const resolved = resolveSelfPayingParameters(getParameters(), period, perRegion.map((r) => ({ regionCode: r.region_code, medical: r.medical })));
    const modes = new Set(Object.values(resolved.regions).map((r) => r.rounding));
    if (modes.size > 1) throw invalid('region', billingSaid.roundingDiffers({ region, modes: [...modes].join(', ') }));
    const payers = perRegion.reduce((sum, r) => sum + r.n, 0);
    const chunks: PayerChunk[] = (await repository.payerRanges(tx, Math.ceil(payers / PAYERS_PER_CHUNK), prefix))
      .map((r) => ({ payerFrom: String(r.payer_from), payerTo: String(r.payer_to) }));
    const parameters: SelfPayingJobParameters = { period, region, selfPaying: { ...resolved, funds: await fundsByRegion(tx, period, Object.keys(resolved.regions)) } };
    return createOrFindJob(tx, worker, selfPayingBillingJob, { key: `${period}/${region}`, regionCode: region, parameters, chunks });
  });
  if (job.status === 'failed') return retryJob(database, actor, job.id);
  return getJob(database, actor, job.id);
}

/** Bills the self-paying contributors of `period` here and now (the CLI, tests): creates or finds the job and works it. */
export async function runSelfPayingBilling(database: DatabaseHandle, actor: Actor, input: { period: string; region?: string }): Promise<JobView> {
  const started = await startSelfPayingBilling(database, actor, input);
  return throwIfFailed(await runOrAttach(database, actor, BigInt(started.id)));
}
