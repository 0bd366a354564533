/**
 * API shapes of the pension fund's projection (TypeBox: OpenAPI and the web's types). The years' range and the
 * scenario's name are checked by the service (projection.service.ts checkProjectionRequest, each refusal naming its
 * field): this file imports no projection code, so that the web's type check does not compile the server's.
 */
import { Type } from '@sinclair/typebox';
import { Money, Nullable, RegionCode } from '../../../platform/http/schemas.ts';

const ScenarioName = Type.String({ maxLength: 40, description: 'a built-in scenario (GET /api/budget/projection/scenarios); reform, the law in force, when absent' });

export const ProjectionQuery = Type.Object({
  region: RegionCode,
  years: Type.Integer({ description: 'years to project, 10 to 50' }),
  scenario: Type.Optional(ScenarioName),
}, { additionalProperties: false });

export const ProjectionScenarios = Type.Object({
  baseline: ScenarioName,
  items: Type.Array(Type.Object({ name: ScenarioName, label: Type.String({ description: 'in the language of Accept-Language' }) })),
});

const Count = Type.Integer({ minimum: 0 });

export const PensionProjection = Type.Object({
  region: Type.String(),
  poolingRegion: Type.String({ description: 'the pool whose fund is projected as a whole (pension pools above the city)' }),
  fund: Type.String(),
  scope: Type.Literal('pooled_fund'),
  scenario: ScenarioName,
  scenarioLabel: Type.String(),
  asOf: Type.String({ description: 'YYYY-MM-DD: the day of the starting point' }),
  startingPoint: Type.Object({
    contributors: Count, pensioners: Count, averageBase: Money, monthlyPensions: Money, accumulatedBalance: Money,
    newPensionRatio: Type.String({ description: 'a new retiree\'s pension as a share of the average base, exact decimal' }),
    newPensionRatioFrom: Type.Union([Type.Literal('awards'), Type.Literal('parameter')]),
  }),
  depletionYear: Nullable(Type.Integer({ description: 'the first year whose accumulated balance is below zero' })),
  years: Type.Array(Type.Object({
    year: Type.Integer(), contributors: Count, pensioners: Count,
    dependencyRatio: Nullable(Type.Number({ description: '制度抚养比: pensioners ÷ contributors, four decimals' })),
    averageBase: Money, averagePension: Money, contributionIncome: Money, interestIncome: Money, fiscalSubsidy: Money,
    income: Money, expense: Money, balance: Money, accumulatedBalance: Money,
    monthsOfPaymentCapacity: Nullable(Type.Number({ description: '可支付月数: accumulated balance ÷ a month\'s expense, one decimal' })),
  })),
});
