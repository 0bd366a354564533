/**
 * API shapes of the pension fund's projection (TypeBox: OpenAPI and the web's types). The years' range and the
 * scenario's name are checked by the service (projection.service.ts checkProjectionRequest, each refusal naming its
 * field): this file imports no projection code, so that the web's type check does not compile the server's.
 */
import { Type } from '@sinclair/typebox';
import { Money, Nullable, RegionCode } from '../../../platform/http/schemas.ts';

const ScenarioName = Type.String({ maxLength: 40, description: 'a built-in scenario or one the pool saved (GET /api/budget/projection/scenarios?region=); reform, the law in force, when absent' });

export const ProjectionQuery = Type.Object({
  region: RegionCode,
  years: Type.Integer({ description: 'years to project, 10 to 50' }),
  scenario: Type.Optional(ScenarioName),
}, { additionalProperties: false });

const Rate = (description: string) => Type.Optional(Type.String({ description }));
export const ScenarioOverrides = Type.Object({
  retirementAges: Type.Optional(Type.Union([Type.Literal('reform'), Type.Literal('former')], { description: 'reform: the 2024 reform\'s ages; former: 60/55/50' })),
  wageGrowth: Rate('wage growth a year, -0.1 to 0.2'),
  pensionIndexation: Rate('pension indexation a year, -0.05 to 0.2'),
  collectionRate: Rate('share of contributions collected, 0.5 to 1'),
  interestRate: Rate('interest on the accumulated balance, 0 to 0.1'),
  fiscalSubsidyRule: Type.Optional(Type.Union([Type.Literal('none'), Type.Literal('current_gap'), Type.Literal('share_of_expense')])),
  fiscalSubsidyShare: Rate('with share_of_expense: the share of the expense subsidised, 0 to 1'),
});

const Scenario = Type.Object({
  name: ScenarioName,
  label: Type.String({ description: 'built-in ones in the language of Accept-Language' }),
  builtIn: Type.Boolean(),
  overrides: ScenarioOverrides,
  saved: Nullable(Type.Object({ id: Type.String(), poolingRegion: Type.String(), note: Nullable(Type.String()), createdBy: Type.String(), createdAt: Type.String() })),
});
export const ProjectionScenarios = Type.Object({
  baseline: ScenarioName,
  poolingRegion: Nullable(Type.String({ description: 'the pool of the region asked, whose saved scenarios follow the built-in ones; null without a region' })),
  items: Type.Array(Scenario),
});
export const SavedScenario = Scenario;
export const ScenariosQuery = Type.Object({ region: Type.Optional(RegionCode) }, { additionalProperties: false });
export const ScenarioBody = Type.Object({
  region: Type.String({ description: 'a region at or below a pension pool: the scenario is the pool\'s' }),
  name: Type.String({ description: '2 to 40 lower-case letters, digits or hyphens; not a built-in name; unique in the pool' }),
  label: Type.String({ description: '情景名称, 2 to 60 characters' }),
  note: Type.Optional(Nullable(Type.String({ description: 'what the scenario stands for, at most 500 characters' }))),
  overrides: Type.Unknown({ description: 'the assumptions it replaces (see ScenarioOverrides), at least one; each refused naming overrides.<field>' }),
}, { additionalProperties: false });
export const ArchivedScenario = Type.Object({ id: Type.String(), name: Type.String(), status: Type.Literal('archived') });

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
