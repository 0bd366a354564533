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
  startPeriod: ['起发月份（startPeriod）', 'startPeriod'],
  part: ['停发待遇项目（part）', 'part'],
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
  disabilityAllowanceByEmployer: ['伤残津贴（五级、六级由用人单位按月发给，不由工伤保险基金支付）', 'disability allowance of grades 5–6 (paid by the employer, not by the fund)'],
  month: ['待遇月份', 'month paid'],
  stop: ['停发', 'stopped'],
  periodicAdjustment: ['待遇调整（工伤保险条例第四十条）', 'periodic adjustment (第四十条)'],
  disabilityAllowanceFloor: ['伤残津贴补足至当月最低工资标准（工伤保险条例第三十五条）', 'disability allowance raised to the month\'s minimum wage (第三十五条)'],
  pensionTopUp: ['伤残津贴补差（基本养老金低于伤残津贴）', 'top-up of a lower pension to the disability allowance'],
  monthlyBenefit: ['本月按月待遇合计', 'monthly benefits of the month'],
  leaveDays: ['产假天数', 'days of maternity leave'],
  employerAverageWage: ['用人单位上年度职工月平均工资（缴费工资）', 'employer\'s average monthly contribution wage'],
  maternityAllowance: ['生育津贴', 'maternity allowance'],
  birthMedicalCosts: ['生育医疗费用', 'birth medical costs'],
  payingFund: ['支付基金', 'paying fund'],
  contributionMonths: ['累计缴纳失业保险费月数', 'months of unemployment contributions paid'],
  unusedMonths: ['前次应领未领月数', 'unused months of the previous claim'],
  unemployment: ['失业保险金测算', 'unemployment benefit quote'],
  medicalContribution: ['代缴基本医疗保险费（月）', 'medical contributions paid for the claimant (monthly)'],
});
export type ClaimStepName = keyof typeof claimSteps;

/** Why a claim's input is refused. */
export const claimRules = defineMessages('benefits.claim.rule', {
  gradeFromTo: ['须为 1 至 10 的整数（伤残等级）', 'must be a whole grade from 1 to 10'],
  gradeForDisability: ['仅伤残待遇填写伤残等级', 'is given for a disability only'],
  dependantsForDeath: ['仅因工死亡待遇填写供养亲属', 'are given for a work-related death only'],
  dependantShape: ['每位供养亲属须为 {relation: "spouse"|"other", orphanOrLoneElderly?: true|false, birthDate?: "YYYY-MM-DD", fullyDisabled?: true|false}', 'each dependant must be {relation: "spouse"|"other", orphanOrLoneElderly?: true|false, birthDate?: "YYYY-MM-DD", fullyDisabled?: true|false}'],
  oneSpouse: ['配偶至多一人', 'at most one spouse'],
  babiesFromTo: ['须为 1 至 9 的整数', 'must be a whole number from 1 to 9'],
  payeeIsClaimant: ['待遇支付给申领人本人，仅因工死亡待遇填写收款人（近亲属）', 'the claimant is paid: a payee is named for a work-related death only (a relative)'],
  monthGot: ['须为 YYYY-MM 格式的月份，实为“{text}”', 'must be a month YYYY-MM, got "{text}"'],
  reasonLength: ['须为 2 至 500 个字符', 'must be 2 to 500 characters'],
  positiveYuanGot: ['须为大于 0、以元为单位、至多两位小数的金额（字符串），实为“{text}”', 'must be an amount in yuan above 0 with at most two decimals (as a string), got "{text}"'],
});

