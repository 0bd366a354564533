/**
 * 缴费到账: import the bank's collection file (CSV or XLSX; all rows or none, every bad row listed; previewed, then
 * recorded on 确认入账), record a payment by hand, and list payments with where their money went (bills, parts, credit).
 * A payment recorded in error is reversed (冲正) through sign-off: the request waits in the reviewers' inbox and the
 * reversal is applied only when its last level approves it.
 */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Card, Collapse, DatePicker, Descriptions, Input, Modal, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api, type ApiError } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n, type Translate } from '../../i18n.ts';
import { formatDate, formatYuan } from '../../format.ts';
import { useMe } from '../../session.tsx';
import { can } from '../../permissions.ts';
import { approvalsChanged } from '../../platform/signoff/shared.tsx';
import type { ApprovalItem } from '../../platform/signoff/types.ts';
import { Page } from '../../components/Page.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { ImportHistory, ImportPanel } from '../../components/FileUpload.tsx';
import { Money, moneyColumn } from '../../components/Money.tsx';
import { PaymentFormModal } from './PaymentFormModal.tsx';
import { offsetPage, useUrlFilters } from './shared.tsx';
import type { CollectionPreview, Payment, PaymentAllocation, PaymentImportResult } from './types.ts';

/** 冲正申请: asks for the reason and states what a reversal does; it is applied once a reviewer (and, from the amount, an approver) signs. */
function ReverseButton({ payment, onDone }: { payment: Payment; onDone: (item: ApprovalItem) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const submit = async () => {
    setBusy(true); setError(undefined);
    try {
      const item = await api.post<ApprovalItem>(`/api/payments/${payment.id}/reversal`, { reason: reason.trim() });
      message.success(t('payment.reverse.requested'));
      approvalsChanged();
      setOpen(false); onDone(item);
    } catch (failure) { setError(failure as ApiError); } finally { setBusy(false); }
  };
  return (
    <>
      <Button size="small" danger onClick={() => setOpen(true)} data-testid={`payment-reverse-${payment.id}`}>{t('payment.reverse')}</Button>
      <Modal
        open={open} title={t('payment.reverse.title')} okText={t('payment.reverse.submit')} okButtonProps={{ danger: true, disabled: reason.trim().length < 2, loading: busy, 'data-testid': 'payment-reverse-submit' }}
        onOk={submit} onCancel={() => setOpen(false)} destroyOnClose
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>{payment.employerName} · {payment.date} · {formatYuan(payment.amount)}</Typography.Text>
          <Alert type="warning" showIcon message={t('payment.reverse.explain')} description={t('payment.reverse.signoff')} />
          <Input.TextArea value={reason} onChange={(event) => setReason(event.target.value)} placeholder={t('payment.reverse.reason')} maxLength={500} rows={2} data-testid="payment-reverse-reason" />
          {error && <Alert type="error" showIcon message={error.message} />}
        </Space>
      </Modal>
    </>
  );
}

function Allocations({ allocations }: { allocations: PaymentAllocation[] }) {
  const { t } = useI18n();
  return (
    <Table<PaymentAllocation>
      data-testid="payment-allocations" size="small" pagination={false} rowKey="key"
      dataSource={allocations.map((allocation, index) => ({ ...allocation, key: index }))}
      columns={[
        { title: t('bill.number'), dataIndex: 'billNumber', render: (number: string) => <Link to={`/collection/bills/${encodeURIComponent(number)}`}>{number}</Link> },
        { title: t('bill.period'), dataIndex: 'period', width: 100 },
        { title: t('enrollment.insurance'), dataIndex: 'insurance', render: (insurance: string) => t(`insurance.${insurance}`) },
        { title: t('payment.part'), dataIndex: 'part', render: (part: string) => t(`payment.part.${part}`) },
        moneyColumn(t('payment.amount'), 'amount'),
      ]}
    />
  );
}

/** 确认入账之前: the payments the file holds, their total and how they would be allocated, per employer. */
function CollectionPreviewView({ preview }: { preview: CollectionPreview }) {
  const { t } = useI18n();
  return (
    <>
      <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} data-testid="payment-preview">
        <Descriptions.Item label={t('payment.preview.rows')}><span data-testid="payment-preview-rows">{preview.rows}</span></Descriptions.Item>
        <Descriptions.Item label={t('payment.preview.toRecord')}><span data-testid="payment-preview-to-record">{preview.toRecord}</span></Descriptions.Item>
        <Descriptions.Item label={t('payment.preview.alreadyRecorded')}>{preview.alreadyRecorded}</Descriptions.Item>
        <Descriptions.Item label={t('payment.preview.total')}><Money value={preview.amount} testId="payment-preview-total" /></Descriptions.Item>
        <Descriptions.Item label={t('payment.allocated')}><Money value={preview.allocated} testId="payment-preview-allocated" /></Descriptions.Item>
        <Descriptions.Item label={t('payment.credit')}><Money value={preview.credit} testId="payment-preview-credit" /></Descriptions.Item>
      </Descriptions>
      <Table<CollectionPreview['employers'][number]>
        data-testid="payment-preview-employers" size="small" rowKey="creditCode" dataSource={preview.employers} pagination={preview.employers.length > 20 ? { pageSize: 20 } : false}
        columns={[
          { title: t('employer.creditCode'), dataIndex: 'creditCode', width: 190 },
          { title: t('employer.name'), dataIndex: 'name' },
          { title: t('payment.preview.payments'), dataIndex: 'payments', width: 90, align: 'right' },
          moneyColumn(t('payment.amount'), 'amount'),
          moneyColumn(t('payment.allocated'), 'allocated'),
          moneyColumn(t('payment.credit'), 'credit'),
        ]}
      />
    </>
  );
}

