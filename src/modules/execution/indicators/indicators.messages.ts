/** What the budget indicators say (中文 for agency staff, English). */
import { defineMessages } from '../../../platform/messages.ts';

export const indicatorSaid = defineMessages('execution.indicators', {
  yearOutOfRange: ['须为 1990 至 2100 年之间的年度', 'must be a year from 1990 to 2100'],
  monthOutOfRange: ['须为 1 至 12 月', 'must be a month from 1 to 12'],
  blocked: [
    '{fund}“{name}”（{subject}）预算指标可用 {available} 元，本次支付 {requested} 元，超出可用指标，不予审批；请先调整预算',
    '{fund} "{name}" ({subject}): {available} yuan of the budget indicator is available, {requested} yuan requested: beyond the indicator, the approval is refused; adjust the budget first',
  ],
});
