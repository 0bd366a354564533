/** API shapes of the past final accounts (TypeBox: OpenAPI and the web's types). */
import { Type } from '@sinclair/typebox';
import { IdText, Money, Nullable, Timestamp } from '../../../platform/http/schemas.ts';
import { ImportAnswer } from '../../../platform/imports/imports.schemas.ts';

const Line = Type.Object({
  subject: Type.String({ description: 'the budget chart\'s line; a 其中 row is <line>.<row>' }), name: Type.String(), amount: Money,
  parent: Type.Optional(Type.String({ description: 'a 其中 row\'s line (社会保险待遇支出)' })),
});

export const BudgetHistory = Type.Object({
  region: Type.String(),
  funds: Type.Array(Type.Object({
    fund: Type.String(), fundName: Type.String(), scheme: Type.String(), region: Type.String({ description: 'the pooling region' }),
    table: Type.String({ description: '社预02–08' }), tableName: Type.String(),
    years: Type.Array(Type.Object({
      year: Type.Integer(), version: Type.Integer({ description: 'the latest import of the fund-year (1, 2 …); earlier ones are kept' }),
      importId: IdText, importedAt: Timestamp, chartYear: Type.Integer({ description: 'the budget chart the year was checked against' }),
      income: Type.Array(Line), expense: Type.Array(Line), totalIncome: Money, totalExpense: Money, balance: Money,
      base: Type.Object({
        contributors: Nullable(Type.Integer({ description: '参保缴费人数' })), retirees: Nullable(Type.Integer({ description: '离退休人数 or the scheme\'s beneficiaries' })),
        averageBase: Nullable(Money),
      }),
    })),
  })),
});

export const HistoryImport = ImportAnswer({
  rows: Type.Integer(), fundYears: Type.Integer({ description: 'fund-years imported (each a new version)' }), funds: Type.Array(Type.String()),
  firstYear: Nullable(Type.Integer()), lastYear: Nullable(Type.Integer()),
});
