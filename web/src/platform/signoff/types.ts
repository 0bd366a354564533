/** Shapes of the sign-off API (/api/approvals; src/platform/signoff/signoff.service.ts itemView). Money is a yuan string. */

export type ApprovalStatus = 'pending' | 'returned' | 'approved' | 'cancelled';
export type RiskGrade = 'high' | 'medium' | 'low';
export type StepAction = 'submit' | 'approve' | 'return' | 'resubmit' | 'cancel';
export type Decision = 'approve' | 'return';

/** The kinds the server registers (a new kind shows with its server label). */
export const approvalKinds = ['ledger.entry', 'ledger.period_reopen', 'employment.request', 'payment.reversal', 'billing.reassessment'] as const;

export interface ApprovalLevel { name: string; label: string; permission: string; index: number; signed: boolean }

export interface ApprovalStep {
  seq: number; action: StepAction; level: number | null; levelLabel: string | null;
  userId: string | null; username: string; role: string; comment: string | null; at: string;
}

export interface ApprovalItem {
  id: string; kind: string; kindLabel: string; title: string; regionCode: string;
  amount: string | null; risk: RiskGrade; status: ApprovalStatus;
  levels: ApprovalLevel[];
  /** the level that decides next (pending items only) */
  nextLevel: (Omit<ApprovalLevel, 'signed'>) | null;
  submittedBy: string; submittedAt: string; deadlineOn: string; ageDays: number; overdue: boolean; decidedAt: string | null;
  payload: Record<string, any>; result: Record<string, any> | null; parameterRefs: Record<string, { since: string | null; reference: string | null }> | null;
  subjectLink: string | null;
  canDecide: boolean; canResubmit: boolean; canCancel: boolean;
  timeline: ApprovalStep[];
}

export interface ApprovalPage { items: ApprovalItem[]; total?: number }
export interface ApprovalCounts { toDecide: number; returnedToMe: number }
