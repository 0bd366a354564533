/**
 * 社会保险费缴费通知单 as a report: the bill's totals per insurance (一单征收, 分别记账) and a line per person and
 * insurance (base × rate), grouped by person with each person's subtotal, in XLSX; the CSV holds the lines. The PDF is
 * the notice as the agency prints it (bill-notice.page.ts): a summary page and an annex of persons.
 */
import { reportSection, type Report, type ReportColumn } from '../../../platform/reports/report.ts';
import type { ReportStream } from '../../../platform/reports/stream.ts';
import { formatYuan } from '../../../platform/money.ts';
import type { BillFilterQuery, BillItemView, BillLineView, BillView } from './bills.service.ts';
import type { BillRow } from './billing.repository.ts';
import type { BillNotice } from './bill-notice.service.ts';
import { billKindNames, billNoticePage, insuranceNames } from './bill-notice.page.ts';

/** 社会保险法 第六十条 (pay in full and on time) and 第八十六条 (0.05% a day after the due date). */
const LEGAL_BASIS = '《中华人民共和国社会保险法》第六十条、第八十六条：用人单位应当按时足额缴纳社会保险费；逾期自欠缴之日起按日加收万分之五的滞纳金';


type ItemRow = BillItemView & { insuranceName: string };
type LineRow = BillLineView & { insuranceName: string };

export function billNoticeReport(notice: BillNotice): Report<BillView> {
  const { bill } = notice;
  const named = <Row extends { insurance: string }>(row: Row) => ({ ...row, insuranceName: insuranceNames[row.insurance] ?? row.insurance });
  return {
    title: '社会保险费缴费通知单', titleEnglish: 'Social insurance contribution notice', fileName: `缴费通知单-${bill.number}`,
    parameters: [
      { label: '通知单号', value: bill.number }, { label: '单位', value: `${bill.employerName}（${bill.creditCode}）` }, { label: '所属期', value: bill.period },
      { label: '类型', value: billKindNames[bill.kind] ?? bill.kind }, { label: '缴费截止日', value: bill.dueDate }, { label: '人数', value: String(bill.persons) },
      { label: '应缴合计', value: `${bill.total} 元` },
    ],
    legalBasis: LEGAL_BASIS, data: bill, printablePage: () => billNoticePage(notice),
    sections: [
      reportSection<ItemRow>({
        name: '险种合计', title: '按险种 By insurance', rows: bill.items.map(named), totals: '合计',
        columns: [
          { key: 'insuranceName', title: '险种', titleEnglish: 'Insurance', unit: 'text', width: 12 },
          { key: 'fund', title: '基金', titleEnglish: 'Fund', unit: 'text', width: 22 },
          { key: 'employerAmount', title: '单位缴纳', titleEnglish: 'Employer', unit: 'money', sum: true },
          { key: 'employeeAmount', title: '个人缴纳', titleEnglish: 'Employee', unit: 'money', sum: true },
          { key: 'total', title: '合计', titleEnglish: 'Total', unit: 'money', sum: true },
        ],
      }),
      reportSection<LineRow>({
        name: '缴费明细', title: '缴费明细 Lines', rows: (bill.lines ?? []).map(named), main: true, totals: '合计',
        groupBy: (line) => `${line.name} ${line.idNumber}`,
        columns: [
          { key: 'idNumber', title: '公民身份号码', titleEnglish: 'ID number', unit: 'text', width: 20 },
          { key: 'name', title: '姓名', titleEnglish: 'Name', unit: 'text', width: 10 },
          { key: 'insuranceName', title: '险种', titleEnglish: 'Insurance', unit: 'text', width: 10 },
          { key: 'base', title: '缴费基数', titleEnglish: 'Base', unit: 'money' },
          { key: 'employerRate', title: '单位费率', titleEnglish: 'Employer rate', unit: 'rate' },
          { key: 'employerAmount', title: '单位缴纳', titleEnglish: 'Employer', unit: 'money', sum: true },
          { key: 'employeeRate', title: '个人费率', titleEnglish: 'Employee rate', unit: 'rate' },
          { key: 'employeeAmount', title: '个人缴纳', titleEnglish: 'Employee', unit: 'money', sum: true },
        ],
      }),
    ],
  };
}

/** A bill's line in the list's file (缴费通知单列表). */
interface BillListLine { period: string; number: string; employerName: string; creditCode: string; kindName: string; persons: number; total: string; dueDate: string }

export const billListLine = (bill: BillRow): BillListLine => ({
  period: bill.period, number: bill.number, employerName: bill.employer_name, creditCode: bill.credit_code, kindName: billKindNames[bill.kind] ?? bill.kind,
  persons: bill.persons, total: formatYuan(bill.total), dueDate: bill.due_date,
});

const billListColumns: ReportColumn<BillListLine>[] = [
  { key: 'period', title: '所属期', unit: 'period' },
  { key: 'number', title: '通知单号', unit: 'text', width: 24 },
  { key: 'employerName', title: '单位名称', unit: 'text', width: 30 },
  { key: 'creditCode', title: '统一社会信用代码', unit: 'text', width: 20 },
  { key: 'kindName', title: '类型', unit: 'text', width: 8 },
  { key: 'persons', title: '人数', unit: 'count', sum: true },
  { key: 'total', title: '应缴合计', unit: 'money', sum: true },
  { key: 'dueDate', title: '缴费截止日', unit: 'date' },
];

/** 缴费通知单列表 as a file: every bill matching the list's filters, newest period first, the amounts summed. */
export function billListReport(filter: BillFilterQuery): Omit<ReportStream<BillListLine>, 'pages'> {
  const parameters = [
    ...(filter.period ? [{ label: '所属期', value: filter.period }] : []),
    ...(filter.employer ? [{ label: '统一社会信用代码', value: filter.employer }] : []),
    ...(filter.region ? [{ label: '行政区划', value: filter.region }] : []),
    ...(filter.kind ? [{ label: '类型', value: billKindNames[filter.kind] }] : []),
  ];
  return { title: '缴费通知单列表', titleEnglish: 'Contribution notices', fileName: '缴费通知单列表', sheetName: '缴费通知单', columns: billListColumns, parameters, totals: '合计', landscape: true };
}
