/**
 * The registry's lists as files (参保单位名册, 参保人员名册, 职工名册): every matching row, in the list's order, coded
 * values by their Chinese names. ID numbers are masked as the lists show them (个人信息保护法 第五十一条 去标识化,
 * privacy.list_masking), and an ID number searched for is masked in the heading too.
 */
import { maskIdNumber } from '../../platform/personal-data.ts';
import type { ReportColumn, ReportParameter } from '../../platform/reports/report.ts';
import type { ReportStream } from '../../platform/reports/stream.ts';
import type { EmployerFilter } from './registry.repository.ts';
import type { EmployeeView, EmployerListView, PersonListView, PersonQuery } from './registry.service.ts';
import type { employerStatuses, hukouTypes, payerTypes, separationReasons } from './registry.tables.ts';

const MASKING_BASIS = '《中华人民共和国个人信息保护法》第五十一条：公民身份号码去标识化展示（privacy.list_masking）';

/** GB/T 4754-2017 门类. */
const industryNames: Record<string, string> = {
  A: '农、林、牧、渔业', B: '采矿业', C: '制造业', D: '电力、热力、燃气及水生产和供应业', E: '建筑业', F: '批发和零售业',
  G: '交通运输、仓储和邮政业', H: '住宿和餐饮业', I: '信息传输、软件和信息技术服务业', J: '金融业', K: '房地产业', L: '租赁和商务服务业',
  M: '科学研究和技术服务业', N: '水利、环境和公共设施管理业', O: '居民服务、修理和其他服务业', P: '教育', Q: '卫生和社会工作',
  R: '文化、体育和娱乐业', S: '公共管理、社会保障和社会组织', T: '国际组织',
};
const employerTypeNames: Record<(typeof payerTypes)[number], string> = {
  enterprise: '企业', government: '机关', institution_full: '全额拨款事业单位', institution_partial: '差额拨款事业单位', institution_self: '自收自支事业单位', other: '其他',
  self_paying: '个人缴费（灵活就业、个体工商户）',
};
const employerStatusNames: Record<(typeof employerStatuses)[number], string> = { active: '正常', suspended: '暂停缴费', closed: '注销' };
const genderNames: Record<'M' | 'F', string> = { M: '男', F: '女' };
const hukouNames: Record<(typeof hukouTypes)[number], string> = { urban: '城镇', rural: '农村' };
const separationNames: Record<(typeof separationReasons)[number], string> = {
  voluntary: '个人申请离职', involuntary: '单位解除劳动合同', retirement: '退休', death: '死亡', other: '其他',
};
const employmentStatusNames = { current: '在职', separated: '已退工' } as const;

/** A search term in a file's heading: a full ID number masked, a name as typed. */
function searchParameter(q: string | undefined): ReportParameter[] {
  const text = q?.trim();
  if (!text) return [];
  return /^[0-9X]+$/i.test(text) ? [{ label: '公民身份号码', value: maskIdNumber(text.toUpperCase()) }] : [{ label: '姓名（前缀匹配）', value: text }];
}

// ── 参保单位名册 ──────────────────────────────────────────────────────────────

type EmployerLine = Omit<EmployerListView, 'industryCode' | 'employerType' | 'status'> & { industry: string; employerType: string; status: string };

export const employerLine = (employer: EmployerListView): EmployerLine => ({
  ...employer,
  industry: employer.industryCode ? `${employer.industryCode} ${industryNames[employer.industryCode] ?? ''}`.trim() : '',
  employerType: employerTypeNames[employer.employerType],
  status: employerStatusNames[employer.status],
});

const employerColumns: ReportColumn<EmployerLine>[] = [
  { key: 'creditCode', title: '统一社会信用代码', unit: 'text', width: 22 },
  { key: 'name', title: '单位名称', unit: 'text', width: 36 },
  { key: 'regionName', title: '行政区划', unit: 'text', width: 14 },
  { key: 'industry', title: '行业', unit: 'text', width: 24 },
  { key: 'workInjuryClass', title: '工伤风险类别', unit: 'count' },
  { key: 'employerType', title: '单位类型', unit: 'text', width: 18 },
  { key: 'status', title: '状态', unit: 'text', width: 10 },
  { key: 'employeeCount', title: '在职人数', unit: 'count', sum: true },
];

