/** A dunning notice as a report: JSON is the notice, the PDF its printed page (dunning.page.ts), XLSX and CSV its months. */
import { reportSection, type Report } from '../../../platform/reports/report.ts';
import { noticeKindNames } from './dunning.calc.ts';
import { dunningNoticePage } from './dunning.page.ts';
import type { NoticePeriod, NoticeView } from './dunning.service.ts';

/** 社会保险法 第六十三条 (责令限期缴纳) and 第八十六条 (滞纳金). */
const LEGAL_BASIS = '《中华人民共和国社会保险法》第六十三条、第八十六条';

export function dunningNoticeReport(notice: NoticeView, agency: string | null): Report<NoticeView> {
  return {
    title: noticeKindNames[notice.kind], titleEnglish: notice.kind === 'order' ? 'Order to pay contributions within a time limit' : 'Contribution reminder',
    fileName: `${noticeKindNames[notice.kind]}-${notice.number}`,
    parameters: [
      { label: '编号', value: notice.number }, { label: '单位', value: `${notice.employerName}（${notice.creditCode}）` }, { label: '截至日期', value: notice.asOf },
      ...(notice.deadline ? [{ label: '缴纳期限', value: notice.deadline }] : []),
    ],
    legalBasis: LEGAL_BASIS, data: notice, printablePage: () => dunningNoticePage(notice, agency),
    sections: [
      reportSection<NoticePeriod>({
        name: '欠费明细', title: '欠费明细 Overdue months', totals: '合计', main: true, rows: notice.periods,
        columns: [
          { key: 'period', title: '费款所属期', titleEnglish: 'Period', unit: 'period' },
          { key: 'dueDate', title: '缴费截止日期', titleEnglish: 'Due date', unit: 'date' },
          { key: 'daysOverdue', title: '逾期天数', titleEnglish: 'Days overdue', unit: 'count' },
          { key: 'principal', title: '欠缴社会保险费', titleEnglish: 'Contributions', unit: 'money', sum: true },
          { key: 'lateFee', title: '滞纳金', titleEnglish: 'Late fee', unit: 'money', sum: true },
        ],
      }),
    ],
  };
}
