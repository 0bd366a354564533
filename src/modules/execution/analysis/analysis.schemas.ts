/** API shape of the monthly fund income and expenditure analysis (TypeBox: OpenAPI and the web's types). */
import { Type } from '@sinclair/typebox';
import { DateOnly, Money, Nullable, RateText } from '../../../platform/http/schemas.ts';
import { ReportFormatQuery } from '../../../platform/reports/http.ts';
import { AlertView, ReportQuery } from '../execution.schemas.ts';

export const AnalysisQuery = Type.Object({ ...ReportQuery.properties, ...ReportFormatQuery }, { additionalProperties: false });

const Comparison = Type.Object({
  current: Type.String({ description: 'this year: yuan, or a count of persons' }),
  lastYear: Nullable(Type.String({ description: 'the same period of last year; null when last year has no figures' })),
  change: Nullable(Type.String()),
  changeRate: Nullable(RateText),
});
const PeriodComparison = Type.Object({ month: Comparison, yearToDate: Comparison });
const SideAnalysis = Type.Object({
  ...PeriodComparison.properties,
  budget: Money, rate: Nullable(RateText), deviation: Nullable(RateText),
});
const Driver = Type.Object({
  ...Comparison.properties,
  driver: Type.Union([Type.Literal('contributors'), Type.Literal('averageBase'), Type.Literal('pensioners'), Type.Literal('averagePension'), Type.Literal('claimants'), Type.Literal('averageBenefit')], {
    description: 'contributors: persons billed in the month; averageBase: their average base; pensioners: persons on the month\'s payroll; averagePension: their average amount; claimants: the unemployed paid their benefit in the month; averageBenefit: its average',
  }),
  unit: Type.Union([Type.Literal('count'), Type.Literal('money')]),
});

export const AnalysisView = Type.Object({
  year: Type.Integer(), month: Type.Integer(), region: Type.String(), regionName: Nullable(Type.String()), asOf: DateOnly, timeProgress: RateText,
  hasMovement: Type.Boolean({ description: 'false when no fund of the region has a ledger movement in the year to the month' }),
  headline: Type.Object({ income: PeriodComparison, expense: PeriodComparison, surplus: PeriodComparison, accumulatedBalance: Money }),
  funds: Type.Array(Type.Object({
    fund: Type.String(), name: Type.String(), region: Type.String(), budgetApproved: Type.Boolean(),
    accumulatedBalance: Money,
    monthsOfPaymentCapacity: Nullable(RateText),
    income: SideAnalysis, expense: SideAnalysis,
  })),
  deviations: Type.Array(Type.Object({
    fund: Type.String(), fundName: Type.String(), subject: Type.String(), name: Type.String(),
    side: Type.Union([Type.Literal('income'), Type.Literal('expense')]),
    budget: Money, actual: Money, rate: RateText, deviation: RateText,
    drivers: Type.Array(Driver, { description: 'only the drivers the data holds: bills for income lines, pension payrolls for expense lines' }),
  })),
  openAlerts: Type.Array(AlertView),
  openAlertsTotal: Type.Integer(),
  summary: Type.Array(Type.String(), { description: '综述: the figures in sentences (万元), in Chinese: the year to date and the month with their change on last year, the budget execution against the time progress, the accumulated balance and the fewest months of payment capacity, the line furthest off with its drivers, the open alerts' }),
});
