/**
 * The printed 社会保险参保证明 and 社会保险个人权益记录单 (A4): the person (name, full ID number), what the certificate
 * states, the agency, the date, the seal area, and the verification code with where to check it (/verify).
 * Self-contained HTML: no script, no external resource.
 */
import { parseYuan } from '../../../platform/money.ts';
import { escapeHtml } from '../../../platform/reports/html.ts';
import { amount, chineseDate, DOCUMENT_STYLE, insuranceNames } from '../billing/bill-notice.page.ts';
import { certificateKindNames, type ParticipationFacts, type RightsRecordFacts } from './certificates.calc.ts';
import type { IssuedCertificate } from './certificates.service.ts';

const STYLE = `${DOCUMENT_STYLE}
.verify { margin-top: 12pt; border: 0.5pt solid #333; padding: 5pt; }
.verify strong { font-size: 13pt; letter-spacing: 1pt; font-family: monospace; }
td.centre { text-align: center; }
`;

const insuranceName = (insurance: string) => insuranceNames[insurance] ?? insurance;
const money = (yuan: string) => `<td class="amount">${amount(parseYuan(yuan))}</td>`;
const month = (period: string | null) => (period ? chineseDate(period) : '—');

function participationBody(facts: ParticipationFacts): string {
  const rows = facts.insurances.flatMap((item) => {
    const spans = item.spans.length ? item.spans : [{ employerName: '—', from: '', to: null }];
    return spans.map((span, index) => `<tr>${index === 0 ? `<td rowspan="${spans.length}">${insuranceName(item.insurance)}</td>` : ''}<td>${escapeHtml(span.employerName)}</td><td>${span.from ? chineseDate(span.from) : '—'}</td><td>${span.to ? chineseDate(span.to) : '至今'}</td>${
      index === 0 ? `<td rowspan="${spans.length}" class="centre">${item.monthsPaid}</td><td rowspan="${spans.length}">${month(item.firstPaid)} 至 ${month(item.lastPaid)}</td>` : ''}</tr>`);
  });
  return `<p>兹证明 ${escapeHtml(facts.person.name)} 在本机构参加社会保险，截至 ${chineseDate(facts.issuedOn)} 参保及缴费情况如下：</p>
<table><thead><tr><th>险种</th><th>参保单位</th><th>参保起始</th><th>参保终止</th><th>实缴月数</th><th>实缴期间</th></tr></thead>
<tbody>${rows.join('\n') || '<tr><td colspan="6">无参保记录</td></tr>'}</tbody></table>
<p class="note">实缴月数按已足额缴纳的费款所属期计；同一月份在多个单位缴费的计一个月。</p>`;
}

function rightsRecordBody(facts: RightsRecordFacts): string {
  const rows = facts.years.flatMap((year) => {
    const lines = year.insurances.length ? year.insurances : [{ insurance: '', monthsPaid: 0, employeeAmount: '0.00', employerAmount: '0.00' }];
    return lines.map((line, index) => `<tr>${index === 0 ? `<td rowspan="${lines.length}">${year.year}</td>` : ''}<td>${line.insurance ? insuranceName(line.insurance) : '—'}</td><td class="centre">${line.monthsPaid}</td>${money(line.employerAmount)}${money(line.employeeAmount)}</tr>`);
  });
  const accounts = facts.years.filter((year) => year.account).map((year) => `<tr><td>${year.year}</td>${money(year.account!.opening)}${money(year.account!.credits)}${money(year.account!.interest)}${money(year.account!.closing)}</tr>`);
  return `<h2>一、缴费情况<span class="unit">单位：元</span></h2>
<table><thead><tr><th>年度</th><th>险种</th><th>实缴月数</th><th>单位缴费</th><th>个人缴费</th></tr></thead>
<tbody>${rows.join('\n') || '<tr><td colspan="5">无缴费记录</td></tr>'}</tbody></table>
<h2>二、基本养老保险个人账户<span class="unit">单位：元</span></h2>
<table><thead><tr><th>年度</th><th>上年末累计储存额</th><th>当年记账额</th><th>当年记账利息</th><th>年末累计储存额</th></tr></thead>
<tbody>${accounts.join('\n') || '<tr><td colspan="5">无个人账户记录</td></tr>'}</tbody></table>
<p class="note">本记录单依据《中华人民共和国社会保险法》第七十四条出具，记载截至 ${chineseDate(facts.issuedOn)} 已足额缴纳的费款。</p>`;
}

export function certificatePage(certificate: IssuedCertificate): string {
  const { facts } = certificate;
  const title = certificateKindNames[certificate.kind];
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title><style>${STYLE}</style></head>
<body>
<h1>${title}</h1>
<table class="facts">
<tr><th>姓名</th><td>${escapeHtml(facts.person.name)}</td><th>公民身份号码</th><td>${escapeHtml(certificate.idNumber)}</td></tr>
</table>
${facts.kind === 'participation' ? participationBody(facts) : rightsRecordBody(facts)}
<div class="verify">验证码：<strong>${escapeHtml(certificate.verificationCode)}</strong><br>任何单位和个人可在本系统“文书验证”页面（/verify）输入验证码，核验本文书的真实性及所载内容。</div>
<div class="issuer">
<div><p>出具机构：${escapeHtml(certificate.agency ?? '未设置')}</p><p>出具日期：${chineseDate(facts.issuedOn)}</p></div>
<div class="seal">盖章处</div>
</div>
</body></html>`;
}
