/** What the past final accounts say (历年决算导入与查询): the import's refusals per row and the table for people. */
import { defineMessages } from '../../../platform/messages.ts';

export const historyRules = defineMessages('budget.history', {
  yearShape: ['须为四位年度，实为“{value}”', 'must be a four-digit year, got "{value}"'],
  yearInLedger: ['{year} 年已在本系统基金账套中（{fund} 于 {goLive} 上线），以账套实际数为准，不得导入决算', '{year} is in the ledger ({fund} went live {goLive}): its actuals are the truth there, no final accounts are imported'],
  yearNotPast: ['须为已结束的年度（早于 {year} 年），实为 {value}', 'must be a year that has ended (before {year}), got {value}'],
  unknownScheme: ['未知险种“{value}”，可填：{schemes}', 'unknown scheme "{value}"; one of: {schemes}'],
  regionShape: ['须为六位统筹区代码，实为“{value}”', 'must be a six-digit pooling region code, got "{value}"'],
  noFund: ['统筹区 {region} 无{scheme}基金（或不在本人管辖范围内）', 'no {scheme} fund of pooling region {region} (or it lies outside your scope)'],
  noTable: ['{scheme}在 {year} 年预算科目表中无收支表', '{scheme} has no table of lines in the budget chart of {year}'],
  unknownSubject: ['{year} 年{table}无科目“{value}”，可填：{subjects}', 'the {year} chart\'s {table} has no subject "{value}"; one of: {subjects}'],
  duplicate: ['与第 {row} 行重复（同一基金、年度、科目）', 'repeats row {row} (same fund, year and subject)'],
  wholePersons: ['人数须为整数，实为 {value}', 'a count of persons must be whole, got {value}'],
  notNegative: ['不得为负数', 'must not be negative'],
  benefitItemsSum: ['{name}须等于其中各项之和 {expected}，实为 {given}', '{name} must equal the sum of its 其中 rows, {expected}; got {given}'],
  totalIncome: ['收入合计须等于各收入项目之和 {expected}，实为 {given}', '收入合计 must equal the sum of the income lines, {expected}; got {given}'],
  totalExpense: ['支出合计须等于各支出项目之和 {expected}，实为 {given}', '支出合计 must equal the sum of the expense lines, {expected}; got {given}'],
  balance: ['本年收支结余须等于收入合计减支出合计 {expected}，实为 {given}', '本年收支结余 must equal 收入合计 less 支出合计, {expected}; got {given}'],
  fundShape: ['须为基金代码（如 pension-990000），实为“{value}”', 'must be a fund code such as pension-990000, got "{value}"'],
  fundUnknown: ['无基金 {value}（或不在本人管辖范围内）', 'no fund {value} (or it lies outside your scope)'],
  title: ['历年决算', 'Past final accounts'],
  region: ['统筹区', 'region'],
  fund: ['基金', 'fund'],
  year: ['年度', 'year'],
  line: ['项目', 'line'],
  subject: ['科目编码', 'subject'],
  amount: ['决算数（元）', 'amount (yuan)'],
  version: ['版本', 'version'],
  itemOf: ['　其中：{name}', '  of which: {name}'],
});

/** The standard layout's column titles (what an agency's file carries; English headers are accepted too). */
export const historyColumns = { year: '年度', scheme: '险种', region: '统筹区', subject: '科目编码', name: '科目名称', amount: '决算数' } as const;
