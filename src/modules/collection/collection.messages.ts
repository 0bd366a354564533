/**
 * What the collection module says to people (src/platform/messages.ts): one namespace per concern — the things its
 * refusals name, the shared checks, billing and bills, payments, arrears, individual accounts, the portals — and the
 * labels of the fields only collection asks for. Generic fields (limit, offset, region, period, year, from, to, asOf,
 * reason, id, name …) are labelled in src/platform/fields.messages.ts, creditCode and idNumber by the registry.
 */
import { defineFieldLabels, defineMessages } from '../../platform/messages.ts';

/** The things a 404 names: `notFound(subjects.employer({ creditCode }))` → 单位 91…不存在 / employer 91… not found. */
export const subjects = defineMessages('collection.subject', {
  region: ['区划 {regionCode}', 'region {regionCode}'],
  employer: ['单位 {creditCode}', 'employer {creditCode}'],
  employerById: ['单位（内部编号 {employerId}）', 'employer {employerId}'],
  ownEmployer: ['本单位', 'employer'],
  employee: ['该在职职工', 'employee'],
  bill: ['缴费通知单 {number}', 'bill {number}'],
  payment: ['到账记录 {paymentId}', 'payment {paymentId}'],
  person: ['参保人员（内部编号 {personId}）', 'person {personId}'],
  personByIdNumber: ['公民身份号码为 {idNumber} 的参保人员', 'person with ID number {idNumber}'],
  request: ['该申报', 'request'],
  baseDeclaration: ['该缴费基数申报', 'base declaration'],
});

/** Checks shared by the module's lists and reports. */
export const collectionSaid = defineMessages('collection', {
  regionRequired: ['必填：系统中有多个省级区划', 'is required: there is more than one province'],
  limitRange: ['须为 {min} 至 {max} 之间的整数', 'must be an integer from {min} to {max}'],
  offsetRange: ['须为不小于 0 的整数', 'must be a whole number, 0 or more'],
  notBeforeFrom: ['不得早于起始月份（{from}）', 'must not be before from ({from})'],
  rangeTooLong: ['查询区间至多 {months} 个月', 'the range may cover at most {months} months'],
});

export const billingSaid = defineMessages('collection.billing', {
  roundingDiffers: ['{region} 下各区划的舍入规则不同（{modes}）：请逐个区划核定', 'the regions of {region} round differently ({modes}): bill them one by one'],
  periodAfterCurrentMonth: ['不得晚于本月（{current}）：只能核定已经发生的月份', 'must not be after the current month ({current}): only months that have happened are billed'],
  periodBeforeRegistration: ['不得早于单位参保登记的月份（{registered}）', 'must not be before the month the employer was registered ({registered})'],
  billsNotForPersons: ['缴费通知单仅向用人单位和经办人员提供；参保人员请查询本人缴费记录', 'bills are for employers and staff; see your contribution record instead'],
});

export const paymentsSaid = defineMessages('collection.payments', {
  aboveZero: ['须大于零，实为 {amount}', 'must be above zero, got {amount}'],
  unknownEmployer: ['本辖区内没有统一社会信用代码为 {creditCode} 的单位', 'no employer with credit code {creditCode} in your region'],
  alreadyReversed: ['到账记录 {paymentId} 已于 {reversedOn} 冲正', 'payment {paymentId} was already reversed on {reversedOn}'],
  reasonLength: ['须写明冲正原因，2 至 500 个字', 'must say why, in 2 to 500 characters'],
  refundBeyondCredit: ['退费金额 {amount} 元超过单位现有的预缴（暂收）款 {available} 元', 'the refund of {amount} is more than the employer\'s credit of {available}'],
  noHoldingFund: ['单位 {creditCode} 所在统筹地区没有养老保险基金，多缴款项无法作为暂收款入账', 'the pooling region of employer {creditCode} has no pension fund to hold the overpayment as 暂收款'],
  paymentIdDigits: ['须为到账记录编号（数字），实为“{value}”', 'must be a payment id (digits), got "{value}"'],
  // the checks that warn on a payment recorded by hand (params/supervision/controls.yaml manual_payment)
  sameDayAmount: ['{date} 已登记本单位同额到账 {amount} 元（{how}），疑似重复登记', 'a payment of {amount} on {date} is recorded for this employer already ({how}): a possible duplicate'],
  referenceRecorded: ['到账参考号 {reference} 已登记本单位 {date} 到账 {amount} 元（{how}）', 'reference {reference} is recorded for this employer already: {amount} on {date} ({how})'],
  sourceBankFile: ['银行到账文件 {file}', 'bank file {file}'],
  sourceManual: ['{by} 手工登记', 'recorded by hand by {by}'],
  sourceTax: ['税务征收', 'collected by the tax bureau'],
});

