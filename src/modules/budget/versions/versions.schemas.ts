/** API shapes of the budget versions (TypeBox: OpenAPI and the web's types). */
import { Type, type TSchema } from '@sinclair/typebox';
import { IdText, Money, Month, Nullable, Timestamp } from '../../../platform/http/schemas.ts';

const Status = Type.Union(['drafted', 'submitted', 'returned', 'approved'].map((status) => Type.Literal(status)), { description: 'drafted → submitted → returned | approved' });
const Basis = Type.Union([Type.Literal('model'), Type.Literal('aggregated'), Type.Literal('adjustment')], { description: 'drafted from the model, the sum of the regions below, or created by an approved adjustment' });
const VersionHead = Type.Object({ id: IdText, number: Type.Integer() });
const SupersededBy = Nullable(Type.Object({ id: IdText, number: Type.Integer() }, { description: 'the later approved version (an adjustment) that replaces this approved one' }));
const Side = Type.Union([Type.Literal('income'), Type.Literal('expense')]);

const LineFields = {
  subject: Type.String({ description: 'the budget subject; a 其中 row is <line>.<row>, e.g. benefit_expense.inpatient' }), name: Type.String(),
  amount: Money, draftedAmount: Money,
  forecast: Nullable(Type.Object({ model: Type.String(), beatsNaive: Type.Boolean(), backtest: Nullable(Type.Record(Type.String(), Nullable(Type.Number()))) })),
  adjustment: Nullable(Type.Object({ reason: Type.String(), by: Type.String(), at: Timestamp })),
  comments: Type.Array(Type.Object({ submission: Type.Integer({ description: 'the round it was written in' }), comment: Type.String(), by: Type.String(), at: Timestamp })),
};
const Item = Type.Object(LineFields);
export const BudgetLine = Type.Object({ ...LineFields, items: Type.Optional(Type.Array(Item, { description: '其中 rows: the line is their sum' })) });

const Totals = { totalIncome: Money, totalExpense: Money, balance: Money, previousAccumulatedBalance: Money, accumulatedBalance: Money };

export const BudgetVersion = Type.Object({
  id: IdText, region: Type.String(), year: Type.Integer(), number: Type.Integer(), status: Status, basis: Basis,
  chartYear: Nullable(Type.Integer()), lastActualMonth: Nullable(Month),
  sources: Nullable(Type.Object({
    versions: Type.Array(Type.Object({ id: IdText, region: Type.String(), number: Type.Integer(), basis: Type.String(), status: Type.String() })),
    missing: Type.Array(Type.Object({ region: Type.String(), name: Nullable(Type.String()) }), { description: 'regions below (or the level itself, 本级) not in the sum yet' }),
  })),
  submissions: Type.Integer(), createdBy: Type.String(), createdAt: Timestamp, approvalItemId: Nullable(IdText), approvedAt: Nullable(Timestamp), approvedBy: Nullable(Type.String()),
  supersededBy: SupersededBy,
  adjustment: Nullable(Type.Object({ id: IdText, explanation: Type.String(), adjusted: VersionHead }, { description: 'basis adjustment: the request whose approval created this version, and the version it adjusted' })),
  tables: Type.Array(Type.Object({
    fund: Type.String(), scheme: Type.String(), table: Type.String({ description: '社预02–08' }), tableName: Type.String(),
    income: Type.Array(BudgetLine), expense: Type.Array(BudgetLine), ...Totals,
    targets: Type.Array(Type.Object({
      indicator: Type.String(), dimension: Type.Union(['decision', 'process', 'output', 'effect'].map((name) => Type.Literal(name)), { description: '决策, 过程, 产出, 效益 (财社〔2022〕65号)' }),
      name: Type.String(), unit: Type.String(), comparison: Type.Union([Type.Literal('at_least'), Type.Literal('at_most')]), value: Type.String(), reason: Nullable(Type.String()),
    })),
  })),
  summary: Type.Object(Totals, { description: '社预01: the tables summed' }),
});

export const BudgetVersionSummary = Type.Object({
  id: IdText, region: Type.String(), year: Type.Integer(), number: Type.Integer(), status: Status, basis: Basis, createdBy: Type.String(), createdAt: Timestamp,
  approvedAt: Nullable(Timestamp), supersededBy: SupersededBy, funds: Type.Array(Type.String()), totalIncome: Money, totalExpense: Money,
});

const Head = Type.Object({ id: IdText, number: Type.Integer(), status: Status, basis: Basis });
export const BudgetDiff = Type.Object({
  region: Type.String(), year: Type.Integer(), from: Head, to: Head,
  lines: Type.Array(Type.Object({ fund: Type.String(), side: Side, subject: Type.String(), name: Type.String(), from: Nullable(Money), to: Nullable(Money), change: Money })),
});

export const Body = <T extends Record<string, TSchema>>(properties: T) => Type.Object(properties, { additionalProperties: false });
