/** 待办 and the items of the sign-off engine as a file: every item the list holds, its status and level by name. */
import { render } from '../messages.ts';
import type { ReportColumn } from '../reports/report.ts';
import type { ReportStream } from '../reports/stream.ts';
import { itemStatus } from './signoff.messages.ts';
import type { ApprovalItemView, ApprovalQuery } from './signoff.service.ts';

interface ApprovalLine {
  id: string; kindLabel: string; title: string; regionCode: string; amount: string | null; risk: string; status: string; nextLevel: string;
  submittedBy: string; submittedAt: string; deadlineOn: string; ageDays: number; overdue: string; decidedAt: string | null;
}

const RISK: Record<string, string> = { high: '高', medium: '中', low: '低' };

export const approvalLine = (item: ApprovalItemView): ApprovalLine => ({
  id: item.id, kindLabel: item.kindLabel, title: item.title, regionCode: item.regionCode, amount: item.amount, risk: RISK[item.risk] ?? item.risk,
  status: render(itemStatus(item.status), 'zh-CN'), nextLevel: item.nextLevel?.label ?? '', submittedBy: item.submittedBy, submittedAt: item.submittedAt,
  deadlineOn: item.deadlineOn, ageDays: item.ageDays, overdue: item.overdue ? '是' : '否', decidedAt: item.decidedAt,
});

const columns: ReportColumn<ApprovalLine>[] = [
  { key: 'id', title: '事项编号', unit: 'text' },
  { key: 'kindLabel', title: '事项类型', unit: 'text' },
  { key: 'title', title: '事项', unit: 'text', width: 40 },
  { key: 'regionCode', title: '行政区划代码', unit: 'text', width: 12 },
  { key: 'amount', title: '金额', unit: 'money', sum: true },
  { key: 'risk', title: '风险', unit: 'text', width: 6 },
  { key: 'status', title: '状态', unit: 'text', width: 10 },
  { key: 'nextLevel', title: '待审核层级', unit: 'text', width: 14 },
  { key: 'submittedBy', title: '提交人', unit: 'text', width: 16 },
  { key: 'submittedAt', title: '提交时间', unit: 'text', width: 26 },
  { key: 'deadlineOn', title: '办理期限', unit: 'date' },
  { key: 'ageDays', title: '已用天数', unit: 'count' },
  { key: 'overdue', title: '逾期', unit: 'text', width: 6 },
  { key: 'decidedAt', title: '办结时间', unit: 'text', width: 26 },
];

export function approvalsReport(query: ApprovalQuery): Omit<ReportStream<ApprovalLine>, 'pages'> {
  const statuses = query.status === undefined ? [] : [query.status].flat();
  const parameters = [
    ...(statuses.length ? [{ label: '状态', value: statuses.map((status) => render(itemStatus(status), 'zh-CN')).join('、') }] : []),
    ...(query.kind ? [{ label: '事项类型', value: query.kind }] : []),
    ...(query.fund ? [{ label: '基金账套', value: query.fund }] : []),
    ...(query.mine ? [{ label: '范围', value: '本人提交' }] : []),
  ];
  return { title: '审核事项', titleEnglish: 'Sign-off items', fileName: '审核事项', parameters, sheetName: '审核事项', columns, totals: '合计', landscape: true };
}
