/** Answers and bodies of the dunning routes. TypeBox only (the web takes the types from here). */
import { Type } from '@sinclair/typebox';
import { DateOnly, IdText, Money, Month, Nullable, Timestamp } from '../../../platform/http/schemas.ts';

export const NoticeKindName = Type.Union([Type.Literal('reminder'), Type.Literal('order')], { description: 'reminder 催缴通知书; order 限期缴纳通知书 (with a deadline)' });
export const DeliveryMethodName = Type.Union([Type.Literal('direct'), Type.Literal('mail'), Type.Literal('electronic')], { description: '直接送达, 邮寄送达, 电子送达' });
export const WaiverGroundName = Type.Union([Type.Literal('force_majeure'), Type.Literal('reconsideration')], {
  description: 'force_majeure 不可抗力; reconsideration 行政复议决定或者人民法院裁判撤销、变更 (社会保险法 第八十六条 has no general waiver)',
});

export const InstalmentStateName = Type.Union([Type.Literal('paid'), Type.Literal('paid_late'), Type.Literal('overdue'), Type.Literal('not_due')], {
  description: 'paid 按期缴纳; paid_late 逾期后补缴; overdue 逾期未缴; not_due 未到期',
});
export const AgreementStateName = Type.Union([Type.Literal('performing'), Type.Literal('completed'), Type.Literal('defaulted')], { description: 'performing 履行中; completed 已履行完毕; defaulted 未按期缴纳' });

export const Delivery = Type.Object({ id: IdText, method: DeliveryMethodName, deliveredOn: DateOnly, recipient: Type.String(), note: Nullable(Type.String()), recordedBy: Type.String() });

/** 催缴通知书 / 限期缴纳通知书 as issued, with its deliveries. */
export const DunningNotice = Type.Object({
  id: IdText, number: Type.String(), kind: NoticeKindName, creditCode: Type.String(), employerName: Type.String(), regionCode: Type.String(), asOf: DateOnly,
  principal: Money, lateFee: Money, total: Money,
  periods: Type.Array(Type.Object({ period: Month, dueDate: DateOnly, daysOverdue: Type.Integer(), principal: Money, lateFee: Money })),
  deadline: Nullable(DateOnly), issuedBy: Type.String(), issuedAt: Timestamp, deliveries: Type.Array(Delivery),
});

export const EmployerDunning = Type.Object({
  creditCode: Type.String(),
  notices: Type.Array(DunningNotice),
  instalmentAgreements: Type.Array(Type.Object({
    id: IdText, approvalItemId: IdText, asOf: DateOnly, principal: Money, reason: Type.String(), approvedBy: Type.String(),
    instalments: Type.Array(Type.Object({ dueDate: DateOnly, amount: Money, state: InstalmentStateName })),
    paidToDate: Money,
    state: AgreementStateName,
  })),
  lateFeeWaivers: Type.Array(Type.Object({ id: IdText, approvalItemId: IdText, asOf: DateOnly, amount: Money, ground: WaiverGroundName, document: Type.String(), approvedBy: Type.String() })),
});
