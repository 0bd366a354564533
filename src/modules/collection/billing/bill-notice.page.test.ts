/**
 * The printed 缴费通知单: the summary page (total in capitals, payees, late-fee rule, agency, seal area) and the annex
 * of persons, one line each with the ID number masked; 191 persons print on at most 7 A4 pages, not 30.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { formatYuan } from '../../../platform/money.ts';
import { closePdfBrowser, renderPdf } from '../../../platform/reports/pdf.ts';
import { billNoticePage } from './bill-notice.page.ts';
import { billNoticeReport } from './bill.report.ts';
import type { BillNotice } from './bill-notice.service.ts';
import type { BillLineView } from './bills.service.ts';

after(() => closePdfBrowser());

/** Rates of the notice's persons: employer and employee part per insurance (工伤, 生育: employer only). */
const RATES: [insurance: string, fund: string, employer: bigint, employee: bigint | null][] = [
  ['pension', 'pension-990000', 1600n, 800n], ['medical', 'medical-990100', 800n, 200n], ['unemployment', 'unemployment-990100', 50n, 50n],
  ['work_injury', 'work_injury-990100', 20n, null], ['maternity', 'medical-990100', 50n, null],
];

/** A bill of `persons` persons, base 5,000.00 + 10.01 × n (so every amount differs), as the API gives it. */
function noticeOf(persons: number, accountNumber: string | null): BillNotice {
  const lines: BillLineView[] = [];
  const itemSums = new Map(RATES.map(([insurance]) => [insurance, { employer: 0n, employee: 0n }]));
  for (let n = 1; n <= persons; n++) {
    const base = 500_000n + 1001n * BigInt(n);
    const idNumber = `110105${String(19800101 + n).padStart(8, '0')}${String(n).padStart(4, '0')}`;
    for (const [insurance, , employerRate, employeeRate] of RATES) {
      const employer = (base * employerRate) / 10_000n, employee = employeeRate === null ? null : (base * employeeRate) / 10_000n;
      itemSums.get(insurance)!.employer += employer;
      itemSums.get(insurance)!.employee += employee ?? 0n;
      lines.push({
        personId: String(n), idNumber, name: `职工${n}`, insurance, base: formatYuan(base), baseSource: 'declared', baseSourceName: '申报', employerRate: '0', employeeRate: employeeRate === null ? null : '0',
        employerAmount: formatYuan(employer), employeeAmount: employee === null ? null : formatYuan(employee), parameterRefs: [],
      });
    }
  }
  const items = RATES.map(([insurance, fund]) => {
    const sums = itemSums.get(insurance)!;
    return { insurance, fund, fundName: fund.startsWith('pension') ? '示范省企业职工基本养老保险基金' : '示范市社会保险基金', employerAmount: formatYuan(sums.employer), employeeAmount: formatYuan(sums.employee), total: formatYuan(sums.employer + sums.employee), paid: '0.00', outstanding: formatYuan(sums.employer + sums.employee) };
  });
  const total = [...itemSums.values()].reduce((sum, s) => sum + s.employer + s.employee, 0n);
  return {
    bill: {
      number: 'JF202601990102000123', kind: 'regular', creditCode: '91990102MA00000011', employerName: '示范机械制造有限公司', employerId: '1', regionCode: '990102',
      period: '2026-01', dueDate: '2026-02-15', persons, lineCount: lines.length, total: formatYuan(total), assessedPersons: 0, issuedAt: '2026-02-04T17:30:00Z', items, lines,
      status: 'unpaid', paid: '0.00', outstanding: formatYuan(total), payments: [],
    },
    payees: [
      { fund: 'pension-990000', insurances: ['pension'], accountName: '示范省企业职工基本养老保险基金收入户', accountNumber },
      { fund: 'medical-990100', insurances: ['medical', 'maternity'], accountName: '示范市职工基本医疗保险基金收入户', accountNumber: null },
    ],
    issuingAgency: '示范市东城区社会保险事业管理中心',
  };
}

