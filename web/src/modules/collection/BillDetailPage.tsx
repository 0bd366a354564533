/**
 * 缴费通知单 (one bill): the header, totals per insurance and a line per person and insurance. Each amount opens
 * how it was computed (base × rate) and the dated parameters it came from. 打印 opens the notice as the agency
 * prints it (the API's PDF: a summary page with the total in capitals, the payee accounts and the seal area, and an
 * annex of persons); the browser's own print of this page still drops the menu and the buttons.
 */
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Button, Descriptions, Form, Input, Popover, Space, Table, Tag, Typography } from 'antd';
import { AuditOutlined, PrinterOutlined } from '@ant-design/icons';
import { api } from '../../api.ts';
import { useLoad, useRegionLabel } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { formatDate, formatDateTime, formatYuan } from '../../format.ts';
import { Page } from '../../components/Page.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { Money } from '../../components/Money.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { useCan } from '../../permissions.ts';
import { approvalsChanged } from '../../platform/signoff/shared.tsx';
import type { ApprovalItem } from '../../platform/signoff/types.ts';
import { NO_PRINT, PRINT_CSS } from '../../components/list/print.ts';
import { BillItemsTable } from './BillItemsTable.tsx';
import { BillStatusTag } from './BillStatusTag.tsx';
import { percent } from './shared.tsx';
import type { Bill, BillLine, BillPayment } from './types.ts';


/** An amount that shows, on hover, base × rate and the parameters behind them. */
function Traced({ line, rate, amount, testId }: { line: BillLine; rate: string | null; amount: string | null; testId?: string }) {
  const { t } = useI18n();
  if (amount === null) return null;
  const content = (
    <div style={{ maxWidth: 480 }}>
      <Typography.Paragraph style={{ marginBottom: 8 }}>{formatYuan(line.base)} × {percent(rate)} = {formatYuan(amount)}</Typography.Paragraph>
      {line.parameterRefs.map((ref) => <div key={ref}><Typography.Text code>{ref}</Typography.Text></div>)}
    </div>
  );
  return (
    <Popover title={t('bill.refs')} content={content}>
      <span style={{ borderBottom: '1px dotted #999', cursor: 'help' }}><Money value={amount} testId={testId} /></span>
    </Popover>
  );
}

