/** What the change of an employer's registered facts (单位登记事项变更) says, in Chinese and English. */
import { defineFieldLabels, defineMessages } from '../../platform/messages.ts';

defineFieldLabels({
  validFrom: ['变更生效日期', 'effective date'],
  workInjuryFloat: ['工伤浮动费率系数', 'work-injury floating factor'],
});

export const employerFactsSaid = defineMessages('registry.employerFacts', {
  notInFuture: ['不得晚于今天（{today}）：变更自已经发生的日期起登记', 'must not be after today ({today}): a change is recorded from a day that has come'],
  beforeRegistration: ['不得早于单位参保登记日期（{registered}）', 'must not be before the employer was registered ({registered})'],
  nothingChanges: ['{validFrom} 起的登记事项与所填相同，无需变更', 'the facts in force from {validFrom} are already these: nothing changes'],
  unknownType: ['须为以下之一：{choices}', 'must be one of {choices}'],
  classRange: ['须为 1 至 8 之间的整数（工伤保险行业风险类别一至八类）', 'must be a whole number from 1 to 8 (the eight work-injury risk classes)'],
  floatRange: ['须为 0.50 至 1.50 之间、至多两位小数的系数', 'must be a factor from 0.50 to 1.50 with at most two decimals'],
  classOneNotDown: ['一类行业只能上浮，系数不得低于 1.00（人社部发〔2015〕71号）', 'class I may only float up: at least 1.00 (人社部发〔2015〕71号)'],
  reasonLength: ['须写明变更原因，2 至 500 个字', 'must say why, in 2 to 500 characters'],
});