test('the summary page: the total in figures and in capitals, the payees (未设置 where no number is kept), the rule, agency, date and seal', () => {
  const notice = noticeOf(2, '6222 0210 0100 2345 678');
  const html = billNoticePage(notice);
  // 2 persons, bases 5,010.01 and 5,020.02, each line cut to the fen: 1,788.57 + 1,792.14 (see the annex test)
  assert.equal(notice.bill.total, '3580.71');
  assert.match(html, /应缴金额合计（小写）：¥3,580.71<br>人民币大写：<span class="capitals">叁仟伍佰捌拾元柒角壹分<\/span>/);
  assert.match(html, /<tr><td>养老保险<\/td><td>示范省企业职工基本养老保险基金收入户<\/td><td>6222 0210 0100 2345 678<\/td><\/tr>/);
  assert.match(html, /<tr><td>医疗保险、生育保险<\/td><td>示范市职工基本医疗保险基金收入户<\/td><td>未设置<\/td><\/tr>/);
  assert.match(html, /按日加收万分之五的滞纳金（《中华人民共和国社会保险法》第八十六条）/);
  assert.match(html, /请于 2026年2月15日 前/);
  assert.match(html, /经办机构：示范市东城区社会保险事业管理中心/);
  assert.match(html, /开具日期：2026年2月5日/, '17:30 UTC is the next day in China');
  assert.match(html, /<div class="seal">盖章处<\/div>/);
  // the pension row: 2 persons, bases 10,030.03, employer 16%: 801.60 + 803.20, employee 8%: 400.80 + 401.60
  assert.match(html, /<tr><td>养老保险<\/td><td class="amount">2<\/td><td class="amount">10,030.03<\/td><td class="amount">1,604.80<\/td><td class="amount">802.40<\/td><td class="amount">2,407.20<\/td><\/tr>/);
});

test('the annex: one line per person, the ID number masked, each insurance\'s parts (no employee part for 工伤 and 生育), the totals', () => {
  const html = billNoticePage(noticeOf(2, null));
  assert.match(html, /附件：参保人员缴费明细/);
  assert.doesNotMatch(html, /110105198001020001/, 'no full ID number on paper');
  // person 1: base 5,010.01; pension 801.60 + 400.80, medical 400.80 + 100.20, unemployment 25.05 + 25.05, work injury 10.02, maternity 25.05
  assert.match(html, /<tr><td class="seq">1<\/td><td>职工1<\/td><td>110105\*{8}0001<\/td><td class="amount">5,010.01<\/td><td class="amount">801.60<\/td><td class="amount">400.80<\/td><td class="amount">400.80<\/td><td class="amount">100.20<\/td><td class="amount">25.05<\/td><td class="amount">25.05<\/td><td class="amount">10.02<\/td><td class="amount">25.05<\/td><td class="amount">1,788.57<\/td><\/tr>/);
  assert.match(html, /<th colspan="2">养老保险<\/th><th colspan="2">医疗保险<\/th><th colspan="2">失业保险<\/th><th colspan="1">工伤保险<\/th><th colspan="1">生育保险<\/th>/);
  assert.match(html, /<tr class="total"><td colspan="3">合计（2 人）<\/td><td><\/td>.*<td class="amount">3,580.71<\/td><\/tr>/);
});

test('the annex marks an assessed base (核定, 社会保险法 第六十二条) and says why; a notice without one has no such note', () => {
  const notice = noticeOf(2, null);
  for (const line of notice.bill.lines!) if (line.personId === '2') Object.assign(line, { baseSource: 'assessed', baseSourceName: '核定' });
  const html = billNoticePage(notice);
  assert.match(html, /<td>职工2<\/td><td>110105\*{8}0002<\/td><td class="amount">5,020.02（核定）<\/td>/);
  assert.match(html, /<td>职工1<\/td><td>110105\*{8}0001<\/td><td class="amount">5,010.01<\/td>/);
  assert.match(html, /注：标“核定”的人员，本单位未申报本年度缴费基数，按上月缴费基数的110%核定（《社会保险法》第六十二条）/);
  assert.doesNotMatch(billNoticePage(noticeOf(2, null)), /核定/);
});

test('a notice of 191 persons prints on at most 7 A4 pages: one summary page (portrait), the annex on landscape pages', async () => {
  const pdf = await renderPdf(billNoticeReport(noticeOf(191, null)));
  const text = pdf.toString('latin1');
  const pages = (text.match(/\/Type\s*\/Page\b/g) ?? []).length;
  const landscape = (text.match(/\/MediaBox\s*\[0 0 841\.\d+ 594\.\d+\]/g) ?? []).length;
  assert.ok(pages <= 7, `${pages} pages`);
  assert.equal(pages - landscape, 1, 'the summary fits on one portrait page');
  assert.ok(landscape >= 4, `${landscape} annex pages for 191 persons`);
});
