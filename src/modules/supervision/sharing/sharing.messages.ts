/** What responsibility sharing and its settlement say (中文 for agency staff, English). */
import { defineMessages } from '../../../platform/messages.ts';

export const sharingSaid = defineMessages('supervision.sharing', {
  yearNotOver: ['{year} 年度尚未结束，年度缺口未定，不能结算', 'the year {year} is not over: its gaps are not final, nothing to settle yet'],
  regionRequired: ['请指定结算的省份（统筹基金所在的省级区划代码）', 'give the province to settle (the region code of the pooled fund)'],
  notProvince: ['{value} 不是省级区划代码：责任分担按省级统筹基金结算', '{value} is no province: the sharing is settled per province-pooled fund'],
  outsideScope: ['{province} 的责任分担结算须由省级或以上经办人员报送', 'the sharing settlement of {province} is submitted by the province\'s staff or above'],
  noPooledFund: ['{province} 没有省级统筹的{scheme}基金（{fund}）', '{province} has no province-pooled {scheme} fund ({fund})'],
  schemeUnknown: ['险种 {value} 不参与责任分担（可选：{choices}）', 'scheme {value} has no responsibility sharing (one of {choices})'],
  noSharesOfScheme: ['{year} 年的责任分担比例未规定{scheme}（{parameter}）', 'the sharing shares in force in {year} name no {scheme} ({parameter})'],
  fundBelowProvince: ['{fund} 在省级以下统筹：基金之间的补助下级、上解上级结算尚未实现', '{fund} is pooled below the province: settling transfers between two funds (补助下级 / 上解上级) are not built'],
  alreadySettled: ['{province} {year} 年度责任分担已于 {settledOn} 结算', 'the sharing of {province} for {year} was settled on {settledOn}'],
  nothingToSettle: ['{province} {year} 年度各县均无基金缺口，无需结算', 'no county of {province} has a gap in {year}: nothing to settle'],
  figuresChanged: ['{year} 年度分担额与报送时不一致（报送时上解 {submitted} 元，现为 {now} 元），请退回后重新报送', 'the shares of {year} differ from those submitted ({submitted} yuan to remit then, {now} now): return it and submit again'],
  signoffTitle: ['{province} {year} 年度{scheme}基金缺口责任分担结算：市县上解 {remitted} 元', '{province} {year} {scheme} deficit sharing: {remitted} yuan remitted by the cities and counties'],
  entryMemo: ['{year} 年度{county}养老保险基金缺口市县分担上解', '{year} pension deficit shares of {county} remitted by the city and the county'],
  cityShareMemo: ['市级分担', 'the city\'s share'],
  countyShareMemo: ['县级分担', 'the county\'s share'],
});
