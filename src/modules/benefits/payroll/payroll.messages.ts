/** What the pension awards, the payroll, the transfer requests and the bank files say (中文 for agency staff, English). */
import { defineFieldLabels, defineMessages } from '../../../platform/messages.ts';

defineFieldLabels({
  bankAccount: ['社会保障卡金融账户', 'bank account'],
  quote: ['待遇测算结果', 'pension quote'],
});

export const awardSaid = defineMessages('pensionAward', {
  personUnknown: ['未找到公民身份号码为 {idNumber} 的参保人', 'no insured person with ID number {idNumber}'],
  liveAwardExists: ['{idNumber} 已有{status}的养老金待遇（核定于 {awardedOn}），不能重复核定', '{idNumber} already has a {status} pension award (awarded {awardedOn}): a second one is refused'],
  notEligible: ['测算结果为不符合领取条件：{reasons}', 'the quote says the person is not eligible: {reasons}'],
  partsDoNotAdd: ['基础养老金 {basic} + 个人账户养老金 {account} + 过渡性养老金 {transitional} 之和应为合计 {total}', 'basic {basic} + account {account} + transitional {transitional} must add up to the total {total}'],
  totalAboveZero: ['月养老金须大于零', 'the monthly pension must be above zero'],
  bankAccountShape: ['须为 8–40 位数字', 'must be 8–40 digits'],
  noFund: ['{region} 所在统筹区没有{scheme}基本养老保险基金', 'no {scheme} pension fund pools the region {region}'],
  schemeEnterprise: ['企业职工', 'enterprise employees\''],
  schemePublic: ['机关事业单位', 'public institutions\''],
  statusActive: ['正常发放', 'active'],
  statusSuspended: ['暂停发放', 'suspended'],
  statusStopped: ['终止发放', 'stopped'],
});

export const payrollSaid = defineMessages('payroll', {
  noFunds: ['{region} 范围内没有可发放养老金的基金（无在发待遇）', 'no pension fund with active awards in {region}'],
  noBatches: ['{period} 尚未计算养老金发放（请先执行 sifund payroll run --period {period}）', 'no pension payroll for {period} yet (run sifund payroll run --period {period} first)'],
  nothingToPay: ['{fund} 无待报盘的支付（{period} 无养老金发放批次，也无已拨付的待遇支付单）', 'nothing to pay for {fund}: no payroll for {period} and no funded payment order'],
  stepMissing: ['{fund} {period} 养老金发放批次{step}，不能生成银行代发文件', 'the pension payroll of {fund} for {period} is {step}: no bank file yet'],
  stepComputing: ['未计算完成', 'still computing'],
  stepNotReviewed: ['未复核', 'not reviewed (复核)'],
  stepNotApproved: ['未审批', 'not approved (审批)'],
  stepNotFunded: ['未拨付（用款申请未经财政审核）', 'not funded (the 用款申请 transfer request is not approved by finance)'],
  stepReturned: ['已被退回，待经办修改后重新提交', 'returned to the drafter'],
  specialAccountShort: ['财政专户余额 {balance} 元不足以拨付 {amount} 元（基金 {fund}）', 'the fiscal special account (财政专户) holds {balance}, less than the transfer of {amount} (fund {fund})'],
  expenseAccountShort: ['支出户余额 {balance} 元不足以支付 {amount} 元（基金 {fund}），请先办理用款申请', 'the expense account (支出户) holds {balance}, less than the payments of {amount} (fund {fund}): the transfer request comes first'],
  batchNotFound: ['养老金发放批次 {id}', 'pension payroll batch {id}'],
  referenceUnknown: ['没有此发放流水号的发放记录', 'no payroll line has this reference'],
  lineNotSent: ['该笔发放不在已报盘待回盘状态（当前：{status}）', 'this payment is not waiting for a bank result (its status: {status})'],
  alreadyPaid: ['该笔发放已于 {paidOn} 支付成功，不能再标记为退回', 'this payment was paid on {paidOn}: it cannot be returned now'],
  returnNeedsReason: ['退回须注明原因', 'a returned payment needs its reason'],
  duplicateInFile: ['与第 {row} 行的发放流水号重复', 'the same reference as row {row}'],
  returnedTooOften: ['累计退回 {count} 次，暂停发放（最后一次：{reason}）', 'returned {count} times: the pension is suspended (last: {reason})'],
  transferPurpose: ['{period} 基本养老金发放（批次 {batch}，{payees} 人，应发 {total} 元，抵扣多发待遇 {offset} 元，支出户结余支付 {fromExpenseAccount} 元）', '{period} pension payroll (batch {batch}, {payees} payees, {total} due, {offset} kept back against overpayments, {fromExpenseAccount} paid from the expense account balance)'],
  offsetMemo: ['{period} 基本养老金发放抵扣多发待遇 {amount} 元', '{period} pension payroll: {amount} kept back against overpaid benefits'],
  offsetNoLongerOwed: ['发放流水号 {reference} 计算时抵扣 {offset} 元，现仅有 {owed} 元可抵扣', 'payment {reference} was computed keeping back {offset}, but only {owed} can be kept back now'],
  transferTitle: ['用款申请 {fund} {period} 基本养老金发放 {amount} 元', 'transfer request {fund} {period} pension payroll {amount}'],
  payrollTitle: ['{fund} {period} 基本养老金发放 {payees} 人 {amount} 元', '{fund} {period} pension payroll: {payees} payees, {amount}'],
});
