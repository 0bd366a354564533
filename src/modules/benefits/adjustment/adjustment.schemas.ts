/** API shape of an adjustment preview (TypeBox: OpenAPI and the web's types). */
import { Type } from '@sinclair/typebox';
import { IdText, Money, Month } from '../../../platform/http/schemas.ts';

export const AdjustmentLine = Type.Object({
  personId: IdText, awardId: IdText, regionCode: Type.String(), amountBefore: Money, increase: Money, amountAfter: Money,
  parts: Type.Object({
    fixed: Money, years: Money, contributionYears: Type.Integer(), level: Money, levelRate: Type.String(), ageTilt: Money, age: Type.Integer(),
  }, { description: 'fixed (定额), years-based (挂钩缴费年限), level-based (挂钩养老金水平), age tilt (高龄倾斜)' }),
});

export const AdjustmentPreview = Type.Object({
  region: Type.String(), year: Type.Integer(), effectivePeriod: Month, awards: Type.Integer(), totalBefore: Money, totalIncrease: Money,
  increaseShare: Type.String({ description: 'the monthly increase over the pensions before it' }), overallRate: Type.String({ description: 'the national overall level' }),
  rules: Type.Record(Type.String(), Type.Unknown(), { description: 'each parameter with its value, reference and dated source' }),
  lines: Type.Array(AdjustmentLine),
});
