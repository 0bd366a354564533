/**
 * What the pension projection says (养老保险基金精算预测): its refusals, its scenarios and its table for people. In a
 * file of its own beside budget.messages.ts so the projection and the draft can change their words independently.
 */
import { defineFieldLabels, defineMessages } from '../../../platform/messages.ts';

// `years` is labelled by the registry (历史年数) and means a count of years there too: only the scenario is new
defineFieldLabels({
  scenario: ['情景', 'scenario'],
  overrides: ['替换的假设', 'assumptions replaced'],
  'overrides.retirementAges': ['退休年龄（overrides.retirementAges）', 'overrides.retirementAges'],
  'overrides.wageGrowth': ['工资增长率（overrides.wageGrowth）', 'overrides.wageGrowth'],
  'overrides.pensionIndexation': ['养老金调整率（overrides.pensionIndexation）', 'overrides.pensionIndexation'],
  'overrides.collectionRate': ['征缴率（overrides.collectionRate）', 'overrides.collectionRate'],
  'overrides.interestRate': ['结余收益率（overrides.interestRate）', 'overrides.interestRate'],
  'overrides.fiscalSubsidyRule': ['财政补贴规则（overrides.fiscalSubsidyRule）', 'overrides.fiscalSubsidyRule'],
  'overrides.fiscalSubsidyShare': ['补贴占支出比例（overrides.fiscalSubsidyShare）', 'overrides.fiscalSubsidyShare'],
});

export const projectionRules = defineMessages('budget.projection', {
  yearsRange: ['须为 {minimum} 至 {maximum} 之间的整数，实为“{value}”', 'must be a whole number from {minimum} to {maximum}, got "{value}"'],
  unknownScenario: ['未知情景“{value}”，可选：{names}', 'unknown scenario "{value}"; one of: {names}'],
  overridesShape: ['情景只能调整以下假设：{fields}', 'a scenario sets only these assumptions: {fields}'],
  noOverrides: ['情景须至少调整一项假设', 'a scenario changes at least one assumption'],
  oneOf: ['须为以下之一：{values}', 'must be one of: {values}'],
  rateRange: ['须为 {low} 至 {high} 之间的小数（至多六位小数），实为“{value}”', 'must be a decimal from {low} to {high} (at most six places), got "{value}"'],
  scenarioName: ['须为 2 至 40 位小写字母、数字或连字符（以字母或数字开头）', 'must be 2 to 40 lower-case letters, digits or hyphens, starting with a letter or digit'],
  scenarioBuiltIn: ['“{name}”是内置情景的名称', '"{name}" is the name of a built-in scenario'],
  scenarioTaken: ['统筹地区 {region} 已有名为“{name}”的情景（含已归档的）', 'pooling region {region} has a scenario named "{name}" already (archived ones count)'],
  scenarioLabel: ['须填写情景名称（2 至 60 字）', 'give the scenario a label (2 to 60 characters)'],
  scenarioNote: ['说明至多 500 字', 'the note is at most 500 characters'],
  scenarioUnknown: ['没有编号为 {id} 的情景', 'no scenario {id}'],
  scenarioArchived: ['情景“{name}”已归档', 'scenario "{name}" is archived already'],
  regionShape: ['须为六位行政区划代码，实为“{value}”', 'must be a six-digit region code, got "{value}"'],
  noPensionPool: ['区划 {region} 不属于任何养老保险统筹地区（统筹地区：{pools}）', 'region {region} lies in no pension pooling region (pooling regions: {pools})'],
  title: ['{fund}精算预测（{firstYear}—{lastYear}年，情景：{scenario}）', '{fund}: projection {firstYear}–{lastYear}, scenario: {scenario}'],
  startingPoint: ['起点（{asOf}）：缴费人数 {contributors}，领取待遇人数 {pensioners}，平均缴费基数 {averageBase} 元，滚存结余 {accumulatedBalance} 元', 'starting point ({asOf}): {contributors} contributors, {pensioners} pensioners, average base {averageBase}, accumulated balance {accumulatedBalance}'],
  poolNote: ['区划 {region} 属统筹地区 {poolingRegion}，按统筹基金整体预测', 'region {region} belongs to pooling region {poolingRegion}: the pooled fund is projected as a whole'],
  depletion: ['滚存结余将于 {year} 年耗尽', 'the accumulated balance runs out in {year}'],
  noDepletion: ['预测期内滚存结余未耗尽', 'the accumulated balance lasts the whole projection'],
  year: ['年度', 'year'],
  contributors: ['缴费人数', 'contributors'],
  pensioners: ['领取待遇人数', 'pensioners'],
  dependencyRatio: ['制度抚养比', 'dependency ratio'],
  income: ['收入', 'income'],
  expense: ['支出', 'expense'],
  balance: ['当年结余', 'balance'],
  accumulatedBalance: ['滚存结余', 'accumulated balance'],
  monthsOfPaymentCapacity: ['可支付月数', 'months of payment capacity'],
  unit: ['金额单位：元', 'amounts in yuan'],
});

/** The built-in scenarios, as a finance reviewer reads them (projection.scenarios.ts holds what they change). */
export const scenarioNames = defineMessages('budget.projection.scenario', {
  reform: ['延迟退休改革按期实施（基准）', 'retirement-age reform on schedule (baseline)'],
  'no-reform': ['不实施延迟退休（原法定退休年龄）', 'no retirement-age reform (the former ages)'],
  'low-wage': ['工资低增长（年增 3%）', 'low wage growth (3% a year)'],
  'high-wage': ['工资高增长（年增 7%）', 'high wage growth (7% a year)'],
  'low-compliance': ['征缴率偏低（85%）', 'low contribution compliance (85% collected)'],
});
