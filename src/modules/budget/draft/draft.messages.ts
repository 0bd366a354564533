/** 预算草案 on paper: the amount unit and the base-data tables (社预附01–03) with the drivers of the actuarial lines. */
import { defineMessages } from '../../../platform/messages.ts';

export const draftPaper = defineMessages('budget.draftPaper', {
  tenThousandYuan: ['万元', '10,000 yuan'],
  drivers: ['测算因素', 'drivers'],
  contributionDrivers: ['缴费人数 {contributors}，平均缴费基数 {averageBase} 元/月，费率 {rate}，征缴率 {collectionRate}', '{contributors} contributors, average base {averageBase} yuan a month, rate {rate}, collection rate {collectionRate}'],
  benefitDrivers: ['领取人数 {recipients}，月人均待遇 {averageAmount} 元，调待比例 {indexation}', '{recipients} recipients, {averageAmount} yuan a month each, indexation {indexation}'],
  baseDataTitle: ['{table} {fundName}基本数据表', '{table} {fundName}: base data'],
  year: ['年度', 'year'],
  basis: ['数据口径', 'basis'],
  actualMonths: ['实际数（{months}个月平均）', 'actual (mean of {months} months)'],
  projected: ['预算年度测算数', 'budget year, projected'],
  finalAccounts: ['历年决算数', 'past final accounts'],
  contributors: ['参保缴费人数（人，月平均）', 'contributors (persons, monthly mean)'],
  averageBase: ['月平均缴费基数（元）', 'average monthly base (yuan)'],
  pensioners: ['领取基本养老金人数（人，月平均）', 'pensioners (persons, monthly mean)'],
  averagePension: ['月人均基本养老金（元）', 'average monthly pension (yuan)'],
  claimants: ['领取失业保险金人数（人，月平均）', 'unemployment benefit claimants (persons, monthly mean)'],
  averageUnemploymentBenefit: ['月人均失业保险金（元）', 'average monthly unemployment benefit (yuan)'],
});
