/**
 * 单位网厅 · 缴费与欠费: what the employer owes today (principal and late fee by month) and the payments received
 * with how much of each went to bills. Each part shows its own error when its API is not available.
 */
import { Suspense } from 'react';
import { Card, Descriptions, Space, Table } from 'antd';
import dayjs from 'dayjs';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { formatYuan } from '../../format.ts';
import { Page } from '../../components/Page.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { EmployerBanner, moneyColumn } from './shared.tsx';
import { EmployerPayments } from '../collection/index.ts';
import type { Arrears, ArrearsPeriod } from './types.ts';

function ArrearsCard({ creditCode }: { creditCode: string }) {
  const { t } = useI18n();
  const asOf = dayjs().format('YYYY-MM-DD');
  const arrears = useLoad((signal) => api.get<Arrears>('/api/arrears', { employer: creditCode, asOf }, signal), [creditCode, asOf]);
  return (
    <Card type="inner" title={t('portal.arrears', { date: asOf })} data-testid="portal-arrears">
      {arrears.error ? <ApiErrorView error={arrears.error} retry={arrears.reload} /> : !arrears.data ? <PageSpinner /> : (
        <>
          <Descriptions size="small" column={3} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('portal.principal')}><span data-testid="portal-arrears-principal">{formatYuan(arrears.data.principal)}</span></Descriptions.Item>
            <Descriptions.Item label={t('portal.lateFee')}>{formatYuan(arrears.data.lateFee)}</Descriptions.Item>
          </Descriptions>
          <Table<ArrearsPeriod>
            rowKey="period" size="small" pagination={false} dataSource={arrears.data.periods} locale={{ emptyText: t('portal.noArrears') }}
            columns={[
              { title: t('portal.billPeriod'), dataIndex: 'period', width: 110 },
              moneyColumn<ArrearsPeriod>(t('portal.principal'), 'principal'),
              { title: t('portal.dueDate'), dataIndex: 'dueDate', width: 120 },
              { title: t('portal.daysOverdue'), dataIndex: 'daysOverdue', width: 100, align: 'right' },
              moneyColumn<ArrearsPeriod>(t('portal.lateFee'), 'lateFee'),
            ]}
          />
        </>
      )}
    </Card>
  );
}

export default function PaymentsPage() {
  const { t } = useI18n();
  return (
    <Page title={t('menu.portalPayments')} testId="portal-payments-page">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <EmployerBanner>
          {(employer) => (
            <>
              <ArrearsCard creditCode={employer.creditCode} />
              <Card type="inner" title={t('portal.payments')} data-testid="portal-payments">
                <Suspense fallback={<PageSpinner />}><EmployerPayments creditCode={employer.creditCode} /></Suspense>
              </Card>
            </>
          )}
        </EmployerBanner>
      </Space>
    </Page>
  );
}
