/** What an award request says when the server's quote and the request disagree (中文 for agency staff, English). */
import { defineFieldLabels, defineMessages } from '../../../platform/messages.ts';

defineFieldLabels({
  'input.birthDate': ['出生日期（input.birthDate）', 'input.birthDate'],
  'input.gender': ['性别（input.gender）', 'input.gender'],
  'input.region': ['行政区划（input.region）', 'input.region'],
  'input.retirementDate': ['退休日期（input.retirementDate）', 'input.retirementDate'],
  'quote.total': ['测算月养老金合计（quote.total）', 'quote.total'],
});

export const awardQuoteSaid = defineMessages('pensionAward.quote', {
  differsFromRecord: ['为 {sent}，与参保人档案记载的 {record} 不一致', 'says {sent}, the person\'s record {record}'],
  differsFromRequest: ['为 {sent}，与申请的退休日期 {requested} 不一致', 'says {sent}, the request\'s retirement date {requested}'],
  totalDiffers: ['为 {sent} 元，系统按档案和测算参数重新核算为 {computed} 元，请重新测算后提交', 'says {sent}, the server\'s quote from the record and the parameters gives {computed}: quote again'],
});

defineFieldLabels({
  effectivePeriod: ['生效月份', 'effective month'],
  stopCause: ['终止原因类别', 'cause of the stop'],
  awardId: ['养老金待遇', 'pension award'],
});

/** 恢复发放 and 终止发放: what an operator's status change of an award says. */
export const awardStatusSaid = defineMessages('pensionAward.status', {
  awardUnknown: ['养老金待遇 {id}', 'pension award {id}'],
  personUnknown: ['参保人员 {id}', 'insured person {id}'],
  notSuspended: ['该待遇当前为{status}，只有暂停发放的待遇可以恢复发放', 'the award is {status}: only a suspended award can be resumed'],
  alreadyStopped: ['该待遇已终止发放', 'the award is stopped already'],
  deathRecorded: ['已登记死亡信息，不能恢复发放', 'a death is recorded for this person: the pension cannot be resumed'],
  beforeFirstPeriod: ['{period} 早于待遇起发月份 {first}', '{period} is before the award\'s first month {first}'],
  resumeTooLate: ['恢复发放的生效月份最晚为下月 {latest}', 'a pension resumes at the latest from next month, {latest}'],
  reasonLength: ['须填写 2–500 字的原因', 'a reason of 2–500 characters is needed'],
  resumedReason: ['自 {period} 起恢复发放：{reason}', 'resumed from {period}: {reason}'],
  stoppedReason: ['自 {period} 起终止发放（{cause}）：{reason}', 'stopped from {period} ({cause}): {reason}'],
  causeDeath: ['死亡（未经死亡信息比对）', 'death (not from the death registry)'],
  causeMovedAway: ['转移或迁出', 'moved away'],
  causeOther: ['其他', 'other'],
  resumeTitle: ['恢复发放 {name} 自 {period} 起', 'resume the pension of {name} from {period}'],
  stopTitle: ['终止发放 {name} 自 {period} 起（{cause}）', 'stop the pension of {name} from {period} ({cause})'],
});

/** 养老金发放账户变更: what a change of the account a pension is paid into says. */
export const awardAccountSaid = defineMessages('pensionAward.account', {
  accountShape: ['须为 8 至 40 位数字的社会保障卡金融账户', 'must be the 8 to 40 digits of the social security card\'s bank account'],
  reasonLength: ['须说明变更原因（2 至 500 字）', 'give the reason for the change (2 to 500 characters)'],
  unchanged: ['与现发放账户 {account} 相同', 'is the account the pension is paid into already ({account})'],
  stopped: ['该待遇已终止发放，不再变更发放账户', 'the award is stopped: its account no longer changes'],
  changedMeanwhile: ['发放账户已由 {from} 变更为 {current}，本申请基于旧账户，请退回后重新申请', 'the account changed from {from} to {current} since the request: return it and request again'],
  title: ['{name} 养老金发放账户变更：{from} → {to}', '{name}: pension paid into {to} instead of {from}'],
});
