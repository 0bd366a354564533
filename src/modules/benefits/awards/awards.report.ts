/** 养老金待遇名册: the awards list as a file (every matching award, streamed as the list's export). */
import { render } from '../../../platform/messages.ts';
import type { ReportColumn } from '../../../platform/reports/report.ts';
import type { ReportStream } from '../../../platform/reports/stream.ts';
import { awardSaid } from '../payroll/payroll.messages.ts';
import type { AwardFilter } from './awards.repository.ts';
import { statusSaid, type AwardView } from './awards.service.ts';

const statusName = (status: AwardView['status']) => render(statusSaid(status), 'zh-CN');
const schemeName = (scheme: AwardView['scheme']) => render(scheme === 'public' ? awardSaid.schemePublic() : awardSaid.schemeEnterprise(), 'zh-CN');

export type AwardLine = Omit<AwardView, 'status' | 'scheme'> & { status: string; scheme: string };

export const awardLine = (award: AwardView): AwardLine => ({ ...award, status: statusName(award.status), scheme: schemeName(award.scheme) });

const awardColumns: ReportColumn<AwardLine>[] = [
  { key: 'idNumber', title: '公民身份号码', titleEnglish: 'ID number', unit: 'text', width: 20 },
  { key: 'name', title: '姓名', titleEnglish: 'Name', unit: 'text', width: 12 },
  { key: 'regionCode', title: '区划代码', titleEnglish: 'Region', unit: 'text', width: 10 },
  { key: 'fund', title: '基金', titleEnglish: 'Fund', unit: 'text', width: 22 },
  { key: 'scheme', title: '制度', titleEnglish: 'Scheme', unit: 'text', width: 12 },
  { key: 'awardedOn', title: '退休日期', titleEnglish: 'Retired on', unit: 'date' },
  { key: 'firstPeriod', title: '起发月份', titleEnglish: 'First month', unit: 'text', width: 10 },
  { key: 'basicPension', title: '基础养老金', titleEnglish: 'Basic', unit: 'money', sum: true },
  { key: 'accountPension', title: '个人账户养老金', titleEnglish: 'Account', unit: 'money', sum: true },
  { key: 'transitionalPension', title: '过渡性养老金', titleEnglish: 'Transitional', unit: 'money', sum: true },
  { key: 'monthlyAmount', title: '月养老金', titleEnglish: 'Monthly', unit: 'money', sum: true },
  { key: 'status', title: '发放状态', titleEnglish: 'Status', unit: 'text', width: 10 },
  { key: 'statusReason', title: '状态原因', titleEnglish: 'Reason', unit: 'text', width: 28 },
];

/** The heading and columns of the awards file (the rows come from the list's pages); the filters as its parameters. */
export function awardsReport(filter: AwardFilter): Omit<ReportStream<AwardLine>, 'pages'> {
  return {
    title: '养老金待遇名册', titleEnglish: 'Pension awards', fileName: '养老金待遇名册', sheetName: '养老金待遇',
    parameters: [
      ...(filter.status ? [{ label: '发放状态', value: statusName(filter.status) }] : []),
      ...(filter.fund ? [{ label: '基金', value: filter.fund }] : []),
      ...(filter.idNumber ? [{ label: '公民身份号码', value: filter.idNumber }] : []),
      { label: '金额单位', value: '元' },
    ],
    legalBasis: '《社会保险法》第十六条', columns: awardColumns, totals: '合计', landscape: true,
  };
}
