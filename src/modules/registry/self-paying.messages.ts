/** What the registration of self-paying contributors (个人缴费登记) says, in Chinese and English. */
import { defineFieldLabels, defineMessages } from '../../platform/messages.ts';

defineFieldLabels({
  contributorKind: ['人员类别', 'kind of contributor'],
  businessCreditCode: ['个体工商户统一社会信用代码', 'credit code of the business'],
  fromMonth: ['起始月份', 'from month'],
  baseRatio: ['缴费档次（占社平工资比例）', 'base level (share of the average wage)'],
  payerCode: ['个人缴费编号', 'payer code'],
});

export const selfPayingSaid = defineMessages('registry.selfPaying', {
  contributor: ['个人缴费人员 {payerCode}', 'self-paying contributor {payerCode}'],
  person: ['公民身份号码为 {idNumber} 的参保人员（请先办理人员登记）', 'person with ID number {idNumber} (register the person first)'],
  contributorKindChoice: ['须为 flexible（灵活就业人员）或 individual_business（无雇工的个体工商户）', 'must be flexible (a flexible worker) or individual_business (the self-employed without employees)'],
  baseRatioShape: ['须为缴费基数占社平工资的比例，至多两位小数（如 0.60、1.00、3.00）', 'must be the base as a share of the average wage, with at most two decimals (e.g. 0.60, 1.00, 3.00)'],
  baseRatioRange: ['须在 {floor} 至 {ceiling} 之间：个体工商户和灵活就业人员在社平工资的 60% 至 300% 之间选择缴费基数（国办发〔2019〕13号）',
    'must be from {floor} to {ceiling}: the self-employed and flexible workers choose a base from 60% to 300% of the average wage (国办发〔2019〕13号)'],
  baseRatioWhenStopping: ['停止缴费时不填缴费档次', 'must be left out when the contributions stop'],
  insurancesChoice: ['须为 pension（基本养老保险）、medical（职工基本医疗保险）中的一项或两项，不得重复', 'must be pension, medical or both, each once'],
  insurancesRequired: ['登记时至少选择一个险种', 'must name at least one insurance when registering'],
  businessCreditCodeRequired: ['个体工商户须填写营业执照上的统一社会信用代码', 'is required for an individual business: the credit code on its licence'],
  businessCreditCodeFlexible: ['仅个体工商户填写', 'is only for an individual business'],
  alreadyRegistered: ['{idNumber} 已办理个人缴费登记（个人缴费编号 {payerCode}）', '{idNumber} is already registered as a self-paying contributor (payer code {payerCode})'],
  fromMonthTooLate: ['不得晚于下月（{latest}）', 'must not be after next month ({latest})'],
  fromMonthBeforeFirst: ['不得早于起缴月份（{first}）', 'must not be before the first month paid ({first})'],
  nothingChanges: ['{fromMonth} 起的缴费档次和险种与所填相同，无需变更', 'the base level and insurances from {fromMonth} are already these: nothing changes'],
  resumeNeedsTerms: ['已停止缴费：恢复缴费须填写险种和缴费档次', 'the contributions have stopped: resuming needs the insurances and a base level'],
  reasonLength: ['须写明原因，2 至 500 个字', 'must say why, in 2 to 500 characters'],
});
