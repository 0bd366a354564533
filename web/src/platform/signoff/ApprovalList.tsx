/**
 * A list of sign-off items (one tab of the inbox, optionally of one kind): kind, title, amount, risk, where it
 * stands, who submitted it and its age against the deadline. Used by the inbox and by the pages of a kind (凭证审核).
 */
import { useEffect, type HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Empty, Space, Table, Tag, Typography, type TableColumnType, type TableProps } from 'antd';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { formatDateTime } from '../../format.ts';
import { Money } from '../../components/Money.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { AgeCell, ApprovalActions, APPROVALS_CHANGED, kindText, levelText, LIST_CAP, loadInbox, RiskTag, StatusTag, type InboxTab } from './shared.tsx';
import type { ApprovalItem } from './types.ts';

interface Props {
  tab: InboxTab;
  kind?: string;
  /** keeps only some of the loaded items (e.g. one fund's entries) */
  filter?(item: ApprovalItem): boolean;
  /** 同意 / 退回 / 重新提交 / 撤回 in each row */
  inlineActions?: boolean;
  extraColumns?: TableColumnType<ApprovalItem>[];
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

export function ApprovalList({ tab, kind, filter, inlineActions, extraColumns = [], expandable, onTab, testId = 'approvals-table' }: Props) {
  const { t, lang } = useI18n();
  const list = useLoad((signal) => loadInbox(tab, kind, signal), [tab, kind]);
  const { reload } = list;
  // a decision made elsewhere (the header, another row) refreshes the list
  useEffect(() => {
    window.addEventListener(APPROVALS_CHANGED, reload);
    return () => window.removeEventListener(APPROVALS_CHANGED, reload);
  }, [reload]);
  if (list.error) return <ApiErrorView error={list.error} retry={list.reload} />;
  const items = (list.data?.items ?? []).filter((item) => !filter || filter(item));

  const columns: TableColumnType<ApprovalItem>[] = [
    { title: t('approvals.kind'), dataIndex: 'kind', width: 150, render: (kind: string, item) => <Tag data-testid="approval-kind">{kindText(t, lang, kind, item.kindLabel)}</Tag> },
    { title: t('approvals.title'), dataIndex: 'title', render: (title: string, item) => <Link to={`/approvals/${item.id}`} data-testid="approval-link">{title}</Link> },
    { title: t('approvals.amount'), dataIndex: 'amount', align: 'right', width: 140, render: (amount: string | null) => <Money value={amount} /> },
    { title: t('approvals.risk'), dataIndex: 'risk', width: 70, render: (risk: ApprovalItem['risk']) => <RiskTag risk={risk} /> },
    {
      title: t('approvals.stage'), key: 'stage', width: 170,
      render: (_: unknown, item) => (item.status === 'pending' && item.nextLevel
        ? <Space size={4}><StatusTag status={item.status} /><span data-testid="approval-next-level">{levelText(t, lang, item.nextLevel)}</span></Space>
        : <StatusTag status={item.status} />),
    },
    ...extraColumns,
    {
      title: t('approvals.submittedBy'), key: 'submitted', width: 170,
      render: (_: unknown, item) => <><span data-testid="approval-submitted-by">{item.submittedBy}</span><br /><Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(item.submittedAt)}</Typography.Text></>,
    },
    { title: t('approvals.age'), key: 'age', width: 190, render: (_: unknown, item) => <AgeCell item={item} /> },
  ];
  if (inlineActions) {
    columns.push({ title: t('common.actions'), key: 'actions', width: 190, render: (_: unknown, item) => <ApprovalActions size="small" item={item} onDone={list.reload} /> });
  }

  return (
    <>
      {list.data?.capped && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('approvals.capped', { n: LIST_CAP })} />}
      <Table<ApprovalItem>
        data-testid={testId} rowKey="id" size="middle" loading={list.loading} dataSource={items} columns={columns} expandable={expandable}
        onRow={(item) => ({ 'data-testid': 'approval-row', 'data-id': item.id } as HTMLAttributes<HTMLElement>)}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => t('common.total', { n }) }}
        locale={{ emptyText: list.loading ? ' ' : <EmptyInbox tab={tab} onTab={onTab} /> }}
      />
    </>
  );
}
