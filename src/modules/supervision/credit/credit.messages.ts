/** What the credit grades and the blacklist say (中文 for agency staff, English): their refusals, titles and reasons. */
import { defineFieldLabels, defineMessages } from '../../../platform/messages.ts';

defineFieldLabels({
  subjectType: ['对象类型', 'subject type'],
  notifiedOn: ['告知书送达日期', 'notice served on'],
  listingId: ['名单记录', 'listing'],
  show: ['显示范围', 'show'],
});

export const creditSaid = defineMessages('supervision.credit', {
  subjectShape: ['须为 1 至 40 位字母或数字', 'must be 1 to 40 letters or digits'],
  reasonLength: ['须为 2 至 500 个字符', 'must be 2 to 500 characters'],
  notifiedInFuture: ['告知书送达日期 {date} 晚于今天', 'the notice date {date} is after today'],
  subjectUnknown: ['本经办机构范围内没有该对象的稽核记录', 'supervision has no record of this subject in your scope'],
  subjectKindAmbiguous: ['代码 {subject} 对应多类对象（{kinds}），请指明对象类型', 'the code {subject} names subjects of several kinds ({kinds}): name the subject type'],
  notEligible: ['{years} 年内违规成立的稽核案件 {cases} 件、单案最高应追回 {largest} 元，未达到列入严重失信人名单的条件（{rule}）',
    '{cases} established cases within {years} years, the largest {largest} to recover: the blacklist rule is not met ({rule})'],
  alreadyListed: ['该对象已在严重失信人名单中（列入至 {until} 前）', 'the subject is on the blacklist already (until {until})'],
  alreadyProposed: ['该对象已有待审核的列入申请', 'a listing of the subject is waiting for its sign-off already'],
  listingUnknown: ['本经办机构范围内没有编号为 {id} 的名单记录', 'no listing {id} in your scope'],
  notInForce: ['名单记录 {id} 当前不在名单中（{status}），不能移出', 'listing {id} is not on the list ({status}): it cannot be removed'],
  removalWaiting: ['名单记录 {id} 的移出申请正在审核中', 'the removal of listing {id} is waiting for its sign-off already'],
  // titles and reasons
  listTitle: ['列入严重失信人名单：{subject}', 'Blacklist {subject}'],
  removeTitle: ['移出严重失信人名单（信用修复）：{subject}', 'Remove {subject} from the blacklist (credit repair)'],
  ruleText: ['{years} 年内 {cases} 件或单案 {amount} 元', '{cases} cases within {years} years, or one of {amount}'],
  statusProposed: ['列入待审', 'proposed'],
  statusListed: ['已列入', 'listed'],
  statusExpired: ['期满移出', 'expired'],
  statusRemoved: ['已移出（信用修复）', 'removed (credit repair)'],
  statusRejected: ['未列入', 'not listed'],
});
