/**
 * The printed 社会保险费缴费通知单 (A4), as an agency issues it: page 1 sums the bill up — the employer and period, a
 * row per insurance, the total in figures and in capitals (大写金额), where to pay (收款账户), the late-fee rule,
 * the issuing agency, the date and the seal area (盖章处); the annex (附件) lists the persons one line each, in a dense
 * landscape table whose header repeats on every page (191 persons: five pages). The PDF footer numbers the pages.
 * Self-contained HTML: no script, no external resource.
 */
import { formatYuan, parseYuan, yuanInChineseCapitals } from '../../../platform/money.ts';
import { maskIdNumber } from '../../../platform/personal-data.ts';
import { escapeHtml, groupThousands, PRINT_FONTS } from '../../../platform/reports/html.ts';
import type { BillLineView } from './bills.service.ts';
import type { BillNotice } from './bill-notice.service.ts';

export const insuranceNames: Record<string, string> = { pension: '养老保险', medical: '医疗保险', unemployment: '失业保险', work_injury: '工伤保险', maternity: '生育保险', occupational_annuity: '职业年金' };
export const billKindNames: Record<string, string> = { regular: '正常', supplementary: '补缴', credit_note: '冲减' };

/** 社会保险法 第八十六条: 逾期 → 按日加收万分之五的滞纳金. */
export const LATE_FEE_NOTE = '逾期未缴纳的，自欠缴之日起按日加收万分之五的滞纳金（《中华人民共和国社会保险法》第八十六条）';

/** The A4 page of the agency's printed money documents (the notice, the payment receipt): facts, amount tables, issuer and seal. */
export const DOCUMENT_STYLE = `
@page { size: A4; margin: 16mm 16mm 18mm 16mm; }
body { font-family: ${PRINT_FONTS}; font-size: 10.5pt; color: #000; margin: 0; }
h1 { font-size: 18pt; text-align: center; letter-spacing: 2pt; margin: 0 0 4pt; }
h2 { font-size: 11pt; margin: 10pt 0 4pt; }
p { margin: 3pt 0; }
.number { text-align: right; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 0.5pt solid #333; padding: 3pt 5pt; }
th { font-weight: bold; background: #f0f0f0; }
table.facts th { width: 20%; text-align: left; white-space: nowrap; }
td.amount { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: bold; }
.grand { border: 0.5pt solid #333; border-top: none; padding: 4pt 5pt; margin: 0; }
.unit { float: right; font-weight: normal; font-size: 9pt; }
.note { margin-top: 8pt; }
.issuer { display: flex; justify-content: space-between; align-items: flex-end; margin-top: 14pt; }
.issuer p { margin: 6pt 0; }
.seal { width: 42mm; height: 42mm; border: 1pt dashed #555; color: #777; display: flex; align-items: center; justify-content: center; }
`;

const STYLE = `${DOCUMENT_STYLE}
@page annex { size: A4 landscape; margin: 10mm 10mm 13mm 10mm; }
.annex { page: annex; font-size: 9pt; }
.annex h2 { text-align: center; margin: 0 0 2pt; }
.annex .facts-line { text-align: center; margin: 0 0 4pt; }
table.persons { font-size: 9pt; line-height: 1.15; }
table.persons thead { display: table-header-group; }
table.persons tr { break-inside: avoid; }
table.persons th, table.persons td { padding: 0.6pt 2.5pt; white-space: nowrap; }
table.persons td.seq { text-align: right; }
`;

export const amount = (fen: bigint) => groupThousands(formatYuan(fen));
const fen = (yuan: string | null) => (yuan === null ? 0n : parseYuan(yuan));
const cell = (text: string, className?: string) => `<td${className ? ` class="${className}"` : ''}>${escapeHtml(text)}</td>`;
const moneyCell = (value: bigint | null) => `<td class="amount">${value === null ? '' : amount(value)}</td>`;

