/**
 * DIP 分值: the live projection of the year-end point value (GET /api/medical/dip/projection) from the months settled so
 * far — the value with its range, the month-by-month values as a line inside the range's band —, the points of each DIP
 * group (from the cost history of the three years before) and each institution's points with what they are worth.
 */
import { lazy, Suspense, useState } from 'react';
import { Card, Col, InputNumber, Row, Space, Statistic, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { Page } from '../../components/Page.tsx';
import { Money } from '../../components/Money.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import type { DipProjection } from './types.ts';

const DipChart = lazy(() => import('./DipChart.tsx'));

function ProjectionView({ projection }: { projection: DipProjection }) {
  const { t } = useI18n();
  const figure = (title: string, value: string, testId: string) => (
    <Col xs={12} md={6}><Card size="small"><Statistic title={title} valueRender={() => <span data-testid={testId}>{value}</span>} /></Card></Col>
  );
  const money = (value: string) => <Money value={value} />;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Row gutter={[16, 16]}>
        {figure(t('dip.pointValue'), projection.pointValue, 'dip-point-value')}
        {figure(t('dip.range'), `${projection.low} – ${projection.high}`, 'dip-range')}
        {figure(t('dip.monthsSettled'), String(projection.monthsSettled), 'dip-months')}
        {figure(t('dip.projectedPoints'), projection.projectedPoints, 'dip-projected-points')}
      </Row>
      <Typography.Text type="secondary" data-testid="dip-basis">
        {t('dip.basis', { fund: projection.dipFund, ratio: projection.reimbursementRatio, from: projection.historyFrom, to: projection.historyTo, points: projection.pointsSoFar })}
      </Typography.Text>
      <Card size="small" title={t('dip.chart')}>
        <Suspense fallback={null}>
          <div data-testid="dip-chart">
            <DipChart projection={projection} labels={{ pointValue: t('dip.monthValue'), range: t('dip.range'), projected: t('dip.pointValue'), yuanPerPoint: t('dip.yuanPerPoint') }} />
          </div>
        </Suspense>
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('dip.groups')}>
            <Table
              size="small" rowKey="group" dataSource={projection.groups} pagination={{ pageSize: 10 }} data-testid="dip-groups"
              columns={[
                { key: 'group', title: t('dip.group'), dataIndex: 'group' },
                { key: 'cases', title: t('dip.cases'), dataIndex: 'cases', align: 'right' },
                { key: 'standardCost', title: t('dip.standardCost'), dataIndex: 'standardCost', align: 'right', render: money },
                { key: 'points', title: t('dip.points'), dataIndex: 'points', align: 'right' },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('dip.institutions')}>
            <Table
              size="small" rowKey="code" dataSource={projection.institutions} pagination={false} data-testid="dip-institutions"
              columns={[
                { key: 'code', title: t('institutions.code'), dataIndex: 'code' },
                { key: 'points', title: t('dip.points'), dataIndex: 'points', align: 'right' },
                { key: 'worth', title: t('dip.worth'), dataIndex: 'worth', align: 'right', render: money },
                { key: 'worthLow', title: t('dip.worthLow'), dataIndex: 'worthLow', align: 'right', render: money },
                { key: 'worthHigh', title: t('dip.worthHigh'), dataIndex: 'worthHigh', align: 'right', render: money },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}

export default function DipPage() {
  const { t } = useI18n();
  const [year, setYear] = useState(dayjs().year());
  const [region, setRegion] = useState<string>();
  const projection = useLoad((signal) => api.get<DipProjection>('/api/medical/dip/projection', { year, region }, signal), [year, region]);
  return (
    <Page title={t('dip.title')} testId="dip-page">
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('dip.explain')}</Typography.Paragraph>
        <Space wrap>
          <Typography.Text>{t('institutions.poolingRegion')}</Typography.Text>
          <RegionSelect value={region} onChange={setRegion} style={{ width: 260 }} testId="dip-region" />
          <Typography.Text>{t('institutions.year')}</Typography.Text>
          <InputNumber value={year} onChange={(value) => value && setYear(value)} min={1990} max={2100} precision={0} data-testid="dip-year" />
        </Space>
        {projection.error ? <ApiErrorView error={projection.error} retry={projection.reload} /> : projection.data && <ProjectionView projection={projection.data} />}
      </Space>
    </Page>
  );
}