export function employersReport(filter: EmployerFilter): Omit<ReportStream<EmployerLine>, 'pages'> {
  const q = filter.q?.trim();
  const parameters = [
    ...(q ? [{ label: '单位名称或信用代码', value: q }] : []),
    ...(filter.region ? [{ label: '行政区划', value: filter.region }] : []),
    ...(filter.status ? [{ label: '状态', value: employerStatusNames[filter.status] }] : []),
    ...(filter.employerType ? [{ label: '单位类型', value: employerTypeNames[filter.employerType] }] : []),
  ];
  return { title: '参保单位名册', titleEnglish: 'Employers', fileName: '参保单位名册', sheetName: '参保单位', parameters, columns: employerColumns, totals: '合计', landscape: true };
}

// ── 参保人员名册 ──────────────────────────────────────────────────────────────

type PersonLine = Omit<PersonListView, 'gender' | 'hukouType'> & { gender: string; hukouType: string };

export const personLine = (person: PersonListView): PersonLine => ({
  ...person, gender: genderNames[person.gender], hukouType: person.hukouType ? hukouNames[person.hukouType] : '',
});

const personColumns: ReportColumn<PersonLine>[] = [
  { key: 'idNumber', title: '公民身份号码', unit: 'text', width: 22 },
  { key: 'name', title: '姓名', unit: 'text', width: 14 },
  { key: 'gender', title: '性别', unit: 'text', width: 6 },
  { key: 'hukouType', title: '户口性质', unit: 'text', width: 10 },
  { key: 'regionName', title: '行政区划', unit: 'text', width: 16 },
];

export function personsReport(filter: PersonQuery): Omit<ReportStream<PersonLine>, 'pages'> {
  const parameters = [
    ...searchParameter(filter.q),
    ...(filter.employer ? [{ label: '参保单位编号', value: filter.employer }] : []),
    ...(filter.region ? [{ label: '行政区划', value: filter.region }] : []),
  ];
  return { title: '参保人员名册', titleEnglish: 'Insured persons', fileName: '参保人员名册', sheetName: '参保人员', parameters, legalBasis: MASKING_BASIS, columns: personColumns };
}

// ── 职工名册 ──────────────────────────────────────────────────────────────────

type EmployeeLine = Omit<EmployeeView, 'separationReason'> & { separationReason: string };

export const employeeLine = (employee: EmployeeView): EmployeeLine => ({
  ...employee, separationReason: employee.separationReason ? separationNames[employee.separationReason] : '',
});

const employeeColumns: ReportColumn<EmployeeLine>[] = [
  { key: 'idNumber', title: '公民身份号码', unit: 'text', width: 22 },
  { key: 'name', title: '姓名', unit: 'text', width: 14 },
  { key: 'hiredOn', title: '用工日期', unit: 'date' },
  { key: 'separatedOn', title: '退工日期', unit: 'date' },
  { key: 'separationReason', title: '退工原因', unit: 'text', width: 18 },
];

/** The employer's 职工名册: its name and credit code in the heading and the file's name. */
export function employeesReport(employer: { name: string; creditCode: string }, filter: { status?: 'current' | 'separated'; q?: string }): Omit<ReportStream<EmployeeLine>, 'pages'> {
  const parameters = [
    { label: '单位名称', value: employer.name },
    { label: '统一社会信用代码', value: employer.creditCode },
    ...(filter.status ? [{ label: '用工状态', value: employmentStatusNames[filter.status] }] : []),
    ...searchParameter(filter.q),
  ];
  return {
    title: '职工名册', titleEnglish: 'Employees', fileName: `职工名册-${employer.creditCode}`, sheetName: '职工名册', parameters, legalBasis: MASKING_BASIS,
    columns: employeeColumns,
  };
}
