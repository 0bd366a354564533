/** The answer of GET /api/payments/:id: 社会保险费缴费凭证 (receipt.service.ts). TypeBox only. */
import { Type } from '@sinclair/typebox';
import { DateOnly, IdText, Money, Month, Nullable, Timestamp } from '../../../platform/http/schemas.ts';

export const PaymentReceipt = Type.Object({
  number: IdText,
  creditCode: Type.String(), employerName: Type.String(), date: DateOnly, amount: Money,
  amountInCapitals: Type.String({ description: '人民币（大写）: the amount in Chinese capitals' }),
  source: Type.Union([Type.Literal('bank_file'), Type.Literal('manual'), Type.Literal('tax')]),
  transactionId: Nullable(Type.String()), reference: Nullable(Type.String()),
  lines: Type.Array(Type.Object({
    billNumber: Type.String(), period: Month, insurance: Type.String(),
    part: Type.Union([Type.Literal('employer'), Type.Literal('employee'), Type.Literal('late_fee')]), date: DateOnly, amount: Money,
  }), { description: 'what the payment paid (before a reversal), in payment order' }),
  principal: Money, lateFee: Money, credit: Money,
  payees: Type.Array(Type.Object({
    fund: Type.String(), insurances: Type.Array(Type.String()), accountName: Type.String(),
    accountNumber: Nullable(Type.String({ description: 'the number the ledger keeps; null when none is set' })), amount: Money,
  })),
  agency: Nullable(Type.String()),
  recordedBy: Type.Object({ username: Type.String(), name: Nullable(Type.String()) }),
  recordedAt: Timestamp,
  reversed: Nullable(Type.Object({ date: DateOnly, reason: Type.String(), by: Type.String() })),
});
