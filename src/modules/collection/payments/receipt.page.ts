/**
 * The printed 社会保险费缴费凭证 (A4, one page), as an agency hands it over: the receipt number, the employer, the day
 * received, the amount in figures and in capitals (人民币（大写）), how it was applied (冲抵明细: bill, period, insurance,
 * part, day; the credit left), the payees (收款账户: each fund's income account with the ledger's number, 未设置 when
 * none, and the amount booked to it), the agency, the 经办人, the date of issue and the seal area (盖章处). A reversed
 * payment (冲正) says so in large type above everything: the receipt no longer stands for money received.
 * Self-contained HTML: no script, no external resource.
 */
import { parseYuan } from '../../../platform/money.ts';
import { escapeHtml } from '../../../platform/reports/html.ts';
import { amount, chineseDate, dateInChina, DOCUMENT_STYLE, insuranceNames } from '../billing/bill-notice.page.ts';
import type { PaymentReceipt, ReceiptLine } from './receipt.service.ts';
import { sourceNames } from './payments.report.ts';

export const partNames: Record<ReceiptLine['part'], string> = { employer: '单位缴纳', employee: '个人缴纳', late_fee: '滞纳金' };

const STYLE = `${DOCUMENT_STYLE}
.reversed { border: 3pt double #000; text-align: center; padding: 6pt; margin: 0 0 8pt; }
.reversed strong { display: block; font-size: 30pt; letter-spacing: 8pt; }
.reversed span { font-size: 12pt; }
table.applied { font-size: 9.5pt; }
table.applied th, table.applied td { white-space: nowrap; padding: 3pt 4pt; }
`;

const cell = (text: string) => `<td>${escapeHtml(text)}</td>`;
const moneyCell = (yuan: string) => `<td class="amount">${amount(parseYuan(yuan))}</td>`;
const insuranceName = (insurance: string) => insuranceNames[insurance] ?? insurance;

function reversedNote(reversed: NonNullable<PaymentReceipt['reversed']>): string {
  return `<div class="reversed"><strong>已冲正</strong><span>本笔缴款已于 ${chineseDate(reversed.date)} 冲正，款项视同未到账，本凭证作废。冲正原因：${escapeHtml(reversed.reason)}</span></div>`;
}

/** One row per bill, insurance and day: its employer and employee parts and its late fee side by side (the notice's layout). */
function appliedRows(lines: ReceiptLine[]) {
  const rows = new Map<string, { line: ReceiptLine; parts: Map<ReceiptLine['part'], bigint>; total: bigint }>();
  for (const line of lines) {
    const key = `${line.billNumber}/${line.insurance}/${line.date}`;
    const row = rows.get(key) ?? { line, parts: new Map(), total: 0n };
    row.parts.set(line.part, (row.parts.get(line.part) ?? 0n) + parseYuan(line.amount));
    row.total += parseYuan(line.amount);
    rows.set(key, row);
  }
  return [...rows.values()];
}

function appliedTable(receipt: PaymentReceipt): string {
  const partCell = (value: bigint | undefined) => `<td class="amount">${value === undefined ? '' : amount(value)}</td>`;
  const rows = appliedRows(receipt.lines).map(({ line, parts, total }) => `<tr>${cell(line.billNumber)}${cell(chineseDate(line.period))}${cell(insuranceName(line.insurance))}${cell(line.date)}${
    (Object.keys(partNames) as ReceiptLine['part'][]).map((part) => partCell(parts.get(part))).join('')}${partCell(total)}</tr>`);
  if (parseYuan(receipt.credit) !== 0n) rows.push(`<tr><td colspan="7">预缴结余（留抵以后应缴费款）</td>${moneyCell(receipt.credit)}</tr>`);
  const employer = receipt.lines.filter((line) => line.part === 'employer').reduce((sum, line) => sum + parseYuan(line.amount), 0n);
  return `<table class="applied">
<thead><tr><th>通知单号</th><th>费款所属期</th><th>险种</th><th>冲抵日期</th>${Object.values(partNames).map((name) => `<th>${name}</th>`).join('')}<th>小计</th></tr></thead>
<tbody>
${rows.join('\n')}
<tr class="total"><td colspan="4">合计</td>${partCell(employer)}${partCell(parseYuan(receipt.principal) - employer)}${moneyCell(receipt.lateFee)}${moneyCell(receipt.amount)}</tr>
</tbody></table>`;
}

function payeesTable(receipt: PaymentReceipt): string {
  const rows = receipt.payees.map((payee) => `<tr>${cell(payee.insurances.map(insuranceName).join('、'))}${cell(payee.accountName)}${cell(payee.accountNumber ?? '未设置')}${moneyCell(payee.amount)}</tr>`);
  const creditNote = parseYuan(receipt.credit) === 0n ? '' : `<p class="note">预缴结余 ¥${amount(parseYuan(receipt.credit))} 暂不计入基金，抵缴以后应缴费款时计入相应基金收入户。</p>`;
  return `${rows.length ? `<table class="payees">
<thead><tr><th>险种</th><th>收款户名</th><th>账号</th><th>金额</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>` : '<p>本笔缴款未冲抵应缴费款，未计入基金收入户。</p>'}
${creditNote}`;
}

/** The receipt's printable page. */
export function paymentReceiptPage(receipt: PaymentReceipt): string {
  const { name, username } = receipt.recordedBy;
  const recorder = name && name !== username ? `${name}（${username}）` : username;
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>社会保险费缴费凭证</title><style>${STYLE}</style></head>
<body>
${receipt.reversed ? reversedNote(receipt.reversed) : ''}
<h1>社会保险费缴费凭证</h1>
<p class="number">凭证号：${escapeHtml(receipt.number)}</p>
<table class="facts">
<tr><th>缴费单位</th><td colspan="3">${escapeHtml(receipt.employerName)}</td></tr>
<tr><th>统一社会信用代码</th><td>${escapeHtml(receipt.creditCode)}</td><th>到账日期</th><td>${chineseDate(receipt.date)}</td></tr>
<tr><th>缴款方式</th><td>${sourceNames[receipt.source]}</td><th>交易流水号</th><td>${escapeHtml(receipt.transactionId ?? '—')}</td></tr>
<tr><th>附言</th><td colspan="3">${escapeHtml(receipt.reference ?? '—')}</td></tr>
</table>
<p class="grand">实收金额（小写）：¥${amount(parseYuan(receipt.amount))}<br>人民币（大写）：<span class="capitals">${receipt.amountInCapitals}</span></p>
<h2>一、冲抵明细<span class="unit">单位：元</span></h2>
${appliedTable(receipt)}
<h2>二、收款账户</h2>
${payeesTable(receipt)}
<div class="issuer">
<div><p>经办机构：${escapeHtml(receipt.agency ?? '未设置')}</p><p>经办人：${escapeHtml(recorder)}</p><p>开具日期：${chineseDate(dateInChina(receipt.recordedAt))}</p></div>
<div class="seal">盖章处</div>
</div>
</body></html>`;
}
