/** 征缴指标: billed and paid per month with the collection and on-time rates, the same by region, and arrears by age; XLSX export. */
import { lazy, Suspense } from 'react';
import { Button, Card, Col, DatePicker, Empty, Row, Space, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api, withQuery } from '../../api.ts';
import { useLoad, useRegionLabel } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { Page } from '../../components/Page.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { moneyColumn } from '../../components/Money.tsx';
import { lastMonth, percent, useUrlFilters } from './shared.tsx';
import type { AgeBucket, KpiRegion, Kpis } from './types.ts';

const KpiChart = lazy(() => import('./KpiChart.tsx'));

export default function KpisPage() {
  const { t } = useI18n();
  const regionLabel = useRegionLabel();
  const { params, update } = useUrlFilters();
  const to = params.get('to') ?? lastMonth();
  const from = params.get('from') ?? dayjs(`${to}-01`).subtract(11, 'month').format('YYYY-MM');
  const region = params.get('region') ?? '';
  const query = { from, to, region };
  const kpis = useLoad((signal) => api.get<Kpis>('/api/collection/kpis', query, signal), [from, to, region]);
  const data = kpis.data;

  return (
    <Page
      title={t('kpi.title')} testId="kpis-page"
      extra={<Button icon={<DownloadOutlined />} href={withQuery('/api/collection/kpis', { ...query, format: 'xlsx' })} data-testid="kpis-xlsx">{t('collection.xlsx')}</Button>}
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text strong>{t('kpi.months')}</Typography.Text>
          <DatePicker.RangePicker
            picker="month" allowClear={false} value={[dayjs(`${from}-01`), dayjs(`${to}-01`)]} data-testid="kpis-range"
            onChange={(range) => range?.[0] && range[1] && update({ from: range[0].format('YYYY-MM'), to: range[1].format('YYYY-MM') })}
          />
          <RegionSelect value={region || undefined} onChange={(value) => update({ region: value })} placeholder={t('common.region')} style={{ width: 260 }} />
        </Space>
        {kpis.error ? <ApiErrorView error={kpis.error} retry={kpis.reload} /> : (
          <>
            <Card size="small" title={t('kpi.byMonth')} loading={kpis.loading && !data}>
              {data?.months.length ? (
                <Suspense fallback={<PageSpinner />}>
                  <KpiChart
                    months={data.months}
                    labels={{ billed: t('kpi.billed'), paid: t('kpi.paid'), collectionRate: t('kpi.collectionRate'), onTimeRate: t('kpi.onTimeRate'), yuan: t('unit.money') }}
                  />
                </Suspense>
              ) : <Empty />}
            </Card>
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={16}>
                <Table<KpiRegion>
                  data-testid="kpis-regions" rowKey="regionCode" size="small" pagination={false} loading={kpis.loading} dataSource={data?.regions ?? []}
                  title={() => <Typography.Text strong>{t('kpi.byRegion')}</Typography.Text>}
                  columns={[
                    { title: t('common.region'), dataIndex: 'regionCode', render: (code: string, row) => regionLabel(code, row.regionName) },
                    moneyColumn(t('kpi.billed'), 'billed'),
                    moneyColumn(t('kpi.paid'), 'paid'),
                    { title: t('kpi.collectionRate'), dataIndex: 'collectionRate', align: 'right', width: 110, render: percent },
                  ]}
                />
              </Col>
              <Col xs={24} xl={8}>
                <Table<AgeBucket>
                  data-testid="kpis-arrears" rowKey="bucket" size="small" pagination={false} loading={kpis.loading} dataSource={data?.arrearsByAge ?? []}
                  title={() => <Typography.Text strong>{t('kpi.arrearsByAge')}{data && ` · ${t('arrears.asOf')} ${data.asOf}`}</Typography.Text>}
                  columns={[
                    { title: t('arrears.age'), dataIndex: 'bucket', render: (bucket: string) => t('arrears.days', { bucket }) },
                    { title: t('arrears.employerCount'), dataIndex: 'employers', align: 'right', width: 80 },
                    moneyColumn(t('arrears.principal'), 'principal', 140),
                  ]}
                />
              </Col>
            </Row>
          </>
        )}
      </Space>
    </Page>
  );
}
