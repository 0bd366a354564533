/** What the death registry import, the overpayments and their recoveries say (中文 for agency staff, English). */
import { defineFieldLabels, defineMessages } from '../../../platform/messages.ts';

defineFieldLabels({
  dateOfDeath: ['死亡日期', 'date of death'],
  overpaymentId: ['待遇追回记录', 'overpayment'],
  recoveredOn: ['追回日期', 'date recovered'],
  recoveryMethod: ['追回方式', 'recovery method'],
  entitlementId: ['遗属待遇', 'survivors\' entitlement'],
});

export const deathSaid = defineMessages('pensionDeath', {
  personUnknown: ['本经办机构范围内没有此公民身份号码的参保人', 'no insured person with this ID number in your scope'],
  inFuture: ['死亡日期 {date} 晚于今天', 'the date of death {date} is after today'],
  duplicateInFile: ['与第 {row} 行的公民身份号码重复', 'the same ID number as row {row}'],
  otherDateRecorded: ['已登记死亡日期为 {recorded}（导入批次 {importId}），与本行 {date} 不一致，请核实后更正', 'a date of death {recorded} is recorded already (import {importId}), not {date}: check and correct it first'],
  suspendedReason: ['死亡（{date}），自 {month} 起停发养老金', 'died on {date}: the pension stops from {month}'],
  overpaymentUnknown: ['待遇追回记录 {id}', 'overpayment {id}'],
  alreadyRecovered: ['该笔待遇已全部追回', 'this overpayment is recovered in full already'],
  moreThanOutstanding: ['追回金额 {amount} 元超过尚欠 {outstanding} 元', 'the amount {amount} is more than the {outstanding} still owed'],
  keptBackByPayroll: ['追回金额 {amount} 元超过可登记的 {available} 元：其余已在待审批的养老金发放中抵扣', 'the amount {amount} is more than the {available} that can be recorded: the rest is kept back by a pension payroll awaiting approval'],
  offsetByOrder: ['抵扣在一次性待遇支付单审批通过时自动办理，无需登记', 'an offset is recorded by itself when a benefit payment order is approved'],
  entitlementUnknown: ['遗属待遇记录 {id}', 'survivors\' entitlement {id}'],
  entitlementPaid: ['该项遗属待遇已支付', 'this entitlement is paid already'],
  funeralGrant: ['丧葬补助金', 'funeral grant'],
  survivorPension: ['抚恤金', 'survivor pension'],
  entitlementReason: ['{kind}（{name} 于 {date} 死亡）', '{kind} ({name} died on {date})'],
  referenceNeeded: ['须填写缴款凭证号或分期协议号', 'the bank slip or instalment agreement number is needed'],
  recoveredInFuture: ['到账日期 {date} 晚于今天', 'the date received {date} is after today'],
  recoveryTitle: ['待遇追回到账 {amount} 元：{name}（{method}，凭证 {reference}）', 'Overpaid benefit recovered, {amount} yuan: {name} ({method}, reference {reference})'],
  recoveryMemo: ['待遇追回到账 {name}（{method}，凭证 {reference}，审核事项 {item}）', 'overpaid benefit recovered from {name} ({method}, reference {reference}, sign-off item {item})'],
  refund: ['退款', 'refund'],
  instalment: ['分期退回', 'instalment'],
});