/** The fields of the collection file (src/modules/collection/payments/collection-file.schema.ts) as this page labels them. */
const fileFields = (t: Translate) => ({
  date: t('payment.date'), creditCode: t('employer.creditCode'), amount: t('payment.amount'), reference: t('payment.remark'), transactionId: t('payment.transactionId'),
});

/** 导入银行到账文件: the file is previewed first and recorded only on 确认入账; below, the files imported. */
function BankFileImport({ onImported }: { onImported(): void }) {
  const { t } = useI18n();
  const [answers, setAnswers] = useState(0);
  return (
    <Card size="small" title={t('payment.import')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('payment.importRule')}</Typography.Text>
        <ImportPanel<PaymentImportResult, CollectionPreview>
          path="/api/payments/import" testId="payment-import" prompt={t('payment.choose')} fieldLabels={fileFields(t)}
          preview={{
            render: (preview) => <CollectionPreviewView preview={preview} />,
            confirm: { path: (importId) => `/api/payments/import/${importId}/confirm`, label: t('payment.confirmImport'), question: t('payment.confirmImportQuestion') },
          }}
          renderResult={(result) => (
            <Alert
              type="success" showIcon data-testid="payment-import-success"
              message={t('payment.imported', { rows: result.rows, n: result.recorded, amount: formatYuan(result.amount) })}
              description={(
                <>
                  {t('payment.importAllocated', { allocated: formatYuan(result.allocated), credit: formatYuan(result.credit) })}
                  {result.alreadyRecorded > 0 && <div>{t('payment.alreadyRecorded', { n: result.alreadyRecorded })}</div>}
                </>
              )}
            />
          )}
          onApplied={onImported} onAnswered={() => setAnswers((n) => n + 1)}
        />
        <Collapse
          size="small" items={[{
            key: 'history', label: t('fileImport.history'),
            children: <ImportHistory kind="payments" kindLabel={() => t('payment.fileKind')} refresh={answers} testId="payment-import-history" />,
          }]}
        />
      </Space>
    </Card>
  );
}

