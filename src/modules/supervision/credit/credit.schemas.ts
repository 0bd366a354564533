/** API shapes of the credit grades and the blacklist (TypeBox: OpenAPI and the web's types). */
import { Type } from '@sinclair/typebox';
import { DateOnly, DateText, IdText, Money, Nullable, Timestamp } from '../../../platform/http/schemas.ts';
import { ListAnswer } from '../../../platform/http/lists.schemas.ts';
import { subjectKinds } from '../cases/cases.statuses.ts';
import { listingStatuses } from './credit.statuses.ts';

const literals = <T extends readonly string[]>(values: T) => Type.Union(values.map((value) => Type.Literal(value)));
const SubjectKindValue = literals(subjectKinds);
const paging = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  after: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]+$', maxLength: 400, description: 'the `nextCursor` of the page before' })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
};

const Facts = Type.Object({
  concludedCases: Type.Integer({ description: 'cases concluded 违规成立 within the look-back years' }), concludedAmount: Money, openFindings: Type.Integer(),
  outstanding: Money, listed: Type.Boolean(),
});
const Reason = Type.Object({
  threshold: Type.String({ description: 'concluded_cases, concluded_amount_yuan, open_findings, outstanding_yuan, or listed' }),
  value: Type.Optional(Type.String({ description: 'the subject\'s figure (fen for amounts)' })), bar: Type.Optional(Type.String({ description: 'the grade\'s threshold (fen for amounts)' })),
});
const GradeCount = Type.Object({ subjectKind: SubjectKindValue, grade: Type.String(), gradeLabel: Type.String(), subjects: Type.Integer() });

export const CreditGrade = Type.Object({
  subjectKind: SubjectKindValue, subject: Type.String({ description: 'credit code, institution code or ID number (masked without personal.full.read)' }),
  regionCode: Type.String(), grade: Type.String(), gradeLabel: Type.String(), facts: Facts, reasons: Type.Array(Reason), gradedOn: DateOnly,
});
export const CreditList = Type.Object({ ...ListAnswer(CreditGrade).properties, counts: Type.Array(GradeCount, { description: 'subjects per kind and grade in scope' }) });

export const InspectionPlanItem = Type.Object({
  subjectKind: SubjectKindValue, subject: Type.String({ description: 'credit code, institution code or ID number (masked without personal.full.read)' }),
  regionCode: Type.String(), grade: Type.String(), gradeLabel: Type.String(),
  intervalMonths: Type.Integer({ description: 'the grade\'s interval (supervision.credit.inspection_interval_months)' }),
  lastInspected: Nullable(DateOnly), dueOn: DateOnly, overdue: Type.Boolean({ description: 'due on or before today' }),
});
export const InspectionPlan = Type.Object({
  ...ListAnswer(InspectionPlanItem).properties, asOf: DateOnly, parameter: Type.String({ description: 'the intervals\' parameter version (path@since[/region])' }),
});
export const InspectionPlanQuery = Type.Object({
  ...paging,
  subjectType: Type.Optional(SubjectKindValue),
  due: Type.Optional(Type.Boolean({ description: 'only the subjects due by today' })),
}, { additionalProperties: false });

export const CreditQuery = Type.Object({
  ...paging,
  subjectType: Type.Optional(SubjectKindValue),
  grade: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9]{1,10}$', maxLength: 10, description: 'a grade of supervision.credit.grades' })),
}, { additionalProperties: false });

export const GradingRun = Type.Object({
  runId: IdText, asOf: DateOnly, subjects: Type.Integer({ description: 'subjects graded' }), changed: Type.Integer({ description: 'subjects whose grade changed (a history row each)' }),
  counts: Type.Array(GradeCount),
});

const ListingStatusValue = Type.Union([...listingStatuses.map((status) => Type.Literal(status)), Type.Literal('expired')]);

export const Listing = Type.Object({
  id: IdText, subjectKind: SubjectKindValue, subject: Type.String(), regionCode: Type.String(), reason: Type.String(), notifiedOn: DateOnly,
  status: ListingStatusValue, statusLabel: Type.String(), inForce: Type.Boolean({ description: 'on the list today' }),
  listingItemId: IdText, listedOn: Nullable(DateOnly), listedUntil: Nullable(Type.String({ description: 'YYYY-MM-DD: off the list from this day' })),
  removalItemId: Nullable(IdText), removalReason: Nullable(Type.String()), removedOn: Nullable(DateOnly), proposedBy: Type.String(), proposedAt: Timestamp,
});
export const ListingList = ListAnswer(Listing);
export const ListingDetail = Type.Object({
  ...Listing.properties,
  steps: Type.Array(Type.Object({
    step: Type.String({ description: 'proposed, listed, cancelled, removal_proposed, removal_cancelled, removed' }), username: Type.String(), note: Nullable(Type.String()),
    approvalItemId: Nullable(IdText), at: Timestamp,
  })),
});

export const SubjectCredit = Type.Object({
  subjectKind: SubjectKindValue, subject: Type.String(), grade: Type.String(), gradeLabel: Type.String(),
  graded: Type.Boolean({ description: 'false: never graded, the best grade by default' }), facts: Nullable(Facts), reasons: Type.Array(Reason), gradedOn: Nullable(DateOnly),
  listed: Type.Boolean(), listedUntil: Nullable(DateOnly),
  blacklistGrounds: Type.Array(Type.String({ description: 'repeat_cases or large_case: the blacklist rule is met' })),
  establishedCases: Type.Integer({ description: 'cases concluded 违规成立 within the blacklist rule\'s years' }), largestCase: Money,
  history: Type.Array(Type.Object({
    grade: Type.String(), gradeLabel: Type.String(), previousGrade: Nullable(Type.String()), facts: Facts, reasons: Type.Array(Reason), runId: IdText, gradedOn: DateOnly,
  })),
  listings: Type.Array(Listing),
});

export const SubjectParams = Type.Object({ type: SubjectKindValue, code: Type.String({ pattern: '^[0-9A-Za-z]{1,40}$', maxLength: 40 }) });

export const BlacklistQuery = Type.Object({
  ...paging,
  show: Type.Optional(Type.Union([Type.Literal('in_force'), Type.Literal('proposed'), Type.Literal('all')], { description: 'in_force (default), proposed, or all with their history' })),
}, { additionalProperties: false });

export const ProposeBody = Type.Object({
  subjectType: Type.Optional(Type.String({ maxLength: 20, description: 'person, employer or institution (needed only when the code names several)' })),
  subject: Type.String({ maxLength: 40 }),
  reason: Type.String({ maxLength: 500, description: '列入理由' }),
  notifiedOn: DateText,
}, { additionalProperties: false });

export const RemovalBody = Type.Object({ reason: Type.String({ maxLength: 500, description: '信用修复理由' }) }, { additionalProperties: false });
