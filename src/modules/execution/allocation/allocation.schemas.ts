/** API shapes of the monthly allocation plans (TypeBox: OpenAPI and the web's types). */
import { Type } from '@sinclair/typebox';
import { IdText, Money, Nullable, RegionCode, Timestamp, Year } from '../../../platform/http/schemas.ts';

const Method = Type.Union([Type.Literal('even'), Type.Literal('seasonal'), Type.Literal('manual')], {
  description: 'even: 1/12 each; seasonal: the line\'s monthly shares in the ledger\'s last complete year; manual: 12 amounts per line',
});

export const AllocationQuery = Type.Object({ year: Year, region: RegionCode }, { additionalProperties: false });

export const AllocationProposal = Type.Object({
  year: Year,
  region: RegionCode,
  fund: Type.Optional(Type.String({ maxLength: 40, description: 'one fund of the budget; without it, every fund of the region\'s latest approved budget (one sign-off item each)' })),
  method: Type.String({ maxLength: 20, description: 'even | seasonal | manual' }),
  lines: Type.Optional(Type.Array(Type.Object({
    fund: Type.Optional(Type.String({ maxLength: 40, description: 'the line\'s fund (default: the proposal\'s fund)' })),
    subject: Type.String({ maxLength: 80, description: 'the expense line: benefit_expense, benefit_expense.basic_pension (a 其中 row)…' }),
    months: Type.Array(Type.String({ maxLength: 19 }), { maxItems: 24, description: 'January to December, yuan: "1234.56"' }),
  }, { additionalProperties: false }), { maxItems: 400, description: 'manual only: every expense line of each fund with its 12 monthly amounts' })),
}, { additionalProperties: false });

const PlanLine = Type.Object({
  subject: Type.String(), name: Type.String(), parentSubject: Nullable(Type.String()), amount: Money,
  split: Type.Union([Type.Literal('even'), Type.Literal('seasonal'), Type.Literal('manual')], { description: 'how this line was split: a seasonal plan\'s line without movement in the basis year is even' }),
  basisYear: Nullable(Type.Integer({ description: 'the ledger year of the seasonal shares' })),
  months: Type.Array(Money, { description: 'January to December' }),
});

export const AllocationPlans = Type.Object({
  year: Type.Integer(), region: Type.String(),
  versionId: Nullable(IdText),
  funds: Type.Array(Type.Object({
    fund: Type.String(),
    plan: Nullable(Type.Object({
      id: IdText, method: Method, supersedes: Nullable(IdText), proposedBy: Type.String(), approvedBy: Type.String(), approvedAt: Timestamp,
      approvalItemId: IdText, lines: Type.Array(PlanLine),
    })),
    proposal: Nullable(Type.Object({
      approvalItemId: IdText, status: Type.String({ description: 'pending or returned' }), method: Method, submittedBy: Type.String(), lines: Type.Array(PlanLine),
    })),
  })),
});
