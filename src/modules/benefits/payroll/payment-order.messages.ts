/** What the one-off benefit payment orders say (中文 for agency staff, English). */
import { defineFieldLabels, defineMessages } from '../../../platform/messages.ts';

defineFieldLabels({
  payeeName: ['收款人姓名', 'payee name'],
  payeeIdNumber: ['收款人公民身份号码', 'payee ID number'],
  benefitType: ['待遇类别', 'benefit type'],
  paymentOrderId: ['待遇支付单', 'benefit payment order'],
});

export const paymentOrderSaid = defineMessages('paymentOrder', {
  title: ['一次性待遇支付：{benefit} {amount} 元（{payee}，{reason}）', 'One-off benefit payment: {benefit} {amount} ({payee}, {reason})'],
  transferPurpose: ['一次性待遇支付 {reference}（{benefit}，收款人 {payee}）', 'one-off benefit payment {reference} ({benefit}, payee {payee})'],
  transferTitle: ['用款申请：{fund} 一次性待遇支付 {reference} {amount} 元', 'Fund transfer request: {fund} one-off benefit payment {reference}, {amount}'],
  pooledTransferPurpose: ['{period} {what}（{orders} 笔支付单）', '{period} {what} ({orders} payment orders)'],
  pooledTransferTitle: ['用款申请：{fund} {period} {what} {orders} 笔 {amount} 元', 'Fund transfer request: {fund} {period} {what}, {orders} orders, {amount}'],
  benefitUnknown: ['{fund} 的会计科目中没有待遇类别 {benefitType}', 'the chart has no benefit type {benefitType} for {fund}'],
  alreadyOrdered: ['已有待遇支付单 {reference}（{status}），不能重复支付', 'a payment order {reference} ({status}) exists already: it is not paid twice'],
  orderNotFound: ['待遇支付单 {id}', 'benefit payment order {id}'],
  nameNeeded: ['须填写收款人姓名', 'the payee\'s name is needed'],
  offsetMemo: ['{reference} 抵扣多发待遇 {amount} 元（社会保险经办条例第四十六条）', '{reference}: {amount} of overpaid benefits offset (社会保险经办条例 art. 46)'],
  paidMemo: ['{reference} {benefit} 银行代发成功（收款人 {payee}）', '{reference} {benefit} paid by the bank (payee {payee})'],
  statusPending: ['待审核', 'in sign-off'],
  statusApproved: ['已审批待拨付', 'approved, awaiting funds'],
  statusFunded: ['已拨付待报盘', 'funded, awaiting the bank file'],
  statusSent: ['已报盘待回盘', 'sent to the bank'],
  statusPaid: ['已支付', 'paid'],
  statusReturned: ['退回待重发', 'returned, sent again next'],
  statusCancelled: ['已撤销', 'cancelled'],
});

export const offsetSaid = defineMessages('benefitOffset', {
  noPensionToOffset: ['该人员未领取 {fund} 支付的养老金，无法从待遇中抵扣：请登记退款追回', 'the person draws no pension from {fund}: nothing to offset against, record a refund instead'],
});
