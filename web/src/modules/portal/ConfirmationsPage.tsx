/** 个人网厅 · 缴费基数确认 (职工签字确认): the bases the person's employers declared, those awaiting sign-off first. */
import { App, Button, Table, Tag, Typography } from 'antd';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { formatDateTime } from '../../format.ts';
import { Page } from '../../components/Page.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { moneyColumn } from './shared.tsx';
import type { BaseConfirmation } from './types.ts';

export default function ConfirmationsPage() {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const list = useLoad((signal) => api.get<{ items: BaseConfirmation[] }>('/api/portal/person/base-confirmations', undefined, signal), []);

  const confirm = (declaration: BaseConfirmation) => modal.confirm({
    title: t('base.confirm'),
    content: t('portal.confirmQuestion', { employer: declaration.employerName, year: declaration.year, wage: declaration.monthlyWage }),
    okButtonProps: { 'data-testid': 'confirm-ok' },
    onOk: async () => {
      try {
        await api.post(`/api/portal/person/base-confirmations/${declaration.id}`);
        message.success(t('base.confirmed'));
        list.reload();
      } catch (error) {
        message.error((error as Error).message);
      }
    },
  });

  return (
    <Page title={t('portal.confirmations')} testId="portal-confirmations">
      <Typography.Paragraph type="secondary">{t('portal.confirmationsHint')}</Typography.Paragraph>
      {list.error ? <ApiErrorView error={list.error} retry={list.reload} /> : (
        <Table<BaseConfirmation>
          rowKey="id" size="small" loading={list.loading} dataSource={list.data?.items ?? []} pagination={false} data-testid="portal-confirmations-table"
          columns={[
            { title: t('base.year'), dataIndex: 'year', width: 80 },
            { title: t('employment.employer'), dataIndex: 'employerName' },
            moneyColumn<BaseConfirmation>(t('base.monthlyWage'), 'monthlyWage', 150),
            { title: t('base.version'), dataIndex: 'version', width: 70 },
            { title: t('base.declaredAt'), dataIndex: 'declaredAt', width: 170, render: formatDateTime },
            {
              title: t('base.confirmedAt'), dataIndex: 'confirmedAt', width: 200,
              render: (confirmedAt: string | null, declaration) => (confirmedAt
                ? <Tag color="green">{formatDateTime(confirmedAt)}</Tag>
                : <Button size="small" type="primary" onClick={() => confirm(declaration)} data-testid="portal-confirm">{t('base.confirm')}</Button>),
            },
          ]}
        />
      )}
    </Page>
  );
}
