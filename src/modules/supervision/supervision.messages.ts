/** What the inspections say (中文 for agency staff, English): the imports' row problems, the rules' names, the run. */
import { defineFieldLabels, defineMessages } from '../../platform/messages.ts';

defineFieldLabels({
  wage: ['工资收入', 'wage'],
  claimId: ['结算单号', 'claim id'],
  institution: ['定点医药机构编码', 'institution code'],
  admitted: ['入院日期', 'date admitted'],
  discharged: ['出院日期', 'date discharged'],
  item: ['收费项目', 'item'],
  quantity: ['数量', 'quantity'],
  rule: ['稽核规则', 'detection rule'],
});

export const supervisionSaid = defineMessages('supervision', {
  // imports
  periodShape: ['须为 YYYY-MM 格式的所属期，实为“{text}”', 'must be a period YYYY-MM, got "{text}"'],
  periodInFuture: ['所属期 {period} 晚于本月', 'the period {period} is after this month'],
  employerUnknown: ['本经办机构范围内没有此统一社会信用代码的参保单位', 'no employer with this credit code in your scope'],
  personUnknown: ['本经办机构范围内没有此公民身份号码的参保人', 'no insured person with this ID number in your scope'],
  negativeAmount: ['不得为负数', 'must not be negative'],
  duplicateInFile: ['与第 {row} 行为同一所属期、单位和人员，工资不一致', 'the same period, employer and person as row {row} with another wage'],
  otherWageRecorded: ['已导入该所属期工资 {recorded} 元（导入批次 {importId}），与本行不一致，请核实', 'a wage of {recorded} for this period is recorded already (import {importId}): check it'],
  institutionShape: ['须为 1 至 40 位字母或数字，实为“{text}”', 'must be 1 to 40 letters or digits, got "{text}"'],
  quantityShape: ['须为大于 0、至多两位小数的数，实为“{text}”', 'must be a number above 0 with at most two decimals, got "{text}"'],
  dischargedBeforeAdmitted: ['出院日期 {discharged} 早于入院日期 {admitted}', 'discharged on {discharged}, before the admission on {admitted}'],
  dateInFuture: ['日期 {date} 晚于今天', 'the date {date} is after today'],
  claimDiffers: ['同一结算单的患者或住院日期与第 {row} 行不一致', 'the patient or the stay differs from row {row} of the same claim'],
  claimImported: ['该结算单已导入（导入批次 {importId}）', 'this claim is imported already (import {importId})'],
  // rules
  ruleUnknown: ['没有名为“{rule}”的稽核规则，可选：{rules}', 'no detection rule named "{rule}": one of {rules}'],
  baseUnderreporting: ['少报缴费基数（申报基数低于税务工资）', 'Base under-reporting (declared base below the tax wage)'],
  headcountUnderreporting: ['少报参保人数（税务申报工资人员未参保）', 'Headcount under-reporting (persons on the tax file not enrolled)'],
  paidAfterDeath: ['死亡后继续发放养老金', 'Pension paid after death'],
  unemploymentWhileEmployed: ['就业期间领取失业保险金', 'Unemployment benefit paid while employed'],
  splitAdmission: ['分解住院（出院后短期内再次入院）', 'Split admission (readmitted soon after discharge)'],
  doubleEnrolment: ['重复参保（同月在两家单位参加职工养老保险）', 'Double enrolment (employee pension at two employers in the same month)'],
  repeatCharging: ['重复收费（同一结算单重复收取同一项目）', 'Repeat charging (the same item charged again on one claim)'],
  identityMismatch: ['项目与性别、年龄不符', 'Item not for the patient\'s sex or age'],
  bedHolding: ['挂床住院（住院期间日均收费项目过少）', 'Bed-holding (too few items per inpatient day)'],
  // the run
  runTitle: ['稽核规则运行：{rules}', 'Detection rules run: {rules}'],
});