export default function BillDetailPage() {
  const { number = '' } = useParams();
  const { t } = useI18n();
  const regionLabel = useRegionLabel();
  const bill = useLoad((signal) => api.get<Bill>(`/api/bills/${encodeURIComponent(number)}`, undefined, signal), [number]);
  const [reassessing, setReassessing] = useState(false);
  const can = useCan();
  const navigate = useNavigate();

  if (bill.error) return <ApiErrorView error={bill.error} retry={bill.reload} />;
  if (!bill.data) return <PageSpinner />;
  const data = bill.data;
  const lines = data.lines ?? [];
  // before the due date what is unpaid is 应缴未缴; after it, 欠费 (社会保险法 第八十六条)
  const outstandingTitle = t(data.status === 'overdue' ? 'bill.outstanding.overdue' : 'bill.outstanding.due');

  return (
    <Page
      title={`${t('bill.detail')} ${data.number}`} testId="bill-detail"
      extra={(
        <>
          {can('billing.reassess.request') && (
            <Button className={NO_PRINT} icon={<AuditOutlined />} onClick={() => setReassessing(true)} data-testid="bill-reassess">{t('bill.reassess')}</Button>
          )}
          <Button className={NO_PRINT} icon={<PrinterOutlined />} href={`/api/bills/${encodeURIComponent(data.number)}?format=pdf`} target="_blank" data-testid="bill-print">{t('bill.print')}</Button>
          <Link className={NO_PRINT} to={`/collection/bills?period=${data.period}`}><Button>{t('common.back')}</Button></Link>
        </>
      )}
    >
      <style>{PRINT_CSS}</style>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Descriptions bordered size="small" column={3} data-testid="bill-header">
          <Descriptions.Item label={t('bill.number')}><span data-testid="bill-number">{data.number}</span></Descriptions.Item>
          <Descriptions.Item label={t('bill.period')}>{data.period}</Descriptions.Item>
          <Descriptions.Item label={t('bill.kind')}><Tag>{t(`bill.kind.${data.kind}`)}</Tag></Descriptions.Item>
          <Descriptions.Item label={t('employer.name')}><Link to={`/employers/${data.employerId}`} data-testid="bill-employer">{data.employerName}</Link></Descriptions.Item>
          <Descriptions.Item label={t('employer.creditCode')}>{data.creditCode}</Descriptions.Item>
          <Descriptions.Item label={t('common.region')}>{regionLabel(data.regionCode)}</Descriptions.Item>
          <Descriptions.Item label={t('bill.persons')}>{data.persons}</Descriptions.Item>
          <Descriptions.Item label={t('bill.lineCount')}>{data.lineCount}</Descriptions.Item>
          <Descriptions.Item label={t('bill.dueDate')}>{formatDate(data.dueDate)}</Descriptions.Item>
          <Descriptions.Item label={t('bill.total')}><Typography.Text strong><Money value={data.total} testId="bill-total" /></Typography.Text></Descriptions.Item>
          <Descriptions.Item label={t('bill.issuedAt')}>{formatDateTime(data.issuedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('bill.status')}><BillStatusTag status={data.status} /></Descriptions.Item>
          <Descriptions.Item label={t('bill.paid')}><Money value={data.paid} testId="bill-paid" /></Descriptions.Item>
          <Descriptions.Item label={outstandingTitle}><Money value={data.outstanding} testId="bill-outstanding" /></Descriptions.Item>
        </Descriptions>
        <Typography.Title level={5} style={{ margin: 0 }}>{t('bill.byInsurance')}</Typography.Title>
        <BillItemsTable items={data.items} total={data.total} testId="bill-items" outstandingTitle={outstandingTitle} />
        {data.payments && (
          <>
            <Typography.Title level={5} style={{ margin: 0 }}>{t('bill.payments')}</Typography.Title>
            <Table<BillPayment>
              data-testid="bill-payments" size="small" rowKey="paymentId" pagination={false} dataSource={data.payments} locale={{ emptyText: t('bill.noPayments') }}
              columns={[
                {
                  title: t('bill.payment'), dataIndex: 'paymentId',
                  render: (id: string, payment) => <><Link to={`/collection/payments?employer=${data.creditCode}&payment=${id}`} data-testid="bill-payment-link">{id}</Link>{payment.reversed && <Tag color="red" style={{ marginLeft: 8 }}>{t('payment.reversed')}</Tag>}</>,
                },
                { title: t('bill.paymentDate'), dataIndex: 'date', width: 120, render: formatDate },
                { title: t('bill.paymentAmount'), dataIndex: 'amount', align: 'right', render: (amount: string) => <Money value={amount} /> },
                { title: t('bill.paymentLateFee'), dataIndex: 'lateFee', align: 'right', render: (amount: string) => <Money value={amount} /> },
              ]}
            />
          </>
        )}
        <Typography.Title level={5} style={{ margin: 0 }}>{t('bill.lines')}</Typography.Title>
        <Table<BillLine>
          data-testid="bill-lines" size="small" dataSource={lines} rowKey={(line) => `${line.personId}:${line.insurance}`}
          pagination={lines.length <= 50 ? false : { pageSize: 50, showSizeChanger: false }}
          columns={[
            { title: t('person.idNumber'), dataIndex: 'idNumber', width: 190, render: (id: string, line) => <Link to={`/persons/${line.personId}`}>{id}</Link> },
            { title: t('person.name'), dataIndex: 'name', width: 100 },
            { title: t('enrollment.insurance'), dataIndex: 'insurance', width: 100, render: (insurance: string) => t(`insurance.${insurance}`) },
            { title: t('bill.base'), dataIndex: 'base', align: 'right', render: (base: string) => <Money value={base} /> },
            { title: t('bill.employerRate'), dataIndex: 'employerRate', align: 'right', width: 100, render: percent },
            { title: t('bill.employerAmount'), dataIndex: 'employerAmount', align: 'right', render: (amount: string, line) => <Traced line={line} rate={line.employerRate} amount={amount} /> },
            { title: t('bill.employeeRate'), dataIndex: 'employeeRate', align: 'right', width: 100, render: percent },
            { title: t('bill.employeeAmount'), dataIndex: 'employeeAmount', align: 'right', render: (amount: string | null, line) => <Traced line={line} rate={line.employeeRate} amount={amount} /> },
          ]}
        />
      </Space>
      <FormModal<{ reason: string }, ApprovalItem>
        title={t('bill.reassessTitle', { employer: data.employerName, period: data.period })} open={reassessing} onClose={() => setReassessing(false)}
        fields={['reason']} testId="bill-reassess-form" okText={t('bill.reassessSubmit')}
        onSubmit={(values) => api.post<ApprovalItem>('/api/billing/reassessments', { creditCode: data.creditCode, period: data.period, reason: values.reason.trim() })}
        onDone={(item) => { approvalsChanged(); navigate(`/approvals/${item.id}`); }}
      >
        <Typography.Paragraph type="secondary">{t('bill.reassessExplain')}</Typography.Paragraph>
        <Form.Item name="reason" label={t('approvals.reason')} rules={[{ required: true, whitespace: true, message: t('approvals.reasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="bill-reassess-reason" />
        </Form.Item>
      </FormModal>
    </Page>
  );
}
