/**
 * 工伤保险按月待遇 (issue 12): an approved work-injury claim with monthly amounts — 伤残津贴 (grades 1–4, 工伤保险条例
 * 第三十五条), 生活护理费 (第三十四条), 供养亲属抚恤金 (第三十九条) — is paid month by month from its start month by the
 * claims' monthly run (./claims.month.ts): each month's amounts from work-injury.calc.ts workInjuryMonth, one payment
 * order per part and month (source part `nursing_allowance:2026-03`), authorised by the claim's own sign-off (R4.5:
 * three levels, no second one), on the work injury fund's benefit subject 伤残待遇 (disability) or 工亡待遇
 * (work_related_death), funded from the 支出户 and the month's one 用款申请 per fund for a shortfall (claims.month.ts),
 * paid by the fund's bank file. Each
 * claim's month is written once (work_injury_month): a second run of the month orders nothing for it.
 * Stops: an operator stops a part or the whole claim from a month with a reason (audited; 第四十二条, a dependant no
 * longer qualifying under 第三十九条); the statutory retirement month stops 伤残津贴 (第三十五条: only the difference to
 * a lower basic pension is paid from then); a death on record stops every monthly amount of the injured worker from the
 * next month. Amounts use the parameters in force on the claim's event date, as approved, with 第四十条's periodic
 * adjustments dated after the event date and by the month (伤残津贴, 供养亲属抚恤金; the month's average wage for
 * 生活护理费; the month's minimum wage as 伤残津贴's floor, 第三十五条): each order the adjusted amount, the month's row
 * each part's adjustments (parameter and share).
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, type Actor, type Tx } from '../../../platform/actor.ts';
import { conflict, invalid, invalidFields, notFound } from '../../../platform/errors.ts';
import { fieldRules } from '../../../platform/fields.messages.ts';
import { formatYuan, parseYuan } from '../../../platform/money.ts';
import { render, type Said } from '../../../platform/messages.ts';
import { getParameters, todayInChina } from '../../../platform/params/index.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { isPeriod } from '../../ledger/index.ts';
import { queueAuthorisedPayment, type PooledTransfers } from '../payroll/payment-order.service.ts';
import type { TraceStep } from '../trace.ts';
import { workInjuryMonthRates, workInjuryParameters } from './claim-parameters.ts';
import { CLAIM_PAYMENT_SOURCE, claimPayment } from './claim-payment.ts';
import { claimItemNames, claimRules, claimSaid } from './claims.messages.ts';
import * as repository from './claims.repository.ts';
import { monthlyPartNames, partStops, workInjuryMonth, type AppliedAdjustment, type Dependant, type NursingDegree, type PartStop, type WorkInjuryInput } from './work-injury.calc.ts';

/** The claim's input as stored (claims.service workWorkInjury read it): the calculation's input again. */
export function storedWorkInjuryInput(input: unknown): WorkInjuryInput {
  const raw = input as { benefit?: 'disability' | 'death'; eventDate: string; ownWage: string; grade?: number | null; nursing?: NursingDegree | null; dependants?: Dependant[] };
  return {
    benefit: raw.benefit ?? 'disability', eventDate: raw.eventDate, ownWage: parseYuan(raw.ownWage), grade: raw.grade ?? null, nursing: raw.nursing ?? null,
    dependants: (raw.dependants ?? []).map((d) => ({ relation: d.relation, orphanOrLoneElderly: d.orphanOrLoneElderly === true, birthDate: d.birthDate ?? null, fullyDisabled: d.fullyDisabled === true })),
  };
}

/**
 * A claim's month from its row and the month's facts (pure once read): the parameters of the event date, the month's
 * average wage and the adjustments due (第三十四条、第四十条); `asApproved`: the event's wage and no adjustment.
 */
