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
