/** What the supervision cases say (中文 for agency staff, English): their refusals, titles and the timeline's steps. */
import { defineFieldLabels, defineMessages } from '../../../platform/messages.ts';

defineFieldLabels({
  findingIds: ['稽核疑点', 'findings'],
  assignee: ['承办人', 'inspector assigned'],
  subjectKind: ['对象类型', 'subject kind'],
  amountInvolved: ['涉及金额', 'amount involved'],
  violation: ['稽核结论', 'conclusion'],
  amounts: ['应追回金额', 'amounts to recover'],
  legalBasis: ['法律依据', 'legal basis'],
  bankReference: ['银行流水号', 'bank reference'],
  caseId: ['案件', 'case'],
  penaltyProvision: ['罚款依据', 'penalty provision'],
  penaltyMultiple: ['罚款倍数', 'penalty multiple'],
});

export const casesSaid = defineMessages('supervision.cases', {
  // opening
  findingsOrSubject: ['请选择稽核疑点，或填写对象、案件类型和涉及金额', 'name the findings, or the subject, the kind and the amount involved'],
  findingUnknown: ['本经办机构范围内没有编号为 {id} 的稽核疑点', 'no finding {id} in your scope'],
  findingTakenMeanwhile: ['稽核疑点 {ids} 刚被其他案件立案，请刷新后查看', 'finding {ids} was just taken up by another case: reload to see it'],
  findingDismissed: ['稽核疑点 {id} 已排除，不能立案', 'finding {id} is dismissed: no case can be opened on it'],
  findingInOpenCase: ['稽核疑点 {id} 已在未结案件 {number} 中', 'finding {id} is in the open case {number} already'],
  findingsOfOneSubject: ['一个案件只针对一个对象：所选疑点涉及 {subjects}', 'a case is about one subject: the findings name {subjects}'],
  subjectShape: ['须为 1 至 40 位字母或数字', 'must be 1 to 40 letters or digits'],
  kindUnknown: ['须为稽核规则名称或 other：{kinds}', 'must be a detection rule or other: {kinds}'],
  regionOutsideScope: ['行政区划 {region} 不在本经办机构范围内', 'the region {region} is outside your scope'],
  reasonLength: ['须为 2 至 500 个字符', 'must be 2 to 500 characters'],
  notNegative: ['不得为负数', 'must not be negative'],
  aboveZero: ['须大于 0 元', 'must be above 0'],
  caseUnknown: ['本经办机构范围内没有编号为 {id} 的案件', 'no case {id} in your scope'],
  notAssignee: ['案件 {number} 的承办人是 {assignee}：结论、追回、抵扣和结案由承办人办理，或由稽核负责人改派', 'case {number} is assigned to {assignee}: its conclusion, recoveries, offsets and closing are theirs, unless the head of inspections assigns it to you'],
  notAssignable: ['案件 {number} 当前状态为{status}，不能改派', 'case {number} is {status}: it cannot be assigned'],
  alreadyAssigned: ['案件 {number} 的承办人已是 {assignee}', 'case {number} is assigned to {assignee} already'],
  // conclusion
  notInvestigating: ['案件 {number} 当前状态为{status}，只有调查中的案件可以作出结论', 'case {number} is {status}: only a case under investigation can be concluded'],
  amountsForEstablished: ['违规成立须至少填写一个基金的应追回金额（可为 0 元以外的金额）', 'an established violation names the amount to recover of at least one fund'],
  noAmountsWhenNotEstablished: ['违规不成立时不填写应追回金额', 'no amount to recover when the violation is not established'],
  fundTwice: ['基金 {fund} 重复填写', 'the fund {fund} appears twice'],
  fundUnknown: ['没有基金 {fund}', 'no fund {fund}'],
  legalBasisLength: ['须为 2 至 200 个字符', 'must be 2 to 200 characters'],
  noteLength: ['至多 500 个字符', 'must be at most 500 characters'],
  penaltyOnlyEstablished: ['违规不成立时不作罚款', 'no penalty when the violation is not established'],
  penaltyBothOrNone: ['罚款依据与罚款倍数须同时填写', 'a penalty names both its provision and its multiple'],
  penaltyProvisionUnknown: ['须为现行有效的罚款依据之一：{provisions}', 'must be one of the provisions in force: {provisions}'],
  penaltyMultipleOutside: ['{provision}规定的罚款为 {min} 至 {max} 倍', '{provision} sets a multiple from {min} to {max}'],
  // recovery and closing
  notRecoverable: ['案件 {number} 当前状态为{status}，只有已结论、违规成立的案件可以登记追回', 'case {number} is {status}: only a concluded case with an established violation takes recoveries'],
  fundNotInConclusion: ['结论中没有基金 {fund} 的应追回金额', 'the conclusion names no amount to recover for the fund {fund}'],
  moreThanOutstanding: ['追回金额 {amount} 元超过基金 {fund} 尚未追回的 {outstanding} 元', 'the recovery of {amount} is more than the {outstanding} outstanding for the fund {fund}'],
  offsetOnlyForPersons: ['案件 {number} 的对象不是个人：只有个人的案件可从其待遇中抵扣', 'case {number} is not about a person: only a person\'s case can be offset against their benefits'],
  recoveredInFuture: ['追回日期 {date} 晚于今天', 'the date {date} is after today'],
  referenceShape: ['须为 1 至 60 个字符', 'must be 1 to 60 characters'],
  notClosable: ['案件 {number} 当前状态为{status}，不能结案', 'case {number} is {status}: it cannot be closed'],
  outstandingLeft: ['尚有 {outstanding} 元未追回，不能结案', '{outstanding} is still to recover: the case cannot be closed'],
  // titles and memos
  openTitle: ['稽核立案 {number}：{subject}', 'Open case {number}: {subject}'],
  concludeTitle: ['稽核结论 {number}：{violation}', 'Conclude case {number}: {violation}'],
  recoveryMemo: ['稽核追回 {number}（银行流水号 {reference}）', 'Recovery of case {number} (bank reference {reference})'],
  // statuses and conclusions
  statusFiling: ['立案待审', 'filing'],
  statusInvestigating: ['调查中', 'under investigation'],
  statusConcluded: ['已结论', 'concluded'],
  statusRecovering: ['追回中', 'recovering'],
  statusClosed: ['已结案', 'closed'],
  statusWithdrawn: ['已撤回', 'withdrawn'],
  established: ['违规成立', 'violation established'],
  notEstablished: ['违规不成立', 'violation not established'],
});

/** The provisions a penalty rests on (the keys of supervision.penalty_multiples); a key without a label shows as itself. */
export const penaltyProvisionSaid = defineMessages('supervision.penaltyProvisions', {
  social_insurance_law_86: ['社会保险法 第八十六条（逾期仍不缴纳社会保险费）', 'Social Insurance Law art. 86 (contributions still unpaid when due)'],
  social_insurance_law_87: ['社会保险法 第八十七条（骗取社会保险基金支出）', 'Social Insurance Law art. 87 (fund expenditure obtained by fraud)'],
  social_insurance_law_88: ['社会保险法 第八十八条（骗取社会保险待遇）', 'Social Insurance Law art. 88 (benefits obtained by fraud)'],
  medical_fund_regulation_38: ['医疗保障基金使用监督管理条例 第三十八条（造成基金损失）', 'Medical Security Fund Regulation art. 38 (loss caused to the fund)'],
  medical_fund_regulation_40: ['医疗保障基金使用监督管理条例 第四十条（骗取医保基金支出）', 'Medical Security Fund Regulation art. 40 (fund expenditure obtained by fraud)'],
});
