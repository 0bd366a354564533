/**
 * Shapes of the sign-off API (/api/approvals): the server's response schemas (src/platform/signoff/signoff.schemas.ts)
 * as types, imported as types only. Money is a yuan string.
 */
import type { Static } from '@sinclair/typebox';
import type * as Schemas from '../../../../src/platform/signoff/signoff.schemas.ts';

export type ApprovalLevel = Static<typeof Schemas.ApprovalLevel>;
export type ApprovalStep = Static<typeof Schemas.ApprovalStep>;
export type StepAction = ApprovalStep['action'];

/** The kinds the server registers (a new kind shows with its server label). */
export const approvalKinds = ['ledger.entry', 'ledger.period_reopen', 'employment.request', 'payment.reversal', 'payment.refund', 'billing.reassessment', 'dunning.instalment', 'dunning.late_fee_waiver', 'params.regional_value', 'pension.award', 'pension.payroll', 'fund.transfer'] as const;

/**
 * An item with its levels and timeline; `nextLevel`: the level that decides next (pending items only). The schema
 * leaves `payload` (what the kind submitted), `result` (what its effect returned) and `parameterRefs` open, each
 * kind's own shape: the pages read them as loose records, by kind.
 */
export type ApprovalItem = Omit<Static<typeof Schemas.ApprovalItem>, 'payload' | 'result' | 'parameterRefs'> & {
  payload: Record<string, any>; result: Record<string, any> | null; parameterRefs: Record<string, { since: string | null; reference: string | null }> | null;
};
export type ApprovalStatus = ApprovalItem['status'];
export type RiskGrade = ApprovalItem['risk'];

export type ApprovalPage = Omit<Static<typeof Schemas.ApprovalList>, 'items'> & { items: ApprovalItem[] };
export type ApprovalCounts = Static<typeof Schemas.ApprovalCounts>;
