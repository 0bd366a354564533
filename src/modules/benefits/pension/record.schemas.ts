/** API shape of a person's pension record (GET /api/pension/record; TypeBox: OpenAPI and the web's types). */
import { Type } from '@sinclair/typebox';
import { Money, Month, Nullable } from '../../../platform/http/schemas.ts';
import { TraceStep } from '../quote.schemas.ts';

const IndexText = Type.String({ description: 'exact decimal, four places: "1.2345"' });

export const PensionRecordQuery = Type.Object({
  idNumber: Type.String({ maxLength: 40, description: '公民身份号码' }),
  retirementDate: Type.String({ maxLength: 20, description: '退休日期 YYYY-MM-DD: the months up to its month, the account at the end of its year' }),
  outsideMonths: Type.Optional(Type.Integer({ minimum: 0, maximum: 1200, description: '系统外缴费月数: months paid before the agency went live on sifund' })),
  outsideAverageIndex: Type.Optional(Type.String({ maxLength: 20, description: 'the average index of the outside months (needed with them)' })),
  openingAccountBalance: Type.Optional(Type.String({ maxLength: 19, description: '个人账户建账余额 carried over from the former system, yuan' })),
}, { additionalProperties: false });

export const PensionRecord = Type.Object({
  idNumber: Type.String(),
  name: Type.String(),
  birthDate: Type.String({ description: 'YYYY-MM-DD, from the registry' }),
  gender: Type.Union([Type.Literal('male'), Type.Literal('female')]),
  regionCode: Type.String({ description: 'the person\'s region: the quote\'s pooling region (as the award quotes it)' }),
  retirementDate: Type.String(),
  months: Type.Integer({ description: 'months of enterprise pension paid in sifund up to the retirement month (a month paid by two employers once)' }),
  averageIndex: Nullable(IndexText),
  accountBalance: Money,
  years: Type.Array(Type.Object({
    year: Type.Integer(), months: Type.Integer(), baseTotal: Money, averageIndex: IndexText,
    averageWages: Type.Array(Type.Object({ value: Money, parameter: Type.String({ description: 'path@since[/region]' }), months: Type.Integer() })),
  })),
  periods: Type.Array(Type.Object({
    period: Month, base: Money, averageWage: Money, parameter: Type.String(), employers: Type.Array(Type.String({ description: 'credit codes of the employers that paid the month' })),
  })),
  quoteHistory: Type.Object({
    contributionMonths: Type.Integer(), averageIndex: IndexText, accountBalance: Money,
  }, { description: 'the quote\'s contribution months, index and account balance: the record plus the outside part of the query' }),
  trace: Type.Array(TraceStep),
});