function monthOf(claim: { input: unknown; region_code: string; first_period: string }, facts: repository.WorkInjuryClaimFacts, period: string, asApproved = false) {
  const input = storedWorkInjuryInput(claim.input);
  const store = getParameters();
  const parameters = workInjuryParameters(store, input.eventDate, claim.region_code);
  const rates = asApproved ? { averageWage: parameters.averageWage, minimumWage: parameters.minimumWage, adjustments: [] } : workInjuryMonthRates(store, period, claim.region_code);
  const monthFacts = { startPeriod: claim.first_period, retirementPeriod: facts.retirement_period, deathPeriod: facts.death_period, pension: facts.pension, stops: facts.stops };
  return { input, parameters, monthFacts, month: workInjuryMonth(input, monthFacts, period, parameters, rates) };
}

const benefitTypeOf = (input: WorkInjuryInput) => (input.benefit === 'death' ? 'work_related_death' : 'disability');

/**
 * The run's work-injury part for a month: each claim owed the month, its amounts worked out, one order per part
 * (authorised by the claim's sign-off), the month written (also a month that pays nothing: every part stopped).
 * Returns the orders' references, the sum ordered, the claimants paid and the claims' months written.
 */
export async function orderWorkInjuryMonth(tx: Tx, worker: Actor, period: string, pooled: PooledTransfers) {
  const references: string[] = [];
  let total = 0n;
  let claimants = 0;
  let months = 0;
  for (const claim of await repository.workInjuryOwedInMonth(tx, period)) {
    const { input, month } = monthOf(claim, claim, period);
    for (const part of month.parts.filter((p) => p.amount > 0n)) {
      const order = await queueAuthorisedPayment(tx, worker, {
        ...claimPayment(claim, claim.fund_code), benefitType: benefitTypeOf(input), amount: part.amount,
        reason: `${period} ${render(claimItemNames[part.item](), 'zh-CN')}${part.dependant === null ? '' : `（供养亲属 ${part.dependant + 1}）`}`,
        source: { type: CLAIM_PAYMENT_SOURCE, id: claim.id, part: `${part.part}:${period}` },
      }, { itemId: claim.approval_item_id, pooled });
      references.push(order.reference);
    }
    await repository.insertWorkInjuryMonth(tx, {
      person_id: claim.person_id, claim_id: claim.id, period, region_code: claim.region_code, amount: month.total,
      parts: JSON.stringify(month.parts.map((p) => ({ part: p.part, item: p.item, amount: formatYuan(p.amount), adjustments: p.adjustments }))), recorded_by: worker.username,
    });
    months += 1;
    total += month.total;
    if (month.total > 0n) claimants += 1;
  }
  return { references, total, claimants, months };
}

/** An operator stops a monthly part (`disability_allowance`, `nursing_allowance`, `dependant_pension[i]`) or the whole claim (`all`) from a month. */
export async function stopWorkInjuryBenefit(database: DatabaseHandle, actor: Actor, claimId: bigint, body: { part: string; fromPeriod: string; reason: string }) {
  const problems: { field: string; message: Said }[] = [];
  if (typeof body.fromPeriod !== 'string' || !isPeriod(body.fromPeriod)) problems.push({ field: 'fromPeriod', message: claimRules.monthGot({ text: String(body.fromPeriod) }) });
  const reason = typeof body.reason === 'string' ? body.reason.trim() : '';
  if (reason.length < 2 || reason.length > 500) problems.push({ field: 'reason', message: claimRules.reasonLength() });
  if (problems.length) throw invalidFields(problems);
  return inScope(database, actor, async (tx) => {
    const claim = await repository.claimDetailById(tx, claimId);
    if (!claim) throw notFound(claimSaid.claimNotFound({ id: claimId.toString() }));
    if (claim.kind !== 'work_injury' || claim.status !== 'approved' || claim.first_period === null) {
      throw conflict('id', claimSaid.stopOnlyMonthlyWorkInjury({ kind: claim.kind, status: claim.status }));
    }
    const input = storedWorkInjuryInput(claim.input);
    const parts = monthlyPartNames(input, workInjuryParameters(getParameters(), input.eventDate, claim.region_code));
    if (body.part !== 'all' && !parts.includes(body.part)) throw invalid('part', fieldRules.oneOf({ values: ['all', ...parts].join(', ') }));
    if (body.fromPeriod < claim.first_period) throw invalid('fromPeriod', claimSaid.stopBeforeStart({ firstPeriod: claim.first_period }));
    const facts = await repository.workInjuryFactsOfClaim(tx, claim.person_id, claim.id, body.fromPeriod);
    if (facts.stops.some((s) => s.part === body.part)) throw conflict('part', claimSaid.partAlreadyStopped({ part: body.part }));
    const stoppedOn = todayInChina();
    if (body.part === 'all') {
      await repository.stopClaim(tx, claim.person_id, claim.id, { stop_period: body.fromPeriod, stop_reason: reason, stopped_on: stoppedOn, stopped_by: actor.username });
    } else {
      await repository.insertPartStop(tx, { person_id: claim.person_id, claim_id: claim.id, part: body.part, region_code: claim.region_code, stop_period: body.fromPeriod, reason, stopped_on: stoppedOn, stopped_by: actor.username });
    }
    await recordAudit(tx, actor, { action: 'benefits.claim.stop', entityType: 'benefit_claim', entityId: claim.id, regionCode: claim.region_code,
      after: { part: body.part, stopPeriod: body.fromPeriod, reason } });
    return workInjuryMonthly(tx, { ...claim, first_period: claim.first_period });
  });
}

