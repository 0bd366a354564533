/**
 * 基金精算预测: the enterprise employees' pension fund of the region's pool projected over 10–50 years under the
 * scenarios picked (GET /api/budget/projection, one request per scenario), side by side: one chart of the accumulated
 * balance per scenario with the year each is exhausted, and per scenario the table of the years.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { Checkbox, Descriptions, InputNumber, Space, Table, Tabs, Tag, Typography } from 'antd';
import { api } from '../../api.ts';
import { useLoad, useRegionLabel } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { useMe } from '../../session.tsx';
import { Page } from '../../components/Page.tsx';
import { Money } from '../../components/Money.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import type { PensionProjection, ProjectedYear, ProjectionScenarios, ScenarioName } from './types.ts';

const ProjectionChart = lazy(() => import('./ProjectionChart.tsx'));

function YearsTable({ projection }: { projection: PensionProjection }) {
  const { t } = useI18n();
  const money = (key: 'income' | 'expense' | 'balance' | 'accumulatedBalance') => ({ key, title: t(`budget.projection.${key}`), align: 'right' as const, render: (_: unknown, year: ProjectedYear) => <Money value={year[key]} /> });
  return (
    <Table<ProjectedYear>
      size="small" rowKey="year" dataSource={projection.years} pagination={false} scroll={{ x: 'max-content', y: 420 }} data-testid={`projection-years-${projection.scenario}`}
      rowClassName={(year) => (year.year === projection.depletionYear ? 'ant-table-row-selected' : '')}
      columns={[
        { key: 'year', title: t('budget.projection.year'), dataIndex: 'year', width: 70 },
        { key: 'contributors', title: t('budget.projection.contributors'), dataIndex: 'contributors', align: 'right' },
        { key: 'pensioners', title: t('budget.projection.pensioners'), dataIndex: 'pensioners', align: 'right' },
        { key: 'dependencyRatio', title: t('budget.projection.dependencyRatio'), align: 'right', render: (_, year) => (year.dependencyRatio === null ? '—' : year.dependencyRatio.toFixed(4)) },
        money('income'), money('expense'), money('balance'), money('accumulatedBalance'),
        { key: 'months', title: t('budget.projection.months'), align: 'right', render: (_, year) => (year.monthsOfPaymentCapacity === null ? '—' : year.monthsOfPaymentCapacity.toFixed(1)) },
      ]}
    />
  );
}

export default function ProjectionPage() {
  const { t } = useI18n();
  const me = useMe();
  const regionLabel = useRegionLabel();
  const [region, setRegion] = useState<string | undefined>(me.regionCode ?? undefined);
  const [years, setYears] = useState(30);
  const [picked, setPicked] = useState<ScenarioName[]>([]);
  const scenarios = useLoad((signal) => api.get<ProjectionScenarios>('/api/budget/projection/scenarios', undefined, signal), []);
  // every scenario, once their names are known
  useEffect(() => { if (scenarios.data) setPicked(scenarios.data.items.map((item) => item.name)); }, [scenarios.data]);
  const projections = useLoad(
    (signal) => (region && picked.length ? Promise.all(picked.map((scenario) => api.get<PensionProjection>('/api/budget/projection', { region, years, scenario }, signal))) : Promise.resolve([])),
    [region, years, picked.join()],
  );
  const first = projections.data?.[0];

  return (
    <Page title={t('budget.projection.title')} testId="budget-projection">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap>
          <span>{t('budget.region')}</span>
          <RegionSelect value={region} allowClear={false} onChange={setRegion} testId="projection-region" />
          <span>{t('budget.projection.years')}</span>
          <InputNumber value={years} min={10} max={50} precision={0} onChange={(value) => value && setYears(value)} data-testid="projection-years" />
        </Space>
        <Space wrap>
          <span>{t('budget.projection.scenarios')}</span>
          <Checkbox.Group
            value={picked} onChange={(values) => setPicked(values as ScenarioName[])} data-testid="projection-scenarios"
            options={(scenarios.data?.items ?? []).map((item) => ({ value: item.name, label: item.label }))}
          />
        </Space>
        {scenarios.error && <ApiErrorView error={scenarios.error} retry={scenarios.reload} />}
        {picked.length === 0 && scenarios.data && <Typography.Text type="warning">{t('budget.projection.pickScenario')}</Typography.Text>}
        {projections.error ? <ApiErrorView error={projections.error} retry={projections.reload} /> : projections.loading ? <PageSpinner /> : first && (
          <>
            <Typography.Text type="secondary" data-testid="projection-fund">{t('budget.projection.fund', { fund: first.fund, poolingRegion: regionLabel(first.poolingRegion) })}</Typography.Text>
            <Descriptions size="small" bordered column={{ xs: 1, md: 4 }} title={t('budget.projection.start', { asOf: first.asOf })}>
              <Descriptions.Item label={t('budget.projection.startContributors')}>{first.startingPoint.contributors}</Descriptions.Item>
              <Descriptions.Item label={t('budget.projection.startPensioners')}>{first.startingPoint.pensioners}</Descriptions.Item>
              <Descriptions.Item label={t('budget.projection.averageBase')}><Money value={first.startingPoint.averageBase} /></Descriptions.Item>
              <Descriptions.Item label={t('budget.projection.startBalance')}><Money value={first.startingPoint.accumulatedBalance} testId="projection-start-balance" /></Descriptions.Item>
            </Descriptions>
            <Descriptions size="small" column={1} title={t('budget.projection.depletionOf')}>
              {projections.data!.map((projection) => (
                <Descriptions.Item key={projection.scenario} label={projection.scenarioLabel}>
                  <Tag color={projection.depletionYear === null ? 'green' : 'red'} data-testid={`depletion-${projection.scenario}`}>
                    {projection.depletionYear === null ? t('budget.projection.noDepletion') : t('budget.projection.depletion', { year: projection.depletionYear })}
                  </Tag>
                </Descriptions.Item>
              ))}
            </Descriptions>
            <Typography.Title level={5} style={{ margin: 0 }}>{t('budget.projection.chart')}</Typography.Title>
            <div data-testid="projection-chart">
              <Suspense fallback={<PageSpinner />}>
                <ProjectionChart projections={projections.data!} labels={{ unit: t('budget.chart.tenThousand'), depletion: (year) => t('budget.projection.depletion', { year }) }} />
              </Suspense>
            </div>
            <Tabs items={projections.data!.map((projection) => ({ key: projection.scenario, label: projection.scenarioLabel, children: <YearsTable projection={projection} /> }))} />
          </>
        )}
      </Space>
    </Page>
  );
}
