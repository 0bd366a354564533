/**
 * 凭证审核: manual entries and reversals wait as drafts until a second person approves them (maker-checker:
 * 不相容岗位相互分离); approving posts the entry, rejecting needs a note. The maker cannot decide their own draft.
 */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Form, Input, Popconfirm, Segmented, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { fenToYuan, formatDateTime, toFen } from '../../format.ts';
import { useI18n } from '../../i18n.ts';
import { useMe } from '../../session.tsx';
import { Page } from '../../components/Page.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { Money } from '../../components/Money.tsx';
import { fundPath, ledgerRights, LedgerToolbar, useLedgerSelection } from './shared.tsx';
import { DraftFormModal } from './DraftFormModal.tsx';
import type { Draft, DraftLine } from './types.ts';

const statuses = ['pending', 'approved', 'rejected', 'all'] as const;
const statusColors: Record<string, string> = { pending: 'orange', approved: 'green', rejected: 'red' };

function DraftLines({ lines }: { lines: DraftLine[] }) {
  const { t } = useI18n();
  return (
    <Table<DraftLine & { n: number }>
      size="small" rowKey="n" pagination={false} dataSource={lines.map((line, i) => ({ ...line, n: i + 1 }))}
      columns={[
        { title: '#', dataIndex: 'n', width: 50 },
        { title: t('ledger.account.code'), dataIndex: 'account' },
        { title: t('ledger.reference'), dataIndex: 'reference' },
        { title: t('ledger.debit'), dataIndex: 'debit', align: 'right', width: 150, render: (value?: string) => value && <Money value={value} /> },
        { title: t('ledger.credit'), dataIndex: 'credit', align: 'right', width: 150, render: (value?: string) => value && <Money value={value} /> },
      ]}
    />
  );
}

export default function DraftsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const me = useMe();
  const rights = ledgerRights(me.role);
  const selection = useLedgerSelection();
  const { fund } = selection;
  const status = selection.params.get('status') ?? 'pending';
  const drafts = useLoad(
    (signal) => (fund ? api.get<{ items: Draft[] }>(`${fundPath(fund)}/drafts`, { status: status === 'all' ? undefined : status }, signal) : Promise.resolve(undefined)),
    [fund, status],
  );
  const [creating, setCreating] = useState(false);
  const [rejecting, setRejecting] = useState<Draft>();
  const [busy, setBusy] = useState<string>();
  const error = selection.fundsError ?? drafts.error;
  const entryLink = (id: string) => <Link to={`/ledger/balances/${fund}/entries/${id}`} data-testid="draft-entry-link">{id}</Link>;

  const approve = async (draft: Draft) => {
    setBusy(draft.id);
    try {
      const result = await api.post<{ entryId: string }>(`${fundPath(fund!)}/drafts/${draft.id}/approve`);
      message.success(t('ledger.drafts.approved', { entry: result.entryId }));
      drafts.reload();
    } catch (failure) {
      message.error((failure as Error).message);
    } finally { setBusy(undefined); }
  };

  return (
    <Page
      title={t('ledger.drafts.title')} testId="ledger-drafts"
      extra={fund && rights.write && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="draft-create">{t('ledger.drafts.create')}</Button>}
    >
      <LedgerToolbar selection={selection} period={false}>
        <Segmented
          value={status} onChange={(value) => selection.update({ status: String(value) })}
          options={statuses.map((value) => ({ value: value as string, label: t(`ledger.drafts.status.${value}`) }))}
        />
      </LedgerToolbar>
      {error ? <ApiErrorView error={error} retry={drafts.reload} /> : (
        <Table<Draft>
          data-testid="ledger-drafts-table" rowKey="id" size="middle" loading={drafts.loading} dataSource={drafts.data?.items ?? []} pagination={{ pageSize: 20, hideOnSinglePage: true }}
          expandable={{ rowExpandable: (draft) => draft.content.kind === 'manual', expandedRowRender: (draft) => draft.content.kind === 'manual' && <DraftLines lines={draft.content.entry.lines} /> }}
          columns={[
            { title: t('ledger.drafts.kind'), key: 'kind', width: 100, render: (_: unknown, draft) => <Tag>{t(`ledger.drafts.kind.${draft.content.kind}`)}</Tag> },
            {
              title: t('ledger.drafts.content'), key: 'content',
              render: (_: unknown, draft) => (draft.content.kind === 'manual'
                ? `${draft.content.entry.date} ${draft.content.entry.memo ?? ''}`
                : <span>{t('ledger.drafts.reverses')} {entryLink(draft.content.reverses)}{draft.content.date ? ` · ${draft.content.date}` : ''}</span>),
            },
            {
              title: t('ledger.amount'), key: 'amount', align: 'right', width: 140,
              render: (_: unknown, draft) => draft.content.kind === 'manual'
                && <Money value={fenToYuan(draft.content.entry.lines.reduce((sum, line) => sum + (line.debit ? toFen(line.debit) : 0n), 0n))} />,
            },
            { title: t('ledger.drafts.madeBy'), dataIndex: 'madeBy', width: 120 },
            { title: t('ledger.drafts.madeAt'), dataIndex: 'madeAt', width: 170, render: formatDateTime },
            { title: t('common.status'), dataIndex: 'status', width: 90, render: (value: string) => <Tag color={statusColors[value]} data-testid="draft-status">{t(`ledger.drafts.status.${value}`)}</Tag> },
            {
              title: t('ledger.drafts.decision'), key: 'decision',
              render: (_: unknown, draft) => draft.decidedBy && `${draft.decidedBy} ${formatDateTime(draft.decidedAt)}${draft.decisionNote ? `：${draft.decisionNote}` : ''}`,
            },
            { title: t('ledger.drafts.entry'), dataIndex: 'postedEntryId', width: 180, render: (id: string | null) => id && entryLink(id) },
            {
              title: t('common.actions'), key: 'actions', width: 170,
              render: (_: unknown, draft) => draft.status === 'pending' && rights.check && (
                draft.madeBy === me.username ? <Tag>{t('ledger.drafts.ownDraft')}</Tag> : (
                  <Space>
                    <Popconfirm title={t('ledger.drafts.approveConfirm')} onConfirm={() => approve(draft)}>
                      <Button size="small" type="primary" loading={busy === draft.id} data-testid="draft-approve">{t('ledger.approve')}</Button>
                    </Popconfirm>
                    <Button size="small" danger onClick={() => setRejecting(draft)} data-testid="draft-reject">{t('ledger.reject')}</Button>
                  </Space>
                )
              ),
            },
          ]}
        />
      )}
      {fund && <DraftFormModal fund={fund} open={creating} onClose={() => setCreating(false)} onCreated={() => { message.success(t('ledger.drafts.created')); drafts.reload(); }} />}
      <FormModal<{ note: string }>
        title={t('ledger.drafts.rejectTitle')} open={rejecting !== undefined} onClose={() => setRejecting(undefined)} fields={['note']} testId="draft-reject-form" danger okText={t('ledger.reject')}
        onSubmit={(values) => api.post(`${fundPath(fund!)}/drafts/${rejecting!.id}/reject`, { note: values.note.trim() })}
        onDone={() => { message.success(t('ledger.drafts.rejected')); drafts.reload(); }}
      >
        <Form.Item name="note" label={t('ledger.drafts.note')} rules={[{ required: true, whitespace: true, message: t('ledger.drafts.noteRequired') }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </FormModal>
    </Page>
  );
}
