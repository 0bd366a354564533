/** What the medical module says (医保结算): its refusals and its table headings, in Chinese and English. */
import { defineMessages } from '../../platform/messages.ts';

export const medicalMessages = defineMessages('medical', {
  jsonObject: ['须为 JSON 对象', 'must be a JSON object'],
  notJson: ['不是有效的 JSON：{problem}', 'is not valid JSON: {problem}'],
  share: ['须为 0 至 1 之间的小数（文本），如 "0.3"，实为 {text}', 'must be a share from 0 to 1 as decimal text, e.g. "0.3", got {text}'],
  positiveShare: ['须为大于 0 的小数（文本），如 "0.2"，实为 {text}', 'must be a decimal above 0 as text, e.g. "0.2", got {text}'],
  bandsAscending: ['各分段上限须逐段递增（前一段为 {previous}）', 'must rise from band to band (the band before ends at {previous})'],
  list: ['须为数组', 'must be a list'],
  nonEmptyList: ['须为非空数组', 'must be a non-empty list'],
  notNegative: ['不得为负数，实为 {text}', 'must not be negative, got {text}'],
  code: ['须为 1 至 40 个字符的机构编码', 'must be an institution code of 1 to 40 characters'],
  codeTwice: ['机构编码 {code} 重复出现', 'institution code {code} is given twice'],
  rulesOrRegion: ['须给出清算规则 rules，或给出行政区划 region 与年度 year 以采用该地区的规则', 'give the rules, or a region and a year to use that region\'s rules'],
  regionCode: ['须为 6 位行政区划代码，实为 {text}', 'must be a six-digit region code, got {text}'],
  // the readable table of `sifund medical settle-year`
  rulesLine: ['清算规则：结余奖励比例 {savingRewardShare}，奖励上限 {cap}，超支分担 {bands}{reference}', 'rules: saving reward {savingRewardShare}, cap {cap}, overrun bands {bands}{reference}'],
  noCap: ['无上限', 'none'],
  capOfQuota: ['年度总额的 {share}', '{share} of the quota'],
  band: ['超支 {upTo} 以内基金分担 {fundShare}', 'up to {upTo} over: fund pays {fundShare}'],
  noBands: ['超支不予分担', 'no overrun paid'],
  referenceNote: ['（依据：{reference}）', ' (source: {reference})'],
  headCode: ['机构编码', 'institution'],
  headQuota: ['年度总额', 'quota'],
  headActual: ['实际发生', 'actual'],
  headSavingReward: ['结余奖励', 'saving reward'],
  headOverrunPaid: ['超支分担', 'overrun paid'],
  headAllowed: ['核定金额', 'allowed'],
  headPrepaid: ['已预拨', 'prepaid'],
  headSettlement: ['清算（正补负扣）', 'settlement (+pay/−recover)'],
  total: ['合计', 'total'],
});
