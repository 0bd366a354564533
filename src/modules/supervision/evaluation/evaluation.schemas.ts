/** API shape of the performance evaluation (TypeBox: OpenAPI and the web's types). */
import { Type } from '@sinclair/typebox';
import { DateOnly, Id, Money, Nullable, RegionCode, Year, Yuan } from '../../../platform/http/schemas.ts';
import { ReportFormatQuery } from '../../../platform/reports/http.ts';

const Level = Type.Union([Type.Literal('county'), Type.Literal('city')], { description: 'the regions evaluated: the counties (区县, default) or the cities (地市)' });

export const EvaluationQuery = Type.Object({
  year: Year,
  pool: Type.Optional(Yuan),
  level: Type.Optional(Level),
  ...ReportFormatQuery,
}, { additionalProperties: false });

const Entry = Type.Object({
  id: Id, value: Type.Number(), evidence: Type.String(), enteredBy: Type.String(), enteredAt: Type.String({ format: 'date-time' }),
});

const IndicatorResult = Type.Object({
  code: Type.String(), name: Type.String(),
  value: Nullable(Type.Number({ description: 'the measure (a ratio, or findings per 10,000 insured) or the value entered; null: not measurable or not entered yet, the weight goes to what counts' })),
  score: Nullable(Type.Number({ minimum: 0, maximum: 100 })),
  source: Type.Union([Type.Literal('measured'), Type.Literal('entered')]),
  entry: Nullable(Entry),
  range: Nullable(Type.Object({ min: Type.Number(), max: Type.Number(), hint: Type.String() }, { description: 'an entered indicator: the range of its value and what to enter on what evidence' })),
});

export const EntryBody = Type.Object({
  year: Type.Integer({ description: 'the year evaluated (begun)' }), region: RegionCode, indicator: Type.String({ maxLength: 60 }),
  value: Type.Number({ description: 'within the indicator\'s range, at most four decimal places' }),
  evidence: Type.String({ maxLength: 500, description: '依据材料: the document number, report or record the value rests on (4–500 characters)' }),
}, { additionalProperties: false });

export const EnteredValue = Type.Composite([Entry, Type.Object({ year: Type.Integer(), region: Type.String(), indicator: Type.String() })]);

export const EntriesQuery = Type.Object({ year: Year, region: RegionCode }, { additionalProperties: false });
export const EntryHistory = Type.Object({
  year: Type.Integer(), region: Type.String(),
  items: Type.Array(Type.Composite([Entry, Type.Object({ indicator: Type.String(), indicatorName: Type.String() })])),
});

export const Evaluation = Type.Object({
  year: Type.Integer(), level: Level, pool: Money, scope: Type.String({ description: 'the region prefix evaluated (empty: all)' }), asOf: DateOnly, tree: Type.String(),
  regions: Type.Array(Type.Object({
    region: Type.String(), name: Type.String(),
    score: Type.Number({ minimum: 0, maximum: 100 }), rank: Type.Integer({ minimum: 1 }),
    reward: Money, indicators: Type.Array(IndicatorResult),
  })),
});
