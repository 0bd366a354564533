/** XLSX of the collection KPIs: months, regions and the ageing of arrears, one sheet each. */
import { newWorkbook } from '../../../platform/workbook.ts';
import { rate, reportSheet, workbookBuffer, yuan } from '../arrears/arrears.xlsx.ts';
import type { CollectionKpis } from './kpi.service.ts';

export async function kpiXlsx(kpis: CollectionKpis): Promise<Buffer> {
  const workbook = await newWorkbook();
  const subtitle = `区划 ${kpis.regionCode}，${kpis.from} 至 ${kpis.to}（单位：元）`;
  const months = reportSheet(workbook, '按月', '征缴率 Collection by month', subtitle, [
    { header: '费款所属期 Period', width: 14 }, { header: '应缴 Billed', width: 18, format: 'money' }, { header: '实缴 Paid', width: 18, format: 'money' },
    { header: '征缴率 Collection rate', width: 14, format: 'rate' }, { header: '按期缴纳 Paid on time', width: 18, format: 'money' }, { header: '按期缴纳率 On-time rate', width: 14, format: 'rate' },
  ]);
  for (const m of kpis.months) months.addRow([m.period, yuan(m.billed), yuan(m.paid), rate(m.collectionRate), yuan(m.paidOnTime), rate(m.onTimeRate)]);
  const regions = reportSheet(workbook, '按区划', '征缴率 Collection by region', subtitle, [
    { header: '区划代码 Code', width: 12 }, { header: '区划 Region', width: 20 }, { header: '应缴 Billed', width: 18, format: 'money' },
    { header: '实缴 Paid', width: 18, format: 'money' }, { header: '征缴率 Collection rate', width: 14, format: 'rate' },
  ]);
  for (const r of kpis.regions) regions.addRow([r.regionCode, r.regionName, yuan(r.billed), yuan(r.paid), rate(r.collectionRate)]);
  const ageing = reportSheet(workbook, '账龄', '欠费账龄 Arrears by age', `截至 ${kpis.asOf}（单位：元）`, [
    { header: '逾期天数 Days overdue', width: 16 }, { header: '单位数 Employers', width: 14 }, { header: '欠费本金 Principal', width: 18, format: 'money' },
  ]);
  for (const b of kpis.arrearsByAge) ageing.addRow([b.bucket, b.employers, yuan(b.principal)]);
  return workbookBuffer(workbook);
}
