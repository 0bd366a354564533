/** API shapes of budget execution: the report, the alerts, the public reports (TypeBox: OpenAPI and the web's types). */
import { Type } from '@sinclair/typebox';
import { DateOnly, IdText, Money, Month, Nullable, RateText, RegionCode, Timestamp, Year } from '../../platform/http/schemas.ts';
import { ListAnswer, listQuery } from '../../platform/http/lists.schemas.ts';
import { alertRules, alertSeverities, alertStatuses } from './alerts.statuses.ts';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((value) => Type.Literal(value)));

export const ReportQuery = Type.Object({
  year: Year, month: Type.Integer({ minimum: 1, maximum: 12 }), region: RegionCode,
}, { additionalProperties: false });

export const ExecutionLineView = Type.Object({
  subject: Type.String({ description: 'the budget line as budget versions name it: premium_income, benefit_expense, benefit_expense.basic_pension (a 其中 row)' }),
  name: Type.String(),
  side: literals(['income', 'expense'] as const),
  parentSubject: Nullable(Type.String({ description: 'the line of a 其中 row; null for a line of the table' })),
  budget: Money, actual: Money,
  rate: Nullable(RateText), deviation: Nullable(RateText),
});

export const ExecutionReportView = Type.Object({
  year: Type.Integer(), month: Type.Integer(), region: Type.String(), regionName: Nullable(Type.String()),
  asOf: DateOnly,
  timeProgressBasis: literals(['month_end', 'today'] as const),
  timeProgress: RateText,
  funds: Type.Array(Type.Object({
    fund: Type.String(), name: Type.String(), region: Type.String(),
    budgetApproved: Type.Boolean({ description: 'an approved budget version of the fund\'s pooling region holds its lines' }),
    lines: Type.Array(ExecutionLineView),
  })),
});

export const AlertView = Type.Object({
  id: IdText, rule: literals(alertRules), title: Type.String(), severity: literals(alertSeverities), region: Type.String(), fund: Type.String(),
  status: literals(alertStatuses), period: Month,
  values: Type.Record(Type.String(), Type.Unknown(), { description: 'the figures that raised it (yuan and decimal strings)' }),
  raisedAt: Timestamp, lastEvaluatedAt: Timestamp,
  acknowledgedAt: Nullable(Timestamp), acknowledgedBy: Nullable(Type.String()), acknowledgeNote: Nullable(Type.String()),
  owner: Nullable(Type.String({ description: 'username of the staff responsible for the fund when the alert was raised (duty assignments); null: none assigned' })),
  resolvedAt: Nullable(Timestamp), resolvedBy: Nullable(Type.String()), resolutionNote: Nullable(Type.String()),
});
export const AlertList = ListAnswer(AlertView);

export const AlertQuery = Type.Object({
  ...listQuery(),
  region: Type.Optional(RegionCode),
  status: Type.Optional(literals([...alertStatuses, 'open'] as const)),
  fund: Type.Optional(Type.String({ maxLength: 40 })),
}, { additionalProperties: false });

export const NoteBody = Type.Object({ note: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false });
export const EvaluationBody = Type.Object({ year: Type.Optional(Year), month: Type.Optional(Type.Integer({ minimum: 1, maximum: 12 })) }, { additionalProperties: false });

const PublicFund = Type.Object({ fund: Type.String(), name: Type.String(), income: Money, expense: Money, surplus: Money, balance: Money });
export const PublicReportSummary = Type.Object({
  id: IdText, region: Type.String(), period: Month, title: Type.String(), publishedAt: Timestamp,
  supersedes: Nullable(IdText), supersededBy: Nullable(IdText),
});
export const PublicReport = Type.Object({
  ...PublicReportSummary.properties,
  body: Type.Object({ region: Type.String(), regionName: Nullable(Type.String()), period: Month, asOf: DateOnly, funds: Type.Array(PublicFund) }),
});
