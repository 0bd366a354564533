/** 催缴清单 as a report: the employers in arrears (the main table, also the CSV) and the ageing of arrears. */
import { reportSection, type Report } from '../../../platform/reports/report.ts';
import type { AgeingView, DunningItem, DunningView } from './arrears.service.ts';

/** 社会保险法 第八十六条: arrears are called in with a late fee of 0.05% a day from the day they arise. */
const LEGAL_BASIS = '《中华人民共和国社会保险法》第八十六条（用人单位未按时足额缴纳社会保险费的，由社会保险费征收机构责令限期缴纳或者补足，并自欠缴之日起，按日加收万分之五的滞纳金）';

export function dunningReport(list: DunningView): Report<DunningView> {
  return {
    title: '社会保险费催缴清单', titleEnglish: 'Dunning list', fileName: `催缴清单-${list.regionCode}-${list.asOf}`,
    parameters: [{ label: '区划', value: list.regionCode }, { label: '截至', value: list.asOf }, { label: '单位数', value: String(list.total) }, { label: '金额单位', value: '元' }],
    legalBasis: LEGAL_BASIS, landscape: true, data: list,
    sections: [
      reportSection<DunningItem>({
        name: '催缴清单', rows: list.items, totals: '合计',
        columns: [
          { key: 'creditCode', title: '统一社会信用代码', titleEnglish: 'Credit code', unit: 'text', width: 22 },
          { key: 'employerName', title: '单位名称', titleEnglish: 'Employer', unit: 'text', width: 34 },
          { key: 'regionCode', title: '区划', titleEnglish: 'Region', unit: 'text', width: 10 },
          { key: 'principal', title: '欠费本金', titleEnglish: 'Principal', unit: 'money', sum: true },
          { key: 'lateFee', title: '滞纳金', titleEnglish: 'Late fee', unit: 'money', sum: true },
          { key: 'oldestPeriod', title: '最早欠费期', titleEnglish: 'Oldest period', unit: 'period', width: 12 },
          { key: 'daysOverdue', title: '逾期天数', titleEnglish: 'Days overdue', unit: 'count' },
          { key: 'bucket', title: '账龄', titleEnglish: 'Age bucket', unit: 'text', width: 10 },
        ],
      }),
      ageingSection('账龄分析', list.buckets),
    ],
  };
}

/** 账龄分析: overdue bills by days overdue (an employer counts once per bucket it has bills in, so no employer total). */
export function ageingSection(name: string, buckets: AgeingView[]) {
  return reportSection<AgeingView>({
    name, title: '欠费账龄分析 Ageing of arrears', rows: buckets, totals: '合计',
    columns: [
      { key: 'bucket', title: '逾期天数', titleEnglish: 'Days overdue', unit: 'text', width: 16 },
      { key: 'employers', title: '单位数', titleEnglish: 'Employers', unit: 'count' },
      { key: 'principal', title: '欠费本金', titleEnglish: 'Principal', unit: 'money', sum: true },
    ],
  });
}
