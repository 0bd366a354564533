/**
 * 养老金调整 (annual pension adjustment): one run per region and year. The preview works out every paid pension's
 * increase by the province's rules in force on 1 January of the year (params/benefits/adjustment: fixed amount,
 * per contribution year, share of the pension, age tilts; the national overall level shown beside the run's own);
 * the submission keeps the run and its lines and sends them to sign-off (kind pension.adjustment: 经办, 复核, 审批);
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

const statusSaid = (status: string) => (status === 'applied' ? adjustmentSaid.statusApplied() : adjustmentSaid.statusSubmitted());

/** Keeps the run and its lines and submits it to sign-off (the 经办 step); a second run of the year over the region is refused. */
export async function submitAdjustment(database: DatabaseHandle, actor: Actor, input: AdjustmentRequest) {
  checkRequest(actor, input);
  return inScope(database, actor, async (tx) => {
    const existing = await repository.overlappingRun(tx, input.region, scopePrefix(input.region), input.year);
    if (existing) throw conflict('year', adjustmentSaid.runExists({ year: input.year, region: existing.region_code, status: statusSaid(existing.status), id: String(existing.id) }));
    const w = await worked(tx, input);
    if (!w.lines.length) throw conflict('region', adjustmentSaid.noAwards({ region: input.region, year: input.year }));
    const runId = newId();
    await repository.insertRun(tx, {
      id: runId, region_code: input.region, year: input.year, effective_period: w.effectivePeriod, rules: JSON.stringify(shownRules(w.rules)),
      awards: w.lines.length, total_before: w.totalBefore, total_increase: w.totalIncrease, submitted_by: actor.username,
    });
    await repository.insertLines(tx, runId, w.lines.map((l) => ({
      person_id: BigInt(l.award.person_id), id: newId(), award_id: BigInt(l.award.award_id), region_code: l.award.region_code,
      amount_before: l.amountBefore, increase: l.increase, parts: JSON.stringify(l.parts),
    })));
    const item = await submitForApproval(tx, actor, pensionAdjustmentSignoff, {
      regionCode: input.region, subjectKey: `pension.adjustment:${input.region}:${input.year}`, amount: w.totalIncrease, comment: null,
      title: render(adjustmentSaid.title({ region: input.region, year: input.year, awards: w.lines.length, amount: formatYuan(w.totalIncrease) }), 'zh-CN'),
      payload: { runId: runId.toString(), region: input.region, year: input.year, effectivePeriod: w.effectivePeriod, awards: w.lines.length, totalIncrease: formatYuan(w.totalIncrease) },
    });
    await repository.setRunApproval(tx, runId, BigInt(item.id));
    await recordAudit(tx, actor, { action: 'pension.adjustment.submit', entityType: 'pension_adjustment_run', entityId: runId, regionCode: input.region,
      after: { year: input.year, awards: w.lines.length, totalBefore: formatYuan(w.totalBefore), totalIncrease: formatYuan(w.totalIncrease), increaseShare: w.share } });
    return { runId: runId.toString(), approvalItem: item, ...previewOf(input, w, 0) };
  });
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
