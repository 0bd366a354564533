/**
 * 发放明细: one payroll batch (GET /api/payroll/batches/:id) — its fund, month, payees, total and status — and its lines
 * by reference: each payee's amount, paid (with the day) or returned (with the bank's reason and how often).
 * The sign-off items of the payroll and of its 用款申请 link here.
 */
import { useParams } from 'react-router-dom';
import { Descriptions } from 'antd';
import { useRegionLabel } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { formatDateTime } from '../../format.ts';
import { ListPage, type ListColumn } from '../../components/ListPage.tsx';
import { Money } from '../../components/Money.tsx';
import { BatchStatusTag, LineStatusTag } from './status.tsx';
import type { Batch, BatchDetail, Line, LineStatus } from './types.ts';

const lineStatuses: LineStatus[] = ['pending', 'sent', 'paid', 'returned'];

function BatchHeader({ batch }: { batch: Batch }) {
  const { t } = useI18n();
  const regionLabel = useRegionLabel();
  return (
    <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }} data-testid="batch-header">
      <Descriptions.Item label={t('payroll.period')}>{batch.period}</Descriptions.Item>
      <Descriptions.Item label={t('payroll.fund')}>{batch.fund}</Descriptions.Item>
      <Descriptions.Item label={t('common.region')}>{regionLabel(batch.regionCode)}</Descriptions.Item>
      <Descriptions.Item label={t('payroll.payees')}><span data-testid="batch-payees">{batch.payees.toLocaleString('en-US')}</span></Descriptions.Item>
      <Descriptions.Item label={t('payroll.total')}><Money value={batch.total} testId="batch-total" /></Descriptions.Item>
      <Descriptions.Item label={t('payroll.offset')}><Money value={batch.offset} testId="batch-offset" /></Descriptions.Item>
      <Descriptions.Item label={t('payroll.payable')}><Money value={batch.payable} testId="batch-payable" /></Descriptions.Item>
      <Descriptions.Item label={t('payroll.status')}><BatchStatusTag batch={batch} /></Descriptions.Item>
      <Descriptions.Item label={t('payroll.createdBy')}>{batch.createdBy}</Descriptions.Item>
      <Descriptions.Item label={t('payroll.createdAt')}>{formatDateTime(batch.createdAt)}</Descriptions.Item>
    </Descriptions>
  );
}

export default function PayrollBatchPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const columns: Array<ListColumn<Line>> = [
    { key: 'reference', title: t('payroll.line.reference'), dataIndex: 'reference', width: 200 },
    { key: 'idNumber', title: t('award.idNumber'), dataIndex: 'idNumber', width: 190 },
    { key: 'name', title: t('award.name'), dataIndex: 'name', width: 100 },
    { key: 'amount', title: t('payroll.line.amount'), dataIndex: 'amount', money: true },
    { key: 'amountOffset', title: t('payroll.line.amountOffset'), dataIndex: 'amountOffset', money: true },
    { key: 'status', title: t('common.status'), dataIndex: 'status', width: 90, render: (status: LineStatus) => <LineStatusTag status={status} /> },
    { key: 'paidOn', title: t('payroll.line.paidOn'), dataIndex: 'paidOn', width: 110 },
    { key: 'returnCount', title: t('payroll.line.returnCount'), dataIndex: 'returnCount', align: 'right', width: 100 },
    { key: 'reason', title: t('payroll.line.reason'), dataIndex: 'reason' },
  ];
  return (
    <ListPage<Line, BatchDetail>
      listId="payroll-lines" title={t('payroll.batchTitle')} testId="payroll-batch-page" tableTestId="payroll-lines" rowKey="reference"
      endpoint={`/api/payroll/batches/${encodeURIComponent(id)}`} read={(answer) => answer.lines} columns={columns}
      filters={[{ kind: 'enum', param: 'status', label: t('common.status'), options: lineStatuses.map((value) => ({ value, label: t(`payroll.line.status.${value}`) })), testId: 'lines-status' }]}
      header={(answer) => <BatchHeader batch={answer.batch} />} exports={['xlsx', 'csv']}
    />
  );
}
