/**
 * 记账凭证: an entry as a voucher — titled by its 凭证字号, its header (date, kind, source document, memo), its lines
 * with 借方 and 贷方 amounts, a 合计 row with the amount in Chinese capitals (大写金额), and the maker and approver.
 * The internal id and the idempotency key are under a collapsed 技术信息 (an auditor tracing a posting needs them).
 * Printable on A5 landscape (凭证纸). A user who drafts entries can draft its reversal, a sign-off item a second
 * person approves in the inbox.
 */
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { App, Button, Collapse, DatePicker, Descriptions, Form, Input, Table, Tag } from 'antd';
import { ArrowLeftOutlined, RollbackOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { fenToYuan, formatDateTime, toFen } from '../../format.ts';
import { useI18n } from '../../i18n.ts';
import { useMe } from '../../session.tsx';
import { can } from '../../permissions.ts';
import { approvalsChanged } from '../../platform/signoff/shared.tsx';
import type { ApprovalItem } from '../../platform/signoff/types.ts';
import { Page } from '../../components/Page.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { Money } from '../../components/Money.tsx';
import { yuanInChineseCapitals } from '../../../../src/shared/capitals.ts';
import { NO_PRINT, PrintButton, PrintHeader, PrintSignatures, PrintStyle } from './print.tsx';
import { fundPath, sourceLabel, useFunds } from './shared.tsx';
import type { EntryDetail, EntryLine } from './types.ts';

interface ReversalValues { date?: Dayjs; memo?: string }

const TEST_ID = 'ledger-entry';
const sum = (values: string[]) => values.reduce((total, value) => total + toFen(value), 0n);
/** A voucher leaves the side a line is not on empty. */
const sideAmount = (value: string) => value !== '0.00' && <Money value={value} />;

export default function EntryDetailPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const me = useMe();
  const navigate = useNavigate();
  const { fund = '', id = '' } = useParams();
  const [reversing, setReversing] = useState(false);
  const funds = useFunds();
  const entry = useLoad((signal) => api.get<EntryDetail>(`${fundPath(fund)}/entries/${id}`, undefined, signal), [fund, id]);
  const data = entry.data;
  const fundInfo = funds.data?.find((f) => f.code === fund);
  const entryLink = (entryId: string, number: string | null) => <Link to={`/ledger/balances/${fund}/entries/${entryId}`}>{number}</Link>;
  const debit = sum(data?.lines.map((line) => line.debit) ?? []);
  const credit = sum(data?.lines.map((line) => line.credit) ?? []);

  return (
    <Page
      title={data ? `${t('ledger.entry.title')} ${data.voucherNumber}` : t('ledger.entry.title')} testId={TEST_ID}
      extra={(
        <>
          {data && <PrintButton testId="ledger-entry-print" />}
          {data && can(me, 'ledger.entry.draft') && !data.reversedByEntryId && (
            <Button className={NO_PRINT} danger icon={<RollbackOutlined />} onClick={() => setReversing(true)} data-testid="ledger-entry-reverse">{t('ledger.entry.reverse')}</Button>
          )}
          <Button className={NO_PRINT} icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>{t('common.back')}</Button>
        </>
      )}
    >
      {entry.error ? <ApiErrorView error={entry.error} retry={entry.reload} /> : data && (
        <>
          <PrintStyle paper="A5 landscape" testId={TEST_ID} />
          <PrintHeader
            title={t('ledger.entry.title')}
            lines={[
              { label: t('ledger.print.unit'), value: fundInfo?.regionName ?? '' },
              { label: t('ledger.date'), value: data.date },
              { label: t('ledger.entry.number'), value: data.voucherNumber },
            ]}
          />
          <Descriptions bordered size="small" column={3} style={{ marginBottom: 16 }} data-testid="ledger-entry-header">
            <Descriptions.Item label={t('ledger.entry.number')}><span data-testid="ledger-entry-number">{data.voucherNumber}</span></Descriptions.Item>
            <Descriptions.Item label={t('ledger.date')}>{data.date}</Descriptions.Item>
            <Descriptions.Item label={t('ledger.period')}>{data.period}</Descriptions.Item>
            <Descriptions.Item label={t('ledger.fund')}>{fundInfo?.name ?? data.fund}</Descriptions.Item>
            <Descriptions.Item label={t('ledger.entry.kind')}><Tag data-testid="ledger-entry-kind">{t(`ledger.kind.${data.kind}`)}</Tag></Descriptions.Item>
            <Descriptions.Item label={t('ledger.entry.source')}><span data-testid="ledger-entry-source">{sourceLabel(t, data.source)}</span></Descriptions.Item>
            <Descriptions.Item label={t('ledger.memo')} span={2}>{data.memo}</Descriptions.Item>
            <Descriptions.Item label={t('ledger.entry.total')}><Money value={data.total} testId="ledger-entry-total" /></Descriptions.Item>
            {data.reversesEntryId && <Descriptions.Item label={t('ledger.entry.reverses')}>{entryLink(data.reversesEntryId, data.reversesVoucherNumber)}</Descriptions.Item>}
            {data.reversedByEntryId && <Descriptions.Item label={t('ledger.entry.reversedBy')}><span data-testid="ledger-entry-reversed-by">{entryLink(data.reversedByEntryId, data.reversedByVoucherNumber)}</span></Descriptions.Item>}
            {data.correctionOfPeriod && <Descriptions.Item label={t('ledger.entry.correctionOf')}>{data.correctionOfPeriod}</Descriptions.Item>}
          </Descriptions>
          <Table<EntryLine>
            data-testid="ledger-entry-lines" rowKey="lineNumber" size="small" bordered pagination={false} dataSource={data.lines}
            columns={[
              { title: '#', dataIndex: 'lineNumber', width: 44 },
              { title: t('ledger.memo'), dataIndex: 'memo', render: (memo: string | null) => memo || data.memo },
              {
                title: t('ledger.account.name'), dataIndex: 'account',
                render: (code: string, line) => <Link to={`/ledger/balances/${fund}/${code}?period=${data.period}`}>{code} {line.accountName}</Link>,
              },
              { title: t('ledger.subject'), dataIndex: 'subject', width: 200 },
              { title: t('ledger.reference'), dataIndex: 'reference', width: 160 },
              { title: t('ledger.debit'), dataIndex: 'debit', align: 'right', width: 130, render: sideAmount },
              { title: t('ledger.credit'), dataIndex: 'credit', align: 'right', width: 130, render: sideAmount },
            ]}
            summary={() => (
              <Table.Summary.Row style={{ fontWeight: 600 }}>
                <Table.Summary.Cell index={0} colSpan={5}>
                  {t('ledger.total')}　{t('ledger.entry.capitals')}：<span data-testid="ledger-entry-capitals">{yuanInChineseCapitals(debit)}</span>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right"><Money value={fenToYuan(debit)} testId="ledger-entry-total-debit" /></Table.Summary.Cell>
                <Table.Summary.Cell index={6} align="right"><Money value={fenToYuan(credit)} testId="ledger-entry-total-credit" /></Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
          <Descriptions size="small" column={3} style={{ marginTop: 12 }} className={NO_PRINT}>
            <Descriptions.Item label={t('ledger.entry.maker')}>{data.createdBy}</Descriptions.Item>
            <Descriptions.Item label={t('ledger.entry.approver')}>{data.approvedBy ?? ''}</Descriptions.Item>
            <Descriptions.Item label={t('ledger.entry.postedAt')}>{formatDateTime(data.postedAt)}</Descriptions.Item>
          </Descriptions>
          <PrintSignatures
            signers={[{ label: t('ledger.print.supervisor') }, { label: t('ledger.entry.approver'), name: data.approvedBy }, { label: t('ledger.entry.maker'), name: data.createdBy }]}
          />
          <Collapse
            className={NO_PRINT} ghost size="small" style={{ marginTop: 8 }} data-testid="ledger-entry-technical"
            items={[{
              key: 'technical', label: t('ledger.entry.technical'),
              children: (
                <Descriptions size="small" column={1}>
                  <Descriptions.Item label={t('ledger.entry.internalId')}><code>{data.id}</code></Descriptions.Item>
                  <Descriptions.Item label={t('ledger.entry.key')}><code data-testid="ledger-entry-key">{data.key}</code></Descriptions.Item>
                </Descriptions>
              ),
            }]}
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
