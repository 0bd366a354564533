/**
 * A list of sign-off items (one tab of the inbox, optionally of one kind or one fund) on the list page: kind, title,
 * amount, risk, where it stands, who submitted it and its age against the deadline, paged by the API's cursor and
 * exported whole. Used by the inbox and by the pages of a kind (凭证审核).
 */
import { useEffect, useState, type HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import { Button, Empty, Space, Tag, Typography, type TableProps } from 'antd';
import { useI18n } from '../../i18n.ts';
import { formatDateTime } from '../../format.ts';
import { ListPage, type ListColumn } from '../../components/ListPage.tsx';
import { AgeCell, ApprovalActions, APPROVALS_CHANGED, inboxQuery, kindText, levelText, RiskTag, StatusTag, type InboxTab } from './shared.tsx';
import type { ApprovalItem } from './types.ts';

interface Props {
  tab: InboxTab;
  kind?: string;
  /** the items of one fund (凭证审核) */
  fund?: string;
  /** 同意 / 退回 / 重新提交 / 撤回 in each row */
  inlineActions?: boolean;
  extraColumns?: Array<ListColumn<ApprovalItem>>;
  expandable?: TableProps<ApprovalItem>['expandable'];
  /** offered by the empty state (e.g. "see what I submitted") */
  onTab?(tab: InboxTab): void;
  testId?: string;
}

function EmptyInbox({ tab, onTab }: { tab: InboxTab; onTab?(tab: InboxTab): void }) {
  const { t } = useI18n();
  const next: Partial<Record<InboxTab, InboxTab>> = { pending: 'mine', returned: 'mine', done: 'pending', mine: 'pending' };
  const target = next[tab];
  return (
    <Empty
      data-testid="approvals-empty" image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={(
        <Space direction="vertical" size={2}>
          <Typography.Text strong>{t(`approvals.empty.${tab}`)}</Typography.Text>
          <Typography.Text type="secondary">{t(`approvals.empty.${tab}.next`)}</Typography.Text>
        </Space>
      )}
    >
      {onTab && target && <Button size="small" onClick={() => onTab(target)} data-testid="approvals-empty-switch">{t(`approvals.goto.${target}`)}</Button>}
    </Empty>
  );
}

export function ApprovalList({ tab, kind, fund, inlineActions, extraColumns = [], expandable, onTab, testId = 'approvals-table' }: Props) {
  const { t, lang } = useI18n();
  // a decision made here or elsewhere (the header, another row) loads the list again
  const [changes, setChanges] = useState(0);
  useEffect(() => {
    const changed = () => setChanges((n) => n + 1);
    window.addEventListener(APPROVALS_CHANGED, changed);
    return () => window.removeEventListener(APPROVALS_CHANGED, changed);
  }, []);

  const columns: Array<ListColumn<ApprovalItem>> = [
    { key: 'kind', title: t('approvals.kind'), dataIndex: 'kind', width: 150, render: (value: string, item) => <Tag data-testid="approval-kind">{kindText(t, lang, value, item.kindLabel)}</Tag> },
    { key: 'title', title: t('approvals.title'), dataIndex: 'title', render: (title: string, item) => <Link to={`/approvals/${item.id}`} data-testid="approval-link">{title}</Link> },
    { key: 'amount', title: t('approvals.amount'), dataIndex: 'amount', money: true, width: 140 },
    { key: 'risk', title: t('approvals.risk'), dataIndex: 'risk', width: 70, render: (risk: ApprovalItem['risk']) => <RiskTag risk={risk} /> },
    {
      key: 'stage', title: t('approvals.stage'), width: 170,
      render: (_: unknown, item) => (item.status === 'pending' && item.nextLevel
        ? <Space size={4}><StatusTag status={item.status} /><span data-testid="approval-next-level">{levelText(t, lang, item.nextLevel)}</span></Space>
        : <StatusTag status={item.status} />),
    },
    ...extraColumns,
    {
      key: 'submitted', title: t('approvals.submittedBy'), width: 170,
      render: (_: unknown, item) => <><span data-testid="approval-submitted-by">{item.submittedBy}</span><br /><Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(item.submittedAt)}</Typography.Text></>,
    },
    { key: 'age', title: t('approvals.age'), width: 190, render: (_: unknown, item) => <AgeCell item={item} /> },
    ...(inlineActions ? [{
      key: 'actions', title: t('common.actions'), width: 190,
      render: (_: unknown, item: ApprovalItem) => <ApprovalActions size="small" item={item} onDone={() => setChanges((n) => n + 1)} />,
    }] : []),
  ];

  return (
    <ListPage<ApprovalItem>
      embedded listId={`approvals-${tab}`} tableTestId={testId} endpoint="/api/approvals" query={{ ...inboxQuery(tab), kind, fund }} rowKey="id"
      columns={columns} exports={['xlsx', 'csv']} refresh={changes}
      table={{
        expandable,
        onRow: (item) => ({ 'data-testid': 'approval-row', 'data-id': item.id } as HTMLAttributes<HTMLElement>),
        locale: { emptyText: <EmptyInbox tab={tab} onTab={onTab} /> },
      }}
    />
  );
}
