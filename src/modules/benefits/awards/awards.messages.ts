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
