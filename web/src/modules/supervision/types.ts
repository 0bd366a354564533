/**
 * Shapes of the supervision API (/api/supervision/…): the server's TypeBox schemas as types, imported as types only.
 * Money is a yuan string "1234.56".
 */
import type { Static } from '@sinclair/typebox';
import type * as Inspections from '../../../../src/modules/supervision/supervision.schemas.ts';
import type * as Controls from '../../../../src/modules/supervision/controls/controls.schemas.ts';
import type * as Evaluations from '../../../../src/modules/supervision/evaluation/evaluation.schemas.ts';
import type * as Cases from '../../../../src/modules/supervision/cases/cases.schemas.ts';

/** 稽核疑点: a detection rule's finding with its evidence (as the rule gives it) and legal basis. */
export type FindingList = Static<typeof Inspections.FindingList>;
export type Finding = Static<typeof Inspections.Finding>;
export type FindingStatus = Finding['status'];
/** 稽核规则: name, title (Chinese), legal basis, the parameters it reads. */
export type DetectionRule = Static<typeof Inspections.DetectionRuleView>;

/** 风险控制点 of the register with their grade and counts fired / sampled in the month. */
export type ControlRegister = Static<typeof Controls.ControlRegister>;
export type ControlPoint = ControlRegister['controls'][number];
export type RiskGrade = ControlPoint['grade'];
/** 稽核抽样: a month's seeded sample of high-risk operations. */
export type AuditSample = Static<typeof Controls.AuditSample>;
export type AuditSamples = Static<typeof Controls.AuditSamples>;
export type SampleBody = Static<typeof Controls.SampleBody>;
export type SampledOperation = Static<typeof Controls.SampledOperation>;
/** 抽样核查: the review of one sampled operation. */
export type SampleReviewBody = Omit<Static<typeof Controls.ReviewBody>, 'verdict'> & { verdict: 'conforming' | 'irregular' };

/** 绩效考核: the counties scored, ranked and the 以奖代补 pool split. */
export type Evaluation = Static<typeof Evaluations.Evaluation>;
export type RegionEvaluation = Evaluation['regions'][number];

/** 稽核案件: 立案 → 调查中 → 已结论 → 追回中 → 已结案, with the amounts per fund and the recoveries. */
export type CaseList = Static<typeof Cases.CaseList>;
export type CaseSummary = Static<typeof Cases.CaseSummary>;
export type CaseDetail = Static<typeof Cases.CaseDetail>;
export type CaseAssignees = Static<typeof Cases.CaseAssignees>;
export type CaseStatus = CaseSummary['status'];
export type OpenCaseBody = Static<typeof Cases.OpenCaseBody>;
export type ConcludeBody = Static<typeof Cases.ConcludeBody>;
export type PenaltyProvisions = Static<typeof Cases.PenaltyProvisions>;
export type RecoveryBody = Static<typeof Cases.RecoveryBody>;
export type OffsetBody = Static<typeof Cases.OffsetBody>;
