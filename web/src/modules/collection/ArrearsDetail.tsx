/** One employer's arrears on a date, month by month with the late fee (the dunning list's drawer, an employer's 欠费 tab), and for staff its dunning record. */
import { Descriptions, Space, Table, Typography } from 'antd';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { Money, moneyColumn } from '../../components/Money.tsx';
import { useCan } from '../../permissions.ts';
import { DunningSection } from './DunningSection.tsx';
import type { Arrears, ArrearsPeriod } from './types.ts';

export function ArrearsDetail({ creditCode, asOf }: { creditCode: string; asOf: string }) {
  const { t } = useI18n();
  const can = useCan();
  const arrears = useLoad((signal) => api.get<Arrears>('/api/arrears', { employer: creditCode, asOf }, signal), [creditCode, asOf]);
  if (arrears.error) return <ApiErrorView error={arrears.error} retry={arrears.reload} />;
  const data = arrears.data;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="arrears-detail">
      <Descriptions bordered size="small" column={1}>
        <Descriptions.Item label={t('employer.name')}>{data?.employerName}</Descriptions.Item>
        <Descriptions.Item label={t('employer.creditCode')}>{creditCode}</Descriptions.Item>
        <Descriptions.Item label={t('arrears.asOf')}>{asOf}</Descriptions.Item>
        <Descriptions.Item label={t('arrears.principal')}><Money value={data?.principal} testId="arrears-detail-principal" /></Descriptions.Item>
        <Descriptions.Item label={t('arrears.lateFee')}><Money value={data?.lateFee} /></Descriptions.Item>
      </Descriptions>
      <Table<ArrearsPeriod>
        rowKey="period" size="small" pagination={false} loading={arrears.loading} dataSource={data?.periods ?? []}
        columns={[
          { title: t('bill.period'), dataIndex: 'period', width: 90 },
          moneyColumn(t('arrears.principal'), 'principal', 130),
          { title: t('bill.dueDate'), dataIndex: 'dueDate', width: 110 },
          { title: t('arrears.daysOverdue'), dataIndex: 'daysOverdue', width: 90, align: 'right' },
          moneyColumn(t('arrears.lateFee'), 'lateFee', 120),
        ]}
      />
      <Typography.Text type="secondary">{t('arrears.lateFeeRule')}</Typography.Text>
      {can('arrears.read') && <DunningSection creditCode={creditCode} asOf={asOf} />}
    </Space>
  );
}
