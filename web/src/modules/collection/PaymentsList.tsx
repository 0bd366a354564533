/**
 * 缴款记录 as a list: payments newest first, by employer credit code and date, each expanding to where its money went
 * (bills, parts, credit). A payment recorded in error is reversed (冲正) through sign-off: the request waits in the
 * reviewers' inbox and the reversal is applied only when its last level approves it. The payments page lists every
 * payment in scope; an employer's page its own (`creditCode`).
 */
import { useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Input, Modal, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { api, type ApiError } from '../../api.ts';
import { useI18n } from '../../i18n.ts';
import { formatDate, formatYuan } from '../../format.ts';
import { useCan } from '../../permissions.ts';
import { approvalsChanged } from '../../platform/signoff/shared.tsx';
import type { ApprovalItem } from '../../platform/signoff/types.ts';
import { ListPage, type ListFilter } from '../../components/ListPage.tsx';
import { moneyColumn } from '../../components/Money.tsx';
import type { Payment, PaymentAllocation, PaymentList } from './types.ts';

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

interface PaymentsListProps { creditCode?: string; title?: string; testId?: string; extra?: ReactNode; header?: ReactNode; refresh?: unknown; children?: ReactNode }

export function PaymentsList({ creditCode, title, testId, extra, header, refresh, children }: PaymentsListProps) {
  const { t } = useI18n();
  const can = useCan();
  const [search] = useSearchParams();
  const reverser = can('payment.reverse.request');
  // the reversal just requested (its sign-off item), and the payment a link from the inbox points at
  const [requested, setRequested] = useState<ApprovalItem>();
  const highlighted = search.get('payment');
  const dates: ListFilter = { kind: 'dateRange', from: 'from', to: 'to', label: t('payment.date') };
  const amounts: ListFilter = { kind: 'amountRange', min: 'minAmount', max: 'maxAmount', label: t('payment.amount'), testId: 'payments-amount' };
  return (
    <ListPage<Payment, PaymentList>
      listId={creditCode ? 'employer-payments' : 'payments'} endpoint="/api/payments" rowKey="id" tableTestId="payments-table" maxLimit={500} exports={['xlsx', 'csv']}
      // the sum of every matching payment (none when more than 10,000 match: the file's totals row has it)
      totals={(answer): Record<string, string> => (answer.amountTotal === null ? {} : { amount: answer.amountTotal })}
      {...(creditCode
        ? { embedded: true, paramPrefix: 'payments.', query: { employer: creditCode }, filters: [dates, amounts] }
        : { title, testId, filters: [{ kind: 'prefix', param: 'employer', label: t('employer.creditCode'), width: 360, testId: 'payments-employer' }, dates, amounts] })}
      extra={extra} refresh={[refresh, requested?.id].join()}
      header={(
        <>
          {requested && (
            <Alert
              type="info" showIcon closable onClose={() => setRequested(undefined)} data-testid="payment-reversal-requested" style={{ marginBottom: 16 }}
              message={t('payment.reverse.requested')}
              description={<>{requested.title} · <Link to={`/approvals/${requested.id}`} data-testid="payment-reversal-item">{t('approvals.open')}</Link></>}
            />
          )}
          {header}
        </>
      )}
      table={{
        rowClassName: (payment) => (payment.id === highlighted ? 'ant-table-row-selected' : ''),
        expandable: { expandedRowRender: (payment) => <Allocations allocations={payment.allocations} />, rowExpandable: (payment) => payment.allocations.length > 0 },
      }}
      columns={[
        { key: 'date', title: t('payment.date'), dataIndex: 'date', width: 110, render: formatDate },
        { key: 'creditCode', title: t('employer.creditCode'), dataIndex: 'creditCode', width: 190 },
        // 单位名称 keeps a readable width; a long name ends in … with the whole name on hover
        { key: 'employerName', title: t('employer.name'), dataIndex: 'employerName', minWidth: 220, ellipsis: { showTitle: true } },
        { key: 'amount', title: t('payment.amount'), dataIndex: 'amount', money: true },
        { key: 'allocated', title: t('payment.allocated'), dataIndex: 'allocated', money: true },
        { key: 'credit', title: t('payment.credit'), dataIndex: 'credit', money: true },
        { key: 'reference', title: t('payment.reference'), dataIndex: 'reference', ellipsis: { showTitle: true }, width: 200 },
        { key: 'transactionId', title: t('payment.transactionId'), dataIndex: 'transactionId', width: 160 },
        { key: 'source', title: t('payment.source'), dataIndex: 'source', width: 110, render: (source: string) => <Tag>{t(`payment.source.${source}`)}</Tag> },
        {
          // 打印凭证: the receipt as the agency prints it (a reversed payment's says 已冲正); 冲正 for those who may ask for it
          key: 'reversal', title: t('common.actions'), width: 170,
          render: (_: unknown, payment: Payment) => (
            <Space size={4}>
              <Button size="small" icon={<PrinterOutlined />} href={`/api/payments/${payment.id}?format=pdf`} target="_blank" data-testid={`payment-receipt-${payment.id}`}>{t('payment.receipt')}</Button>
              {payment.reversed
                ? <Tooltip title={`${payment.reversed.date} ${payment.reversed.by}: ${payment.reversed.reason}`}><Tag color="red">{t('payment.reversed')}</Tag></Tooltip>
                : reverser && <ReverseButton payment={payment} onDone={setRequested} />}
            </Space>
          ),
        },
      ]}
    >
      {children}
    </ListPage>
  );
}
