/** API shapes of pension awards and the payroll (TypeBox: OpenAPI responses and the web's types). */
import { Type } from '@sinclair/typebox';
import { DateOnly, IdText, Money, Month, Nullable, Timestamp } from '../../../platform/http/schemas.ts';
import { ListAnswer } from '../../../platform/http/lists.schemas.ts';
import { awardStatuses, batchStatuses, lineStatuses, paymentOrderStatuses, stopCauses } from './payroll.statuses.ts';

const literals = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)));

export { AwardRequestBody } from '../awards/awards.schemas.ts';
import { Overpayment } from '../deaths/deaths.schemas.ts';

export const Award = Type.Object({
  id: IdText, personId: IdText, idNumber: Type.String(), name: Type.String(), regionCode: Type.String(), fund: Type.String(),
  scheme: Type.Union([Type.Literal('enterprise'), Type.Literal('public')]), awardedOn: DateOnly, firstPeriod: Month,
  monthlyAmount: Money, basicPension: Money, accountPension: Money, transitionalPension: Money,
  status: literals(awardStatuses), statusReason: Nullable(Type.String()),
});
export const AwardList = ListAnswer(Award);

/** 养老金发放账户变更: a request to pay the award into another account, with its sign-off status. */
export const AccountChange = Type.Object({
  id: IdText, awardId: IdText, from: Type.String(), to: Type.String(), reason: Type.String(),
  status: literals(['submitted', 'approved', 'returned', 'cancelled'] as const), approvalItemId: IdText,
  requestedBy: Type.String(), requestedAt: Type.String(), approvedBy: Nullable(Type.String()), approvedAt: Nullable(Type.String()),
});
export const AccountChangeBody = Type.Object({
  bankAccount: Type.String({ description: 'the new 社会保障卡金融账户: 8 to 40 digits, not the current one' }),
  reason: Type.String({ description: '变更原因, 2 to 500 characters (e.g. the bank returned the payment: account closed)' }),
}, { additionalProperties: false });

/** 待遇详情: the award, its dated amounts, its events, its latest months of payroll and its overpayments. */
export const AwardDetail = Type.Object({
  award: Award,
  amounts: Type.Array(Type.Object({ effectivePeriod: Month, monthlyAmount: Money, increase: Money, adjustmentRun: Nullable(IdText) }),
    { description: 'the amounts in force from a month (养老金调整, corrections); before the first, the award\'s own' }),
  events: Type.Array(Type.Object({ event: literals(['suspended', 'resumed', 'stopped', 'amount_changed'] as const), effectivePeriod: Month, happenedOn: DateOnly, reason: Type.String(), recordedBy: Type.String() })),
  payments: Type.Array(Type.Object({
    period: Month, batch: IdText, reference: Type.String(), amount: Money, amountOffset: Money, status: literals(lineStatuses), paidOn: Nullable(DateOnly), returnCount: Type.Integer(), reason: Nullable(Type.String()),
  }), { description: 'the latest 36 months of the payroll, newest first' }),
  overpayments: Type.Array(Overpayment),
  account: Type.Object({
    bankAccount: Type.String({ description: '社会保障卡金融账户 the pension is paid into (masked as lists mask for whoever sees lists masked)' }),
    changes: Type.Array(AccountChange, { description: '养老金发放账户变更 requests, newest first' }),
  }),
});

export const AwardResumeBody = Type.Object({
  effectivePeriod: Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', maxLength: 7, description: 'the month paid again from (YYYY-MM), at the latest next month' }),
  reason: Type.String({ minLength: 2, maxLength: 500, description: '恢复发放的原因 (e.g. 领取资格认证已通过, 银行账户已更正)' }),
}, { additionalProperties: false });

export const AwardStopBody = Type.Object({
  effectivePeriod: Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', maxLength: 7, description: 'the first month not owed (YYYY-MM): months paid from it on become an overpayment to recover' }),
  cause: literals(stopCauses),
  reason: Type.String({ minLength: 2, maxLength: 500, description: '终止发放的原因' }),
}, { additionalProperties: false });

