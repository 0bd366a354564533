/** What dunning says to people (催缴通知书, 限期缴纳通知书, 送达, 分期缴纳, 滞纳金减免). */
import { defineFieldLabels, defineMessages } from '../../../platform/messages.ts';

export const dunningSaid = defineMessages('collection.dunning', {
  notice: ['催缴文书 {id}', 'dunning notice {id}'],
  noArrears: ['{employer} 截至 {asOf} 没有逾期未缴的社会保险费，无需催缴', '{employer} owes no overdue contributions on {asOf}: nothing to demand'],
  reminderHasNoDeadline: ['催缴通知书不设缴纳期限；责令限期缴纳请开具限期缴纳通知书', 'a reminder sets no deadline; an order to pay within a time limit is the other kind'],
  orderNeedsDeadline: ['限期缴纳通知书须写明缴纳期限（《社会保险法》第六十三条）', 'an order to pay must set its deadline (Social Insurance Law art. 63)'],
  deadlineTooSoon: ['缴纳期限须在 {asOf} 之后至少 {days} 天', 'the deadline must be at least {days} days after {asOf}'],
  deliveredBeforeIssued: ['送达日期不得早于文书日期（{asOf}）', 'the delivery cannot be before the notice\'s date ({asOf})'],
  deliveredInFuture: ['送达日期不得晚于今天（{today}）', 'the delivery date cannot be after today ({today})'],
  instalmentCount: ['分期须为 2 至 {most} 期', 'an instalment plan has 2 to {most} instalments'],
  instalmentAboveZero: ['每期金额须大于零', 'every instalment must be above zero'],
  instalmentDatesInOrder: ['各期缴纳日期须晚于 {asOf} 且依次递增', 'the instalments\' dates must be after {asOf} and in order'],
  instalmentTotal: ['各期合计 {total} 元，须等于欠费本金 {principal} 元', 'the instalments add up to {total}, not the principal owed ({principal})'],
  waiverAboveOwed: ['减免金额 {amount} 元超过截至 {asOf} 未缴的滞纳金 {lateFee} 元', 'the waiver ({amount}) is more than the late fee owed on {asOf} ({lateFee})'],
  waiverAboveZero: ['减免金额须大于零', 'the amount waived must be above zero'],
  reasonLength: ['须写明理由，2 至 500 个字', 'must say why, in 2 to 500 characters'],
  documentLength: ['须写明依据文书（如复议决定书文号），2 至 200 个字', 'must name the document it rests on (e.g. the decision\'s number), 2 to 200 characters'],
  recipientLength: ['须写明受送达人，1 至 100 个字', 'must name the recipient, 1 to 100 characters'],
  notForEmployers: ['催缴文书由经办机构开具', 'dunning notices are issued by the agency'],
});

defineFieldLabels({
  deadline: ['缴纳期限', 'deadline'],
  deliveredOn: ['送达日期', 'delivery date'],
  recipient: ['受送达人', 'recipient'],
  method: ['送达方式', 'delivery method'],
  instalments: ['分期计划', 'instalments'],
  ground: ['减免事由', 'ground'],
  document: ['依据文书', 'document'],
});
