/** 预算指标 as a report (XLSX, CSV, PDF): one row per fund and budget line with its six figures. */
import { reportSection, type Report } from '../../../platform/reports/report.ts';
import type { IndicatorView } from './indicators.service.ts';

export function indicatorsReport(input: { year: number; region: string }, indicators: IndicatorView[]): Report<IndicatorView[]> {
  return {
    title: '预算指标执行情况', titleEnglish: 'Budget indicators', fileName: `预算指标-${input.region}-${input.year}`, landscape: true,
    parameters: [{ label: '区划', value: input.region }, { label: '年度', value: String(input.year) }, { label: '金额单位', value: '元' }],
    legalBasis: '财政部《预算管理一体化规范（试行）》：指标账户 批复、调整、分配、已承诺、已支付、可用',
    data: indicators,
    sections: [reportSection<IndicatorView>({
      name: '预算指标', rows: indicators, groupBy: (row) => row.fund, strong: (row) => row.parentSubject === null,
      columns: [
        { key: 'subject', title: '预算科目', titleEnglish: 'Subject', unit: 'text', width: 30 },
        { key: 'name', title: '名称', titleEnglish: 'Name', unit: 'text', width: 22 },
        { key: 'approved', title: '批复数', titleEnglish: 'Approved', unit: 'money' },
        { key: 'adjusted', title: '调整数', titleEnglish: 'Adjusted', unit: 'money' },
        { key: 'allocated', title: '已分配', titleEnglish: 'Allocated', unit: 'money' },
        { key: 'committed', title: '已承诺', titleEnglish: 'Committed', unit: 'money' },
        { key: 'paid', title: '已支付', titleEnglish: 'Paid', unit: 'money' },
        { key: 'available', title: '可用数', titleEnglish: 'Available', unit: 'money' },
      ],
    })],
  };
}