export const AwardStatusChange = Type.Object({
  awardId: IdText, action: Type.Union([Type.Literal('resume'), Type.Literal('stop')]), effectivePeriod: Month, status: literals(awardStatuses),
  approvalItemId: Nullable(Type.String({ description: 'the sign-off item when the action goes through sign-off (benefits.award_status.<action> = signoff): the status moves on its final approval' })),
  overpayment: Nullable(Type.Object({ id: IdText, periods: Type.Array(Month), amount: Money }, { description: 'months already paid from the stop\'s month on, to recover (待遇追回)' })),
});

export const Batch = Type.Object({
  id: IdText, fund: Type.String(), regionCode: Type.String(), period: Month, status: literals(batchStatuses), payees: Type.Integer(), total: Money,
  offset: Type.String({ description: 'yuan: what the lines keep back against overpaid benefits (待遇抵扣, 社会保险经办条例 第四十六条)' }),
  payable: Type.String({ description: 'yuan: what the bank pays, total − offset' }),
  jobId: IdText, approvalItemId: Nullable(IdText), transferRequestId: Nullable(IdText), createdBy: Type.String(), createdAt: Timestamp,
});
export const BatchList = ListAnswer(Batch);

export const Line = Type.Object({
  reference: Type.String(), idNumber: Type.String(), name: Type.String(), amount: Money,
  amountOffset: Type.String({ description: 'yuan: kept back against the pensioner\'s overpaid benefits; the bank pays amount − amountOffset' }), status: literals(lineStatuses),
  returnCount: Type.Integer(), reason: Nullable(Type.String()), paidOn: Nullable(DateOnly),
});
export const BatchDetail = Type.Object({ batch: Batch, lines: ListAnswer(Line) });

export const PayrollSummary = Type.Object({
  period: Month, payees: Type.Integer(), total: Money,
  status: Type.Union([literals(batchStatuses), Type.Literal('none')], { description: 'the least advanced status of the period\'s batches; none without a batch' }),
  batches: Type.Array(Batch),
});

export const BankResult = Type.Object({
  importId: IdText, sha256: Type.String(), alreadyImported: Type.Boolean(),
  rows: Type.Integer(), paid: Type.Integer(), returned: Type.Integer(), alreadyRecorded: Type.Integer(), paidAmount: Money,
  suspended: Type.Integer({ description: 'awards suspended for too many returns' }), entries: Type.Integer({ description: 'expense entries posted' }),
});

/** 一次性待遇支付单: a benefit paid once through the payroll's bank path (payment-order.service.ts). */
export const PaymentOrder = Type.Object({
  id: IdText, reference: Type.String({ description: 'DC<id>: the bank file\'s reference' }), regionCode: Type.String(), fund: Type.String(),
  benefitType: Type.String({ description: 'the chart\'s benefit type (funeral_and_survivor_grant, …)' }), subjectCode: Type.String({ description: 'its 社会保险待遇支出 account' }),
  amount: Money, amountOffset: Type.String({ description: 'yuan: open overpayments offset on approval (社会保险经办条例 第四十六条)' }), amountPayable: Money,
  payeeName: Type.String(), payeeIdNumber: Type.String(), bankAccount: Type.String(), reason: Type.String(), sourceType: Type.String(), sourceId: IdText,
  sourcePart: Type.String({ description: 'which part of the record it pays: a claim\'s amount (funeral_grant, …) or month (unemployment_benefit:YYYY-MM); empty for a record paid whole' }),
  status: literals(paymentOrderStatuses), returnCount: Type.Integer(), returnReason: Nullable(Type.String()), paidOn: Nullable(DateOnly),
  approvalItemId: Nullable(IdText), transferRequestId: Nullable(IdText),
});

export { lineStatuses, awardStatuses };
