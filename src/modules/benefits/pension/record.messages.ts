/** What the pension record says: the steps of its trace, its fields, and why a record or an award built on it is refused. */
import { defineFieldLabels, defineMessages } from '../../../platform/messages.ts';

defineFieldLabels({
  outsideMonths: ['系统外缴费月数（outsideMonths）', 'outsideMonths'],
  outsideAverageIndex: ['系统外平均缴费指数（outsideAverageIndex）', 'outsideAverageIndex'],
  outsideNote: ['系统外缴费说明（outsideNote）', 'outsideNote'],
  openingAccountBalance: ['个人账户建账余额（openingAccountBalance）', 'openingAccountBalance'],
  'input.recordMonths': ['参保记录缴费月数（input.recordMonths）', 'input.recordMonths'],
  'input.recordAverageIndex': ['参保记录平均缴费指数（input.recordAverageIndex）', 'input.recordAverageIndex'],
  'input.recordAccountBalance': ['参保记录个人账户储存额（input.recordAccountBalance）', 'input.recordAccountBalance'],
  'input.contributionMonths': ['累计缴费月数（input.contributionMonths）', 'input.contributionMonths'],
  'input.averageIndex': ['平均缴费工资指数（input.averageIndex）', 'input.averageIndex'],
  'input.accountBalance': ['个人账户储存额（input.accountBalance）', 'input.accountBalance'],
});

/** The steps of a pension record's trace, by their name. */
export const recordSteps = defineMessages('benefits.recordStep', {
  baseAverageWage: ['核定缴费基数所用社平工资', 'average wage of the base limits'],
  yearIndex: ['年度缴费指数', 'index of the year'],
  recordMonths: ['系统内实缴月数', 'months paid in sifund'],
  recordIndex: ['系统内平均缴费指数', 'average index in sifund'],
  accountInterest: ['个人账户利息（未结息年度）', 'account interest of a year not yet credited'],
  accountBalance: ['个人账户储存额', 'individual account balance'],
});
export type RecordStepName = keyof typeof recordSteps;

export const recordSaid = defineMessages('benefits.record', {
  idNumberShape: ['须为 18 位公民身份号码（17 位数字加 1 位数字或 X），实为“{text}”', 'must be an 18-character ID number (17 digits and a digit or X), got "{text}"'],
  personUnknown: ['您的数据权限范围内没有公民身份号码为 {idNumber} 的参保人', 'no insured person with ID number {idNumber} in your data scope'],
  outsideIndexNeeded: ['填写了系统外缴费月数时必填（系统外月份的平均缴费指数，取自原系统或人事档案）', 'is needed with outsideMonths (the average index of the months outside sifund, from the former system or the personnel file)'],
  outsideNoteNeeded: ['填写了系统外缴费月数时须说明来源（2–200 字）', 'outsideMonths need a note of their source (2–200 characters)'],
  recordChanged: ['为 {sent}，参保记录现为 {record}（记录已变化，请重新带出后提交）', 'says {sent}, the record now says {record} (the record changed: fill it again, then submit)'],
  totalDiffers: ['为 {sent}，按参保记录与系统外部分合计应为 {computed}', 'says {sent}, the record and the outside part add up to {computed}'],
});
