/** Answers and bodies of the risk-graded controls' routes (controls.routes.ts). TypeBox only. */
import { Type } from '@sinclair/typebox';
import { IdText, Money, Month, Nullable, Period, RegionCode, Timestamp } from '../../../platform/http/schemas.ts';

const Grade = Type.Union([Type.Literal('high'), Type.Literal('medium'), Type.Literal('low')]);
const Control = Type.Union([Type.Literal('every_level'), Type.Literal('levels_from_amount'), Type.Literal('monthly_audit_sample'), Type.Literal('warn_with_reason')]);

export const ControlPointView = Type.Object({
  operation: Type.String(), label: Type.String(), labelEn: Type.String(),
  signoffKind: Nullable(Type.String({ description: 'the sign-off kind carrying it; null: carried by checks that warn' })), kindLabel: Nullable(Type.String()),
  checkPoint: Nullable(Type.String({ description: 'the checks that warn carrying it (platform/checks); null: carried by sign-off' })),
  grade: Grade, gradeReference: Type.String({ description: 'the legal source of the grade (the sign-off kind\'s risk parameter, or the register\'s)' }),
  controls: Type.Array(Control), levels: Type.Array(Type.String(), { description: 'the labels of the levels the kind declares' }),
  allLevelsFrom: Nullable(Money), basis: Type.String(),
  fired: Type.Integer({ description: 'items of the kind submitted in the month, in scope; for checks, the times they warned' }),
  overridden: Type.Integer({ description: 'for checks, the times the operator carried on over the warnings with a reason' }),
  sampled: Type.Integer({ description: 'of them, drawn by the month\'s audit samples' }),
  irregular: Type.Integer({ description: 'of the sampled, found irregular by the auditors\' review' }),
});
export const ControlRegister = Type.Object({ month: Month, controls: Type.Array(ControlPointView) });

const Verdict = Type.Union([Type.Literal('conforming'), Type.Literal('irregular')], { description: 'conforming 核查无误, irregular 发现问题' });
export const SampleReview = Type.Object({ verdict: Verdict, note: Nullable(Type.String()), reviewedBy: Type.String(), reviewedAt: Timestamp });
export const SampledOperation = Type.Object({
  kind: Type.String(), kindLabel: Type.String({ description: 'the sign-off kind\'s Chinese name' }), id: IdText, at: Timestamp,
  by: Type.String({ description: 'who submitted it' }), subject: Type.String(),
  position: Type.Integer({ description: 'its place in the sample, 1, 2, …' }), review: Nullable(SampleReview),
});
export const AuditSample = Type.Object({
  id: IdText, month: Month, region: Type.String(), seed: Type.Integer(), size: Type.Integer(), population: Type.Integer(),
  takenBy: Type.String(), takenAt: Timestamp,
  progress: Type.Object({ reviewed: Type.Integer(), irregular: Type.Integer(), toReview: Type.Integer() }),
  sample: Type.Array(SampledOperation),
});
export const AuditSamples = Type.Object({ month: Month, items: Type.Array(AuditSample) });

export const MonthQuery = Type.Object({ month: Type.Optional(Period) }, { additionalProperties: false });
export const SamplesQuery = Type.Object({ month: Period }, { additionalProperties: false });
export const SampleBody = Type.Object({
  month: Period, seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 4_294_967_295 })), size: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  region: Type.Optional(RegionCode),
}, { additionalProperties: false });

export const SampleParams = Type.Object({ id: IdText });
export const ReviewBody = Type.Object({
  position: Type.Integer({ minimum: 1, maximum: 1000 }), verdict: Type.String({ description: 'conforming or irregular' }),
  note: Type.Optional(Type.String({ maxLength: 2000, description: 'what was found: required when irregular, at most 500 characters' })),
}, { additionalProperties: false });