/** 2026-02-15 → 2026年2月15日; 2026-01 → 2026年1月. */
export function chineseDate(date: string): string {
  const [year, month, day] = date.split('-');
  return `${year}年${Number(month)}月${day ? `${Number(day)}日` : ''}`;
}

/** The calendar date in China (UTC+8) of an instant. */
export const dateInChina = (instant: string) => new Date(new Date(instant).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** The annex's amount columns: each insurance's employer part, and its employee part where it has one (工伤, 生育 do not). */
function amountColumns(insurances: string[], lines: BillLineView[]) {
  return insurances.flatMap((insurance) => [
    { insurance, part: 'employer' as const },
    ...(lines.some((line) => line.insurance === insurance && line.employeeAmount !== null) ? [{ insurance, part: 'employee' as const }] : []),
  ]);
}

interface PersonRow { name: string; idNumber: string; base: bigint; assessed: boolean; amounts: Map<string, bigint>; total: bigint }

/** One row per person (the lines come by ID number): the base (一个基数) and each insurance's parts. */
function personRows(lines: BillLineView[]): PersonRow[] {
  const rows = new Map<string, PersonRow>();
  for (const line of lines) {
    let row = rows.get(line.personId);
    if (!row) rows.set(line.personId, row = { name: line.name, idNumber: line.idNumber, base: fen(line.base), assessed: line.baseSource === 'assessed', amounts: new Map(), total: 0n });
    for (const [part, value] of [['employer', line.employerAmount], ['employee', line.employeeAmount]] as const) {
      if (value === null) continue;
      const key = `${line.insurance}:${part}`;
      row.amounts.set(key, (row.amounts.get(key) ?? 0n) + fen(value));
      row.total += fen(value);
    }
  }
  return [...rows.values()];
}

function summaryPage(notice: BillNotice): string {
  const { bill, payees } = notice;
  const lines = bill.lines ?? [];
  const itemRows = bill.items.map((item) => {
    const ofInsurance = lines.filter((line) => line.insurance === item.insurance);
    const persons = new Set(ofInsurance.map((line) => line.personId)).size;
    const baseTotal = ofInsurance.reduce((sum, line) => sum + fen(line.base), 0n);
    return `<tr>${cell(insuranceNames[item.insurance] ?? item.insurance)}<td class="amount">${persons}</td>${moneyCell(baseTotal)}${moneyCell(fen(item.employerAmount))}${moneyCell(fen(item.employeeAmount))}${moneyCell(fen(item.total))}</tr>`;
  });
  const sum = (pick: (item: BillNotice['bill']['items'][number]) => string) => bill.items.reduce((total, item) => total + fen(pick(item)), 0n);
  const total = fen(bill.total);
  const payeeRows = payees.map((payee) => `<tr>${cell(payee.insurances.map((insurance) => insuranceNames[insurance] ?? insurance).join('、'))}${cell(payee.accountName)}${cell(payee.accountNumber ?? '未设置')}</tr>`);
  return `<section class="summary">
<h1>社会保险费缴费通知单</h1>
<p class="number">通知单号：${escapeHtml(bill.number)}</p>
<table class="facts">
<tr><th>缴费单位</th><td colspan="3">${escapeHtml(bill.employerName)}</td></tr>
<tr><th>统一社会信用代码</th><td>${escapeHtml(bill.creditCode)}</td><th>费款所属期</th><td>${chineseDate(bill.period)}</td></tr>
<tr><th>缴费截止日期</th><td>${chineseDate(bill.dueDate)}</td><th>通知单类型</th><td>${escapeHtml(billKindNames[bill.kind] ?? bill.kind)}</td></tr>
<tr><th>参保人数</th><td>${bill.persons} 人</td><th>明细条数</th><td>${bill.lineCount} 条</td></tr>
</table>
<h2>一、应缴费额<span class="unit">单位：元</span></h2>
<table class="items">
<thead><tr><th>险种</th><th>人数</th><th>缴费基数合计</th><th>单位缴纳</th><th>个人缴纳</th><th>小计</th></tr></thead>
<tbody>
${itemRows.join('\n')}
<tr class="total">${cell('合计')}<td class="amount">${bill.persons}</td><td></td>${moneyCell(sum((item) => item.employerAmount))}${moneyCell(sum((item) => item.employeeAmount))}${moneyCell(total)}</tr>
</tbody></table>
<p class="grand">应缴金额合计（小写）：¥${amount(total)}<br>人民币大写：<span class="capitals">${yuanInChineseCapitals(total)}</span></p>
<h2>二、收款账户</h2>
<table class="payees">
<thead><tr><th>险种</th><th>收款户名</th><th>账号</th></tr></thead>
<tbody>
${payeeRows.join('\n')}
</tbody></table>
<p class="note">请于 ${chineseDate(bill.dueDate)} 前按上列账户足额缴纳，缴款时注明通知单号；${LATE_FEE_NOTE}。</p>
<p>附件：参保人员缴费明细（${bill.persons} 人）</p>
<div class="issuer">
<div><p>经办机构：${escapeHtml(notice.issuingAgency ?? '未设置')}</p><p>开具日期：${chineseDate(dateInChina(bill.issuedAt))}</p></div>
<div class="seal">盖章处</div>
</div>
</section>`;
}

function annex(notice: BillNotice): string {
  const { bill } = notice;
  const lines = bill.lines ?? [];
  const insurances = bill.items.map((item) => item.insurance);
  const columns = amountColumns(insurances, lines);
  const rows = personRows(lines);
  const spans = insurances.map((insurance) => [insurance, columns.filter((column) => column.insurance === insurance).length] as const);
  const head = `<tr><th rowspan="2">序号</th><th rowspan="2">姓名</th><th rowspan="2">公民身份号码</th><th rowspan="2">缴费基数</th>${
    spans.map(([insurance, span]) => `<th colspan="${span}">${escapeHtml(insuranceNames[insurance] ?? insurance)}</th>`).join('')}<th rowspan="2">合计</th></tr>
<tr>${columns.map((column) => `<th>${column.part === 'employer' ? '单位' : '个人'}</th>`).join('')}</tr>`;
  const body = rows.map((row, index) => `<tr><td class="seq">${index + 1}</td>${cell(row.name)}${cell(maskIdNumber(row.idNumber))}${
    row.assessed ? `<td class="amount">${amount(row.base)}（核定）</td>` : moneyCell(row.base)}${
    columns.map((column) => moneyCell(row.amounts.get(`${column.insurance}:${column.part}`) ?? null)).join('')}${moneyCell(row.total)}</tr>`);
  const columnTotal = (key: string) => rows.reduce((sum, row) => sum + (row.amounts.get(key) ?? 0n), 0n);
  const totals = `<tr class="total"><td colspan="3">合计（${rows.length} 人）</td><td></td>${columns.map((column) => moneyCell(columnTotal(`${column.insurance}:${column.part}`))).join('')}${moneyCell(fen(bill.total))}</tr>`;
  return `<section class="annex">
<h2>附件：参保人员缴费明细</h2>
<p class="facts-line">通知单号：${escapeHtml(bill.number)}　缴费单位：${escapeHtml(bill.employerName)}　费款所属期：${chineseDate(bill.period)}　单位：元</p>
<table class="persons"><thead>${head}</thead><tbody>
${body.join('\n')}
${totals}
</tbody></table>
${rows.some((row) => row.assessed) ? '<p class="facts-line">注：标“核定”的人员，本单位未申报本年度缴费基数，按上月缴费基数的110%核定（《社会保险法》第六十二条）；补办申报后按规定结算。</p>' : ''}
</section>`;
}

/** The notice's printable page: the summary page, then the annex of persons. */
export function billNoticePage(notice: BillNotice): string {
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>社会保险费缴费通知单</title><style>${STYLE}</style></head>
<body>
${summaryPage(notice)}
${annex(notice)}
</body></html>`;
}
