/** The OpenAPI shapes of the quotes (POST /api/pension/quote, POST /api/unemployment/quote). */
import { Type } from '@sinclair/typebox';
import { Money, Month, Nullable, RegionCode } from '../../platform/http/schemas.ts';

const DateText = Type.String({ description: 'YYYY-MM-DD' });
const Months = Type.Integer({ minimum: 0, maximum: 1200, description: 'months' });
const DecimalText = Type.String({ description: 'exact decimal, e.g. "1.2"' });
const YuanText = Type.String({ description: 'yuan, at most two decimals: "1234.56"' });

export const TraceStep = Type.Object({
  step: Type.String({ description: 'the step (input, statutoryRetirementAge, basicPension, …)' }),
  name: Type.Optional(Type.String({ description: 'the input field or the part of the step' })),
  value: Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]),
  formula: Type.Optional(Type.String({ description: 'how the figure was worked out' })),
  reference: Type.Optional(Type.String({ description: 'the legal source' })),
  parameter: Type.Optional(Type.String({ description: 'the dated parameter: path@since[/region]' })),
});

export const PensionQuoteInput = Type.Object({
  region: Type.Optional(RegionCode),
  birthDate: DateText,
  gender: Type.Union([Type.Literal('male'), Type.Literal('female')]),
  category: Type.Optional(Type.Union([Type.Literal('worker'), Type.Literal('cadre')], { description: 'women only; worker when absent' })),
  retirementDate: DateText,
  contributionMonths: Months,
  deemedMonths: Type.Optional(Months),
  averageIndex: DecimalText,
  averageWage: Type.Optional(YuanText),
  accountBalance: YuanText,
}, { additionalProperties: false });

const YearsMonths = Type.Object({ years: Type.Integer(), months: Type.Integer() });

export const PensionQuote = Type.Object({
  eligible: Type.Boolean(),
  reasons: Type.Array(Type.String(), { description: 'why not eligible, in the language of Accept-Language' }),
  statutoryRetirementAge: YearsMonths,
  statutoryRetirementMonth: Month,
  retirementAge: YearsMonths,
  divisor: Type.Number({ description: 'annuity divisor (计发月数)' }),
  basicPension: Money,
  accountPension: Money,
  transitionalPension: Money,
  total: Money,
  trace: Type.Array(TraceStep),
});

export const UnemploymentQuoteInput = Type.Object({
  region: Type.Optional(RegionCode),
  contributionMonths: Months,
  separationReason: Type.Union([Type.Literal('involuntary'), Type.Literal('voluntary')]),
  separationDate: DateText,
  unusedMonths: Type.Optional(Months),
}, { additionalProperties: false });

export const UnemploymentQuote = Type.Object({
  eligible: Type.Boolean(),
  reasons: Type.Array(Type.String()),
  months: Type.Integer({ description: 'months of benefit (领取期限)' }),
  monthlyAmount: Nullable(Money),
  trace: Type.Array(TraceStep),
});
