/** What the monthly allocation plans say (中文 for agency staff, English). */
import { defineFieldLabels, defineMessages } from '../../../platform/messages.ts';

defineFieldLabels({
  allocationMethod: ['编制方法', 'method'],
  allocationLines: ['分月用款计划', 'monthly amounts'],
  allocationMonth: ['月份', 'month'],
});

export const allocationSaid = defineMessages('execution.allocation', {
  methodUnknown: ['须为 even（按月平均）、seasonal（按上年各月支出比例）或 manual（手工填列），收到 {value}', 'must be even, seasonal or manual, got {value}'],
  noApprovedBudget: ['{region} {year} 年度尚无批准的预算，不能编制分月用款计划', '{region} has no approved budget for {year}: no monthly allocation plan can be made'],
  fundNotInBudget: ['基金 {fund} 不在 {region} {year} 年度批准的预算中', 'fund {fund} is not in the approved budget of {region} for {year}'],
  manualNeedsLines: ['手工填列须逐行给出 12 个月的金额', 'a plan by hand gives the 12 monthly amounts of every line'],
  linesOnlyForManual: ['只有手工填列才可给出各月金额', 'monthly amounts are given only with the manual method'],
  lineMissing: ['{fund}“{name}”（{subject}）未填列各月金额', '{fund} "{name}" ({subject}): no monthly amounts given'],
  lineUnknown: ['{fund} 批准的预算中没有支出项目 {subject}', 'the approved budget of {fund} has no expense line {subject}'],
  lineTwice: ['{fund} 支出项目 {subject} 填列了两次', '{fund} expense line {subject} is given twice'],
  twelveMonths: ['须给出 12 个月的金额，收到 {count} 个', 'must give 12 monthly amounts, got {count}'],
  monthAmount: ['{month} 月金额须为不小于 0 的元金额（最多两位小数），收到 {value}', 'month {month}: must be an amount in yuan of at least 0 (two decimals at most), got {value}'],
  sumDiffers: [
    '{fund}“{name}”（{subject}）12 个月合计 {sum} 元，与预算 {amount} 元相差 {difference} 元；12 月应为 {december} 元',
    '{fund} "{name}" ({subject}): the 12 months sum to {sum} yuan, {difference} yuan off the budget\'s {amount} yuan; December would have to be {december} yuan',
  ],
  linesRejected: ['分月用款计划有 {count} 行不符合要求，未报送', '{count} lines of the monthly allocation plan are refused; nothing was submitted'],
  signoffTitle: ['{region} {year} 年度{fund}分月用款计划（{method}）', 'Monthly allocation plan of {fund}, {region} {year} ({method})'],
  methodEven: ['按月平均', 'even'],
  methodSeasonal: ['按上年各月支出比例', 'seasonal'],
  methodManual: ['手工填列', 'by hand'],
  versionSuperseded: ['预算版本 {version} 已被调整后的新版本取代，请按新版本重新编制分月用款计划', 'budget version {version} has been superseded by an adjusted version: propose the plan again on the new version'],
  yearOutOfRange: ['须为 2000 至 2100 年之间的年度', 'must be a year from 2000 to 2100'],
  regionShape: ['须为 6 位行政区划代码，收到 {value}', 'must be a 6-digit region code, got {value}'],
});
