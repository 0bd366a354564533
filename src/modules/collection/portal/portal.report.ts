/**
 * The portals' lists as files: 职工名册 (the employer's roster with the year's declared base) and 增减员申报 (the
 * requests), every matching row, ID numbers masked as the lists show them.
 */
import type { ReportColumn } from '../../../platform/reports/report.ts';
import type { ReportStream } from '../../../platform/reports/stream.ts';
import type { EmployeeView } from './portal.service.ts';
import type { RequestView } from './requests.service.ts';
import type { RequestStatus } from './portal.tables.ts';

interface EmployeeLine {
  idNumber: string; name: string; hiredOn: string; separatedOn: string | null; monthlyWage: string | null; version: number | null; confirmation: string;
}

export const employeeLine = (employee: EmployeeView): EmployeeLine => ({
  idNumber: employee.idNumber, name: employee.name, hiredOn: employee.hiredOn, separatedOn: employee.separatedOn,
  monthlyWage: employee.base?.monthlyWage ?? null, version: employee.base?.version ?? null,
  confirmation: employee.base === null ? '未申报' : employee.base.confirmedAt ? '已确认' : '待确认',
});

const employeeColumns: ReportColumn<EmployeeLine>[] = [
  { key: 'idNumber', title: '公民身份号码', unit: 'text', width: 20 },
  { key: 'name', title: '姓名', unit: 'text', width: 10 },
  { key: 'hiredOn', title: '入职日期', unit: 'date' },
  { key: 'separatedOn', title: '离职日期', unit: 'date' },
  { key: 'monthlyWage', title: '缴费基数', unit: 'money', sum: true },
  { key: 'version', title: '申报版本', unit: 'count' },
  { key: 'confirmation', title: '职工确认', unit: 'text', width: 10 },
];

/** 职工名册: `employedInYear` (年度缴费基数) keeps those employed in the year. */
export function rosterReport(filter: { year: number; employedInYear: boolean; q?: string }): Omit<ReportStream<EmployeeLine>, 'pages'> {
  const title = filter.employedInYear ? '年度缴费基数' : '职工名册';
  return {
    title, titleEnglish: filter.employedInYear ? 'Contribution bases of the year' : 'Employee roster', fileName: `${title}-${filter.year}`, sheetName: title,
    columns: employeeColumns, totals: '合计',
    // a search by full ID number is shown masked, as the roster shows it
    parameters: [{ label: '缴费年度', value: String(filter.year) }, ...(filter.q ? [{ label: '查询', value: /^[0-9Xx]+$/.test(filter.q.trim()) ? '（公民身份号码）' : filter.q }] : [])],
  };
}

const requestKindNames: Record<RequestView['kind'], string> = { hire: '增员', separate: '减员' };
const requestStatusNames: Record<RequestStatus, string> = { pending: '待审核', returned: '已退回', approved: '已通过', cancelled: '已撤回' };

interface RequestLine {
  requestedAt: string; employerName: string; creditCode: string; kindName: string; idNumber: string; name: string; day: string | null;
  statusName: string; reviewedBy: string | null; reviewedAt: string | null; reviewReason: string | null;
}

export const requestLine = (request: RequestView): RequestLine => ({
  requestedAt: request.requestedAt, employerName: request.employerName, creditCode: request.creditCode, kindName: requestKindNames[request.kind],
  idNumber: request.idNumber, name: request.name, day: request.kind === 'hire' ? request.hiredOn : request.separatedOn,
  statusName: requestStatusNames[request.status as RequestStatus] ?? request.status, reviewedBy: request.reviewedBy, reviewedAt: request.reviewedAt, reviewReason: request.reviewReason,
});

const requestColumns: ReportColumn<RequestLine>[] = [
  { key: 'requestedAt', title: '申报时间', unit: 'text', width: 26 },
  { key: 'employerName', title: '单位名称', unit: 'text', width: 30 },
  { key: 'creditCode', title: '统一社会信用代码', unit: 'text', width: 20 },
  { key: 'kindName', title: '申报类型', unit: 'text', width: 8 },
  { key: 'idNumber', title: '公民身份号码', unit: 'text', width: 20 },
  { key: 'name', title: '姓名', unit: 'text', width: 10 },
  { key: 'day', title: '入职/离职日期', unit: 'date' },
  { key: 'statusName', title: '审核状态', unit: 'text', width: 8 },
  { key: 'reviewedBy', title: '审核人', unit: 'text', width: 14 },
  { key: 'reviewedAt', title: '审核时间', unit: 'text', width: 26 },
  { key: 'reviewReason', title: '退回/撤回原因', unit: 'text', width: 30 },
];

export function requestsReport(filter: { status?: RequestStatus }): Omit<ReportStream<RequestLine>, 'pages'> {
  return {
    title: '增减员申报', titleEnglish: 'Employment requests', fileName: '增减员申报', sheetName: '增减员申报', columns: requestColumns, landscape: true,
    parameters: filter.status ? [{ label: '审核状态', value: requestStatusNames[filter.status] }] : [],
  };
}
