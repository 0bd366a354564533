/**
 * 催缴记录 on an employer's arrears: the notices issued (催缴通知书, 限期缴纳通知书) with their deliveries, printed
 * through the API's PDF (with the 送达回证); staff who hold dunning.issue issue a notice as of the arrears' date and
 * record its delivery. Instalment agreements and late-fee waivers approved through sign-off are listed below.
 */
import { useState } from 'react';
import { Button, DatePicker, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { FileAddOutlined, PrinterOutlined, SendOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { useCan } from '../../permissions.ts';
import { formatDate } from '../../format.ts';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { Money } from '../../components/Money.tsx';
import type { DunningNotice, EmployerDunning } from './types.ts';

const methods = ['direct', 'mail', 'electronic'] as const;
type NoticeKind = DunningNotice['kind'];

interface IssueValues { asOf: Dayjs; deadline?: Dayjs }
interface DeliveryValues { method: DunningNotice['deliveries'][number]['method']; deliveredOn: Dayjs; recipient: string; note?: string }

export function DunningSection({ creditCode, asOf }: { creditCode: string; asOf: string }) {
  const { t } = useI18n();
  const can = useCan();
  const dunning = useLoad((signal) => api.get<EmployerDunning>('/api/dunning', { employer: creditCode }, signal), [creditCode]);
  const [issuing, setIssuing] = useState<NoticeKind>();
  const [delivering, setDelivering] = useState<DunningNotice>();
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
        <Typography.Paragraph style={{ margin: 0 }}>
          {t('dunning.instalments')}：{data!.instalmentAgreements.map((a) => t('dunning.instalmentsText', { count: a.instalments.length, principal: a.principal })).join('；')}
        </Typography.Paragraph>
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
