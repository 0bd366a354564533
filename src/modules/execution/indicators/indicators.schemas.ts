/** API shapes of the budget indicators (TypeBox: OpenAPI and the web's types). */
import { Type } from '@sinclair/typebox';
import { Money, Nullable, RegionCode, Year } from '../../../platform/http/schemas.ts';
import { ReportFormatQuery } from '../../../platform/reports/http.ts';

export const IndicatorQuery = Type.Object({
  year: Year, region: RegionCode,
  month: Type.Optional(Type.Integer({ minimum: 1, maximum: 12, description: 'allocated runs to the end of this month (default: this month in the current year, December for a past year, nothing for a later one)' })),
  ...ReportFormatQuery,
}, { additionalProperties: false });

export const IndicatorView = Type.Object({
  fund: Type.String(),
  subject: Type.String({ description: 'the budget line: benefit_expense, benefit_expense.basic_pension (a 其中 row), other_expense…' }),
  name: Type.String(),
  parentSubject: Nullable(Type.String({ description: 'the line of a 其中 row; null for a line of the table' })),
  approved: Money,
  adjusted: Money,
  allocated: Money,
  committed: Money,
  paid: Money,
  available: Money,
  belowWarning: Type.Boolean({ description: 'available below the warning percentage of approved + adjusted (execution.indicator_warning_percent), or overdrawn' }),
});
export const IndicatorList = Type.Array(IndicatorView);