export const arrearsSaid = defineMessages('collection.arrears', {
  notForPersons: ['缴费到账和欠费信息仅向用人单位和经办人员提供', 'payments and arrears are for employers and staff'],
});

export const accountsSaid = defineMessages('collection.accounts', {
  noCreditingRate: [
    '未设置 {year} 年的记账利率（{parameter}）：请将公布的利率录入 params/pension/account/crediting_rate.yaml',
    'no crediting rate ({parameter}) is set for {year}: add the published rate to params/pension/account/crediting_rate.yaml',
  ],
  noCreditingRateInRegion: [
    '区划 {region} 未设置 {year} 年的记账利率（{parameter}）：请将公布的利率录入 params/pension/account/crediting_rate.yaml',
    'no crediting rate ({parameter}) is set for {year} in region {region}: add the published rate to params/pension/account/crediting_rate.yaml',
  ],
  ratesDiffer: [
    '{year} 年各区划的记账利率或计息方法不一致（{list}）；一次计息只能按同一利率、同一方法记账',
    'the crediting rate or interest method of {year} differs between regions ({list}); one interest run credits one rate by one method',
  ],
  yearNotEnded: ['{year} 年尚未结束（北京时间今天是 {today}）：个人账户利息于 12 月 31 日后计入', '{year} has not ended (today is {today} in China): interest is credited after 31 December'],
  previousYearNotRun: [
    '{previous} 年度尚未计息：个人账户利息逐年滚存，请先完成 {previous} 年度计息，再计 {year} 年度',
    'the interest of {previous} has not been run: interest compounds year by year, so run {previous} before {year}',
  ],
  laterYearRun: ['{later} 年度已计息：年度计息须按年度顺序进行，不能再计 {year} 年度', '{later} has already been run: years are credited in order, so {year} can no longer be run'],
  regionOutsideScope: [
    '计息覆盖本系统全部个人账户；区划 {region} 不在您的数据范围 {scope} 内',
    'the interest run credits every account of the installation; region {region} is outside your scope {scope}',
  ],
  staffAndPersonOnly: ['个人账户仅向参保人员本人和经办人员提供', 'individual accounts are shown to the insured person and to staff'],
  personAccountOnly: ['只有参保人员账号才有本人的个人账户和缴费记录', 'only an insured-person account has its own individual account and contribution record'],
});

export const portalSaid = defineMessages('collection.portal', {
  employerPortalOnly: ['单位网上服务仅供用人单位账号使用', 'the employer portal is for employer accounts'],
  personalPortalOnly: ['个人网上服务仅供参保人员账号使用', 'the personal portal is for insured-person accounts'],
  requestsNotForPersons: ['增减员申报仅向用人单位和经办人员提供', 'employment requests are for employers and agency staff'],
  requestWaiting: ['{name}（{idNumber}）已有一笔申报在等待审核', 'a request for {name} ({idNumber}) is already waiting for review'],
  alreadyEmployed: ['{name}自 {hiredOn} 起已在本单位在职', '{name} is already employed here since {hiredOn}'],
  nameMismatch: ['公民身份号码 {idNumber} 登记的姓名为 {registeredName}，不是 {name}', 'ID number {idNumber} is registered as {registeredName}, not {name}'],
});

/** Fields only collection asks for (the bank's collection file, payments, bills). */
defineFieldLabels({
  amount: ['金额', 'amount'],
  date: ['日期', 'date'],
  reference: ['附言', 'reference'],
  transactionId: ['交易流水号', 'transaction id'],
  paymentId: ['到账记录编号', 'payment id'],
  employer: ['单位', 'employer'],
});
