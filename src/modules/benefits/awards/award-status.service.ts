/**
 * 恢复发放 and 终止发放: an operator resumes a suspended award or stops one, from a month, with a reason. Each action
 * goes through sign-off (kind `pension.award_status`: 复核, 审批) or is done at once by the operator, as the dated
 * parameter `benefits.award_status.<action>` says (signoff | direct: the province decides which is risky). Either way
 * the award's status moves, a dated award event records it (resumed or stopped, its month, the reason, who) and the
 * audit trail keeps it.
 *  - Resume: only a suspended award, never after a recorded death; paid again from its month (at the latest next
 *    month; months it was suspended are not paid back here).
 *  - Stop: an active or suspended award, from a month not before its first; its cause (death without a registry
 *    record, moved away, other). The months already paid from that month on become an overpayment to recover
 *    (待遇追回, cause `stopped`, 社会保险经办条例 第四十六条), as a death's do.
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, widenToPooledFunds, type Actor, type Tx } from '../../../platform/actor.ts';
import { conflict, invalid, invalidFields, notFound } from '../../../platform/errors.ts';
import { fieldRules } from '../../../platform/fields.messages.ts';
import { newId } from '../../../platform/ids.ts';
import { render, type Said } from '../../../platform/messages.ts';
import { formatYuan } from '../../../platform/money.ts';
import { getParameters, todayInChina } from '../../../platform/params/index.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { registerSignoffKind, submitForApproval } from '../../../platform/signoff/index.ts';
import { addMonths, isPeriod } from '../../ledger/index.ts';
import { overpaidFrom } from '../deaths/deaths.calc.ts';
import { insertOverpayment, paidMonthsOf } from '../deaths/deaths.repository.ts';
import { AWARDS_ACROSS_POOLS, statusSaid } from './awards.service.ts';
import { awardStatusSaid } from './awards.messages.ts';
import * as repository from './awards.repository.ts';
import type { AwardStatus } from './awards.tables.ts';
import { stopCauses } from '../payroll/payroll.statuses.ts';

export const awardStatusActions = ['resume', 'stop'] as const;
export type AwardStatusAction = (typeof awardStatusActions)[number];
export type StopCause = (typeof stopCauses)[number];

export interface AwardStatusRequest { action: AwardStatusAction; effectivePeriod: string; reason: string; cause?: StopCause }

export interface AwardStatusChange {
  awardId: string; action: AwardStatusAction; effectivePeriod: string; status: AwardStatus;
  /** The sign-off item when the action goes through sign-off (the status moves on its final approval); null when done at once. */
  approvalItemId: string | null;
  /** A stop's overpayment for months paid from its month on, null without one. */
  overpayment: { id: string; periods: string[]; amount: string } | null;
}

interface AwardStatusPayload extends AwardStatusRequest { awardId: string; idNumber: string; name: string }

export const awardStatusSignoff = registerSignoffKind<AwardStatusPayload>({
  kind: 'pension.award_status',
  label: '养老金待遇状态变更',
  parameters: 'signoff.pension_award_status',
  requestPermission: 'pension.award.status',
  levels: [
    { name: 'review', label: '复核', permission: 'pension.award.review' },
    { name: 'approve', label: '审批', permission: 'pension.award.approve' },
  ],
  decisionActor: (approver) => widenToPooledFunds(approver, AWARDS_ACROSS_POOLS),
  effect: async (tx, approver, item) => ({ ...(await applyStatusChange(tx, approver, item.payload, item.id)) }),
  subjectLink: (payload) => `/benefits/pension/awards?idNumber=${payload.idNumber}`,
});

const causeSaid = (cause: StopCause | undefined): Said =>
  cause === 'death' ? awardStatusSaid.causeDeath() : cause === 'moved_away' ? awardStatusSaid.causeMovedAway() : awardStatusSaid.causeOther();

function checkRequest(input: AwardStatusRequest): AwardStatusRequest {
  const problems: { field: string; message: Said }[] = [];
  if (!awardStatusActions.includes(input.action)) problems.push({ field: 'action', message: fieldRules.oneOf({ values: awardStatusActions.join(', ') }) });
  if (!isPeriod(input.effectivePeriod ?? '')) problems.push({ field: 'effectivePeriod', message: fieldRules.required() });
  const reason = input.reason?.trim() ?? '';
  if (reason.length < 2 || reason.length > 500) problems.push({ field: 'reason', message: awardStatusSaid.reasonLength() });
  if (input.action === 'stop' && !stopCauses.includes(input.cause as StopCause)) problems.push({ field: 'stopCause', message: fieldRules.oneOf({ values: stopCauses.join(', ') }) });
  if (problems.length) throw invalidFields(problems);
  return { action: input.action, effectivePeriod: input.effectivePeriod, reason, ...(input.action === 'stop' ? { cause: input.cause } : {}) };
}

