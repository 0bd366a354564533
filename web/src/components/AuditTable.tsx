/**
 * Audit records (who — with the user id and, when a step crossed the pooling structure, the widened scope and why —
 * when, what, before → after): the columns of the audit page's list and of every detail page's history tab. The
 * action and entity type are shown by the names the server gives (actionName, entityTypeName), the code in a tooltip.
 */
import { Table, Tag, Tooltip, Typography, type TableProps } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n, type Translate } from '../i18n.ts';
import { formatDateTime } from '../format.ts';
import type { AuditRecord } from '../types.ts';
import type { ListColumn } from './ListPage.tsx';
import { JsonDiff } from './JsonDiff.tsx';

const detailPath: Record<string, string> = { employer: '/employers/', person: '/persons/' };

/** A record's before → after, below its row. */
export const auditExpandable: TableProps<AuditRecord>['expandable'] = {
  expandedRowRender: (record) => <JsonDiff before={record.before} after={record.after} />, rowExpandable: (record) => record.before != null || record.after != null,
};

/** The columns of audit records; `showEntity: false` on an entity's own history. */
export function auditColumns(t: Translate, { showEntity = true } = {}): Array<ListColumn<AuditRecord>> {
  return [
    { key: 'time', title: t('audit.time'), dataIndex: 'createdAt', width: 170, render: formatDateTime },
    {
      key: 'actor', title: t('audit.actor'), dataIndex: 'actorUsername', width: 180,
      // the display name (张三) with the login beside it; a user outside the viewer's scope by login only
      render: (username: string | null, record) => (
        <>
          <Tooltip title={[username, record.actorId && `id ${record.actorId}`].filter(Boolean).join(' · ') || undefined}><span>{record.actorName ?? username}</span></Tooltip>{' '}
          {record.actorRole && <Tag>{t(`role.${record.actorRole}`)}</Tag>}
        </>
      ),
    },
    { key: 'action', title: t('audit.action'), dataIndex: 'actionName', render: (name: string, record) => <Tooltip title={record.action}><Tag color="geekblue" data-action={record.action}>{name}</Tag></Tooltip> },
    ...(showEntity ? [{
      key: 'entity', title: t('audit.entity'),
      render: (_: unknown, record: AuditRecord) => {
        const path = detailPath[record.entityType];
        const label = `${record.entityTypeName}${record.entityId ? ` ${record.entityId}` : ''}`;
        return path && record.entityId ? <Link to={path + record.entityId}>{label}</Link> : label;
      },
    }] : []),
    { key: 'region', title: t('common.region'), dataIndex: 'regionCode', width: 90 },
    {
      key: 'scopeWidened', title: t('audit.scopeWidened'), dataIndex: 'scopeWidened', width: 150,
      // "990000: pension is pooled at the province" → the region as a tag, the reason beside it.
      render: (note: string | null | undefined) => {
        if (!note) return null;
        const at = note.indexOf(': ');
        const region = at < 0 ? note : note.slice(0, at);
        return <span data-testid="audit-scope-widened"><Tag color="orange">{region === 'national' ? t('common.national') : region}</Tag>{at >= 0 && <Typography.Text type="secondary">{note.slice(at + 2)}</Typography.Text>}</span>;
      },
    },
    { key: 'requestId', title: t('audit.requestId'), dataIndex: 'requestId', width: 120, render: (id: string | null) => id && <Typography.Text type="secondary" ellipsis={{ tooltip: id }} style={{ width: 110 }}>{id}</Typography.Text> },
  ];
}

/** An entity's history (the newest records the detail answer carries), paged in the browser. */
export function AuditTable({ records, loading, testId, showEntity = true }: { records: AuditRecord[]; loading?: boolean; testId?: string; showEntity?: boolean }) {
  const { t } = useI18n();
  return (
    <Table<AuditRecord>
      data-testid={testId} size="small" rowKey="id" loading={loading} dataSource={records} pagination={records.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      expandable={auditExpandable} columns={auditColumns(t, { showEntity })}
    />
  );
}
