/**
 * What the budget versions say (预算版本：编制、审核、批复、汇总): refusals, identities, statuses and the tables for
 * people. In a file of its own beside budget.messages.ts, like the projection's.
 */
import { defineFieldLabels, defineMessages } from '../../../platform/messages.ts';

defineFieldLabels({ version: ['预算版本', 'budget version'], indicator: ['绩效指标', 'performance indicator'] });

export const versionSaid = defineMessages('budget.version', {
  // refusals
  versionNotFound: ['预算版本 {id} 不存在', 'budget version {id} does not exist'],
  numberNotFound: ['{region} {year} 年度没有第 {number} 版预算', 'region {region} has no version {number} of its {year} budget'],
  noVersion: ['{region} {year} 年度尚无预算版本', 'region {region} has no budget version for {year}'],
  noOwnFund: ['区划 {region} 本级没有社会保险基金，请汇总下级预算', 'region {region} holds no fund itself: aggregate the budgets of the regions below it'],
  notEditable: ['预算版本 {id} 状态为“{status}”，只有编制中或已退回的版本可以调整', 'budget version {id} is {status}: only a drafted or returned version can be adjusted'],
  notSubmittable: ['预算版本 {id} 状态为“{status}”，只有编制中或已退回的版本可以报送', 'budget version {id} is {status}: only a drafted or returned version can be submitted'],
  notSubmitted: ['预算版本 {id} 状态为“{status}”，只有已报送的版本可以审核', 'budget version {id} is {status}: only a submitted version is reviewed'],
  lineNotFound: ['预算版本 {id} 中基金 {fund} 没有科目“{subject}”', 'budget version {id} has no line {subject} in fund {fund}'],
  adjustItemsInstead: ['“{name}”为其中各项之和，请调整其中各项', '{name} is the sum of its rows: adjust those rows'],
  amountShape: ['须为不小于 0 的金额（元，至多两位小数），实为“{value}”', 'must be an amount in yuan, at least 0, with at most two decimals; got "{value}"'],
  reasonRequired: ['调整须说明理由（2 至 500 字）', 'an adjustment needs a reason (2 to 500 characters)'],
  unchanged: ['金额未变（{amount} 元），无需调整', 'the amount is already {amount}: nothing to adjust'],
  indicatorNotFound: ['基金 {fund} 没有绩效指标“{indicator}”', 'fund {fund} has no performance indicator {indicator}'],
  targetValueShape: ['须为数值（至多两位小数），实为“{value}”', 'must be a number with at most two decimals; got "{value}"'],
  andAlso: ['{first}；{next}', '{first}; {next}'],
  identitiesBroken: ['预算表平衡关系不成立，未报送：{problems}', 'the tables break their identities; not submitted: {problems}'],
  nothingToAggregate: ['区划 {region} {year} 年度既无本级预算，也无已批复的下级预算，无可汇总', 'region {region} has neither its own budget nor an approved budget below it for {year}: nothing to aggregate'],
  differentBudgets: ['只能比较同一区划同一年度的预算版本（{from} 与 {to}）', 'only versions of one region and year are compared ({from} and {to})'],
  // identities (财社〔2017〕144号)
  itemsDoNotAdd: ['{fund}：“{name}”{amount} 元不等于其中各项之和 {items} 元', '{fund}: {name} {amount} is not the sum of its rows, {items}'],
  totalIncomeWrong: ['{fund}：收入合计 {total} 元不等于各收入项之和 {lines} 元', '{fund}: total income {total} is not the sum of the income lines, {lines}'],
  totalExpenseWrong: ['{fund}：支出合计 {total} 元不等于各支出项之和 {lines} 元', '{fund}: total expense {total} is not the sum of the expense lines, {lines}'],
  balanceWrong: ['{fund}：本年收支结余 {balance} 元不等于收入合计减支出合计 {difference} 元', '{fund}: the balance of the year {balance} is not income less expense, {difference}'],
  accumulatedWrong: ['{fund}：年末滚存结余 {accumulated} 元不等于上年滚存结余加本年收支结余 {worked} 元', '{fund}: the accumulated balance {accumulated} is not the balance brought forward plus the year\'s, {worked}'],
  // statuses and bases
  drafted: ['编制中', 'drafted'],
  submitted: ['已报送', 'submitted'],
  returned: ['已退回', 'returned'],
  approved: ['已批复', 'approved'],
  model: ['模型测算', 'drafted from the model'],
  aggregated: ['汇总', 'aggregated'],
  adjustment: ['预算调整', 'adjustment'],
  ownLines: ['本级', 'own lines'],
  // sign-off and reports
  signoffTitle: ['{region} {year} 年度社会保险基金预算（第 {number} 版，{basis}）', '{region} {year} fund budget, version {number} ({basis})'],
  title: ['社会保险基金预算', 'Social insurance fund budget'],
  diffTitle: ['社会保险基金预算版本比较', 'Budget versions compared'],
  budgetYear: ['预算年度', 'budget year'],
  versionNumber: ['版本', 'version'],
  status: ['状态', 'status'],
  basis: ['编制方式', 'basis'],
  unit: ['金额单位', 'unit'],
  yuan: ['元', 'yuan'],
  line: ['项目', 'line'],
  subject: ['预算科目', 'subject'],
  amount: ['预算数', 'amount'],
  draftedAmount: ['测算数', 'drafted'],
  reason: ['调整理由', 'reason of the adjustment'],
  comments: ['审核意见', 'reviewers\' comments'],
  itemOf: ['其中：{name}', 'of which: {name}'],
  totalIncome: ['收入合计', 'total income'],
  totalExpense: ['支出合计', 'total expense'],
  balance: ['本年收支结余', 'balance of the year'],
  previousAccumulatedBalance: ['上年滚存结余', 'accumulated balance brought forward'],
  accumulatedBalance: ['年末滚存结余', 'accumulated balance at year end'],
  targetsTitle: ['绩效目标', 'performance targets'],
  dimension: ['一级指标', 'dimension'],
  indicator: ['指标', 'indicator'],
  targetValue: ['目标值', 'target'],
  fund: ['基金', 'fund'],
  from: ['原数', 'from'],
  to: ['新数', 'to'],
  change: ['增减', 'change'],
  missing: ['尚未汇入', 'still missing'],
  atLeast: ['≥', 'at least'],
  atMost: ['≤', 'at most'],
});

/** 财社〔2022〕65号: the four first-level dimensions of performance indicators. */
export const dimensionSaid = defineMessages('budget.target.dimension', {
  decision: ['决策', 'decision'],
  process: ['过程', 'process'],
  output: ['产出', 'output'],
  effect: ['效益', 'effect'],
});
