/**
 * What the claims (失业保险金、工伤保险待遇、生育保险待遇申领) say: their input fields, the steps of their
 * calculations' traces, why a claim is refused and why it stops.
 */
import { defineFieldLabels, defineMessages } from '../../../platform/messages.ts';

defineFieldLabels({
  benefit: ['待遇类别（benefit）', 'benefit'],
  eventDate: ['鉴定或死亡日期（eventDate）', 'eventDate'],
  ownWage: ['本人工资（ownWage）', 'ownWage'],
  grade: ['伤残等级（grade）', 'grade'],
  nursing: ['生活自理障碍程度（nursing）', 'nursing'],
  dependants: ['供养亲属（dependants）', 'dependants'],
  childbirthDate: ['分娩日期（childbirthDate）', 'childbirthDate'],
  deliveryType: ['分娩方式（deliveryType）', 'deliveryType'],
  babies: ['婴儿数（babies）', 'babies'],
  stopPeriod: ['停发月份', 'stop month'],
});

/** The steps of a claim's calculation, by their name. */
export const claimSteps = defineMessages('benefits.claim.step', {
  input: ['输入', 'input'],
  averageWage: ['统筹地区上年度职工月平均工资', 'average monthly wage of the previous year'],
  ownWage: ['本人工资（按60%–300%核定）', 'own wage (clamped to 60–300%)'],
  oneOffDisabilityGrant: ['一次性伤残补助金', 'one-off disability grant'],
  disabilityAllowance: ['伤残津贴（月）', 'disability allowance (monthly)'],
  nursingAllowance: ['生活护理费（月）', 'nursing allowance (monthly)'],
  funeralGrant: ['丧葬补助金', 'funeral grant'],
  dependantPension: ['供养亲属抚恤金（月）', 'dependants\' pension (monthly)'],
  oneOffDeathGrant: ['一次性工亡补助金', 'one-off death grant'],
  minimumWage: ['最低工资标准', 'minimum wage'],
  leaveDays: ['产假天数', 'days of maternity leave'],
  employerAverageWage: ['用人单位上年度职工月平均工资（缴费工资）', 'employer\'s average monthly contribution wage'],
  maternityAllowance: ['生育津贴', 'maternity allowance'],
  birthMedicalCosts: ['生育医疗费用', 'birth medical costs'],
  payingFund: ['支付基金', 'paying fund'],
});
export type ClaimStepName = keyof typeof claimSteps;

/** Why a claim's input is refused. */
export const claimRules = defineMessages('benefits.claim.rule', {
  gradeFromTo: ['须为 1 至 10 的整数（伤残等级）', 'must be a whole grade from 1 to 10'],
  gradeForDisability: ['仅伤残待遇填写伤残等级', 'is given for a disability only'],
  dependantsForDeath: ['仅因工死亡待遇填写供养亲属', 'are given for a work-related death only'],
  dependantShape: ['每位供养亲属须为 {relation: "spouse"|"other", orphanOrLoneElderly?: true|false}', 'each dependant must be {relation: "spouse"|"other", orphanOrLoneElderly?: true|false}'],
  oneSpouse: ['配偶至多一人', 'at most one spouse'],
  babiesFromTo: ['须为 1 至 9 的整数', 'must be a whole number from 1 to 9'],
  positiveYuanGot: ['须为大于 0、以元为单位、至多两位小数的金额（字符串），实为“{text}”', 'must be an amount in yuan above 0 with at most two decimals (as a string), got "{text}"'],
});