export interface WorkInjuryMonthlyView {
  startPeriod: string;
  /**
   * Each monthly part with its amount as approved (the event date's parameters), its amount this month (or in the start
   * month, before it: adjusted by 第四十条, 生活护理费 at the month's average wage) with the adjustments it got, and its stop.
   */
  parts: { part: string; item: string; dependant: number | null; approvedAmount: string; amount: string; adjustments: AppliedAdjustment[]; stopPeriod: string | null; stopCause: PartStop['cause'] | null; stopReason: string | null }[];
  /** The month the amounts are shown for: the current month, or the start month while it has not come. */
  period: string;
  total: string;
  trace: TraceStep<string>[];
  monthsPaid: { period: string; amount: string; parts: Required<MonthPaidPart>[] }[];
}
/** A part of a month written (work_injury_month.parts). */
interface MonthPaidPart { part: string; item: string; amount: string; adjustments?: AppliedAdjustment[] }

/** A work-injury claim's monthly benefits for its page: the parts of this month with their stops, the trace, the months ordered. */
export async function workInjuryMonthly(tx: Tx, claim: { person_id: bigint; id: bigint; input: unknown; region_code: string; first_period: string }): Promise<WorkInjuryMonthlyView> {
  const thisMonth = todayInChina().slice(0, 7);
  const period = thisMonth < claim.first_period ? claim.first_period : thisMonth;
  const facts = await repository.workInjuryFactsOfClaim(tx, claim.person_id, claim.id, period);
  const { input, parameters, monthFacts, month } = monthOf(claim, facts, period);
  const stops = partStops(monthlyPartNames(input, parameters), input, monthFacts);
  // each part's amount as approved (the start month, nothing stopped) beside what the month pays
  const approved = monthOf(claim, { ...facts, stops: [], retirement_period: null, death_period: null }, claim.first_period, true).month.parts;
  const parts = approved.map((p) => {
    const stop = stops.find((s) => s.part === p.part) ?? null; // the earliest
    const now = month.parts.find((m) => m.part === p.part);
    return { part: p.part, item: p.item, dependant: p.dependant, approvedAmount: formatYuan(p.amount), amount: formatYuan(now?.amount ?? 0n), adjustments: now?.adjustments ?? [],
      stopPeriod: stop?.fromPeriod ?? null, stopCause: stop?.cause ?? null, stopReason: stop?.reason ?? null };
  });
  // a month written before the adjustments were applied has none on record
  const monthsPaid = (await repository.workInjuryMonthsOf(tx, claim.person_id, claim.id)).map((m) => ({ period: m.period, amount: formatYuan(m.amount),
    parts: (m.parts as MonthPaidPart[]).map((p) => ({ ...p, adjustments: p.adjustments ?? [] })) }));
  return { startPeriod: claim.first_period, period, parts, total: formatYuan(month.total), trace: month.trace, monthsPaid };
}
