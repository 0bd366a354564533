/** What the sign-off engine says (分级审核, issue 10), in Chinese and English, and its fields' labels. */
import { defineFieldLabels, defineMessages, type Said } from '../messages.ts';

defineFieldLabels({
  subjectKey: ['审核对象', 'subject'],
  comment: ['审核意见', 'comment'],
  decision: ['审核结论', 'decision'],
});

export const signoffMessages = defineMessages('signoff', {
  pending: ['待审核', 'pending'],
  approved: ['已通过', 'approved'],
  returned: ['已退回', 'returned'],
  cancelled: ['已撤回', 'cancelled'],
  notWaiting: ['该事项{status}，不在等待审核', 'the item is {status}, not waiting for a decision'],
  noLevelLeft: ['该事项已没有待审核的级次', 'the item has no level left to decide'],
  levelNeedsPermission: ['“{label}”级次需要权限 {permission}', 'level {label} ({name}) needs the permission {permission}'],
  drafterCannotDecide: ['经办人不能审核自己提交的事项（岗位分离：须由另一人签批）', 'the drafter of an item cannot decide it (separation of duties: a second person signs)'],
  alreadySigned: ['您已签批过该事项：同一用户不能签批两个级次', 'you already signed this item: the same user never signs two levels'],
  onlyDrafterResubmits: ['只有经办人（{drafter}）可以重新提交该事项', 'only the drafter ({drafter}) may resubmit the item'],
  onlyDrafterCancels: ['只有经办人（{drafter}）可以撤回该事项', 'only the drafter ({drafter}) may cancel the item'],
  onlyReturnedResubmitted: ['只有已退回的事项可以重新提交；该事项{status}', 'only a returned item is resubmitted; this one is {status}'],
  itemIs: ['该事项{status}', 'the item is {status}'],
  levelSignedAlready: ['已有级次签批：请由下一级审核人退回', 'a level has signed already: ask the next level to return it'],
  alreadyWaiting: ['{kind}：同一对象的事项 {id} 已在等待审核（提交人 {submittedBy}）', '{kind}: item {id} for the same subject is already waiting (submitted by {submittedBy})'],
  approvalItem: ['审核事项 {id}', 'approval item {id}'],
  returnNeedsReason: ['请填写退回经办人的原因', 'say why the item goes back to its drafter'],
  cancelNeedsReason: ['请填写撤回的原因', 'say why the item is withdrawn'],
  signInFailed: ['登录失败', 'sign-in failed'],
  mustChangePassword: ['{username} 须先修改管理员重置的密码，才能签批（修改密码）', '{username} must change the password an administrator reset before signing anything (修改密码)'],
  approveOrReturn: ['须为 approve（同意）或 return（退回）', 'must be approve or return'],
});

/** An item's status as said (pending, approved, returned, cancelled). */
export function itemStatus(status: string): Said | string {
  return status === 'pending' || status === 'approved' || status === 'returned' || status === 'cancelled' ? signoffMessages[status]() : status;
}
