/**
 * The payroll on paper: 养老金发放汇总表 (a month's payees and total per fund and the pensioners' region, and the
 * batches with their status) and 养老金发放明细 (every line of a batch, streamed as the list's export).
 */
import { reportSection, type Report, type ReportColumn } from '../../../platform/reports/report.ts';
import type { ReportStream } from '../../../platform/reports/stream.ts';
import type { BatchStatus, LineStatus } from './payroll.tables.ts';
import type { BatchView, LineView, PayrollSummary, RegionPayrollView } from './payroll.service.ts';

/** 批次状态 */
export const batchStatusNames: Record<BatchStatus | 'none', string> = {
  none: '未计算', computing: '计算中', computed: '已计算', submitted: '待复核审批', signed_off: '已审批待拨付', funded: '已拨付', bank_file_issued: '已报盘', settled: '已结清',
};

/** 发放状态 */
export const lineStatusNames: Record<LineStatus, string> = { pending: '待报盘', sent: '已报盘待回盘', paid: '已发放', returned: '退回待重发' };

/** 社会保险法 第十六条: the pension is paid monthly (按月领取基本养老金). */
const legalBasis = '《社会保险法》第十六条';

export type BatchRow = BatchView & { statusName: string };

export const batchRow = (batch: BatchView): BatchRow => ({ ...batch, statusName: batchStatusNames[batch.status] });

export function payrollSummaryReport(summary: PayrollSummary, regions: RegionPayrollView[], region?: string): Report<PayrollSummary> {
  return {
    title: '养老金发放汇总表', titleEnglish: 'Pension payroll summary', fileName: `养老金发放汇总表-${summary.period}${region ? `-${region}` : ''}`,
    parameters: [
      { label: '发放月份', value: summary.period }, ...(region ? [{ label: '区划', value: region }] : []),
      { label: '状态', value: batchStatusNames[summary.status] }, { label: '金额单位', value: '元' },
    ],
    legalBasis,
    data: summary,
    sections: [
      reportSection<RegionPayrollView>({
        name: '按基金和区划', title: '发放人数和金额 Payees and amounts by fund and region', rows: regions, main: true,
        groupBy: (row) => row.fundName, totals: '合计',
        columns: [
          { key: 'fund', title: '基金代码', titleEnglish: 'Fund', unit: 'text', width: 22 },
          { key: 'regionCode', title: '区划代码', titleEnglish: 'Code', unit: 'text', width: 12 },
          { key: 'regionName', title: '区划', titleEnglish: 'Region', unit: 'text', width: 20 },
          { key: 'payees', title: '发放人数', titleEnglish: 'Payees', unit: 'count', sum: true },
          { key: 'total', title: '发放金额', titleEnglish: 'Total', unit: 'money', sum: true },
        ],
      }),
      reportSection<BatchRow>({
        name: '发放批次', title: '发放批次 Batches', rows: summary.batches.map(batchRow), totals: '合计',
        columns: [
          { key: 'id', title: '批次号', titleEnglish: 'Batch', unit: 'text', width: 22 },
          { key: 'fund', title: '基金代码', titleEnglish: 'Fund', unit: 'text', width: 22 },
          { key: 'statusName', title: '状态', titleEnglish: 'Status', unit: 'text', width: 14 },
          { key: 'payees', title: '发放人数', titleEnglish: 'Payees', unit: 'count', sum: true },
          { key: 'total', title: '发放金额', titleEnglish: 'Total', unit: 'money', sum: true },
        ],
      }),
    ],
  };
}

export type LineRow = LineView & { statusName: string };

export const lineRow = (line: LineView): LineRow => ({ ...line, statusName: lineStatusNames[line.status] });

const lineColumns: ReportColumn<LineRow>[] = [
  { key: 'reference', title: '发放流水号', titleEnglish: 'Reference', unit: 'text', width: 24 },
  { key: 'idNumber', title: '公民身份号码', titleEnglish: 'ID number', unit: 'text', width: 20 },
  { key: 'name', title: '姓名', titleEnglish: 'Name', unit: 'text', width: 12 },
  { key: 'amount', title: '发放金额', titleEnglish: 'Amount', unit: 'money', sum: true },
  { key: 'amountOffset', title: '抵扣金额', titleEnglish: 'Kept back', unit: 'money', sum: true },
  { key: 'statusName', title: '发放状态', titleEnglish: 'Status', unit: 'text', width: 14 },
  { key: 'returnCount', title: '退回次数', titleEnglish: 'Returns', unit: 'count' },
  { key: 'reason', title: '退回原因', titleEnglish: 'Reason', unit: 'text', width: 24 },
  { key: 'paidOn', title: '发放日期', titleEnglish: 'Paid on', unit: 'date' },
];

const batchColumns: ReportColumn<BatchRow>[] = [
  { key: 'id', title: '批次号', titleEnglish: 'Batch', unit: 'text', width: 22 },
  { key: 'period', title: '发放月份', titleEnglish: 'Month', unit: 'text', width: 10 },
  { key: 'fund', title: '基金代码', titleEnglish: 'Fund', unit: 'text', width: 22 },
  { key: 'statusName', title: '状态', titleEnglish: 'Status', unit: 'text', width: 14 },
  { key: 'payees', title: '发放人数', titleEnglish: 'Payees', unit: 'count', sum: true },
  { key: 'total', title: '发放金额', titleEnglish: 'Total', unit: 'money', sum: true },
  { key: 'offset', title: '抵扣金额', titleEnglish: 'Kept back', unit: 'money', sum: true },
  { key: 'payable', title: '实发金额', titleEnglish: 'Paid by the bank', unit: 'money', sum: true },
  { key: 'createdBy', title: '经办人', titleEnglish: 'Run by', unit: 'text', width: 16 },
];

/** 养老金发放批次: the batches list as a file (newest month first; the rows come from the list's pages). */
export function batchesReport(filter: { period?: string; fund?: string }): Omit<ReportStream<BatchRow>, 'pages'> {
  return {
    title: '养老金发放批次', titleEnglish: 'Pension payroll batches', fileName: '养老金发放批次', sheetName: '发放批次',
    parameters: [
      ...(filter.period ? [{ label: '发放月份', value: filter.period }] : []), ...(filter.fund ? [{ label: '基金', value: filter.fund }] : []), { label: '金额单位', value: '元' },
    ],
    legalBasis, columns: batchColumns, totals: '合计',
  };
}

/** 养老金发放明细: the heading and columns of a batch's lines as a file (the rows come from the list's pages). */
export function batchLinesReport(batch: BatchView, status?: LineStatus): Omit<ReportStream<LineRow>, 'pages'> {
  return {
    title: '养老金发放明细', titleEnglish: 'Pension payroll lines', fileName: `养老金发放明细-${batch.fund}-${batch.period}`, sheetName: '发放明细',
    parameters: [
      { label: '基金', value: batch.fund }, { label: '发放月份', value: batch.period }, { label: '批次号', value: batch.id },
      ...(status ? [{ label: '发放状态', value: lineStatusNames[status] }] : []), { label: '金额单位', value: '元' },
    ],
    legalBasis, columns: lineColumns, totals: '合计', landscape: true,
  };
}
