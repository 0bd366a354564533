/** API shapes of the death registry import and the overpayments (TypeBox: OpenAPI and the web's types). */
import { Type } from '@sinclair/typebox';
import { DateText, IdText, Money, Nullable, Yuan } from '../../../platform/http/schemas.ts';
import { ListAnswer } from '../../../platform/http/lists.schemas.ts';

export const overpaymentStatusValues = ['open', 'recovered'] as const;

export const DeathImport = Type.Object({
  importId: IdText, sha256: Type.String(), alreadyImported: Type.Boolean(),
  rows: Type.Integer(), recorded: Type.Integer({ description: 'deaths recorded by this file' }), alreadyRecorded: Type.Integer({ description: 'deaths recorded before on the same date' }),
  suspended: Type.Integer({ description: 'awards suspended from the month after death' }),
  overpayments: Type.Integer({ description: 'overpayments opened for months paid after death (待遇追回)' }), overpaidAmount: Money,
  funeralGrants: Money, survivorPensions: Money,
});

export const Overpayment = Type.Object({
  id: IdText, idNumber: Type.String(), name: Type.String(), regionCode: Type.String(), awardId: IdText, cause: Type.String(), dateOfDeath: Nullable(Type.String()),
  periods: Type.Array(Type.String(), { description: 'the months paid that were not owed' }), amount: Money, recovered: Money, outstanding: Money,
  pending: Money,
  status: Type.Union(overpaymentStatusValues.map((s) => Type.Literal(s))),
});
export const OverpaymentList = ListAnswer(Overpayment);

export const RecoveryBody = Type.Object({
  recoveryMethod: Type.Union([Type.Literal('refund'), Type.Literal('instalment')], { description: 'refund (退款) or an instalment received (分期); an offset (抵扣) is recorded by the approval of a benefit payment order' }),
  amount: Yuan, recoveredOn: DateText, reference: Type.String({ minLength: 1, maxLength: 100, description: 'the bank slip or the instalment agreement number' }),
}, { additionalProperties: false });

export const entitlementStatusValues = ['pending', 'paid'] as const;

/** 遗属待遇: the survivors' funeral grant or survivor pension recorded on a death, with its payment order. */
export const Entitlement = Type.Object({
  id: IdText, idNumber: Type.String({ description: 'the deceased\'s' }), name: Type.String(), regionCode: Type.String(), awardId: IdText, fund: Type.String(), dateOfDeath: Type.String(),
  kind: Type.Union([Type.Literal('funeral_grant'), Type.Literal('survivor_pension')]), amount: Money, status: Type.Union(entitlementStatusValues.map((s) => Type.Literal(s))),
  orderReference: Nullable(Type.String({ description: 'the payment order (DC<id>) not cancelled, if any' })), orderStatus: Nullable(Type.String()),
});
export const EntitlementList = ListAnswer(Entitlement);

export const EntitlementPaymentBody = Type.Object({
  payeeName: Type.String({ minLength: 1, maxLength: 100, description: '收款人姓名 (the survivor paid)' }),
  payeeIdNumber: Type.String({ minLength: 18, maxLength: 18, description: '收款人公民身份号码' }),
  bankAccount: Type.String({ minLength: 8, maxLength: 40, description: '收款人银行账号 (8–40 digits)' }),
}, { additionalProperties: false });
