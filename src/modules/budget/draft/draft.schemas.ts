/** API shapes of the draft's readings (TypeBox: OpenAPI and the web's types). */
import { Type } from '@sinclair/typebox';
import { Money, Month } from '../../../platform/http/schemas.ts';

export const BudgetLineActuals = Type.Object({
  year: Type.Integer({ description: 'the budget year whose subject chart names the lines' }), region: Type.String(), chartYear: Type.Integer(),
  lastActualMonth: Month,
  funds: Type.Array(Type.Object({
    fund: Type.String(), table: Type.String({ description: '社预02–08' }),
    lines: Type.Array(Type.Object({
      side: Type.Union([Type.Literal('income'), Type.Literal('expense')]),
      subject: Type.String({ description: 'as a version names it; a 其中 row is <line>.<row>' }),
      years: Type.Array(Type.Object({
        year: Type.Integer(), amount: Money, actualMonths: Type.Integer({ minimum: 1, maximum: 12, description: 'fewer than 12: the year is partly actual' }),
        source: Type.Union([Type.Literal('ledger'), Type.Literal('final_accounts')], { description: 'the ledger, or the imported past final accounts (历年决算, a whole year)' }),
      })),
    })),
  })),
});
