/** Audit records (who, when, what, before → after), used by the audit page and every detail page's history tab. */
import { Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../i18n.ts';
import { formatDateTime } from '../format.ts';
import type { AuditRecord } from '../types.ts';
import { JsonDiff } from './JsonDiff.tsx';

const detailPath: Record<string, string> = { employer: '/employers/', person: '/persons/' };

export function AuditTable({ records, loading, testId, showEntity = true }: { records: AuditRecord[]; loading?: boolean; testId?: string; showEntity?: boolean }) {
  const { t } = useI18n();
  return (
    <Table<AuditRecord>
      data-testid={testId} size="small" rowKey="id" loading={loading} dataSource={records} pagination={records.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      expandable={{ expandedRowRender: (record) => <JsonDiff before={record.before} after={record.after} />, rowExpandable: (record) => record.before != null || record.after != null }}
      columns={[
        { title: t('audit.time'), dataIndex: 'createdAt', width: 170, render: formatDateTime },
        {
          title: t('audit.actor'), dataIndex: 'actorUsername', width: 180,
          render: (name: string, record) => <>{name} {record.actorRole && <Tag>{t(`role.${record.actorRole}`)}</Tag>}</>,
        },
        { title: t('audit.action'), dataIndex: 'action', render: (action: string) => <Tag color="geekblue">{action}</Tag> },
        ...(showEntity ? [{
          title: t('audit.entity'), key: 'entity',
          render: (_: unknown, record: AuditRecord) => {
            const path = detailPath[record.entityType];
            const label = `${record.entityType}${record.entityId ? ` #${record.entityId}` : ''}`;
            return path && record.entityId ? <Link to={path + record.entityId}>{label}</Link> : label;
          },
        }] : []),
        { title: t('common.region'), dataIndex: 'regionCode', width: 90 },
        { title: t('audit.requestId'), dataIndex: 'requestId', width: 120, render: (id: string | null) => id && <Typography.Text type="secondary" ellipsis={{ tooltip: id }} style={{ width: 110 }}>{id}</Typography.Text> },
      ]}
    />
  );
}
