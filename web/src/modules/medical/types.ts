/**
 * Shapes of the medical settlement API (/api/medical/…): the server's TypeBox schemas
 * (src/modules/medical/medical.schemas.ts) as types, imported as types only. Money is a yuan string "1234.56", a share
 * an exact decimal string "0.3".
 */
import type { Static } from '@sinclair/typebox';
import type * as Schemas from '../../../../src/modules/medical/medical.schemas.ts';

/** 年终清算试算: the rules (or a region and year) and the institutions' quota, actual and prepaid amounts. */
export type YearEndPreviewBody = Static<typeof Schemas.YearEndPreviewBody>;
export type YearEndRules = NonNullable<YearEndPreviewBody['rules']>;
export type OverrunBand = NonNullable<YearEndRules['overrunBands']>[number];
export type InstitutionYear = YearEndPreviewBody['institutions'][number];
/** The settlement: the rules applied (with the region's reference) and, per institution, allowed and settlement. */
export type YearEndSettlement = Static<typeof Schemas.YearEndSettlement>;
export type InstitutionSettlement = YearEndSettlement['institutions'][number];

/** 定点医疗机构 with their quotas by year, and the year's quota beside the fund-payable settled month by month (总额预算执行). */
export type InstitutionList = Static<typeof Schemas.InstitutionList>;
export type Institution = InstitutionList['items'][number];
export type InstitutionKind = Institution['kind'];
export type InstitutionStatus = Institution['status'];
/** The monitoring indicators per institution and month, each flagged above its agreed value. */
export type IndicatorList = Static<typeof Schemas.IndicatorList>;
export type InstitutionImportAnswer = Static<typeof Schemas.InstitutionImportAnswer>;
export type QuotaImportAnswer = Static<typeof Schemas.QuotaImportAnswer>;
export type SettlementImportAnswer = Static<typeof Schemas.SettlementImportAnswer>;
/** 年终点值预测: the year-end DIP point value foreseen from the months settled, with its range. */
export type DipProjection = Static<typeof Schemas.DipProjection>;
/** 月度预拨 of a month and 年终清算 of a year, stored, with their status along the sign-off and payment. */
export type PrepaymentRun = Static<typeof Schemas.PrepaymentRun>;
export type YearEndRun = Static<typeof Schemas.YearEndRun>;
/** An institution's settlement in the stored run: pending → paid, or recovery_open → recovered, or settled. */
export type YearEndLine = YearEndRun['institutions'][number];
/** 总额预算指标分配: the quotas the approved budget gives each institution, proposed or stored with its sign-off status. */
export type QuotaAllocation = Static<typeof Schemas.QuotaAllocation>;
export type QuotaAllocationLine = QuotaAllocation['lines'][number];
