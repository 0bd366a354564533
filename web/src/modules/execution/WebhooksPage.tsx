/**
 * 预警推送 (webhooks, R8.2): the endpoints that receive the alerts' events and the monthly analysis generated at month
 * close — list, add (the secret shown once), disable or enable, and a subscription's last deliveries with their
 * status. For holders of notifications.manage (the administrator).
 */
import { useState } from 'react';
import { Alert, App, Button, Checkbox, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Static } from '@sinclair/typebox';
import type * as Schemas from '../../../../src/modules/execution/notifications/notifications.schemas.ts';
import { api } from '../../api.ts';
import { useLoad, useRegionLabel } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { formatDateTime } from '../../format.ts';
import { Page } from '../../components/Page.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';

type Subscription = Static<typeof Schemas.SubscriptionView>;
type NewSubscription = Static<typeof Schemas.NewSubscriptionView>;
type Delivery = Static<typeof Schemas.DeliveryView>;
type DeliveryList = Static<typeof Schemas.DeliveryList>;
type WebhookEvent = Subscription['events'][number];

const events: WebhookEvent[] = ['alert.raised', 'alert.acknowledged', 'alert.resolved', 'alert.auto_resolved', 'analysis.generated'];
const statusColours: Record<Delivery['status'], string> = { pending: 'default', delivered: 'green', retry: 'orange', failed: 'red' };
const DELIVERIES_SHOWN = 20;

