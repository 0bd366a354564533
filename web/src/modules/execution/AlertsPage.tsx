/**
 * 基金运行预警 inbox: the alerts in the user's scope, open ones first by default — severity, rule, region, fund, the
 * figures that raised it, status — and, for holders of alerts.manage, 确认 (a note: who looks after it) on a raised
 * alert and 处理完毕 (the action taken) on an open one, each after a confirmation.
 */
import { useState } from 'react';
import { Button, Form, Input, Space, Tag, Typography } from 'antd';
import { api } from '../../api.ts';
import { useRegionLabel } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { useCan } from '../../permissions.ts';
import { formatDateTime } from '../../format.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { ListPage, type ListColumn } from '../../components/ListPage.tsx';
import type { Alert, AlertList, AlertStatus } from './types.ts';

const statuses: Array<AlertStatus | 'open'> = ['open', 'raised', 'acknowledged', 'resolved', 'auto_resolved'];
const statusColours: Record<AlertStatus, string> = { raised: 'red', acknowledged: 'orange', resolved: 'green', auto_resolved: 'default' };
type Action = 'acknowledge' | 'resolve';

/** The figures that raised the alert, in words (each rule's figures are in alerts.calc.ts). */
function Figures({ alert }: { alert: Alert }) {
  const { t } = useI18n();
  const values = Object.fromEntries(Object.entries(alert.values).map(([key, value]) => [key, String(value)]));
  return <Typography.Text style={{ fontSize: 12 }}>{t(`alerts.figures.${alert.rule}`, values)}</Typography.Text>;
}

function Handling({ alert }: { alert: Alert }) {
  const { t } = useI18n();
  return (
    <Space direction="vertical" size={0} style={{ fontSize: 12 }}>
      {alert.acknowledgedAt && <span>{t('alerts.acknowledgedBy', { who: alert.acknowledgedBy ?? '', at: formatDateTime(alert.acknowledgedAt), note: alert.acknowledgeNote ?? '' })}</span>}
      {alert.resolvedAt && <span>{t('alerts.resolvedBy', { who: alert.resolvedBy ?? '', at: formatDateTime(alert.resolvedAt), note: alert.resolutionNote ?? '' })}</span>}
    </Space>
  );
}

function NoteForm({ alert, action, onClose, onDone }: { alert: Alert | undefined; action: Action; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const vars = { rule: alert ? t(`alerts.rule.${alert.rule}`) : '', fund: alert?.fund ?? '' };
  return (
    <FormModal<{ note: string }, Alert>
      title={t(`alerts.${action}.title`, vars)} open={alert !== undefined} onClose={onClose} onDone={onDone} testId={`alert-${action}-form`}
      fields={['note']} okText={t(`alerts.${action}`)} confirm={t(`alerts.${action}.confirm`)}
      onSubmit={(values) => api.post<Alert>(`/api/alerts/${alert!.id}/${action}`, { note: values.note.trim() })}
    >
      {alert && <Typography.Paragraph type="secondary"><Figures alert={alert} /></Typography.Paragraph>}
      <Form.Item name="note" label={t(`alerts.${action}.note`)} rules={[{ required: true, whitespace: true }, { max: 2000 }]}>
        <Input.TextArea rows={3} maxLength={2000} data-testid="alert-note" />
      </Form.Item>
    </FormModal>
  );
}

export default function AlertsPage() {
  const { t } = useI18n();
  const can = useCan();
  const regionLabel = useRegionLabel();
  const [refresh, setRefresh] = useState(0);
  const [handling, setHandling] = useState<{ alert: Alert; action: Action }>();
  const changed = () => setRefresh((n) => n + 1);

  const columns: Array<ListColumn<Alert>> = [
    { key: 'severity', title: t('alerts.severity'), dataIndex: 'severity', width: 80, render: (severity: Alert['severity']) => <Tag color={severity === 'critical' ? 'red' : 'orange'} data-testid="alert-severity">{t(`alerts.severity.${severity}`)}</Tag> },
    { key: 'rule', title: t('alerts.rule'), dataIndex: 'rule', width: 140, render: (rule: Alert['rule']) => <span data-testid="alert-rule">{t(`alerts.rule.${rule}`)}</span> },
    { key: 'region', title: t('common.region'), dataIndex: 'region', width: 160, render: (code: string) => regionLabel(code) },
    { key: 'fund', title: t('alerts.fund'), dataIndex: 'fund', width: 170 },
    { key: 'period', title: t('alerts.period'), dataIndex: 'period', width: 90 },
    { key: 'figures', title: t('alerts.figures'), render: (_: unknown, alert) => <Figures alert={alert} /> },
    { key: 'status', title: t('common.status'), dataIndex: 'status', width: 100, render: (status: AlertStatus) => <Tag color={statusColours[status]} data-testid="alert-status" data-status={status}>{t(`alerts.status.${status}`)}</Tag> },
    { key: 'owner', title: t('alerts.owner'), dataIndex: 'owner', width: 110, render: (owner: string | null) => owner ?? t('focus.unassigned') },
    { key: 'raisedAt', title: t('alerts.raisedAt'), dataIndex: 'raisedAt', width: 160, render: (at: string) => formatDateTime(at) },
    { key: 'handled', title: t('alerts.handled'), width: 220, render: (_: unknown, alert) => <Handling alert={alert} /> },
    ...(can('alerts.manage') ? [{
      key: 'actions', title: t('common.actions'), width: 150,
      render: (_: unknown, alert: Alert) => (
        <Space size={0}>
          {alert.status === 'raised' && <Button size="small" type="link" onClick={() => setHandling({ alert, action: 'acknowledge' })} data-testid="alert-acknowledge">{t('alerts.acknowledge')}</Button>}
          {(alert.status === 'raised' || alert.status === 'acknowledged') && <Button size="small" type="link" onClick={() => setHandling({ alert, action: 'resolve' })} data-testid="alert-resolve">{t('alerts.resolve')}</Button>}
        </Space>
      ),
    }] : []),
  ];

  return (
    <ListPage<Alert, AlertList>
      listId="execution-alerts" title={t('alerts.title')} testId="alerts-page" tableTestId="alerts-table" endpoint="/api/alerts" rowKey="id"
      columns={columns} refresh={refresh} defaults={{ status: 'open' }}
      filters={[
        { kind: 'enum', param: 'status', label: t('common.status'), options: statuses.map((value) => ({ value, label: t(`alerts.status.${value}`) })), testId: 'alerts-status' },
        { kind: 'region', param: 'region', label: t('common.region') },
      ]}
    >
      <NoteForm alert={handling?.action === 'acknowledge' ? handling.alert : undefined} action="acknowledge" onClose={() => setHandling(undefined)} onDone={changed} />
      <NoteForm alert={handling?.action === 'resolve' ? handling.alert : undefined} action="resolve" onClose={() => setHandling(undefined)} onDone={changed} />
    </ListPage>
  );
}
