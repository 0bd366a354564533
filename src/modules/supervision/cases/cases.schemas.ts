/** API shapes of the supervision cases (TypeBox: OpenAPI and the web's types). */
import { Type } from '@sinclair/typebox';
import { DateText, IdText, Money, Month, Nullable, Timestamp, Yuan } from '../../../platform/http/schemas.ts';
import { ListAnswer, listQuery } from '../../../platform/http/lists.schemas.ts';
import { caseStatuses, subjectKinds, violations } from './cases.statuses.ts';

const literals = <T extends readonly string[]>(values: T) => Type.Union(values.map((value) => Type.Literal(value)));
export const CaseStatusValue = literals(caseStatuses);
const ViolationValue = literals(violations);
const SubjectKindValue = literals(subjectKinds);

export const CaseSummary = Type.Object({
  id: IdText, number: Type.String({ description: '稽核立案号 JCyyyy-nnnn' }), regionCode: Type.String(), subjectKind: SubjectKindValue,
  subject: Type.String({ description: 'ID number (masked without personal.full.read), credit code or institution code' }),
  kind: Type.String({ description: 'the detection rule, or other' }), amountInvolved: Money, status: CaseStatusValue, statusLabel: Type.String(),
  violation: Nullable(ViolationValue), toRecover: Money, recovered: Money, outstanding: Money, openedBy: Type.String(), openedAt: Timestamp, assignedTo: Type.String({ description: "承办人" }),
});
export const CaseList = ListAnswer(CaseSummary);

export const CaseDetail = Type.Object({
  id: IdText, number: Type.String(), regionCode: Type.String(), subjectKind: SubjectKindValue, subject: Type.String(), kind: Type.String(), kindTitle: Nullable(Type.String()),
  amountInvolved: Money, reason: Type.String(), status: CaseStatusValue, statusLabel: Type.String(),
  openingItemId: IdText, conclusionItemId: Nullable(IdText),
  conclusion: Nullable(Type.Object({
    violation: ViolationValue, violationLabel: Type.String(), legalBasis: Type.String(), note: Nullable(Type.String()), concludedAt: Nullable(Timestamp),
    penalty: Nullable(Type.Object({
      provision: Type.String({ description: 'a key of the parameter supervision.penalty_multiples' }), provisionLabel: Type.String(),
      multiple: Type.String({ description: 'decimal, within the provision\'s range' }), amount: Money,
    }, { description: '罚款 decided with the conclusion: paid to the treasury, not to the fund' })),
  })),
  toRecover: Money, recovered: Money, outstanding: Money,
  funds: Type.Array(Type.Object({
    fund: Type.String(), amount: Money, recovered: Money, outstanding: Money,
    offsetting: Type.String({ description: 'yuan: handed to the payroll to keep back from the person\'s pension (抵扣待遇) and not kept back yet' }),
  })),
  offsets: Type.Array(Type.Object({
    overpaymentId: IdText, fund: Type.String(), awardId: IdText, amount: Money, recovered: Money, outstanding: Money, status: literals(['open', 'recovered'] as const), openedAt: Timestamp,
  }), { description: '抵扣待遇: the amounts handed to the payroll, with what the months kept back so far' }),
  findings: Type.Array(Type.Object({
    id: IdText, rule: Type.String(), title: Type.String(), subject: Type.String(), period: Month, amount: Money, evidence: Type.Unknown(), legalBasis: Type.String(),
  })),
  recoveries: Type.Array(Type.Object({
    id: IdText, fund: Type.String(), amount: Money, recoveredOn: Type.String({ description: 'YYYY-MM-DD' }), bankReference: Type.String(), entryId: IdText,
    recordedBy: Type.String(), recordedAt: Timestamp,
  })),
  steps: Type.Array(Type.Object({
    step: Type.String({ description: 'opened, opening_approved, assigned, conclusion_submitted, concluded, conclusion_cancelled, recovered, offset_opened, closed, withdrawn' }),
    username: Type.String(), note: Nullable(Type.String()), approvalItemId: Nullable(IdText),
    assignee: Nullable(Type.String({ description: 'assigned: the inspector the case was given to (the reason in note)' })), at: Timestamp,
  })),
  openedBy: Type.String(), openedAt: Timestamp,
  assignedTo: Type.String({ description: '承办人: the inspector who concludes, records recoveries and offsets and closes it' }),
  closedBy: Nullable(Type.String()), closedAt: Nullable(Timestamp),
  canClose: Type.Boolean({ description: 'concluded and nothing outstanding' }),
});

export const CasesQuery = Type.Object({
  ...listQuery(), status: Type.Optional(CaseStatusValue),
  assignedTo: Type.Optional(Type.String({ maxLength: 60, description: 'the cases assigned to this inspector (me: the caller\'s)' })),
}, { additionalProperties: false });

export const AssignBody = Type.Object({
  assignee: Type.String({ maxLength: 60, description: 'the username of an active inspector (supervision.case) of the case\'s region or above it' }),
  reason: Type.String({ maxLength: 500, description: '改派理由' }),
}, { additionalProperties: false });

export const CaseAssignees = Type.Object({
  items: Type.Array(Type.Object({ username: Type.String(), name: Type.String(), region: Type.String() }), { description: 'who the case may be assigned to, the nearest region first' }),
});

export const OpenCaseBody = Type.Object({
  findingIds: Type.Optional(Type.Array(Type.String({ maxLength: 19 }), { maxItems: 200, description: 'the findings the case is opened from (one subject)' })),
  subjectKind: Type.Optional(Type.String({ maxLength: 20, description: 'by hand: person, employer or institution' })),
  subject: Type.Optional(Type.String({ maxLength: 40, description: 'by hand: ID number, credit code or institution code' })),
  kind: Type.Optional(Type.String({ maxLength: 60, description: 'a detection rule or other (from findings: their rule by default)' })),
  amountInvolved: Type.Optional(Yuan),
  region: Type.Optional(Type.String({ maxLength: 6, description: 'by hand: the region of the case (default the user\'s own)' })),
  reason: Type.String({ maxLength: 500, description: '立案理由' }),
}, { additionalProperties: false });

export const ConcludeBody = Type.Object({
  violation: Type.String({ maxLength: 20, description: 'established (违规成立) or not_established (不成立)' }),
  amounts: Type.Optional(Type.Array(Type.Object({ fund: Type.String({ maxLength: 40 }), amount: Yuan }, { additionalProperties: false }), { maxItems: 20 })),
  legalBasis: Type.String({ maxLength: 200 }),
  note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  penaltyProvision: Type.Optional(Nullable(Type.String({ maxLength: 60, description: '罚款依据: a key of supervision.penalty_multiples (GET /api/supervision/penalty-provisions)' }))),
  penaltyMultiple: Type.Optional(Nullable(Type.String({ maxLength: 12, description: '罚款倍数: a decimal within the provision\'s range, of the amount to recover' }))),
}, { additionalProperties: false });

export const PenaltyProvisions = Type.Object({
  parameter: Type.String({ description: 'the parameter version the ranges come from (path@since[/region])' }),
  provisions: Type.Array(Type.Object({ provision: Type.String(), label: Type.String(), min: Type.String(), max: Type.String() })),
});

export const RecoveryBody = Type.Object({
  fund: Type.String({ maxLength: 40 }), amount: Yuan, recoveredOn: DateText, bankReference: Type.String({ maxLength: 60 }),
}, { additionalProperties: false });

export const CloseBody = Type.Object({ note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))) }, { additionalProperties: false });

export const OffsetBody = Type.Object({ fund: Type.String({ maxLength: 40 }), amount: Yuan }, { additionalProperties: false });