/** Refuses a change the award's state does not allow (checked when asked and again when approved). */
function refuseChange(award: repository.AwardToChange, request: AwardStatusRequest) {
  if (request.effectivePeriod < award.first_period) {
    throw invalid('effectivePeriod', awardStatusSaid.beforeFirstPeriod({ period: request.effectivePeriod, first: award.first_period }));
  }
  if (request.action === 'resume') {
    if (award.status !== 'suspended') throw conflict('awardId', awardStatusSaid.notSuspended({ status: statusSaid(award.status) }));
    if (award.dead) throw conflict('awardId', awardStatusSaid.deathRecorded());
    const latest = addMonths(todayInChina().slice(0, 7), 1);
    if (request.effectivePeriod > latest) throw invalid('effectivePeriod', awardStatusSaid.resumeTooLate({ latest }));
  } else if (award.status === 'stopped') {
    throw conflict('awardId', awardStatusSaid.alreadyStopped());
  }
}

/** The award locked for a change (status or account), or a 404 naming it. */
export async function lockAwardOrRefuse(tx: Tx, awardId: bigint) {
  const award = await repository.lockAward(tx, awardId);
  if (!award) throw notFound(awardStatusSaid.awardUnknown({ id: String(awardId) }));
  return award;
}

/** Resumes or stops an award: at once, or submitted to sign-off when the action's parameter says so. */
export async function changeAwardStatus(database: DatabaseHandle, actor: Actor, awardId: bigint, input: AwardStatusRequest): Promise<AwardStatusChange> {
  const request = checkRequest(input);
  return inScope(database, actor, async (tx) => {
    const award = await lockAwardOrRefuse(tx, awardId);
    refuseChange(award, request);
    const mode = getParameters().text(`benefits.award_status.${request.action}`, todayInChina(), award.region_code);
    const payload: AwardStatusPayload = { ...request, awardId: String(awardId), idNumber: award.id_number, name: award.name };
    if (mode === 'direct') return applyStatusChange(tx, actor, payload, null);
    const title = request.action === 'resume'
      ? awardStatusSaid.resumeTitle({ name: award.name, period: request.effectivePeriod })
      : awardStatusSaid.stopTitle({ name: award.name, period: request.effectivePeriod, cause: causeSaid(request.cause) });
    const item = await submitForApproval(tx, actor, awardStatusSignoff, {
      regionCode: award.region_code, subjectKey: `pension.award_status:${awardId}`, amount: null, payload, comment: request.reason, title: render(title, 'zh-CN'),
    });
    return { awardId: String(awardId), action: request.action, effectivePeriod: request.effectivePeriod, status: award.status, approvalItemId: item.id, overpayment: null };
  });
}

/** The change itself: the status, the dated event, a stop's overpayment for months paid from its month, the audit. */
async function applyStatusChange(tx: Tx, actor: Actor, payload: AwardStatusPayload, itemId: bigint | null): Promise<AwardStatusChange> {
  const awardId = BigInt(payload.awardId);
  const award = await lockAwardOrRefuse(tx, awardId);
  refuseChange(award, payload);
  const today = todayInChina();
  const stop = payload.action === 'stop';
  const reason = render(stop
    ? awardStatusSaid.stoppedReason({ period: payload.effectivePeriod, cause: causeSaid(payload.cause), reason: payload.reason })
    : awardStatusSaid.resumedReason({ period: payload.effectivePeriod, reason: payload.reason }), 'zh-CN');
  const status: AwardStatus = stop ? 'stopped' : 'active';
  const keys = { personId: award.person_id, awardId };
  await repository.setAwardStatus(tx, keys, status, reason, today);
  const eventId = newId();
  await repository.insertAwardEvent(tx, {
    person_id: award.person_id, id: eventId, award_id: awardId, region_code: award.region_code, event: stop ? 'stopped' : 'resumed',
    effective_period: payload.effectivePeriod, happened_on: today, reason, source_type: itemId === null ? 'operator' : 'approval_item', source_id: itemId, recorded_by: actor.username,
  });
  let overpayment: AwardStatusChange['overpayment'] = null;
  if (stop) {
    const overpaid = overpaidFrom(payload.effectivePeriod, await paidMonthsOf(tx, award.person_id, awardId));
    if (overpaid.amount > 0n) {
      const id = newId();
      await insertOverpayment(tx, {
        person_id: award.person_id, id, region_code: award.region_code, award_id: awardId, cause: 'stopped', death_record_id: null, award_event_id: eventId,
        periods: overpaid.periods, amount: overpaid.amount,
      });
      overpayment = { id: String(id), periods: overpaid.periods, amount: formatYuan(overpaid.amount) };
    }
  }
  const result: AwardStatusChange = { awardId: payload.awardId, action: payload.action, effectivePeriod: payload.effectivePeriod, status, approvalItemId: itemId?.toString() ?? null, overpayment };
  await recordAudit(tx, actor, {
    action: stop ? 'pension.award.stop' : 'pension.award.resume', entityType: 'pension_award', entityId: awardId, regionCode: award.region_code,
    before: { status: award.status }, after: { ...result, reason, ...(stop ? { cause: payload.cause } : {}) },
  });
  return result;
}
