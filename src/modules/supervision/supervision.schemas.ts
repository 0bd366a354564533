/** API shapes of the inspections: imports, runs, findings (TypeBox: OpenAPI and the web's types). */
import { Type } from '@sinclair/typebox';
import { IdText, Money, Month, Nullable, Timestamp } from '../../platform/http/schemas.ts';
import { ListAnswer } from '../../platform/http/lists.schemas.ts';
import { findingStatuses } from './supervision.statuses.ts';

const importFields = { importId: IdText, sha256: Type.String(), alreadyImported: Type.Boolean() };

export const TaxWageImport = Type.Object({
  ...importFields,
  rows: Type.Integer(), recorded: Type.Integer({ description: 'rows recorded by this file' }), alreadyRecorded: Type.Integer({ description: 'rows recorded before, or repeated in the file, with the same wage (skipped)' }),
  employers: Type.Integer(), periods: Type.Array(Month), wages: Money,
});

export const ClaimImport = Type.Object({
  ...importFields, rows: Type.Integer(), claims: Type.Integer(), patients: Type.Integer(), institutions: Type.Integer(), amount: Money,
});

export const FindingStatusValue = Type.Union(findingStatuses.map((status) => Type.Literal(status)));

export const Finding = Type.Object({
  id: IdText,
  rule: Type.String({ description: 'the detection rule: base-underreporting, headcount-underreporting, paid-after-death, unemployment-while-employed, split-admission, double-enrolment, repeat-charging, identity-mismatch, bed-holding' }),
  title: Type.String(),
  subject: Type.String({ description: 'what the finding is about: an ID number, a credit code or an institution code' }),
  regionCode: Type.String(), period: Month, amount: Money,
  evidence: Type.Unknown({ description: 'the rows that show it, as the rule gives them' }),
  legalBasis: Type.String(), status: FindingStatusValue, jobId: IdText, foundAt: Timestamp,
  case: Nullable(Type.Object({ id: IdText, number: Type.String() }, { description: 'the case it was taken up in (the open one, else the latest)' })),
  credit: Nullable(Type.Object({
    grade: Nullable(Type.String()), gradeLabel: Nullable(Type.String()), listed: Type.Boolean({ description: 'on the blacklist (严重失信人名单) today' }),
    watched: Type.Boolean({ description: 'the worst grade or listed: to look at first' }),
  }, { description: 'the subject\'s credit grade and blacklist status; null when never graded nor listed' })),
});
export const FindingList = ListAnswer(Finding);

export const DetectionRuleView = Type.Object({ rule: Type.String(), title: Type.String(), legalBasis: Type.String(), parameters: Type.Array(Type.String()) });

export const RunBody = Type.Object({ rule: Type.Optional(Type.String({ maxLength: 60, description: 'one rule; all when absent' })) }, { additionalProperties: false });