/** Said by the claims service. */
export const claimSaid = defineMessages('benefits.claim', {
  personUnknown: ['未找到公民身份号码为 {idNumber} 的参保人员', 'no insured person with ID number {idNumber}'],
  notSeparated: ['最近一次就业（{hiredOn} 起）尚未办理减员，不能申领失业保险金', 'the latest employment (from {hiredOn}) has not ended: no unemployment benefit'],
  noEmployment: ['无就业记录，不能申领失业保险金', 'no employment on record: no unemployment benefit'],
  registeredBeforeSeparation: ['失业登记日期不得早于离职日期 {separatedOn}', 'must not be before the separation on {separatedOn}'],
  alreadyPaid: ['已有核定的失业保险金（{firstPeriod} 至 {lastPeriod}），尚未停发', 'an unemployment benefit is already approved ({firstPeriod} to {lastPeriod}) and not stopped'],
  noEmployerOn: ['{date} 无在职单位，无法确定用人单位月平均工资', 'no employer on {date}: the employer\'s average wage is unknown'],
  noEmployerWage: ['用人单位 {year} 年无申报缴费工资，无法计发生育津贴', 'the employer declared no wages for {year}: no maternity allowance'],
  noFund: ['{region} 及其上级无 {insurance} 基金账套', 'no {insurance} fund for {region} or above it'],
  claimNotFound: ['未找到待遇申领 {id}', 'no benefit claim {id}'],
  stopOnlyUnemployment: ['仅失业保险金可停发（当前：{kind}，{status}）', 'only an approved unemployment benefit can be stopped (this one: {kind}, {status})'],
  stopOnlyMonthlyWorkInjury: ['仅已核准、按月支付的工伤保险待遇可在此停发（当前：{kind}，{status}）', 'only an approved work-injury claim paid monthly can be stopped here (this one: {kind}, {status})'],
  stopBeforeStart: ['停发月份不得早于起发月份 {firstPeriod}', 'must not be before the first month paid, {firstPeriod}'],
  partAlreadyStopped: ['{part} 已停发', '{part} is stopped already'],
  startBeforeEvent: ['起发月份不得早于鉴定或死亡月份 {period}', 'must not be before the month of the appraisal or death, {period}'],
  monthTransferPurpose: ['失业保险金及工伤保险按月待遇', 'unemployment benefit and monthly work-injury benefits'],
  dependantBirthDate: ['第 {n} 位供养亲属的出生日期须为有效日期（YYYY-MM-DD）', 'dependant {n}: birthDate must be a real date (YYYY-MM-DD)'],
  stopOutsideMonths: ['停发月份须在 {firstPeriod} 至 {lastPeriod} 之间', 'the stop month must be from {firstPeriod} to {lastPeriod}'],
  expenseAccountShort: ['{fund} 支出户可用余额 {balance} 元（已扣除已审批未支付的待遇），不足支付代缴医疗保险费 {amount} 元，请先申请用款', 'the expense account of {fund} holds {balance} free of the payments approved and unpaid, less than the medical contributions {amount}: ask for a transfer first'],
  noPayeeAccount: ['{name}（{idNumber}）的待遇申领未登记收款账户，不能支付', 'the claim of {name} ({idNumber}) names no account to pay into'],
  stopByEmployment: ['再就业（{period} 新增就业记录）', 're-employed (an employment from {period})'],
  stopByPension: ['开始领取基本养老金（{period} 起）', 'pension from {period}'],
});

/** The amounts a claim grants (claim-amounts.ts), as a payment order names them. */
export const claimItemNames = defineMessages('benefits.claim.item', {
  unemployment_benefit: ['失业保险金', 'unemployment benefit'],
  medical_contribution: ['代缴基本医疗保险费', 'medical contributions paid for the claimant'],
  one_off_disability_grant: ['一次性伤残补助金', 'one-off disability grant'],
  disability_allowance: ['伤残津贴', 'disability allowance'],
  nursing_allowance: ['生活护理费', 'nursing allowance'],
  funeral_grant: ['丧葬补助金', 'funeral grant'],
  dependant_pension: ['供养亲属抚恤金', 'dependants\' pension'],
  one_off_death_grant: ['一次性工亡补助金', 'one-off death grant'],
  maternity_allowance: ['生育津贴', 'maternity allowance'],
  birth_medical_costs: ['生育医疗费用', 'birth medical costs'],
});

/** 失业保险条例 第十五条: the stop conditions, by their code. */
export const stopReasons = defineMessages('benefits.claim.stop', {
  reemployment: ['重新就业', 're-employed'],
  enlistment: ['应征服兵役', 'enlisted in the army'],
  emigration: ['移居境外', 'settled abroad'],
  pension: ['享受基本养老保险待遇', 'draws a pension'],
  refused_work: ['无正当理由，拒不接受当地人民政府指定部门或者机构介绍的适当工作或者提供的培训', 'refused suitable work or training twice without good reason'],
  imprisonment: ['被判刑收监执行', 'imprisoned'],
  death: ['死亡', 'died'],
});
export type StopReason = keyof typeof stopReasons;
