/**
 * 核定信息 for the tax bureau as a file (docs/collection.md "税务征收模式"): one row per bill line, through the
 * kernel's CSV writer (UTF-8 with BOM, CRLF, money as plain yuan with two decimals, an empty cell where a line has
 * no employee part). Unlike the reports people read, its header is the interchange file's field names, which the
 * bureau's system reads: `period,creditCode,idNumber,insurance,base,employerAmount,employeeAmount`.
 */
import type { ReportColumn } from '../../../platform/reports/report.ts';
import type { ReportStream } from '../../../platform/reports/stream.ts';
import type { Insurance } from '../../registry/index.ts';

export interface AssessmentLine {
  period: string; creditCode: string; idNumber: string; insurance: Insurance; base: bigint; employerAmount: bigint; employeeAmount: bigint | null;
}

const columns: ReportColumn<AssessmentLine>[] = [
  // 费款所属期, 统一社会信用代码, 公民身份号码, 险种, 缴费基数, 单位应缴, 个人应缴
  { key: 'period', title: 'period', unit: 'period' },
  { key: 'creditCode', title: 'creditCode', unit: 'text', width: 20 },
  { key: 'idNumber', title: 'idNumber', unit: 'text', width: 20 },
  { key: 'insurance', title: 'insurance', unit: 'text' },
  { key: 'base', title: 'base', unit: 'money' },
  { key: 'employerAmount', title: 'employerAmount', unit: 'money', sum: true },
  { key: 'employeeAmount', title: 'employeeAmount', unit: 'money', sum: true },
];

export function assessmentFile(period: string, region: string): Omit<ReportStream<AssessmentLine>, 'pages'> {
  return {
    title: '社会保险费核定信息（传递税务部门）', fileName: `核定信息_${region}_${period}`,
    sheetName: '核定信息', columns, parameters: [{ label: '费款所属期', value: period }, { label: '区划', value: region }],
    legalBasis: '《社会保险法》第五十九条；《国税地税征管体制改革方案》（2018）',
  };
}
