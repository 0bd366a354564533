/**
 * 催缴记录 on an employer's arrears: the notices issued (催缴通知书, 限期缴纳通知书) with their deliveries, printed
 * through the API's PDF (with the 送达回证); staff who hold dunning.issue issue a notice as of the arrears' date and
 * record its delivery; they also ask for an instalment agreement (分期缴纳) or a late-fee waiver (滞纳金减免, on a lawful
 * ground only), which go to the sign-off inbox; those approved are listed below.
 */
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, DatePicker, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { AuditOutlined, FileAddOutlined, MinusCircleOutlined, PlusOutlined, PrinterOutlined, SendOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { useCan } from '../../permissions.ts';
import { formatDate } from '../../format.ts';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { Money } from '../../components/Money.tsx';
import { approvalsChanged } from '../../platform/signoff/shared.tsx';
import type { ApprovalItem } from '../../platform/signoff/types.ts';
import { fenToYuan, toFen } from '../../format.ts';
import type { DunningNotice, EmployerDunning } from './types.ts';

const methods = ['direct', 'mail', 'electronic'] as const;
type Agreement = EmployerDunning['instalmentAgreements'][number];
const instalmentColors: Record<Agreement['instalments'][number]['state'], string> = { paid: 'green', paid_late: 'gold', overdue: 'red', not_due: 'default' };
const agreementColors: Record<Agreement['state'], string> = { performing: 'blue', completed: 'green', defaulted: 'red' };
type NoticeKind = DunningNotice['kind'];

interface IssueValues { asOf: Dayjs; deadline?: Dayjs }
interface InstalmentValues { reason: string; instalments: { dueDate: Dayjs; amount: string }[] }
interface WaiverValues { amount: string; ground: 'force_majeure' | 'reconsideration'; document: string }
const grounds = ['force_majeure', 'reconsideration'] as const;
const amountRule = /^\s*[\d,]+(\.\d{1,2})?\s*$/;

interface DeliveryValues { method: DunningNotice['deliveries'][number]['method']; deliveredOn: Dayjs; recipient: string; note?: string }

export function DunningSection({ creditCode, asOf }: { creditCode: string; asOf: string }) {
  const { t } = useI18n();
  const can = useCan();
  const dunning = useLoad((signal) => api.get<EmployerDunning>('/api/dunning', { employer: creditCode }, signal), [creditCode]);
  const [issuing, setIssuing] = useState<NoticeKind>();
  const [delivering, setDelivering] = useState<DunningNotice>();
  const [relief, setRelief] = useState<'instalments' | 'waiver'>();
  const navigate = useNavigate();
  const submitted = (item: ApprovalItem) => { approvalsChanged(); navigate(`/approvals/${item.id}`); };
  if (dunning.error) return <ApiErrorView error={dunning.error} retry={dunning.reload} />;
  const data = dunning.data;
  const issuer = can('dunning.issue');
  return (
    <Space direction="vertical" size="small" style={{ width: '100%' }} data-testid="dunning-section">
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={5} style={{ margin: 0 }}>{t('dunning.title')}</Typography.Title>
        {issuer && (
          <Space>
            <Button icon={<FileAddOutlined />} onClick={() => setIssuing('reminder')} data-testid="dunning-issue-reminder">{t('dunning.issue.reminder')}</Button>
            <Button icon={<FileAddOutlined />} onClick={() => setIssuing('order')} data-testid="dunning-issue-order">{t('dunning.issue.order')}</Button>
            <Button icon={<AuditOutlined />} onClick={() => setRelief('instalments')} data-testid="dunning-instalments">{t('dunning.requestInstalments')}</Button>
            <Button icon={<AuditOutlined />} onClick={() => setRelief('waiver')} data-testid="dunning-waiver">{t('dunning.requestWaiver')}</Button>
          </Space>
        )}
      </Space>
      <Table<DunningNotice>
        data-testid="dunning-notices" size="small" rowKey="id" pagination={false} loading={dunning.loading} dataSource={data?.notices ?? []} locale={{ emptyText: t('dunning.none') }}
        columns={[
          { title: t('dunning.number'), dataIndex: 'number', width: 190, render: (number: string, notice) => <>{number}<br /><Tag>{t(`dunning.kind.${notice.kind}`)}</Tag></> },
          { title: t('dunning.asOf'), dataIndex: 'asOf', width: 110, render: formatDate },
          { title: t('dunning.total'), dataIndex: 'total', align: 'right', width: 130, render: (total: string) => <Money value={total} /> },
          { title: t('dunning.deadline'), dataIndex: 'deadline', width: 110, render: (deadline: string | null) => (deadline ? formatDate(deadline) : '—') },
          {
            title: t('dunning.deliveries'), dataIndex: 'deliveries',
            render: (deliveries: DunningNotice['deliveries']) => (deliveries.length
              ? deliveries.map((d) => <div key={d.id}>{t(`dunning.method.${d.method}`)} {formatDate(d.deliveredOn)} {d.recipient}</div>)
              : <Typography.Text type="warning">{t('dunning.notDelivered')}</Typography.Text>),
          },
          {
            title: '', key: 'actions', width: 190,
            render: (_: unknown, notice) => (
              <Space size="small">
                <Button size="small" icon={<PrinterOutlined />} href={`/api/dunning/notices/${notice.id}?format=pdf`} target="_blank">{t('dunning.print')}</Button>
                {issuer && <Button size="small" icon={<SendOutlined />} onClick={() => setDelivering(notice)} data-testid="dunning-deliver">{t('dunning.deliver')}</Button>}
              </Space>
            ),
          },
        ]}
      />
      {Boolean(data?.instalmentAgreements.length) && (
        <Table<Agreement>
          data-testid="dunning-instalment-agreements" size="small" rowKey="id" pagination={false} dataSource={data!.instalmentAgreements}
          title={() => t('dunning.instalments')}
          columns={[
            { title: t('dunning.asOf'), dataIndex: 'asOf', width: 110, render: formatDate },
            { title: t('dunning.instalmentPrincipal'), dataIndex: 'principal', align: 'right', width: 130, render: (principal: string) => <Money value={principal} /> },
            { title: t('dunning.paidToDate'), dataIndex: 'paidToDate', align: 'right', width: 130, render: (paid: string) => <Money value={paid} /> },
            {
              title: t('dunning.instalmentPlan'), dataIndex: 'instalments',
              render: (instalments: Agreement['instalments']) => instalments.map((instalment) => (
                <div key={instalment.dueDate}>
                  {formatDate(instalment.dueDate)} <Money value={instalment.amount} /> <Tag color={instalmentColors[instalment.state]}>{t(`dunning.instalment.${instalment.state}`)}</Tag>
                </div>
              )),
            },
            { title: t('dunning.agreementState'), dataIndex: 'state', width: 120, render: (state: Agreement['state']) => <Tag color={agreementColors[state]}>{t(`dunning.agreement.${state}`)}</Tag> },
          ]}
        />
      )}
      {Boolean(data?.lateFeeWaivers.length) && (
        <Typography.Paragraph style={{ margin: 0 }}>
          {t('dunning.waivers')}：{data!.lateFeeWaivers.map((w) => `¥${w.amount}（${t(`dunning.waiver.ground.${w.ground}`)}，${w.document}）`).join('；')}
        </Typography.Paragraph>
      )}
      <FormModal<IssueValues, DunningNotice>
        title={issuing ? t(`dunning.issue.${issuing}`) : ''} open={Boolean(issuing)} onClose={() => setIssuing(undefined)} onDone={() => { setIssuing(undefined); dunning.reload(); }}
        fields={['asOf', 'deadline']} testId="dunning-issue-form" initialValues={{ asOf: dayjs(asOf) }}
        onSubmit={(values) => api.post<DunningNotice>('/api/dunning/notices', {
          creditCode, kind: issuing, asOf: values.asOf.format('YYYY-MM-DD'), deadline: issuing === 'order' ? values.deadline?.format('YYYY-MM-DD') : undefined,
        })}
      >
        <Typography.Paragraph type="secondary">{t(issuing === 'order' ? 'dunning.orderExplain' : 'dunning.issueExplain')}</Typography.Paragraph>
        <Form.Item name="asOf" label={t('dunning.asOf')} rules={[{ required: true, message: t('dunning.required') }]}>
          <DatePicker disabledDate={(day) => day.isAfter(dayjs(), 'day')} />
        </Form.Item>
        {issuing === 'order' && (
          <Form.Item name="deadline" label={t('dunning.deadline')} rules={[{ required: true, message: t('dunning.required') }]}>
            <DatePicker data-testid="dunning-deadline" />
          </Form.Item>
        )}
      </FormModal>
      <FormModal<InstalmentValues, ApprovalItem>
        title={t('dunning.requestInstalments')} open={relief === 'instalments'} onClose={() => setRelief(undefined)} onDone={submitted} width={560}
        fields={['reason', 'instalments']} testId="dunning-instalments-form" okText={t('dunning.submitForSignoff')}
        initialValues={{ instalments: [{ dueDate: dayjs().add(1, 'month'), amount: '' }, { dueDate: dayjs().add(2, 'month'), amount: '' }] }}
        onSubmit={(values) => api.post<ApprovalItem>('/api/dunning/instalments', {
          creditCode, asOf, reason: values.reason.trim(),
          instalments: values.instalments.map((row) => ({ dueDate: row.dueDate.format('YYYY-MM-DD'), amount: fenToYuan(toFen(row.amount)) })),
        })}
      >
        <Typography.Paragraph type="secondary">{t('dunning.instalmentsExplain')}</Typography.Paragraph>
        <Form.List name="instalments">
          {(rows, { add, remove }) => (
            <>
              {rows.map((row) => (
                <Space key={row.key} align="baseline">
                  <Form.Item name={[row.name, 'dueDate']} rules={[{ required: true, message: t('dunning.required') }]}><DatePicker /></Form.Item>
                  <Form.Item name={[row.name, 'amount']} rules={[{ required: true, message: t('dunning.required') }, { pattern: amountRule, message: t('payment.amountFormat') }]}>
                    <Input prefix="¥" style={{ width: 180 }} />
                  </Form.Item>
                  {rows.length > 2 && <MinusCircleOutlined onClick={() => remove(row.name)} />}
                </Space>
              ))}
              {rows.length < 12 && <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ dueDate: dayjs().add(rows.length + 1, 'month'), amount: '' })}>{t('dunning.addInstalment')}</Button>}
            </>
          )}
        </Form.List>
        <Form.Item name="reason" label={t('approvals.reason')} rules={[{ required: true, whitespace: true, message: t('dunning.required') }]} style={{ marginTop: 16 }}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </FormModal>
      <FormModal<WaiverValues, ApprovalItem>
        title={t('dunning.requestWaiver')} open={relief === 'waiver'} onClose={() => setRelief(undefined)} onDone={submitted}
        fields={['amount', 'ground', 'document']} testId="dunning-waiver-form" okText={t('dunning.submitForSignoff')}
        onSubmit={(values) => api.post<ApprovalItem>('/api/dunning/late-fee-waivers', { creditCode, asOf, amount: fenToYuan(toFen(values.amount)), ground: values.ground, document: values.document.trim() })}
      >
        <Typography.Paragraph type="secondary">{t('dunning.waiverExplain')}</Typography.Paragraph>
        <Form.Item name="ground" label={t('dunning.waiverGround')} rules={[{ required: true, message: t('dunning.required') }]}>
          <Select options={grounds.map((ground) => ({ value: ground, label: t(`dunning.waiver.ground.${ground}`) }))} />
        </Form.Item>
        <Form.Item name="amount" label={t('arrears.lateFee')} rules={[{ required: true, message: t('dunning.required') }, { pattern: amountRule, message: t('payment.amountFormat') }]}>
          <Input prefix="¥" />
        </Form.Item>
        <Form.Item name="document" label={t('dunning.waiverDocument')} rules={[{ required: true, whitespace: true, message: t('dunning.required') }]}>
          <Input maxLength={200} />
        </Form.Item>
      </FormModal>
      <FormModal<DeliveryValues, DunningNotice>
        title={`${t('dunning.deliver')} ${delivering?.number ?? ''}`} open={Boolean(delivering)} onClose={() => setDelivering(undefined)} onDone={() => { setDelivering(undefined); dunning.reload(); }}
        fields={['method', 'deliveredOn', 'recipient', 'note']} testId="dunning-delivery-form" initialValues={{ method: 'direct', deliveredOn: dayjs() }}
        onSubmit={(values) => api.post<DunningNotice>(`/api/dunning/notices/${delivering!.id}/deliveries`, {
          method: values.method, deliveredOn: values.deliveredOn.format('YYYY-MM-DD'), recipient: values.recipient.trim(), note: values.note?.trim() || undefined,
        })}
      >
        <Form.Item name="method" label={t('dunning.method')} rules={[{ required: true }]}>
          <Select options={methods.map((method) => ({ value: method, label: t(`dunning.method.${method}`) }))} />
        </Form.Item>
        <Form.Item name="deliveredOn" label={t('dunning.deliveredOn')} rules={[{ required: true, message: t('dunning.required') }]}>
          <DatePicker disabledDate={(day) => day.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="recipient" label={t('dunning.recipient')} rules={[{ required: true, whitespace: true, message: t('dunning.required') }]}>
          <Input maxLength={100} data-testid="dunning-recipient" />
        </Form.Item>
        <Form.Item name="note" label={t('dunning.note')}><Input maxLength={500} /></Form.Item>
      </FormModal>
    </Space>
  );
}
