/** What the duty assignments (岗位责任) and the focus list (重点关注) say (中文 for agency staff, English). */
import { defineFieldLabels, defineMessages } from '../../../platform/messages.ts';

defineFieldLabels({
  scheme: ['险种', 'scheme'],
});

export const dutySaid = defineMessages('execution.duty', {
  regionUnknown: ['行政区划 {region} 不存在', 'region {region} does not exist'],
  regionOutsideScope: ['{region} 不在本人管辖范围内', '{region} is outside your region'],
  schemeUnknown: ['须为 all（全部险种）或有预算表的险种（{schemes}），收到 {value}', 'must be all or a scheme with a budget table ({schemes}), got {value}'],
  fromNotAfterCurrent: [
    '起始日期须晚于现任责任人 {username} 的起始日期 {current}：岗位责任只能向后接续，不改写历史',
    'must be after {current}, the date the current responsible {username} took over: an assignment only follows the current one, history is not rewritten',
  ],
  alreadyResponsible: ['{username} 已是 {region} {scheme} 的现任责任人', '{username} is already responsible for {scheme} in {region}'],
  concurrentAssignment: ['{region} {scheme} 的责任人刚被他人变更，请刷新后重试', 'someone else has just assigned {scheme} in {region}: reload and try again'],
});
