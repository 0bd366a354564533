/** API shape of 人员待遇 (GET /api/benefits/persons/:id): the person page's 待遇 tab. */
import { Type } from '@sinclair/typebox';
import { IdText, Month } from '../../../platform/http/schemas.ts';
import { Award } from '../payroll/payroll.schemas.ts';
import { Overpayment } from '../deaths/deaths.schemas.ts';
import { Claim } from '../claims/claims.schemas.ts';

export const PersonBenefits = Type.Object({
  personId: IdText,
  retirement: Type.Object({
    category: Type.Union([Type.Literal('male'), Type.Literal('female_cadre'), Type.Literal('female_worker')], { description: '男职工, 女干部 (管理和专业技术岗位) or 女工人, read from gender and occupation' }),
    statutoryRetirementMonth: Month, ageYears: Type.Integer(), ageExtraMonths: Type.Integer({ description: 'the statutory age is ageYears years and this many months' }),
    reached: Type.Boolean({ description: 'the statutory retirement month is this month or past' }), legalBasis: Type.String(),
  }),
  awards: Type.Array(Award), overpayments: Type.Array(Overpayment), claims: Type.Array(Claim),
});
