/**
 * 养老金调整 (annual pension adjustment): one run per region and year. The preview works out every paid pension's
 * increase by the province's rules in force on 1 January of the year (params/benefits/adjustment: fixed amount,
 * per contribution year, share of the pension, age tilts; the national overall level shown beside the run's own);
 * the submission is a job (kind pension.adjustment) that works the increases out chunk by chunk of awards and keeps
 * the run and its lines, then sends them to sign-off (kind pension.adjustment: 经办, 复核, 审批);
 * the final approval applies them as dated amounts from January of the year (pension_award_amount: the award's own
 * amount is never edited) with an amount_changed event per award. A region and year is adjusted once: a run of the
 * same year over the region, above it or within it refuses the next.
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inActorScope, inScope, scopePrefix, widenToPooledFunds, type Actor, type Tx } from '../../../platform/actor.ts';
import { conflict, invalid, notFound } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { render } from '../../../platform/messages.ts';
import { divideRounded, formatDecimal, formatYuan, type Decimal } from '../../../platform/money.ts';
import { getParameters, todayInChina } from '../../../platform/params/index.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { registerSignoffKind, submitForApproval } from '../../../platform/signoff/index.ts';
import { createOrFindJob, getJob, runOrAttach, throwIfFailed, type JobContext, type JobDefinition, type JobView } from '../../../platform/jobs/index.ts';
import { cite } from '../trace.ts';
import { adjustmentIncrease, shownParts, type AdjustmentRules } from './adjustment.calc.ts';
import { adjustmentSaid } from './adjustment.messages.ts';
import * as repository from './adjustment.repository.ts';

/** Raising a city's pensions changes awards the province-pooled fund pays: the approval reaches the province. */
const ADJUSTMENT_ACROSS_POOLS = '养老金调整由省级统筹基金支付 (adjusted pensions are paid from the province-pooled fund)';

export interface AdjustmentRequest { region: string; year: number }

interface AdjustmentPayload { runId: string; region: string; year: number; effectivePeriod: string; awards: number; totalIncrease: string }

export const pensionAdjustmentSignoff = registerSignoffKind<AdjustmentPayload>({
  kind: 'pension.adjustment',
  label: '养老金调整',
  parameters: 'signoff.pension_adjustment',
  requestPermission: 'pension.adjustment.request',
  levels: [
    { name: 'review', label: '复核', permission: 'pension.adjustment.review' },
    { name: 'approve', label: '审批', permission: 'pension.adjustment.approve' },
  ],
  decisionActor: (approver) => widenToPooledFunds(approver, ADJUSTMENT_ACROSS_POOLS),
  effect: async (tx, approver, item) => applyAdjustment(tx, approver, BigInt(item.payload.runId)),
  subjectLink: (payload) => `/benefits/pension/adjustments/${payload.runId}`,
});

/** The rules in force on 1 January of the year in the region, each with its reference. */
export function adjustmentRules(region: string, year: number): AdjustmentRules {
  const store = getParameters();
  const on = `${year}-01-01`;
  const get = (path: string) => store.lookup(`benefits.adjustment.${path}`, on, region);
  return {
    overallRate: cite<Decimal>(get('overall_rate'), store.rate('benefits.adjustment.overall_rate', on, region)),
    fixedAmount: cite<bigint>(get('fixed_amount')),
    perContributionYear: cite<bigint>(get('per_contribution_year')),
    levelRate: cite<Decimal>(get('level_rate'), store.rate('benefits.adjustment.level_rate', on, region)),
    ageTilts: cite<Record<string, bigint>>(get('age_tilts')),
  };
}

const shownRules = (rules: AdjustmentRules) => Object.fromEntries(Object.entries(rules).map(([name, cited]) => {
  const value = cited.value as unknown;
  const shown = typeof value === 'bigint' ? formatYuan(value)
    : typeof value === 'object' && value !== null && 'units' in value ? formatDecimal(value as Decimal)
      : Object.fromEntries(Object.entries(value as Record<string, bigint>).map(([age, fen]) => [age, formatYuan(fen)]));
  return [name, { value: shown, reference: cited.reference, parameter: cited.parameter }];
}));

