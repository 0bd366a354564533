/**
 * The sign-off state machine, pure: which levels an item needs, who may decide it now, and what a decision does.
 *
 *   submit ─► pending(level 0) ─approve─► pending(level 1) … ─approve(last)─► approved  (the effect commits here)
 *                 │  return (reason)                                │ return
 *                 ▼                                                 ▼
 *              returned ─resubmit─► pending(level 0, every level signs again)    returned ─cancel─► cancelled
 *
 * Separation of duties (社会保险基金财务制度 财社〔2017〕144号: 不相容岗位相互分离; R4.5: the same person never signs
 * two levels): by user id over every step of the item — the drafter never approves, one user signs one level.
 */
import type { Permission } from '../access/permissions.ts';
import type { Said } from '../messages.ts';
import { itemStatus, signoffMessages as said } from './signoff.messages.ts';

export interface SignoffLevel { name: string; label: string; permission: Permission }
export type RiskGrade = 'high' | 'medium' | 'low';
export type ItemStatus = 'pending' | 'returned' | 'approved' | 'cancelled';
export type StepAction = 'submit' | 'approve' | 'return' | 'resubmit' | 'cancel';
export type Decision = 'approve' | 'return';

export interface StepRecord { action: StepAction; level: number | null; userId: bigint | null; username: string }
export interface ItemState { status: ItemStatus; nextLevel: number; levels: SignoffLevel[]; submittedById: bigint | null; submittedBy: string; steps: StepRecord[] }
export interface Decider { userId: bigint | null; username: string; holds: (permission: Permission) => boolean }

/**
 * The levels an item of this amount needs: every declared level for a high-risk kind or from the kind's threshold
 * amount (more levels above an amount), the first level only below it. An item without an amount needs all.
 */
export function requiredLevels(declared: SignoffLevel[], risk: RiskGrade, amount: bigint | null, allLevelsFrom: bigint): SignoffLevel[] {
  if (declared.length === 0) throw new Error('a sign-off kind declares at least one level');
  if (risk === 'high' || amount === null || amount >= allLevelsFrom) return declared;
  return declared.slice(0, 1);
}

/** Steps since the last (re)submission: a returned item starts again, and earlier signatures no longer count. */
function currentRound(steps: StepRecord[]): StepRecord[] {
  let start = 0;
  steps.forEach((step, index) => { if (step.action === 'submit' || step.action === 'resubmit') start = index; });
  return steps.slice(start);
}

const sameUser = (a: { userId: bigint | null; username: string }, b: { userId: bigint | null; username: string }) =>
  a.userId !== null && b.userId !== null ? a.userId === b.userId : a.username === b.username;

/** Why this user may not decide the item now, or null when they may. */
export function decisionProblem(item: ItemState, decider: Decider): { status: 403 | 409; message: Said } | null {
  if (item.status !== 'pending') return { status: 409, message: said.notWaiting({ status: itemStatus(item.status) }) };
  const level = item.levels[item.nextLevel];
  if (!level) return { status: 409, message: said.noLevelLeft() };
  if (!decider.holds(level.permission)) return { status: 403, message: said.levelNeedsPermission({ label: level.label, name: level.name, permission: level.permission }) };
  if (sameUser(decider, { userId: item.submittedById, username: item.submittedBy })) {
    return { status: 403, message: said.drafterCannotDecide() };
  }
  // Over every step of the item: a drafter never signs, and a user who signed one level never signs another
  // (after a return, the same person may sign the same level again — once per round).
  const signed = (step: StepRecord) => step.action === 'approve' && sameUser(step, decider);
  if (item.steps.some((step) => (step.action === 'submit' || step.action === 'resubmit') && sameUser(step, decider))) {
    return { status: 403, message: said.drafterCannotDecide() };
  }
  if (item.steps.some((step) => signed(step) && step.level !== item.nextLevel) || currentRound(item.steps).some(signed)) {
    return { status: 403, message: said.alreadySigned() };
  }
  return null;
}

/** The state after a decision by someone allowed to make it (check decisionProblem first). */
export function afterDecision(item: ItemState, decision: Decision): { status: ItemStatus; nextLevel: number; final: boolean } {
  if (decision === 'return') return { status: 'returned', nextLevel: 0, final: false };
  const nextLevel = item.nextLevel + 1;
  const final = nextLevel === item.levels.length;
  return { status: final ? 'approved' : 'pending', nextLevel, final };
}

/** Only the drafter resubmits or cancels, and only a returned item (cancel also while pending, before anyone signed). */
export function drafterActionProblem(item: ItemState, user: { userId: bigint | null; username: string }, action: 'resubmit' | 'cancel'): Said | null {
  if (!sameUser(user, { userId: item.submittedById, username: item.submittedBy })) {
    return action === 'resubmit' ? said.onlyDrafterResubmits({ drafter: item.submittedBy }) : said.onlyDrafterCancels({ drafter: item.submittedBy });
  }
  if (action === 'resubmit' && item.status !== 'returned') return said.onlyReturnedResubmitted({ status: itemStatus(item.status) });
  if (action === 'cancel') {
    if (item.status === 'returned') return null;
    if (item.status !== 'pending') return said.itemIs({ status: itemStatus(item.status) });
    if (currentRound(item.steps).some((step) => step.action === 'approve')) return said.levelSignedAlready();
  }
  return null;
}
