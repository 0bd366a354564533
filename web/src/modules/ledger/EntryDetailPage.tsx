/**
 * 记账凭证: an entry's header (kind, source document, maker and approver, what it reverses or is reversed by) and
 * its lines; a user who drafts entries can draft its reversal, a sign-off item a second person approves in the inbox.
 */
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { App, Button, DatePicker, Descriptions, Form, Input, Table, Tag } from 'antd';
import { ArrowLeftOutlined, RollbackOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { formatDateTime } from '../../format.ts';
import { useI18n } from '../../i18n.ts';
import { useMe } from '../../session.tsx';
import { can } from '../../permissions.ts';
import { approvalsChanged } from '../../platform/signoff/shared.tsx';
import type { ApprovalItem } from '../../platform/signoff/types.ts';
import { Page } from '../../components/Page.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { Money, moneyColumn } from '../../components/Money.tsx';
import { fundPath, sourceLabel } from './shared.tsx';
import type { EntryDetail, EntryLine } from './types.ts';

interface ReversalValues { date?: Dayjs; memo?: string }

export default function EntryDetailPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const me = useMe();
  const navigate = useNavigate();
  const { fund = '', id = '' } = useParams();
  const [reversing, setReversing] = useState(false);
  const entry = useLoad((signal) => api.get<EntryDetail>(`${fundPath(fund)}/entries/${id}`, undefined, signal), [fund, id]);
  const data = entry.data;
  const entryLink = (entryId: string) => <Link to={`/ledger/balances/${fund}/entries/${entryId}`}>{entryId}</Link>;

  return (
    <Page
      title={`${t('ledger.entry.title')} ${id}`} testId="ledger-entry"
      extra={(
        <>
          {data && can(me, 'ledger.entry.draft') && !data.reversedByEntryId && (
            <Button danger icon={<RollbackOutlined />} onClick={() => setReversing(true)} data-testid="ledger-entry-reverse">{t('ledger.entry.reverse')}</Button>
          )}
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>{t('common.back')}</Button>
        </>
      )}
    >
      {entry.error ? <ApiErrorView error={entry.error} retry={entry.reload} /> : data && (
        <>
          <Descriptions bordered size="small" column={3} style={{ marginBottom: 16 }} data-testid="ledger-entry-header">
            <Descriptions.Item label={t('ledger.fund')}>{data.fund}</Descriptions.Item>
            <Descriptions.Item label={t('ledger.period')}>{data.period}</Descriptions.Item>
            <Descriptions.Item label={t('ledger.date')}>{data.date}</Descriptions.Item>
            <Descriptions.Item label={t('ledger.entry.kind')}><Tag data-testid="ledger-entry-kind">{t(`ledger.kind.${data.kind}`)}</Tag></Descriptions.Item>
            <Descriptions.Item label={t('ledger.entry.source')}><span data-testid="ledger-entry-source">{sourceLabel(t, data.source)}</span></Descriptions.Item>
            <Descriptions.Item label={t('ledger.entry.total')}><Money value={data.total} testId="ledger-entry-total" /></Descriptions.Item>
            <Descriptions.Item label={t('ledger.memo')} span={3}>{data.memo}</Descriptions.Item>
            <Descriptions.Item label={t('ledger.entry.maker')}>{data.createdBy}</Descriptions.Item>
            <Descriptions.Item label={t('ledger.entry.approver')}>{data.approvedBy ?? ''}</Descriptions.Item>
            <Descriptions.Item label={t('ledger.entry.postedAt')}>{formatDateTime(data.postedAt)}</Descriptions.Item>
            {data.reversesEntryId && <Descriptions.Item label={t('ledger.entry.reverses')}>{entryLink(data.reversesEntryId)}</Descriptions.Item>}
            {data.reversedByEntryId && <Descriptions.Item label={t('ledger.entry.reversedBy')}><span data-testid="ledger-entry-reversed-by">{entryLink(data.reversedByEntryId)}</span></Descriptions.Item>}
            {data.correctionOfPeriod && <Descriptions.Item label={t('ledger.entry.correctionOf')}>{data.correctionOfPeriod}</Descriptions.Item>}
            <Descriptions.Item label={t('ledger.entry.key')} span={3}><code>{data.key}</code></Descriptions.Item>
          </Descriptions>
          <Table<EntryLine>
            data-testid="ledger-entry-lines" rowKey="lineNumber" size="small" pagination={false} dataSource={data.lines}
            columns={[
              { title: '#', dataIndex: 'lineNumber', width: 50 },
              {
                title: t('ledger.account.name'), dataIndex: 'account',
                render: (code: string, line) => <Link to={`/ledger/balances/${fund}/${code}?period=${data.period}`}>{code} {line.accountName}</Link>,
              },
              { title: t('ledger.subject'), dataIndex: 'subject', width: 220 },
              { title: t('ledger.reference'), dataIndex: 'reference', width: 170 },
              { title: t('ledger.memo'), dataIndex: 'memo' },
              moneyColumn(t('ledger.debit'), 'debit', 140),
              moneyColumn(t('ledger.credit'), 'credit', 140),
            ]}
          />
        </>
      )}
      <FormModal<ReversalValues, ApprovalItem>
        title={t('ledger.entry.reverse')} open={reversing} onClose={() => setReversing(false)} fields={['date', 'memo']} testId="ledger-reverse"
        confirm={t('ledger.entry.reverseConfirm')} danger okText={t('ledger.entry.reverse')}
        onSubmit={(values) => api.post<ApprovalItem>(`${fundPath(fund)}/entries/${id}/reversal-drafts`, { date: values.date?.format('YYYY-MM-DD'), memo: values.memo?.trim() || undefined })}
        onDone={(item) => { message.success(t('ledger.entry.reversalDrafted')); approvalsChanged(); navigate(`/approvals/${item.id}`); }}
      >
        <Form.Item name="date" label={t('ledger.entry.reversalDate')} extra={t('ledger.entry.reversalDateHint')}><DatePicker /></Form.Item>
        <Form.Item name="memo" label={t('ledger.memo')}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
      </FormModal>
    </Page>
  );
}
