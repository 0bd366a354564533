/** 银行对账单 as a file: every statement imported for a fund's bank account, the latest period first. */
import type { ReportColumn } from '../../../platform/reports/report.ts';
import type { ReportStream } from '../../../platform/reports/stream.ts';
import type { StatementView } from './reconciliation.service.ts';

const columns: ReportColumn<StatementView>[] = [
  { key: 'from', title: '起始日期', unit: 'text', width: 12 },
  { key: 'to', title: '截止日期', unit: 'text', width: 12 },
  { key: 'format', title: '格式', unit: 'text', width: 8 },
  { key: 'fileName', title: '文件名', unit: 'text', width: 30 },
  { key: 'reference', title: '对账单编号', unit: 'text', width: 24 },
  { key: 'opening', title: '期初余额', unit: 'money' },
  { key: 'closing', title: '期末余额', unit: 'money' },
  { key: 'lines', title: '行数', unit: 'count' },
  { key: 'importedBy', title: '导入人', unit: 'text', width: 16 },
  { key: 'importedAt', title: '导入时间', unit: 'text', width: 26 },
];

export function statementsReport(fund: string, account: string): Omit<ReportStream<StatementView>, 'pages'> {
  return {
    title: '银行对账单', titleEnglish: 'Bank statements', fileName: `银行对账单-${fund}-${account}`, sheetName: '银行对账单', columns, landscape: true,
    parameters: [{ label: '基金', value: fund }, { label: '银行账户科目', value: account }],
  };
}
