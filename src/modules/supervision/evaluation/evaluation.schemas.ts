/** API shape of the performance evaluation (TypeBox: OpenAPI and the web's types). */
import { Type } from '@sinclair/typebox';
import { DateOnly, Money, Nullable, Year, Yuan } from '../../../platform/http/schemas.ts';
import { ReportFormatQuery } from '../../../platform/reports/http.ts';

export const EvaluationQuery = Type.Object({
  year: Year,
  pool: Type.Optional(Yuan),
  ...ReportFormatQuery,
}, { additionalProperties: false });

const IndicatorResult = Type.Object({
  code: Type.String(), name: Type.String(),
  value: Nullable(Type.Number({ description: 'the measure (a ratio, or findings per 10,000 insured); null: not measurable, the weight goes to what counts' })),
  score: Nullable(Type.Number({ minimum: 0, maximum: 100 })),
});

export const Evaluation = Type.Object({
  year: Type.Integer(), pool: Money, scope: Type.String({ description: 'the region prefix evaluated (empty: all)' }), asOf: DateOnly, tree: Type.String(),
  regions: Type.Array(Type.Object({
    region: Type.String(), name: Type.String(),
    score: Type.Number({ minimum: 0, maximum: 100 }), rank: Type.Integer({ minimum: 1 }),
    reward: Money, indicators: Type.Array(IndicatorResult),
  })),
});
