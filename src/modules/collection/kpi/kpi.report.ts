/** 征缴指标 as a report: months, regions and the ageing of arrears, a section (sheet) each. */
import { reportSection, type Report } from '../../../platform/reports/report.ts';
import { ageingSection } from '../arrears/arrears.report.ts';
import type { CollectionKpis, MonthKpi, RegionKpi } from './kpi.service.ts';

export function kpiReport(kpis: CollectionKpis): Report<CollectionKpis> {
  return {
    title: '社会保险费征缴指标', titleEnglish: 'Collection KPIs', fileName: `征缴指标-${kpis.regionCode}-${kpis.from}-${kpis.to}`,
    parameters: [{ label: '区划', value: kpis.regionCode }, { label: '所属期', value: `${kpis.from} 至 ${kpis.to}` }, { label: '欠费截至', value: kpis.asOf }, { label: '金额单位', value: '元' }],
    data: kpis,
    sections: [
      reportSection<MonthKpi>({
        name: '按月', title: '征缴率 Collection by month', rows: kpis.months,
        columns: [
          { key: 'period', title: '费款所属期', titleEnglish: 'Period', unit: 'period', width: 12 },
          { key: 'billed', title: '应缴', titleEnglish: 'Billed', unit: 'money' },
          { key: 'paid', title: '实缴', titleEnglish: 'Paid', unit: 'money' },
          { key: 'collectionRate', title: '征缴率', titleEnglish: 'Collection rate', unit: 'rate', width: 12 },
          { key: 'paidOnTime', title: '按期缴纳', titleEnglish: 'Paid on time', unit: 'money' },
          { key: 'onTimeRate', title: '按期缴纳率', titleEnglish: 'On-time rate', unit: 'rate', width: 12 },
        ],
      }),
      reportSection<RegionKpi>({
        name: '按区划', title: '征缴率 Collection by region', rows: kpis.regions,
        columns: [
          { key: 'regionCode', title: '区划代码', titleEnglish: 'Code', unit: 'text', width: 12 },
          { key: 'regionName', title: '区划', titleEnglish: 'Region', unit: 'text', width: 20 },
          { key: 'billed', title: '应缴', titleEnglish: 'Billed', unit: 'money' },
          { key: 'paid', title: '实缴', titleEnglish: 'Paid', unit: 'money' },
          { key: 'collectionRate', title: '征缴率', titleEnglish: 'Collection rate', unit: 'rate', width: 12 },
        ],
      }),
      ageingSection('账龄', kpis.arrearsByAge),
    ],
  };
}
