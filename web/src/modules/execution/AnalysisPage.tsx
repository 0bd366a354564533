/**
 * 基金收支分析 (R7.5): for the month and region picked (kept in the URL), the headline as statistic cards, each fund's
 * income and expense of the year to date against the same period of last year as bars, the funds against budget and
 * last year, the budget lines furthest from the time progress with their drivers, the open alerts, and the same
 * analysis as Excel or PDF (GET /api/execution/analysis?format=). Above it, the analyses stored for the region when a
 * month was closed (月结; GET /api/execution/analyses, each downloadable as it stood). Every figure is the server's;
 * nothing is recomputed.
 */
import { useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Col, Empty, InputNumber, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { Static } from '@sinclair/typebox';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type * as Schemas from '../../../../src/modules/execution/analysis/analysis.schemas.ts';
import type * as StoredSchemas from '../../../../src/modules/execution/notifications/notifications.schemas.ts';
import { api } from '../../api.ts';
import { formatDateTime } from '../../format.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { Page } from '../../components/Page.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { Money } from '../../components/Money.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { percent } from './figures.ts';
import { reportRegion, thisMonth, useHomeRegion } from './shared.tsx';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Analysis = Static<typeof Schemas.AnalysisView>;
type FundAnalysis = Analysis['funds'][number];
type Comparison = FundAnalysis['income']['month'];
type Deviation = Analysis['deviations'][number];
type Driver = Deviation['drivers'][number];
type OpenAlert = Analysis['openAlerts'][number];
type StoredAnalysis = Static<typeof StoredSchemas.MonthlyAnalysisView>;

/** The stored analyses shown: a year of months (the list is newest month first). */
const STORED_SHOWN = 12;

/** The analyses stored for the region when its months closed (月结), newest month first, each as XLSX or PDF as it stood. */
function StoredAnalyses({ region }: { region: string }) {
  const { t } = useI18n();
  const stored = useLoad((signal) => api.get<{ items: StoredAnalysis[] }>('/api/execution/analyses', { region, limit: STORED_SHOWN }, signal), [region]);
  const file = (analysis: StoredAnalysis, format: 'xlsx' | 'pdf') => `/api/execution/analyses/${analysis.id}?format=${format}`;
  return (
    <Card size="small" title={t('analysis.stored')} style={{ marginBottom: 16 }} data-testid="analysis-stored">
      {stored.error ? <ApiErrorView error={stored.error} retry={stored.reload} /> : (
        <Table<StoredAnalysis>
          size="small" pagination={false} rowKey="id" loading={!stored.data} dataSource={stored.data?.items ?? []} data-testid="analysis-stored-table"
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('analysis.storedEmpty')} data-testid="analysis-stored-empty" /> }}
          onRow={(analysis) => ({ 'data-period': analysis.period } as object)}
          columns={[
            { title: t('analysis.storedMonth'), dataIndex: 'period', width: 120, render: (period: string) => t('analysis.storedPeriod', { year: Number(period.slice(0, 4)), month: Number(period.slice(5, 7)) }) },
            { title: t('analysis.storedAt'), dataIndex: 'generatedAt', render: (at: string) => <span data-testid="analysis-stored-at">{t('analysis.generatedAt', { at: formatDateTime(at) })}</span> },
            {
              title: t('analysis.storedFiles'), key: 'files', width: 200,
              render: (_: unknown, analysis) => (
                <Space>
                  <Button size="small" href={file(analysis, 'xlsx')} data-testid="analysis-stored-xlsx">XLSX</Button>
                  <Button size="small" href={file(analysis, 'pdf')} target="_blank" data-testid="analysis-stored-pdf">PDF</Button>
                </Space>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}

/** A figure against last year's: the change in % (red when down), or "—" when last year has none. */
function Change({ comparison, testId }: { comparison: Comparison; testId?: string }) {
  if (comparison.changeRate === null) return <Typography.Text type="secondary" data-testid={testId}>—</Typography.Text>;
  return <span data-testid={testId} style={{ color: comparison.changeRate.startsWith('-') ? '#cf1322' : '#389e0d' }}>{percent(comparison.changeRate)}</span>;
}

function HeadlineCard({ title, comparison, testId }: { title: string; comparison: Comparison; testId: string }) {
  const { t } = useI18n();
  return (
    <Card size="small" data-testid={testId}>
      <Statistic title={title} valueRender={() => <Money value={comparison.current} testId={`${testId}-value`} />} valueStyle={{ fontSize: 18 }} />
      <Typography.Text type="secondary">
        {t('analysis.lastYear')} {comparison.lastYear === null ? '—' : <Money value={comparison.lastYear} />} · {t('analysis.change')} <Change comparison={comparison} testId={`${testId}-change`} />
      </Typography.Text>
    </Card>
  );
}

/** Each fund's income and expense of the year to date, this year against last year (display only: yuan strings as numbers). */
function FundsChart({ funds }: { funds: readonly FundAnalysis[] }) {
  const { t } = useI18n();
  const series = (name: string, color: string, value: (fund: FundAnalysis) => string | null) =>
    ({ name, type: 'bar', data: funds.map((fund) => Number(value(fund) ?? 0)), itemStyle: { color }, barMaxWidth: 14 });
  const option = {
    animation: false,
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    yAxis: { type: 'category', data: funds.map((fund) => fund.name), inverse: true, axisLabel: { width: 140, overflow: 'break', fontSize: 11 } },
    xAxis: { type: 'value', name: t('analysis.yuan'), axisLabel: { fontSize: 10 } },
    series: [
      series(t('analysis.chart.income'), '#1558d6', (fund) => fund.income.yearToDate.current),
      series(t('analysis.chart.lastIncome'), '#91caff', (fund) => fund.income.yearToDate.lastYear),
      series(t('analysis.chart.expense'), '#d48806', (fund) => fund.expense.yearToDate.current),
      series(t('analysis.chart.lastExpense'), '#ffd591', (fund) => fund.expense.yearToDate.lastYear),
    ],
  };
  return <div data-testid="analysis-chart"><ReactEChartsCore echarts={echarts} option={option} style={{ height: Math.max(240, 70 + funds.length * 64) }} notMerge /></div>;
}

function driverText(driver: Driver, t: ReturnType<typeof useI18n>['t']) {
  const value = (text: string | null) => (driver.unit === 'money' ? <Money value={text} /> : text);
  return (
    <div key={driver.driver} data-testid={`driver-${driver.driver}`}>
      {t(`analysis.driver.${driver.driver}`)} {value(driver.current)}
      {driver.lastYear === null ? <Typography.Text type="secondary">（{t('analysis.noLastYear')}）</Typography.Text>
        : <>（{t('analysis.lastYearMonth')} {value(driver.lastYear)}，<Change comparison={driver} />）</>}
    </div>
  );
}

export default function AnalysisPage() {
  const { t } = useI18n();
  const home = useHomeRegion();
  const now = thisMonth();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || now.year;
  const lastMonth = year === now.year ? now.month : 12;
  const month = Math.min(Number(params.get('month')) || lastMonth, lastMonth);
  const region = params.get('region') ?? home;
  const analysis = useLoad(
    (signal) => (region ? api.get<Analysis>('/api/execution/analysis', { year, month, region }, signal) : Promise.resolve(undefined)),
    [year, month, region],
  );
  const data = analysis.data;
  const update = (changes: Record<string, string | undefined>) => setParams((previous) => {
    const next = new URLSearchParams(previous);
    for (const [key, value] of Object.entries(changes)) if (value) next.set(key, value); else next.delete(key);
    return next;
  }, { replace: true });
  const file = (format: 'xlsx' | 'pdf') => `/api/execution/analysis?${new URLSearchParams({ year: String(year), month: String(month), region: region ?? '', format })}`;
  const comparisonColumns = (side: 'income' | 'expense') => [
    { title: t('analysis.month'), align: 'right' as const, render: (_: unknown, fund: FundAnalysis) => <Money value={fund[side].month.current} testId={`analysis-${side}-month`} /> },
    { title: t('analysis.monthChange'), align: 'right' as const, width: 90, render: (_: unknown, fund: FundAnalysis) => <Change comparison={fund[side].month} /> },
    { title: t('analysis.yearToDate'), align: 'right' as const, render: (_: unknown, fund: FundAnalysis) => <Money value={fund[side].yearToDate.current} testId={`analysis-${side}-ytd`} /> },
    { title: t('analysis.lastYearToDate'), align: 'right' as const, render: (_: unknown, fund: FundAnalysis) => <Money value={fund[side].yearToDate.lastYear} /> },
    { title: t('analysis.yearChange'), align: 'right' as const, width: 90, render: (_: unknown, fund: FundAnalysis) => <Change comparison={fund[side].yearToDate} /> },
    { title: t('analysis.rate'), align: 'right' as const, width: 90, render: (_: unknown, fund: FundAnalysis) => percent(fund[side].rate) },
  ];

  return (
    <Page title={t('analysis.title')} testId="execution-analysis">
      <Space wrap style={{ marginBottom: 16 }}>
        <span>{t('execution.year')}</span>
        <InputNumber value={year} min={2000} max={now.year} onChange={(value) => value && update({ year: String(value), month: undefined })} data-testid="analysis-year" />
        <span>{t('analysis.monthPicker')}</span>
        <Select
          value={month} style={{ width: 90 }} virtual={false} data-testid="analysis-month" onChange={(value: number) => update({ month: String(value) })}
          options={Array.from({ length: lastMonth }, (_, index) => ({ value: index + 1, label: t('execution.monthOption', { month: index + 1 }) }))}
        />
        <span>{t('execution.region')}</span>
        <RegionSelect value={region} allowClear={false} onChange={(value) => update({ region: value })} style={{ width: 240 }} testId="analysis-region" />
        <Button href={file('xlsx')} disabled={!data?.hasMovement} data-testid="analysis-xlsx">{t('analysis.xlsx')}</Button>
        <Button href={file('pdf')} target="_blank" disabled={!data?.hasMovement} data-testid="analysis-pdf">{t('analysis.pdf')}</Button>
      </Space>
      {region && <StoredAnalyses region={region} />}
      {analysis.error ? <ApiErrorView error={analysis.error} retry={analysis.reload} /> : data && (!data.hasMovement
        ? <Empty description={t('analysis.empty', { region: reportRegion(data), year: data.year, month: data.month })} data-testid="analysis-empty" />
        : (
          <>
            <Typography.Title level={4} data-testid="analysis-heading">{t('analysis.heading', { year: data.year, month: data.month })}</Typography.Title>
            <Typography.Paragraph type="secondary">{reportRegion(data)} · {t('execution.asOf', { asOf: data.asOf })} {percent(data.timeProgress)}</Typography.Paragraph>
            <Card size="small" title={t('analysis.summary')} style={{ marginBottom: 16 }} data-testid="analysis-summary">
              {data.summary.map((sentence) => <Typography.Paragraph key={sentence} style={{ marginBottom: 4 }} data-testid="analysis-summary-sentence">{sentence}</Typography.Paragraph>)}
            </Card>
            <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
              <Col xs={24} md={12} xl={6}><HeadlineCard title={t('analysis.income.month')} comparison={data.headline.income.month} testId="analysis-income" /></Col>
              <Col xs={24} md={12} xl={6}><HeadlineCard title={t('analysis.expense.month')} comparison={data.headline.expense.month} testId="analysis-expense" /></Col>
              <Col xs={24} md={12} xl={6}><HeadlineCard title={t('analysis.surplus.yearToDate')} comparison={data.headline.surplus.yearToDate} testId="analysis-surplus" /></Col>
              <Col xs={24} md={12} xl={6}>
                <Card size="small" data-testid="analysis-balance">
                  <Statistic title={t('analysis.balance')} valueRender={() => <Money value={data.headline.accumulatedBalance} testId="analysis-balance-value" />} valueStyle={{ fontSize: 18 }} />
                  <Typography.Text type="secondary">{t('analysis.capacity')}：{data.funds.filter((fund) => fund.monthsOfPaymentCapacity !== null)
                    .map((fund) => `${fund.name} ${Number(fund.monthsOfPaymentCapacity).toFixed(1)}`).join('；') || '—'}</Typography.Text>
                </Card>
              </Col>
            </Row>
            <Card size="small" title={t('analysis.chart')} style={{ marginBottom: 16 }}><FundsChart funds={data.funds} /></Card>
            {(['income', 'expense'] as const).map((side) => (
              <Card key={side} size="small" title={t(`analysis.funds.${side}`)} style={{ marginBottom: 16 }}>
                <Table<FundAnalysis>
                  size="small" bordered pagination={false} dataSource={data.funds} rowKey="fund" data-testid={`analysis-funds-${side}`}
                  columns={[{ title: t('alerts.fund'), dataIndex: 'name' }, ...comparisonColumns(side)]}
                />
              </Card>
            ))}
            <Card size="small" title={t('analysis.deviations')} style={{ marginBottom: 16 }}>
              <Table<Deviation>
                size="small" bordered pagination={false} dataSource={data.deviations} rowKey={(row) => `${row.fund}/${row.side}/${row.subject}`} data-testid="analysis-deviations"
                locale={{ emptyText: t('analysis.noDeviations') }}
                columns={[
                  { title: t('alerts.fund'), dataIndex: 'fundName' },
                  { title: t('execution.line'), dataIndex: 'name' },
                  { title: t('execution.side'), dataIndex: 'side', width: 70, render: (side: Deviation['side']) => t(`execution.side.${side}`) },
                  { title: t('execution.budget'), dataIndex: 'budget', align: 'right', render: (value: string) => <Money value={value} /> },
                  { title: t('execution.actual'), dataIndex: 'actual', align: 'right', render: (value: string) => <Money value={value} /> },
                  { title: t('execution.deviation'), dataIndex: 'deviation', align: 'right', width: 90, render: (value: string) => percent(value) },
                  { title: t('analysis.drivers'), render: (_: unknown, row) => (row.drivers.length ? row.drivers.map((driver) => driverText(driver, t)) : <Typography.Text type="secondary">{t('analysis.noDrivers')}</Typography.Text>) },
                ]}
              />
            </Card>
            <Card size="small" title={t('analysis.alerts', { count: data.openAlertsTotal })}>
              {data.openAlertsTotal > data.openAlerts.length && <Alert type="info" showIcon style={{ marginBottom: 8 }} message={t('analysis.alertsMore', { shown: data.openAlerts.length })} />}
              <Table<OpenAlert>
                size="small" bordered pagination={false} dataSource={data.openAlerts} rowKey="id" data-testid="analysis-alerts"
                columns={[
                  { title: t('alerts.severity'), dataIndex: 'severity', width: 80, render: (severity: OpenAlert['severity']) => <Tag color={severity === 'critical' ? 'red' : 'orange'}>{t(`alerts.severity.${severity}`)}</Tag> },
                  { title: t('alerts.rule'), dataIndex: 'rule', render: (rule: OpenAlert['rule']) => t(`alerts.rule.${rule}`) },
                  { title: t('alerts.fund'), dataIndex: 'fund' },
                  { title: t('alerts.period'), dataIndex: 'period', width: 100 },
                  { title: t('analysis.alertStatus'), dataIndex: 'status', width: 100, render: (status: OpenAlert['status']) => t(`alerts.status.${status}`) },
                ]}
              />
            </Card>
          </>
        ))}
    </Page>
  );
}
