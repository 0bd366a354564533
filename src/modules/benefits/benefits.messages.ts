/**
 * What the benefits module says: its input fields, why a quote is not eligible, and the names of a quote's steps.
 * A quote's input is a JSON file or body: each label names the JSON key too, so a refusal points at the key to fix.
 */
import { defineFieldLabels, defineMessages } from '../../platform/messages.ts';

defineFieldLabels({
  category: ['人员身份（category）', 'category'],
  retirementDate: ['退休日期（retirementDate）', 'retirementDate'],
  contributionMonths: ['累计缴费月数（contributionMonths）', 'contributionMonths'],
  deemedMonths: ['视同缴费月数（deemedMonths）', 'deemedMonths'],
  averageIndex: ['平均缴费工资指数（averageIndex）', 'averageIndex'],
  averageWage: ['计发基数（averageWage）', 'averageWage'],
  accountBalance: ['个人账户储存额（accountBalance）', 'accountBalance'],
  separationReason: ['失业原因（separationReason）', 'separationReason'],
  separationDate: ['失业日期（separationDate）', 'separationDate'],
  unusedMonths: ['前次应领未领月数（unusedMonths）', 'unusedMonths'],
  input: ['输入', 'input'],
});

/** Rules said of a quote's input fields. */
export const inputRules = defineMessages('benefits.input', {
  object: ['须为 JSON 对象', 'must be a JSON object'],
  jsonGot: ['不是有效的 JSON：{error}', 'is not valid JSON: {error}'],
  unknownField: ['不是可用的字段（可用：{fields}）', 'is not a field of this input (fields: {fields})'],
  dateGot: ['须为 YYYY-MM-DD 格式的有效日期，实为“{text}”', 'must be a real date YYYY-MM-DD, got "{text}"'],
  regionGot: ['须为六位 GB/T 2260 行政区划代码，实为“{text}”', 'must be a six-digit GB/T 2260 region code, got "{text}"'],
  notBeforeBirth: ['不得早于出生日期 {birthDate}', 'must not be before the birth date {birthDate}'],
  nonNegativeDecimalGot: ['须为不小于 0 的十进制数（字符串），实为“{text}”', 'must be a decimal number of at least 0 (as a string), got "{text}"'],
  nonNegativeYuanGot: ['须为不小于 0、以元为单位、至多两位小数的金额（字符串），实为“{text}”', 'must be an amount in yuan of at least 0 with at most two decimals (as a string), got "{text}"'],
  ageOutsideDivisorTable: ['退休时年龄 {age} 岁超出计发月数表（{first}–{last} 岁）', 'the age at retirement, {age}, is outside the divisor table ({first}–{last})'],
});

/** Why a quote is not eligible. */
export const quoteReasons = defineMessages('benefits.reason', {
  beforeElasticRetirement: [
    '退休时年龄 {age} 小于最早可退休年龄 {earliestAge}（{earliest} 达到；法定退休年龄 {statutoryAge}，弹性提前退休最多提前 {earlyMonths} 个月，且不得早于原法定退休年龄）',
    'the age at retirement, {age}, is below the earliest allowed age {earliestAge} (reached in {earliest}; statutory age {statutoryAge}, elastic early retirement at most {earlyMonths} months earlier, never before the former age)',
  ],
  shortOfMinimumContribution: [
    '累计缴费（含视同缴费）{months} 个月，不足 {date} 退休所需的最低缴费年限 {minimum} 个月',
    'contributions (deemed months included) of {months} months fall short of the {minimum} months required to retire on {date}',
  ],
  voluntarySeparation: ['本人自愿中断就业，不符合领取失业保险金条件（非因本人意愿中断就业方可领取）', 'the claimant left voluntarily: only a job lost involuntarily gives unemployment benefit'],
  shortOfUnemploymentContribution: ['失业前累计缴费 {months} 个月，不满 {minimum} 个月', 'contributions of {months} months before the job loss, fewer than {minimum}'],
});

/** The steps of a quote's trace, by their name. */
export const traceSteps = defineMessages('benefits.step', {
  input: ['输入', 'input'],
  category: ['退休类别', 'retirement category'],
  statutoryRetirementAge: ['法定退休年龄', 'statutory retirement age'],
  statutoryRetirementMonth: ['法定退休月份', 'statutory retirement month'],
  elasticRetirement: ['弹性退休可选月份', 'elastic retirement window'],
  retirementAge: ['退休时年龄', 'age at retirement'],
  minimumContributionMonths: ['最低缴费月数', 'minimum contribution months'],
  contributionYears: ['缴费年限（含视同）', 'contribution years (deemed included)'],
  averageWage: ['计发基数', 'average wage'],
  basicPension: ['基础养老金', 'basic pension'],
  divisor: ['计发月数', 'annuity divisor'],
  accountPension: ['个人账户养老金', 'individual account pension'],
  transitionalPension: ['过渡性养老金', 'transitional pension'],
  total: ['月基本养老金合计', 'monthly pension in total'],
  eligible: ['是否符合按月领取条件', 'eligible for a monthly pension'],
  durationMonths: ['领取期限', 'benefit months'],
  minimumWage: ['最低工资标准', 'minimum wage'],
  minimumLivingStandard: ['最低生活保障标准', 'minimum living standard'],
  monthlyAmount: ['失业保险金月标准', 'monthly unemployment benefit'],
});
export type TraceStepName = keyof typeof traceSteps;
