/** What budget execution says (中文 for agency staff, English): the report's refusals, the alerts, publication. */
import { defineFieldLabels, defineMessages } from '../../platform/messages.ts';

defineFieldLabels({
  note: ['说明', 'note'],
  month: ['月份', 'month'],
});

export const executionSaid = defineMessages('execution', {
  // the report
  monthAfterToday: ['{year}年{month}月尚未开始，无执行数', '{year}-{month} has not begun: it has no actuals'],
  monthOutOfRange: ['须为 1 至 12 的月份', 'must be a month from 1 to 12'],
  noFundInRegion: ['区划 {region} 及其下级没有统筹基金', 'no pooled fund in region {region} or below'],
  // alerts
  alert: ['预警 {id}', 'alert {id}'],
  currentDeficit: ['当期收支缺口（社会保险费收入低于待遇支出，不含财政补贴）', 'Current-period deficit (contribution income below benefit expenditure, subsidies excluded)'],
  paymentCapacity: ['累计结余可支付月数不足', 'Months of payment capacity below the level'],
  medicalBalanceRange: ['职工医保统筹基金累计结余高于合理区间', 'Employee medical pooled fund balance above its reasonable range'],
  executionDeviation: ['预算执行进度偏离时间进度', 'Budget execution off the time progress'],
  collectionRate: ['征缴率同比下降', 'Collection rate down against the same months of last year'],
  arrearsGrowth: ['欠费同比增长', 'Arrears grown against the same month end of last year'],
  indicatorOverrun: ['预算指标可用额不足或超支', 'Budget indicator nearly exhausted or overdrawn'],
  alertNotOpen: ['预警 {id} 当前状态为“{status}”，不能{action}', 'alert {id} is {status}: it cannot be {action}'],
  acknowledgeAction: ['确认', 'acknowledged'],
  resolveAction: ['办结', 'resolved'],
  raised: ['待处理', 'raised'],
  acknowledged: ['已确认', 'acknowledged'],
  resolved: ['已办结', 'resolved'],
  autoResolved: ['已自动解除', 'auto-resolved'],
  noteRequired: ['须填写 1 至 2000 字的说明', 'a note of 1 to 2000 characters is required'],
  statusUnknown: ['须为 raised、acknowledged、resolved、auto_resolved 或 open 之一', 'must be raised, acknowledged, resolved, auto_resolved or open'],
  // publication
  reportTitle: ['{region}{year}年1—{month}月社会保险基金收支情况', 'Social insurance fund income and expenditure of {region}, January to {month} {year}'],
  publishedReport: ['公开报告 {id}', 'published report {id}'],
});