export default function PaymentsPage() {
  const { t } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const { params, update } = useUrlFilters();
  const employer = params.get('employer') ?? '';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('size') ?? 20) || 20;
  const [code, setCode] = useState(employer);
  const [recording, setRecording] = useState(false);
  const list = useLoad(
    (signal) => api.get<{ items: Payment[] }>('/api/payments', { employer, from, to, limit: pageSize + 1, offset: (page - 1) * pageSize }, signal),
    [employer, from, to, page, pageSize],
  );
  const shown = offsetPage(list.data?.items, page, pageSize);
  const writer = can(me, 'payment.record');
  const reverser = can(me, 'payment.reverse.request');
  // the reversal just requested (its sign-off item), and the payment a link from the inbox points at
  const [requested, setRequested] = useState<ApprovalItem>();
  const highlighted = params.get('payment');

  return (
    <Page
      title={t('payment.title')} testId="payments-page"
      extra={writer && <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)} data-testid="payment-record">{t('payment.record')}</Button>}
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {requested && (
          <Alert
            type="info" showIcon closable onClose={() => setRequested(undefined)} data-testid="payment-reversal-requested"
            message={t('payment.reverse.requested')}
            description={<>{requested.title} · <Link to={`/approvals/${requested.id}`} data-testid="payment-reversal-item">{t('approvals.open')}</Link></>}
          />
        )}
        {writer && <BankFileImport onImported={list.reload} />}
        <Space wrap>
          <Input.Search
            value={code} onChange={(event) => setCode(event.target.value)} onSearch={(value) => update({ employer: value.trim().toUpperCase() })}
            placeholder={t('employer.creditCode')} enterButton={t('common.search')} allowClear style={{ width: 360 }} data-testid="payments-employer"
          />
          <DatePicker.RangePicker
            allowEmpty={[true, true]} value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
            onChange={(range) => update({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
          />
        </Space>
        {list.error ? <ApiErrorView error={list.error} retry={list.reload} /> : (
          <Table<Payment>
            data-testid="payments-table" rowKey="id" size="middle" loading={list.loading} dataSource={shown.rows}
            rowClassName={(payment) => (payment.id === highlighted ? 'ant-table-row-selected' : '')}
            expandable={{ expandedRowRender: (payment) => <Allocations allocations={payment.allocations} />, rowExpandable: (payment) => payment.allocations.length > 0 }}
            pagination={{ current: page, pageSize, total: shown.total, showSizeChanger: true, onChange: (next, size) => update({ page: String(next), size: String(size) }) }}
            columns={[
              { title: t('payment.date'), dataIndex: 'date', width: 110, render: formatDate },
              { title: t('employer.creditCode'), dataIndex: 'creditCode', width: 190 },
              { title: t('employer.name'), dataIndex: 'employerName' },
              moneyColumn(t('payment.amount'), 'amount'),
              moneyColumn(t('payment.allocated'), 'allocated'),
              moneyColumn(t('payment.credit'), 'credit'),
              { title: t('payment.reference'), dataIndex: 'reference' },
              { title: t('payment.source'), dataIndex: 'source', width: 110, render: (source: string) => <Tag>{t(`payment.source.${source}`)}</Tag> },
              {
                title: '', key: 'reverse', width: 90,
                render: (_: unknown, payment: Payment) => (payment.reversed
                  ? <Tooltip title={`${payment.reversed.date} ${payment.reversed.by}: ${payment.reversed.reason}`}><Tag color="red">{t('payment.reversed')}</Tag></Tooltip>
                  : reverser && <ReverseButton payment={payment} onDone={(item) => { setRequested(item); list.reload(); }} />),
              },
            ]}
          />
        )}
      </Space>
      <PaymentFormModal open={recording} onClose={() => setRecording(false)} onDone={() => { message.success(t('payment.recorded')); list.reload(); }} />
    </Page>
  );
}
