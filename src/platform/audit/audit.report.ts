/** The audit trail and the sign-in log as files (审计日志, 登录日志): every matching record, newest first. */
import type { ReportColumn } from '../reports/report.ts';
import type { ReportStream } from '../reports/stream.ts';
import type { AuditFilter, AuditRecordView } from './audit.service.ts';
import { auditActionName, auditEntityTypeName, namedAuditRecord, type NamedAuditRecord } from './audit.messages.ts';

type AuditLine = NamedAuditRecord & { actor: string };

const columns: ReportColumn<AuditLine>[] = [
  { key: 'createdAt', title: '时间', unit: 'text', width: 26 },
  { key: 'actor', title: '操作人', unit: 'text', width: 16 },
  { key: 'actorUsername', title: '登录名', unit: 'text', width: 16 },
  { key: 'actorRole', title: '角色', unit: 'text', width: 12 },
  { key: 'regionCode', title: '行政区划代码', unit: 'text', width: 12 },
  { key: 'actionName', title: '操作', unit: 'text', width: 20 },
  { key: 'action', title: '操作代码', unit: 'text', width: 24 },
  { key: 'entityTypeName', title: '对象类型', unit: 'text', width: 14 },
  { key: 'entityType', title: '对象类型代码', unit: 'text', width: 16 },
  { key: 'entityId', title: '对象标识', unit: 'text', width: 22 },
  { key: 'scopeWidened', title: '跨区划经办', unit: 'text', width: 24 },
  { key: 'requestId', title: '请求号', unit: 'text', width: 24 },
];

/**
 * A record's line in the file: the actor by display name when the viewer sees it, else by login; the action and
 * entity type by their Chinese names (the file is for the office) beside their codes.
 */
export const auditLine = (record: AuditRecordView): AuditLine => ({ ...namedAuditRecord('zh-CN')(record), actor: record.actorName ?? record.actorUsername ?? '' });

/** A code the file was filtered by, by its name with the code beside it: 个人参保登记（person.create）. */
const namedFilter = (name: string, code: string) => (name === code ? code : `${name}（${code}）`);

export function auditReport(source: 'trail' | 'signIns', filter: AuditFilter): Omit<ReportStream<AuditLine>, 'pages'> {
  const title = source === 'trail' ? '审计日志' : '登录日志';
  const parameters = [
    ...(filter.entityType ? [{ label: '对象类型', value: namedFilter(auditEntityTypeName(filter.entityType, 'zh-CN'), filter.entityType) }] : []),
    ...(filter.entityId ? [{ label: '对象标识', value: filter.entityId }] : []),
    ...(filter.actor ? [{ label: '操作人', value: filter.actor }] : []),
    ...(source === 'trail' && filter.action ? [{ label: '操作', value: namedFilter(auditActionName(filter.action, 'zh-CN'), filter.action) }] : []),
    ...(filter.from ? [{ label: '起始', value: filter.from }] : []),
    ...(filter.to ? [{ label: '截止', value: filter.to }] : []),
  ];
  return { title, titleEnglish: source === 'trail' ? 'Audit trail' : 'Sign-in log', fileName: title, parameters, sheetName: title, columns, landscape: true };
}
