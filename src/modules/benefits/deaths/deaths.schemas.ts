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
  status: Type.Union(overpaymentStatusValues.map((s) => Type.Literal(s))),
});
export const OverpaymentList = ListAnswer(Overpayment);

export const RecoveryBody = Type.Object({
  recoveryMethod: Type.Union([Type.Literal('refund'), Type.Literal('instalment'), Type.Literal('offset')], { description: 'refund (退款) or an instalment received (分期); offset (抵扣) is not yet available' }),
  amount: Yuan, recoveredOn: DateText, reference: Type.String({ minLength: 1, maxLength: 100, description: 'the bank slip or the instalment agreement number' }),
}, { additionalProperties: false });
