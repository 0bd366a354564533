/**
 * What the budget adjustments say (预算调整：调整方案、报批、调整记录): refusals of a request and of its lines, the
 * sign-off title, the history of a line.
 */
import { defineFieldLabels, defineMessages } from '../../../platform/messages.ts';

defineFieldLabels({
  explanation: ['调整说明', 'explanation'],
  change: ['增减额', 'change'],
  side: ['收支方向', 'side'],
  adjustmentLines: ['调整项目', 'lines to adjust'],
});

export const adjustmentSaid = defineMessages('budget.adjustment', {
  // refusals of the request
  adjustmentNotFound: ['预算调整 {id} 不存在', 'budget adjustment {id} does not exist'],
  notApproved: ['预算版本 {id} 状态为“{status}”，只有已批复的预算可以调整', 'budget version {id} is {status}: only an approved budget is adjusted'],
  newerVersion: ['预算版本 {id} 已被第 {number} 版（{newer}）取代，请对最新批复的版本发起调整', 'budget version {id} is superseded by version {number} ({newer}): adjust the latest approved version'],
  noLines: ['至少调整一个项目', 'at least one line must change'],
  tooManyLines: ['一次至多调整 {max} 个项目', 'at most {max} lines in one adjustment'],
  explanationRequired: ['须填写调整说明（2 至 2000 字）', 'an explanation is required (2 to 2000 characters)'],
  linesRejected: ['调整方案有 {count} 个项目不符合要求，未报送', '{count} line(s) of the adjustment are refused; nothing was submitted'],
  // refusals of a line (each names the line)
  fundNotInVersion: ['预算版本中没有基金 {fund}', 'the version has no table of fund {fund}'],
  sideShape: ['须为 income（收入）或 expense（支出），实为“{value}”', 'must be income or expense; got "{value}"'],
  notASubject: ['“{subject}”既不是该版本的预算项目，也不是预算科目表中 {scheme} 的{side}科目', '{subject} is neither a line of the version nor a subject of the {scheme} table\'s {side} in the subject chart'],
  income: ['收入', 'income'],
  expense: ['支出', 'expense'],
  parentMissing: ['“{subject}”所属的“{parent}”不在该版本中', 'the line {parent} of {subject} is not in the version'],
  amountOrChange: ['须填写调整后金额或增减额之一（不可同时填写）', 'give either the new amount or the change, not both'],
  negativeResult: ['调整后金额不得小于 0（原数 {from} 元，调整后 {to} 元）', 'the new amount must be at least 0 (from {from} to {to})'],
  unchanged: ['“{name}”金额未变（{amount} 元）', '{name} is already {amount}: nothing changes'],
  twice: ['“{subject}”在调整方案中重复出现', '{subject} appears twice in the adjustment'],
  reasonRequired: ['每个调整项目须说明理由（2 至 500 字）', 'each line needs a reason (2 to 500 characters)'],
  belowExecuted: ['“{name}”调减后 {to} 元，低于本年已支付 {paid} 元与已承诺 {committed} 元之和 {used} 元：预算不得调减至已执行数以下', '{name} would be {to}, below the {used} already paid ({paid}) and committed ({committed}) this year: a budget is not lowered below what it has executed'],
  belowExecutedAtApproval: ['调整方案中的项目已低于执行数（审核期间又有支付或承诺），不能批准：{lines}。请退回后按现数调整', 'lines of the adjustment are now below what they have executed (paid or committed while it was under review), so it cannot be approved: {lines}. Return it and adjust from the current figures'],
  // the command's input file
  notJson: ['不是有效的 JSON：{problem}', 'is not valid JSON: {problem}'],
  inputShape: ['须为 {"explanation": "调整说明", "lines": [{"fund", "side", "subject", "amount" 或 "change", "reason"}]}', 'must be {"explanation": "…", "lines": [{"fund", "side", "subject", "amount" or "change", "reason"}]}'],
  lineOptionsOrInput: ['须给出 --input（对已批复版本发起预算调整），或同时给出 --fund、--subject、--amount、--reason（调整编制中的版本）', 'give --input (an adjustment of an approved version), or --fund, --subject, --amount and --reason (a line of a drafted version)'],
  // statuses and labels
  submitted: ['审核中', 'under review'],
  returned: ['已退回', 'returned'],
  cancelled: ['已撤回', 'withdrawn'],
  approved: ['已批准', 'approved'],
  notSubmitted: ['预算调整 {id} 状态为“{status}”，不在审核中', 'budget adjustment {id} is {status}: it is not under review'],
  signoffTitle: ['{region} {year} 年度社会保险基金预算调整（调整第 {number} 版，{count} 个项目）', '{region} {year} fund budget adjustment of version {number} ({count} lines)'],
  lineNeverBudgeted: ['{region} {year} 年度已批复的预算中没有基金 {fund} 的项目“{subject}”', 'no approved budget of {region} for {year} has the line {subject} of fund {fund}'],
});
