/** The audit trail and the sign-in log as files (审计日志, 登录日志): every matching record, newest first. */
import type { ReportColumn } from '../reports/report.ts';
import type { ReportStream } from '../reports/stream.ts';
import type { AuditFilter, AuditRecordView } from './audit.service.ts';

type AuditLine = AuditRecordView & { actor: string };

const columns: ReportColumn<AuditLine>[] = [
  { key: 'createdAt', title: '时间', unit: 'text', width: 26 },
  { key: 'actor', title: '操作人', unit: 'text', width: 16 },
  { key: 'actorUsername', title: '登录名', unit: 'text', width: 16 },
  { key: 'actorRole', title: '角色', unit: 'text', width: 12 },
  { key: 'regionCode', title: '行政区划代码', unit: 'text', width: 12 },
  { key: 'action', title: '操作', unit: 'text', width: 24 },
  { key: 'entityType', title: '对象类型', unit: 'text', width: 16 },
  { key: 'entityId', title: '对象标识', unit: 'text', width: 22 },
  { key: 'scopeWidened', title: '跨区划经办', unit: 'text', width: 24 },
  { key: 'requestId', title: '请求号', unit: 'text', width: 24 },
];

/** A record's line in the file: the actor by display name when the viewer sees it, else by login. */
export const auditLine = (record: AuditRecordView): AuditLine => ({ ...record, actor: record.actorName ?? record.actorUsername ?? '' });

export function auditReport(source: 'trail' | 'signIns', filter: AuditFilter): Omit<ReportStream<AuditLine>, 'pages'> {
  const title = source === 'trail' ? '审计日志' : '登录日志';
  const parameters = [
    ...(filter.entityType ? [{ label: '对象类型', value: filter.entityType }] : []),
    ...(filter.entityId ? [{ label: '对象标识', value: filter.entityId }] : []),
    ...(filter.actor ? [{ label: '操作人', value: filter.actor }] : []),
    ...(source === 'trail' && filter.action ? [{ label: '操作', value: filter.action }] : []),
    ...(filter.from ? [{ label: '起始', value: filter.from }] : []),
    ...(filter.to ? [{ label: '截止', value: filter.to }] : []),
  ];
  return { title, titleEnglish: source === 'trail' ? 'Audit trail' : 'Sign-in log', fileName: title, parameters, sheetName: title, columns, landscape: true };
}