function checkRequest(actor: Actor, input: AdjustmentRequest) {
  const last = Number(todayInChina().slice(0, 4)) + 1;
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > last) throw invalid('year', adjustmentSaid.yearRange({ last }));
  if (!/^[0-9]{6}$/.test(input.region ?? '') || !inActorScope(actor, input.region)) throw invalid('region', adjustmentSaid.regionOutOfScope({ region: String(input.region) }));
}

export interface AdjustmentLineView { personId: string; awardId: string; regionCode: string; amountBefore: string; increase: string; amountAfter: string; parts: ReturnType<typeof shownParts> }

export interface AdjustmentPreview {
  region: string; year: number; effectivePeriod: string; awards: number; totalBefore: string; totalIncrease: string;
  /** The run's increase over the pensions before it, next to the national overall level. */
  increaseShare: string; overallRate: string; rules: Record<string, unknown>; lines: AdjustmentLineView[];
}

async function worked(tx: Tx, input: AdjustmentRequest) {
  const rules = adjustmentRules(input.region, input.year);
  const effectivePeriod = `${input.year}-01`;
  const awards = await repository.awardsToAdjust(tx, scopePrefix(input.region), input.year, effectivePeriod);
  const lines = awards.map((award) => {
    const amountBefore = BigInt(award.amount_before);
    const { increase, parts } = adjustmentIncrease({ amountBefore, contributionMonths: award.contribution_months, birthDate: award.birth_date }, rules, input.year);
    return { award, amountBefore, increase, parts: shownParts(parts, rules) };
  });
  const totalBefore = lines.reduce((sum, l) => sum + l.amountBefore, 0n), totalIncrease = lines.reduce((sum, l) => sum + l.increase, 0n);
  const share = totalBefore > 0n ? formatDecimal({ units: divideRounded(totalIncrease * 10000n, totalBefore), scale: 4 }) : '0';
  return { rules, effectivePeriod, lines, totalBefore, totalIncrease, share };
}

const previewOf = (input: AdjustmentRequest, w: Awaited<ReturnType<typeof worked>>, limit: number): AdjustmentPreview => ({
  region: input.region, year: input.year, effectivePeriod: w.effectivePeriod, awards: w.lines.length, totalBefore: formatYuan(w.totalBefore),
  totalIncrease: formatYuan(w.totalIncrease), increaseShare: w.share, overallRate: formatDecimal(w.rules.overallRate.value), rules: shownRules(w.rules),
  lines: w.lines.slice(0, limit).map((l) => ({
    personId: l.award.person_id, awardId: l.award.award_id, regionCode: l.award.region_code, amountBefore: formatYuan(l.amountBefore),
    increase: formatYuan(l.increase), amountAfter: formatYuan(l.amountBefore + l.increase), parts: l.parts,
  })),
});

/** The increase of every pension the run would raise (nothing written); `limit` lines shown, the totals of all. */
export async function previewAdjustment(database: DatabaseHandle, actor: Actor, input: AdjustmentRequest, limit = 100): Promise<AdjustmentPreview> {
  checkRequest(actor, input);
  return inScope(database, actor, async (tx) => previewOf(input, await worked(tx, input), limit));
}

const statusSaid = (status: string) => (status === 'applied' ? adjustmentSaid.statusApplied() : status === 'computing' ? adjustmentSaid.statusComputing() : adjustmentSaid.statusSubmitted());

/** About this many awards per chunk of the run: a visible progress bar, and a province's pensions never held at once. */
const AWARDS_PER_CHUNK = 20_000;
const MAX_CHUNKS = 200;

interface AdjustmentJobParameters { runId: string; region: string; year: number; effectivePeriod: string; rules: string }
interface AdjustmentChunk { personFrom: string; personTo: string }

/** What a submitted run is: its totals, the rules it used, and the sign-off item it waits in. */
export type SubmittedAdjustment = Omit<AdjustmentPreview, 'lines'> & { runId: string; approvalItem: { id: string; title: string } };

