/** API shapes of the budget adjustments (TypeBox: OpenAPI and the web's types). */
import { Type } from '@sinclair/typebox';
import { IdText, Money, Nullable, Timestamp, Yuan } from '../../../platform/http/schemas.ts';

const Side = Type.Union([Type.Literal('income'), Type.Literal('expense')]);
const VersionHead = Type.Object({ id: IdText, number: Nullable(Type.Integer()) });

/** A line of a request: the new amount or the change (增减额), and the reason. */
export const AdjustmentLineInput = Type.Object({
  fund: Type.String({ maxLength: 40, description: 'fund code, e.g. medical-990100' }),
  side: Type.String({ maxLength: 10, description: 'income or expense' }),
  subject: Type.String({ maxLength: 80, description: 'the line, e.g. premium_income or benefit_expense.inpatient' }),
  amount: Type.Optional(Nullable(Yuan)),
  change: Type.Optional(Nullable(Yuan)),
  reason: Type.String({ maxLength: 500 }),
}, { additionalProperties: false, description: 'either amount (the new amount) or change (the difference), not both' });

export const AdjustmentInput = Type.Object({
  explanation: Type.String({ maxLength: 2000, description: '调整说明: why the budget is adjusted' }),
  lines: Type.Array(AdjustmentLineInput, { maxItems: 200 }),
}, { additionalProperties: false });

export const BudgetAdjustment = Type.Object({
  id: IdText, region: Type.String(), year: Type.Integer(),
  status: Type.Union(['submitted', 'returned', 'cancelled', 'approved'].map((status) => Type.Literal(status)), { description: 'the sign-off of kind budget.adjustment: submitted → returned | cancelled | approved' }),
  statusLabel: Type.String(), explanation: Type.String(),
  version: VersionHead, resultVersion: Nullable(VersionHead),
  approvalItemId: IdText, nextLevel: Nullable(Type.String({ description: 'the level that decides next (复核, 审批) while under review' })),
  requestedBy: Type.String(), requestedAt: Timestamp, approvedBy: Nullable(Type.String()), approvedAt: Nullable(Timestamp),
  incomeChange: Money, expenseChange: Money,
  lines: Type.Array(Type.Object({
    fund: Type.String(), side: Side, subject: Type.String(), name: Type.String(),
    from: Nullable(Money), to: Money, change: Money, reason: Type.String(),
  })),
});

export const BudgetLineHistory = Type.Object({
  region: Type.String(), year: Type.Integer(), fund: Type.String(), side: Side, subject: Type.String(), name: Type.String(),
  entries: Type.Array(Type.Object({
    versionId: IdText, number: Type.Integer(), basis: Type.String(), approvedAt: Timestamp, approvedBy: Nullable(Type.String()),
    amount: Nullable(Money), change: Nullable(Money), reason: Nullable(Type.String()),
    adjustment: Nullable(Type.Object({ id: IdText, requestedBy: Type.String(), explanation: Type.String(), changed: Type.Boolean() })),
  }), { description: 'every approved version of the budget, oldest first' }),
});
