/**
 * What the signed-in user may do: `/api/auth/me` lists the permissions the user holds (the server's matrix in
 * src/platform/access/permissions.ts), and the UI shows an action or a menu entry only when the user holds the
 * permission its API needs. The API checks every request again; hiding is for clarity, not for security.
 */
import { useMe } from './session.tsx';
import type { Me } from './types.ts';

/** The server's permission names (src/platform/access/permissions.ts; permissions.web.test.ts keeps the two lists equal). */
export type Permission =
  | 'user.manage' | 'region.manage' | 'agency.manage' | 'settings.read' | 'params.propose' | 'params.approve'
  | 'audit.read' | 'audit.verify' | 'auth.log.read'
  | 'registry.read' | 'registry.employer.create' | 'registry.person.create' | 'registry.employment.write'
  | 'registry.base.declare' | 'registry.base.confirm' | 'registry.base.correction.review' | 'registry.import' | 'registry.self_paying.register' | 'personal.full.read'
  | 'billing.read' | 'billing.run' | 'billing.reassess.request' | 'billing.reassess.review' | 'billing.reassess.approve'
  | 'payment.read' | 'payment.record' | 'payment.reverse.request' | 'payment.reverse.review' | 'payment.reverse.approve' | 'payment.refund.request' | 'payment.refund.review' | 'payment.refund.approve'
  | 'arrears.read' | 'dunning.issue' | 'dunning.relief.review' | 'dunning.relief.approve' | 'certificate.issue'
  | 'kpi.read' | 'accounts.read' | 'accounts.interest.run'
  | 'employment.request.submit' | 'employment.request.review' | 'portal.employer' | 'portal.person'
  | 'ledger.read' | 'ledger.entry.draft' | 'ledger.entry.approve' | 'ledger.bank.import' | 'ledger.bank.match' | 'ledger.bank.account.set'
  | 'ledger.sweep' | 'period.close' | 'period.reopen.request' | 'period.reopen.approve'
  | 'budget.read' | 'budget.draft' | 'budget.review' | 'budget.approve' | 'budget.scenario'
  | 'benefits.read' | 'pension.award.request' | 'pension.award.review' | 'pension.award.approve' | 'pension.award.status'
  | 'payroll.run' | 'payroll.review' | 'payroll.approve' | 'payroll.bank' | 'fund.transfer.request' | 'fund.transfer.approve'
  | 'pension.death.import' | 'pension.recovery.record' | 'pension.adjustment.request' | 'pension.adjustment.review' | 'pension.adjustment.approve'
  | 'benefit.payment.request' | 'benefit.payment.review' | 'benefit.payment.approve'
  | 'benefit.claim.request' | 'benefit.claim.review' | 'benefit.claim.approve' | 'benefit.claim.run'
  | 'medical.read'
  | 'medical.manage'
  | 'medical.settle'
  | 'medical.review'
  | 'medical.approve'
  | 'supervision.read' | 'supervision.import' | 'supervision.run' | 'supervision.case' | 'supervision.case.review' | 'supervision.case.approve' | 'supervision.evaluate'
  | 'execution.read' | 'alerts.manage' | 'report.publish' | 'execution.duty.manage' | 'notifications.manage'
  | 'approvals.read'
  | 'jobs.read' | 'jobs.retry';

/** Does the user hold the permission? */
export function can(me: Pick<Me, 'permissions'> | null | undefined, permission: Permission): boolean {
  return me?.permissions?.includes(permission) ?? false;
}

/** Does the user hold at least one of the permissions? */
export function canAny(me: Pick<Me, 'permissions'> | null | undefined, permissions: readonly Permission[]): boolean {
  return permissions.some((permission) => can(me, permission));
}

/** Employer and insured-person accounts see only their self-service portal (R10.1). */
export function isPortalUser(me: Pick<Me, 'permissions'>): boolean {
  return canAny(me, ['portal.employer', 'portal.person']);
}

/** `const can = useCan(); can('billing.run')` inside the signed-in app. */
export function useCan(): (permission: Permission) => boolean {
  const me = useMe();
  return (permission) => can(me, permission);
}
