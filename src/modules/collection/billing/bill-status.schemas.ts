/**
 * The settlement fields of a bill in the API (bill-status.service.ts): its status, paid, outstanding and payments, and
 * each item's paid and outstanding. TypeBox only (the web takes the types from here).
 */
import { Type } from '@sinclair/typebox';
import { DateOnly, IdText, Money } from '../../../platform/http/schemas.ts';

export const BillStatusName = Type.Union([Type.Literal('unpaid'), Type.Literal('partial'), Type.Literal('paid'), Type.Literal('overdue')], {
  description: 'unpaid 未缴 (nothing paid, due date not passed), partial 部分缴纳, paid 已缴清, overdue 逾期 (not paid in full after the due date)',
});

export const BillPayment = Type.Object({
  paymentId: IdText, date: DateOnly, amount: Money, lateFee: Money,
  reversed: Type.Boolean({ description: 'the payment was reversed (冲正): it pays nothing any more' }),
});

/** Spread into the bill item's schema. */
export const itemSettlementFields = {
  paid: Money, outstanding: Money,
};

/** Spread into the bill's schema. */
export const billSettlementFields = {
  status: BillStatusName,
  paid: Money,
  outstanding: Type.String({ description: 'yuan: 应缴未缴 before the due date, 欠费 after it' }),
  payments: Type.Array(BillPayment),
};
