/**
 * The printed 社会保险费催缴通知书 / 社会保险费限期缴纳通知书 (A4, one page): the number, the employer, the overdue
 * contributions and late fee per month as of the notice's date, the total in figures and in capitals, what the
 * employer must do (a reminder: pay at once; an order: pay by the deadline, 社会保险法 第六十三条, and what follows if
 * it does not, 第八十六条), the agency, the date and the seal area; below it the delivery receipt (送达回证) to fill in.
 * Self-contained HTML: no script, no external resource.
 */
import { parseYuan, yuanInChineseCapitals } from '../../../platform/money.ts';
import { escapeHtml } from '../../../platform/reports/html.ts';
import { amount, chineseDate, DOCUMENT_STYLE, LATE_FEE_NOTE } from '../billing/bill-notice.page.ts';
import { deliveryMethodNames, noticeKindNames } from './dunning.calc.ts';
import type { NoticeView } from './dunning.service.ts';

const STYLE = `${DOCUMENT_STYLE}
.addressee { margin: 8pt 0 4pt; font-weight: bold; }
.body p { text-indent: 2em; line-height: 1.6; }
.receipt { margin-top: 16pt; border-top: 1pt dashed #555; padding-top: 8pt; }
.receipt h2 { text-align: center; }
`;

const money = (yuan: string) => `<td class="amount">${amount(parseYuan(yuan))}</td>`;

function demand(notice: NoticeView): string {
  const owed = `截至 ${chineseDate(notice.asOf)}，你单位欠缴社会保险费 ${amount(parseYuan(notice.principal))} 元，滞纳金 ${amount(parseYuan(notice.lateFee))} 元，合计 ${amount(parseYuan(notice.total))} 元（明细见下表）。`;
  if (notice.kind === 'order') {
    return `<p>你单位未按时足额缴纳社会保险费。${owed}根据《中华人民共和国社会保险法》第六十三条的规定，责令你单位于 ${chineseDate(notice.deadline!)} 前足额缴纳欠缴的社会保险费及滞纳金。</p>
<p>${LATE_FEE_NOTE}。逾期仍不缴纳的，本机构将依照该法第六十三条查询你单位存款账户，申请有关行政部门作出划拨社会保险费的决定，或者申请人民法院扣押、查封、拍卖你单位相应价值的财产；并由有关行政部门依照第八十六条处欠缴数额一倍以上三倍以下的罚款。</p>`;
  }
  return `<p>你单位未按时足额缴纳社会保险费。${owed}请接到本通知后及时足额缴纳，缴款时注明本通知书编号。</p>
<p>${LATE_FEE_NOTE}。</p>`;
}

function deliveryRows(notice: NoticeView): string {
  if (!notice.deliveries.length) return '<tr><th>送达方式</th><td></td><th>送达日期</th><td></td></tr>\n<tr><th>受送达人（签收）</th><td colspan="3"></td></tr>';
  return notice.deliveries.map((d) => `<tr><th>送达方式</th><td>${deliveryMethodNames[d.method]}</td><th>送达日期</th><td>${chineseDate(d.deliveredOn)}</td></tr>
<tr><th>受送达人</th><td colspan="3">${escapeHtml(d.recipient)}${d.note ? `（${escapeHtml(d.note)}）` : ''}</td></tr>`).join('\n');
}

export function dunningNoticePage(notice: NoticeView, agency: string | null): string {
  const title = noticeKindNames[notice.kind];
  const rows = notice.periods.map((p) => `<tr><td>${chineseDate(p.period)}</td><td>${chineseDate(p.dueDate)}</td><td class="amount">${p.daysOverdue}</td>${money(p.principal)}${money(p.lateFee)}</tr>`);
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title><style>${STYLE}</style></head>
<body>
<h1>${title}</h1>
<p class="number">编号：${escapeHtml(notice.number)}</p>
<p class="addressee">${escapeHtml(notice.employerName)}（统一社会信用代码：${escapeHtml(notice.creditCode)}）：</p>
<div class="body">${demand(notice)}</div>
<table class="items">
<thead><tr><th>费款所属期</th><th>缴费截止日期</th><th>逾期天数</th><th>欠缴社会保险费</th><th>滞纳金</th></tr></thead>
<tbody>
${rows.join('\n')}
<tr class="total"><td colspan="3">合计</td>${money(notice.principal)}${money(notice.lateFee)}</tr>
</tbody></table>
<p class="grand">应缴合计（小写）：¥${amount(parseYuan(notice.total))}<br>人民币（大写）：<span class="capitals">${yuanInChineseCapitals(parseYuan(notice.total))}</span></p>
<div class="issuer">
<div><p>经办机构：${escapeHtml(agency ?? '未设置')}</p><p>日期：${chineseDate(notice.asOf)}</p></div>
<div class="seal">盖章处</div>
</div>
<section class="receipt">
<h2>送达回证</h2>
<table class="facts">
<tr><th>文书名称</th><td>${title}</td><th>文书编号</th><td>${escapeHtml(notice.number)}</td></tr>
<tr><th>受送达单位</th><td colspan="3">${escapeHtml(notice.employerName)}</td></tr>
${deliveryRows(notice)}
</table>
</section>
</body></html>`;
}
