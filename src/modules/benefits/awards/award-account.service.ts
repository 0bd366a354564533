/**
 * 养老金发放账户变更: the account a pension is paid into (社会保障卡金融账户) changes through a request with its reason,
 * signed off by 复核 and 审批 (kind `pension.award_account`, high risk: changing where a benefit goes is how one is
 * diverted — seed 004 篇7; the engine keeps the requester from signing). The final approval moves the award's account,
 * so the next bank file pays the award there, a returned month included (payroll lines read the award's account when
 * the file is written). The database lets the award's account move only to the account of an approved request
 * (migrations/0077). A request made on an account that has changed since is refused at the approval.
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, widenToPooledFunds, type Actor, type Tx } from '../../../platform/actor.ts';
import { conflict, invalidFields } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { render, type Said } from '../../../platform/messages.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { registerSignoffKind, submitForApproval } from '../../../platform/signoff/index.ts';
import { AWARDS_ACROSS_POOLS } from './awards.service.ts';
import { lockAwardOrRefuse } from './award-status.service.ts';
import { awardAccountSaid as said } from './awards.messages.ts';
import type { AccountChangeStatus } from './awards.tables.ts';
import * as repository from './awards.repository.ts';

export interface AccountChangeRequest { bankAccount: string; reason: string }

interface AccountChangePayload { changeId: string; awardId: string; idNumber: string; name: string; from: string; to: string }

export interface AccountChangeView {
  id: string; awardId: string; from: string; to: string; reason: string; status: AccountChangeStatus;
  approvalItemId: string; requestedBy: string; requestedAt: string; approvedBy: string | null; approvedAt: string | null;
}

export const awardAccountSignoff = registerSignoffKind<AccountChangePayload>({
  kind: 'pension.award_account',
  label: '养老金发放账户变更',
  parameters: 'signoff.pension_award_account',
  requestPermission: 'pension.award.status',
  levels: [
    { name: 'review', label: '复核', permission: 'pension.award.review' },
    { name: 'approve', label: '审批', permission: 'pension.award.approve' },
  ],
  decisionActor: (approver) => widenToPooledFunds(approver, AWARDS_ACROSS_POOLS),
  effect: async (tx, approver, item) => ({ ...(await applyAccountChange(tx, approver, item.payload)) }),
  onStep: async (tx, actor, item, action) => changeFollowsItem(tx, actor, item.payload, item.regionCode, action),
  subjectLink: (payload) => `/benefits/pension/awards/${payload.awardId}`,
});

function checkRequest(input: AccountChangeRequest): AccountChangeRequest {
  const problems: { field: string; message: Said }[] = [];
  const bankAccount = typeof input.bankAccount === 'string' ? input.bankAccount.trim() : '';
  if (!/^[0-9]{8,40}$/.test(bankAccount)) problems.push({ field: 'bankAccount', message: said.accountShape() });
  const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
  if (reason.length < 2 || reason.length > 500) problems.push({ field: 'reason', message: said.reasonLength() });
  if (problems.length) throw invalidFields(problems);
  return { bankAccount, reason };
}

/** Submits the change of an award's account to 复核 and 审批 (one open request per award: the engine). */
export async function requestAccountChange(database: DatabaseHandle, actor: Actor, awardId: bigint, input: AccountChangeRequest): Promise<AccountChangeView> {
  const request = checkRequest(input);
  return inScope(database, actor, async (tx) => {
    const award = await lockAwardOrRefuse(tx, awardId);
    if (award.status === 'stopped') throw conflict('awardId', said.stopped());
    if (award.bank_account === request.bankAccount) throw invalidFields([{ field: 'bankAccount', message: said.unchanged({ account: award.bank_account }) }]);
    const id = newId();
    const payload: AccountChangePayload = { changeId: String(id), awardId: String(awardId), idNumber: award.id_number, name: award.name, from: award.bank_account, to: request.bankAccount };
    const item = await submitForApproval(tx, actor, awardAccountSignoff, {
      regionCode: award.region_code, subjectKey: `pension.award_account:${awardId}`, amount: null, payload, comment: request.reason,
      title: render(said.title({ name: award.name, from: award.bank_account, to: request.bankAccount }), 'zh-CN'),
    });
    await repository.insertAccountChange(tx, {
      id, person_id: award.person_id, award_id: awardId, region_code: award.region_code, from_account: award.bank_account, to_account: request.bankAccount,
      reason: request.reason, approval_item_id: BigInt(item.id), requested_by: actor.username,
    });
    await recordAudit(tx, actor, { action: 'pension.award.account_request', entityType: 'pension_award', entityId: awardId, regionCode: award.region_code,
      after: { change: String(id), from: award.bank_account, to: request.bankAccount, reason: request.reason, approvalItem: item.id } });
    return (await accountChangesOf(tx, award.person_id, awardId)).find((change) => change.id === String(id))!;
  });
}

/** The final approval: the award's account moves to the one asked for, unless it changed since the request. */
async function applyAccountChange(tx: Tx, approver: Actor, payload: AccountChangePayload) {
  const award = await lockAwardOrRefuse(tx, BigInt(payload.awardId));
  if (award.status === 'stopped') throw conflict('awardId', said.stopped());
  if (award.bank_account !== payload.from) throw conflict('bankAccount', said.changedMeanwhile({ from: payload.from, current: award.bank_account }));
  const approvedAt = new Date();
  await repository.setAccountChangeStatus(tx, BigInt(payload.changeId), { status: 'approved', approved_by: approver.username, approved_at: approvedAt });
  await repository.setAwardAccount(tx, { personId: award.person_id, awardId: award.id }, payload.to);
  await recordAudit(tx, approver, { action: 'pension.award.account_change', entityType: 'pension_award', entityId: award.id, regionCode: award.region_code,
    before: { bankAccount: payload.from }, after: { bankAccount: payload.to, change: payload.changeId } });
  return { awardId: payload.awardId, bankAccount: payload.to };
}

/** The request follows its sign-off item: returned to the requester, resubmitted, withdrawn. */
async function changeFollowsItem(tx: Tx, actor: Actor, payload: AccountChangePayload, regionCode: string, action: 'return' | 'resubmit' | 'cancel') {
  const status: AccountChangeStatus = action === 'return' ? 'returned' : action === 'cancel' ? 'cancelled' : 'submitted';
  await repository.setAccountChangeStatus(tx, BigInt(payload.changeId), { status });
  await recordAudit(tx, actor, { action: `pension.award.account_${action}`, entityType: 'pension_award', entityId: BigInt(payload.awardId), regionCode, after: { change: payload.changeId, status } });
}

/** An award's account change requests, newest first. */
export async function accountChangesOf(tx: Tx, personId: bigint, awardId: bigint): Promise<AccountChangeView[]> {
  return (await repository.accountChangesOfAward(tx, personId, awardId)).map((row) => ({
    id: String(row.id), awardId: String(row.award_id), from: row.from_account, to: row.to_account, reason: row.reason, status: row.status,
    approvalItemId: String(row.approval_item_id), requestedBy: row.requested_by, requestedAt: row.requested_at.toISOString(),
    approvedBy: row.approved_by, approvedAt: row.approved_at?.toISOString() ?? null,
  }));
}
