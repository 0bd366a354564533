/** API shapes of the final accounts (决算) and the year-end settlement (年终清算) (TypeBox: OpenAPI and the web's types). */
import { Type } from '@sinclair/typebox';
import { DateOnly, IdText, Money, Nullable, RegionCode, Year } from '../../../platform/http/schemas.ts';
import { ReportFormatQuery } from '../../../platform/reports/http.ts';

export const FinalAccountsQuery = Type.Object({
  year: Year, region: RegionCode,
  draft: Type.Optional(Type.Boolean({ description: 'true: the current year to today, marked 草案 (a year not over is refused without it)' })),
  ...ReportFormatQuery,
}, { additionalProperties: false });

export const FinalAccountsView = Type.Object({
  year: Type.Integer(), region: Type.String(), regionName: Nullable(Type.String()),
  draft: Type.Boolean({ description: 'true: the year is not over, the figures run to today (草案)' }),
  asOf: DateOnly,
  funds: Type.Array(Type.Object({
    fund: Type.String(), name: Type.String(), region: Type.String(),
    budgetApproved: Type.Boolean({ description: 'false: the fund\'s region has no approved budget for the year (every completion rate null, no causes)' }),
    lines: Type.Array(Type.Object({
      subject: Type.String(), name: Type.String(), side: Type.Union([Type.Literal('income'), Type.Literal('expense')]),
      parentSubject: Nullable(Type.String({ description: 'a 其中 row\'s line; to add up a side take the lines without one' })),
      budget: Money, actual: Money,
      completionRate: Nullable(Type.String({ description: '完成预算%: actual ÷ budget, an exact decimal of four places; null without a budget' })),
      gap: Money,
    })),
    causes: Type.Array(Type.Object({ subject: Type.String(), text: Type.String({ description: 'the narrative of the gap, in Chinese' }) }), {
      description: 'the lines with the largest absolute gap (execution.final_accounts.causes_lines)',
    }),
  })),
});

export const SettlementQuery = Type.Object({ year: Year, region: RegionCode }, { additionalProperties: false });
export const SettlementRequest = Type.Object({
  year: Year, region: RegionCode,
  fund: Type.Optional(Type.String({ maxLength: 40, description: 'one fund; without it, every fund of the region and below not settled nor in sign-off' })),
}, { additionalProperties: false });

const Figures = Type.Object({
  openingBalance: Money, transferred: Type.String({ description: 'Dr 支出户 / Cr 财政专户 in the year, yuan' }),
  otherReceipts: Money, paid: Type.String({ description: 'paid from the 支出户 to payees in the year, yuan' }),
  returnedInYear: Money, closingBalance: Type.String({ description: 'the 支出户 at 31 December, yuan' }),
  currentBalance: Type.String({ description: 'the 支出户 now (a settlement: at its approval), yuan; unspent is at most this less committed' }),
  committed: Type.String({ description: 'payments signed off and not yet paid, yuan: stays in the 支出户' }),
  unspent: Type.String({ description: 'returned to the 财政专户 by the settling transfer, yuan' }),
});

export const SettlementsView = Type.Object({
  year: Type.Integer(), region: Type.String(), yearOver: Type.Boolean(),
  funds: Type.Array(Type.Object({
    fund: Type.String(), name: Type.String(), region: Type.String(),
    figures: Nullable(Figures),
    settlement: Nullable(Type.Object({
      ...Figures.properties, id: IdText, settledOn: DateOnly, entryId: Nullable(IdText), approvalItemId: IdText, submittedBy: Type.String(), approvedBy: Type.String(),
    })),
    proposal: Nullable(Type.Object({ approvalItemId: IdText, status: Type.String({ description: 'pending or returned' }), submittedBy: Type.String(), figures: Figures })),
  })),
});