/**
 * One chunk of the run: the increase of each award of the persons in its range by the rules the run started with
 * (a change of the parameters since fails the chunk: the run would mix two sets of rules), its lines written.
 */
async function computeChunk(tx: Tx, { parameters }: JobContext<AdjustmentJobParameters>, { payload }: { chunk: number; payload: AdjustmentChunk }) {
  const rules = adjustmentRules(parameters.region, parameters.year);
  if (JSON.stringify(shownRules(rules)) !== parameters.rules) throw conflict('year', adjustmentSaid.rulesChanged({ year: parameters.year, region: parameters.region }));
  const awards = await repository.awardsToAdjust(tx, scopePrefix(parameters.region), parameters.year, parameters.effectivePeriod, { from: BigInt(payload.personFrom), to: BigInt(payload.personTo) });
  await repository.insertLines(tx, BigInt(parameters.runId), awards.map((award) => {
    const amountBefore = BigInt(award.amount_before);
    const { increase, parts } = adjustmentIncrease({ amountBefore, contributionMonths: award.contribution_months, birthDate: award.birth_date }, rules, parameters.year);
    return { person_id: BigInt(award.person_id), id: newId(), award_id: BigInt(award.award_id), region_code: award.region_code, amount_before: amountBefore, increase, parts: JSON.stringify(shownParts(parts, rules)) };
  }));
}

const submittedView = (run: { id: bigint; region_code: string; year: number; effective_period: string; awards: number; total_before: bigint; total_increase: bigint; rules: string },
  item: { id: string; title: string }): SubmittedAdjustment => {
  // jsonb: the driver gives it parsed
  const rules = (typeof run.rules === 'string' ? JSON.parse(run.rules) : run.rules) as Record<string, { value: string }>;
  return {
    runId: String(run.id), approvalItem: item, region: run.region_code, year: run.year, effectivePeriod: run.effective_period, awards: run.awards,
    totalBefore: formatYuan(run.total_before), totalIncrease: formatYuan(run.total_increase),
    increaseShare: run.total_before > 0n ? formatDecimal({ units: divideRounded(run.total_increase * 10000n, run.total_before), scale: 4 }) : '0',
    overallRate: rules.overallRate.value, rules,
  };
};

const titleOf = (region: string, year: number, awards: number, increase: bigint) =>
  render(adjustmentSaid.title({ region, year, awards, amount: formatYuan(increase) }), 'zh-CN');

/** After the last chunk: the run's totals from its lines, and the run submitted to sign-off as the job's actor (经办). */
async function finishAdjustment(database: DatabaseHandle, { parameters, actor }: JobContext<AdjustmentJobParameters>): Promise<SubmittedAdjustment> {
  return inScope(database, actor, async (tx) => {
    const runId = BigInt(parameters.runId);
    const run = (await repository.runById(tx, runId, true))!;
    // resumed after its submission committed: the same answer again
    if (run.status !== 'computing') return submittedView(run, { id: String(run.approval_item_id), title: titleOf(run.region_code, run.year, run.awards, run.total_increase) });
    const totals = await repository.runTotals(tx, runId);
    const item = await submitForApproval(tx, actor, pensionAdjustmentSignoff, {
      regionCode: run.region_code, subjectKey: `pension.adjustment:${run.region_code}:${run.year}`, amount: totals.totalIncrease, comment: null,
      title: titleOf(run.region_code, run.year, totals.awards, totals.totalIncrease),
      payload: { runId: String(runId), region: run.region_code, year: run.year, effectivePeriod: run.effective_period, awards: totals.awards, totalIncrease: formatYuan(totals.totalIncrease) },
    });
    await repository.submitRun(tx, runId, totals, BigInt(item.id));
    const submitted = submittedView({ ...run, awards: totals.awards, total_before: totals.totalBefore, total_increase: totals.totalIncrease }, { id: item.id, title: item.title });
    await recordAudit(tx, actor, { action: 'pension.adjustment.submit', entityType: 'pension_adjustment_run', entityId: runId, regionCode: run.region_code,
      after: { year: run.year, awards: totals.awards, totalBefore: submitted.totalBefore, totalIncrease: submitted.totalIncrease, increaseShare: submitted.increaseShare, job: String(run.job_id) } });
    return submitted;
  });
}