/** 32 random hexadecimal characters: a secret the user may keep or replace. */
function randomSecret(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function Deliveries({ subscription }: { subscription: Subscription }) {
  const { t } = useI18n();
  const list = useLoad((signal) => api.get<DeliveryList>(`/api/notifications/webhooks/${subscription.id}/deliveries`, { limit: DELIVERIES_SHOWN }, signal), [subscription.id]);
  if (list.error) return <ApiErrorView error={list.error} retry={list.reload} />;
  return (
    <Table<Delivery>
      rowKey="id" size="small" loading={list.loading} dataSource={list.data?.items ?? []} pagination={false} data-testid="webhook-deliveries"
      title={() => <Space><Typography.Text strong>{t('webhooks.deliveries', { url: subscription.url })}</Typography.Text><Button size="small" onClick={list.reload}>{t('webhooks.reload')}</Button></Space>}
      columns={[
        { title: t('webhooks.event'), dataIndex: 'event', render: (event: WebhookEvent) => t(`webhooks.event.${event}`) },
        { title: t('common.region'), dataIndex: 'region', width: 90 },
        { title: t('webhooks.createdAt'), dataIndex: 'createdAt', width: 160, render: (at: string) => formatDateTime(at) },
        { title: t('common.status'), dataIndex: 'status', width: 90, render: (status: Delivery['status']) => <Tag color={statusColours[status]} data-testid="webhook-delivery-status">{t(`webhooks.status.${status}`)}</Tag> },
        { title: t('webhooks.attempts'), dataIndex: 'attempts', width: 70, align: 'right' },
        { title: t('webhooks.lastAnswer'), render: (_: unknown, delivery) => delivery.lastError ?? (delivery.lastStatusCode === null ? '—' : `HTTP ${delivery.lastStatusCode}`) },
        { title: t('webhooks.nextAttemptAt'), dataIndex: 'nextAttemptAt', width: 160, render: (at: string | null) => (at ? formatDateTime(at) : '—') },
      ]}
    />
  );
}

export default function WebhooksPage() {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const regionLabel = useRegionLabel();
  const list = useLoad((signal) => api.get<{ items: Subscription[] }>('/api/notifications/webhooks', undefined, signal), []);
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<NewSubscription>();
  const [shown, setShown] = useState<Subscription>();

  const toggle = (subscription: Subscription) => modal.confirm({
    title: t(subscription.enabled ? 'webhooks.disable.confirm' : 'webhooks.enable.confirm', { url: subscription.url }),
    okText: t(subscription.enabled ? 'webhooks.disable' : 'webhooks.enable'), okButtonProps: { danger: subscription.enabled },
    onOk: async () => { await api.patch(`/api/notifications/webhooks/${subscription.id}`, { enabled: !subscription.enabled }); list.reload(); },
  });

  return (
    <Page title={t('webhooks.title')} testId="webhooks-page" extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="webhooks-add">{t('webhooks.add')}</Button>}>
      <Typography.Paragraph type="secondary">{t('webhooks.explain')}</Typography.Paragraph>
      {list.error ? <ApiErrorView error={list.error} retry={list.reload} /> : (
        <Table<Subscription>
          rowKey="id" size="small" loading={list.loading} dataSource={list.data?.items ?? []} pagination={false} data-testid="webhooks-table"
          columns={[
            { title: t('webhooks.url'), dataIndex: 'url', render: (url: string) => <Typography.Text code>{url}</Typography.Text> },
            { title: t('webhooks.events'), dataIndex: 'events', render: (chosen: WebhookEvent[]) => chosen.map((event) => <Tag key={event}>{t(`webhooks.event.${event}`)}</Tag>) },
            { title: t('common.region'), dataIndex: 'region', width: 160, render: (code: string | null) => (code ? regionLabel(code) : t('webhooks.everyRegion')) },
            { title: t('webhooks.secret'), dataIndex: 'secretHint', width: 90 },
            { title: t('common.status'), dataIndex: 'enabled', width: 80, render: (enabled: boolean) => <Tag color={enabled ? 'green' : 'default'} data-testid="webhook-enabled">{t(enabled ? 'webhooks.enabled' : 'webhooks.disabled')}</Tag> },
            { title: t('webhooks.createdAt'), dataIndex: 'createdAt', width: 160, render: (at: string) => formatDateTime(at) },
            {
              title: t('common.actions'), width: 170, render: (_: unknown, subscription) => (
                <Space size={0}>
                  <Button size="small" type="link" onClick={() => setShown(subscription)} data-testid="webhook-show-deliveries">{t('webhooks.showDeliveries')}</Button>
                  <Button size="small" type="link" danger={subscription.enabled} onClick={() => toggle(subscription)} data-testid="webhook-toggle">{t(subscription.enabled ? 'webhooks.disable' : 'webhooks.enable')}</Button>
                </Space>
              ),
            },
          ]}
        />
      )}
      {shown && <div style={{ marginTop: 16 }}><Deliveries subscription={shown} /></div>}

      <FormModal<{ url: string; secret: string; events: WebhookEvent[]; region?: string }, NewSubscription>
        title={t('webhooks.add')} open={adding} onClose={() => setAdding(false)} testId="webhook-form" fields={['url', 'secret', 'events', 'region']}
        initialValues={{ secret: randomSecret(), events: ['alert.raised'] }}
        onSubmit={(values) => api.post<NewSubscription>('/api/notifications/webhooks', { ...values, url: values.url.trim() })}
        onDone={(subscription) => { setCreated(subscription); list.reload(); }}
      >
        <Form.Item name="url" label={t('webhooks.url')} rules={[{ required: true, whitespace: true }, { max: 2000 }]} extra={t('webhooks.urlExtra')}>
          <Input placeholder="https://" data-testid="webhook-url" />
        </Form.Item>
        <Form.Item name="secret" label={t('webhooks.secret')} rules={[{ required: true }, { min: 16, max: 200 }]} extra={t('webhooks.secretExtra')}>
          <Input data-testid="webhook-secret" />
        </Form.Item>
        <Form.Item name="events" label={t('webhooks.events')} rules={[{ required: true, type: 'array', min: 1 }]}>
          <Checkbox.Group options={events.map((event) => ({ value: event, label: t(`webhooks.event.${event}`) }))} />
        </Form.Item>
        <Form.Item name="region" label={t('common.region')} extra={t('webhooks.regionExtra')}><RegionSelect /></Form.Item>
      </FormModal>

      <Modal open={created !== undefined} title={t('webhooks.created')} onOk={() => setCreated(undefined)} onCancel={() => setCreated(undefined)} cancelButtonProps={{ style: { display: 'none' } }} destroyOnHidden data-testid="webhook-created">
        <Alert type="warning" showIcon message={t('webhooks.secretOnce')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph copyable={{ text: created?.secret }}><Typography.Text code data-testid="webhook-created-secret">{created?.secret}</Typography.Text></Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t('webhooks.verify')}</Typography.Paragraph>
      </Modal>
    </Page>
  );
}
