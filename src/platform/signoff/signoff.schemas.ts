/** Answers of the sign-off routes (signoff.routes.ts): an item with its levels and timeline. TypeBox only. */
import { Type } from '@sinclair/typebox';
import { DateOnly, IdText, Money, Nullable, Timestamp } from '../http/schemas.ts';
import { ListAnswer } from '../http/lists.schemas.ts';

/** The values of signoff.calc.ts's ItemStatus, RiskGrade and StepAction. */
const ItemStatus = Type.Union([Type.Literal('pending'), Type.Literal('returned'), Type.Literal('approved'), Type.Literal('cancelled')]);
const RiskGrade = Type.Union([Type.Literal('high'), Type.Literal('medium'), Type.Literal('low')]);
const StepAction = Type.Union([Type.Literal('submit'), Type.Literal('approve'), Type.Literal('return'), Type.Literal('resubmit'), Type.Literal('cancel')]);
const Level = { name: Type.String(), label: Type.String(), permission: Type.String() };

export const ApprovalLevel = Type.Object({ ...Level, index: Type.Integer(), signed: Type.Boolean() });
export const ApprovalStep = Type.Object({
  seq: Type.Integer(), action: StepAction, level: Nullable(Type.Integer()),
  levelLabel: Nullable(Type.String()), userId: Nullable(IdText), username: Type.String(), role: Type.String(), comment: Nullable(Type.String()), at: Timestamp,
});

export const ApprovalItem = Type.Object({
  id: IdText, kind: Type.String(), kindLabel: Type.String(), title: Type.String(), regionCode: Type.String(),
  amount: Nullable(Money), risk: RiskGrade, status: ItemStatus,
  levels: Type.Array(ApprovalLevel),
  nextLevel: Nullable(Type.Object({ index: Type.Integer(), ...Level })),
  submittedBy: Type.String(), submittedAt: Timestamp, deadlineOn: DateOnly, ageDays: Type.Integer(), overdue: Type.Boolean(),
  decidedAt: Nullable(Timestamp),
  payload: Type.Unknown({ description: 'what the kind submitted (its own shape)' }),
  result: Type.Unknown({ description: 'what the final approval\'s effect returned, or null' }),
  parameterRefs: Type.Unknown({ description: 'the parameters that set the levels' }),
  subjectLink: Nullable(Type.String()), canDecide: Type.Boolean(), canResubmit: Type.Boolean(), canCancel: Type.Boolean(),
  timeline: Type.Array(ApprovalStep),
});

/** The inbox, or the items of a status: a page with its count (exact for what the caller may decide now). */
export const ApprovalList = ListAnswer(ApprovalItem);
export const ApprovalCounts = Type.Object({ toDecide: Type.Integer(), returnedToMe: Type.Integer() });