/** Two chunks at a time: one chunk's query overlaps the other's arithmetic (docs/benefits.md: 9.0–11.5 → 7.6–7.9 s, 236,202 pensions). */
export const adjustmentJob: JobDefinition<AdjustmentJobParameters, AdjustmentChunk> = {
  kind: 'pension.adjustment', label: '养老金调整', permission: 'pension.adjustment.request', workers: 2, runChunk: computeChunk, finish: finishAdjustment,
};

/**
 * Keeps the run (computing) and creates its job — chunks of the awards it raises by person — which the server works:
 * the lines chunk by chunk, then the totals and the submission to sign-off (the 经办 step). A second run of the year
 * over the region is refused; a failed job is retried from /api/jobs.
 */
export async function startAdjustment(database: DatabaseHandle, actor: Actor, input: AdjustmentRequest): Promise<JobView> {
  checkRequest(actor, input);
  const job = await inScope(database, actor, async (tx) => {
    const existing = await repository.overlappingRun(tx, input.region, scopePrefix(input.region), input.year);
    if (existing) throw conflict('year', adjustmentSaid.runExists({ year: input.year, region: existing.region_code, status: statusSaid(existing.status), id: String(existing.id) }));
    const awards = await repository.countAwardsToAdjust(tx, scopePrefix(input.region), input.year);
    if (!awards) throw conflict('region', adjustmentSaid.noAwards({ region: input.region, year: input.year }));
    const rules = JSON.stringify(shownRules(adjustmentRules(input.region, input.year)));
    const ranges = await repository.adjustmentRanges(tx, scopePrefix(input.region), input.year, Math.min(MAX_CHUNKS, Math.ceil(awards / AWARDS_PER_CHUNK)));
    const runId = newId(), effectivePeriod = `${input.year}-01`;
    const { job, created } = await createOrFindJob(tx, actor, adjustmentJob, {
      key: `${input.year}/${input.region}`, regionCode: input.region, parameters: { runId: String(runId), region: input.region, year: input.year, effectivePeriod, rules },
      chunks: ranges.map((range) => ({ personFrom: range.person_from, personTo: range.person_to })),
    });
    // two starts at once: the second waited on the job's key and finds the first's job, whose run it is
    if (created) await repository.insertRun(tx, { id: runId, region_code: input.region, year: input.year, effective_period: effectivePeriod, rules, submitted_by: actor.username, job_id: job.id });
    return job;
  });
  return getJob(database, actor, job.id);
}

/** `sifund pension adjust submit`: the run computed here (or followed while the server works it) and submitted. */
export async function submitAdjustment(database: DatabaseHandle, actor: Actor, input: AdjustmentRequest): Promise<SubmittedAdjustment> {
  const started = await startAdjustment(database, actor, input);
  return throwIfFailed(await runOrAttach(database, actor, BigInt(started.id))).result as SubmittedAdjustment;
}

/** The final approval's effect: the new amounts from the run's month, an event per award; the old amounts stay. */
async function applyAdjustment(tx: Tx, approver: Actor, runId: bigint) {
  const run = await repository.runById(tx, runId);
  if (!run) throw notFound(adjustmentSaid.runNotFound({ id: String(runId) }));
  if (run.status === 'applied') throw conflict('year', adjustmentSaid.runExists({ year: run.year, region: run.region_code, status: statusSaid(run.status), id: String(run.id) }));
  const today = todayInChina();
  const changed = await repository.applyRun(tx, run, approver.username, render(adjustmentSaid.reason({ year: run.year }), 'zh-CN'), today);
  const result = { runId: String(run.id), region: run.region_code, year: run.year, effectivePeriod: run.effective_period, awardsChanged: changed, totalIncrease: formatYuan(run.total_increase) };
  await recordAudit(tx, approver, { action: 'pension.adjustment.apply', entityType: 'pension_adjustment_run', entityId: run.id, regionCode: run.region_code, after: result });
  return result;
}
