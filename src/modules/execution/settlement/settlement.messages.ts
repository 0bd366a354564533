/** What the final accounts (决算) and the year-end settlement (年终清算) say (中文 for agency staff, English). */
import { defineFieldLabels, defineMessages } from '../../../platform/messages.ts';

defineFieldLabels({
  settlement: ['年终清算', 'year-end settlement'],
});

export const settlementSaid = defineMessages('execution.settlement', {
  yearOutOfRange: ['须为 2000 至 2100 年之间的年度', 'must be a year from 2000 to 2100'],
  yearNotOver: ['{year} 年度尚未结束，不能编制决算或办理年终清算（决算可按草案查看）', 'the year {year} is not over: no final accounts or year-end settlement yet (the final accounts can be seen as a draft)'],
  yearNotBegun: ['{year} 年度尚未开始，无决算数', 'the year {year} has not begun: it has no actuals'],
  regionShape: ['须为 6 位行政区划代码，收到 {value}', 'must be a 6-digit region code, got {value}'],
  fundNotInRegion: ['基金 {fund} 不在 {region} 及其下级的统筹基金中', 'fund {fund} is not a pooled fund of {region} or below'],
  noFundToSettle: ['{region} {year} 年度没有待清算的基金（均已清算或正在审核）', '{region} has no fund left to settle for {year}: each is settled or in sign-off'],
  alreadySettled: ['{fund} {year} 年度已办理年终清算（{settledOn}），不能重复清算', '{fund} was settled for {year} on {settledOn}: a second settlement is refused'],
  figuresChanged: [
    '{fund} 支出户自报送以来发生变动（应退回 {submitted} 元，现为 {now} 元），请撤回后重新报送年终清算',
    'the expense account of {fund} has moved since submission ({submitted} yuan to return then, {now} now): withdraw and submit the settlement again',
  ],
  signoffTitle: ['{fund} {year} 年度年终清算：支出户结余 {unspent} 元退回财政专户', 'Year-end settlement of {fund} for {year}: {unspent} yuan of the expense account returned to the special fiscal account'],
  entryMemo: ['{year} 年度年终清算：支出户结余资金退回财政专户（财社〔2017〕144号 第四十一条）', 'Year-end settlement {year}: the expense account\'s unspent allocation returned to the special fiscal account'],
});
