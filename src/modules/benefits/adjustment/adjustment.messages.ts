/** What the annual pension adjustment says (中文 for agency staff, English). */
import { defineMessages } from '../../../platform/messages.ts';

export const adjustmentSaid = defineMessages('pensionAdjustment', {
  yearRange: ['须为 2000 至 {last} 之间的年度', 'must be a year from 2000 to {last}'],
  runExists: ['{year} 年度已有覆盖 {region} 的养老金调整（{status}，批次 {id}），同一年度同一人只调整一次', 'a {year} adjustment covering {region} exists already ({status}, run {id}): a pension is raised once a year'],
  noAwards: ['{region} 没有 {year} 年 1 月 1 日前退休、正常发放的养老金', 'no pension in {region} paid to a person retired before 1 January {year}'],
  statusSubmitted: ['审核中', 'in sign-off'],
  statusComputing: ['计算中', 'being computed'],
  rulesChanged: ['{region} {year} 年养老金调整开始后调整参数已变化，请重新提交（同一批次不能混用两套规则）', 'the {year} adjustment rules of {region} changed since the run started: submit it again (a run never mixes two sets of rules)'],
  statusApplied: ['已执行', 'applied'],
  regionOutOfScope: ['{region} 不是您经办范围内的行政区划代码', '{region} is not a region code in your scope'],
  runNotFound: ['养老金调整批次 {id}', 'pension adjustment run {id}'],
  title: ['{region} {year} 年调整退休人员基本养老金：{awards} 人，每月增加 {amount} 元', '{region} {year} pension adjustment: {awards} pensioners, {amount} a month more'],
  reason: ['{year} 年养老金调整', '{year} pension adjustment'],
});
