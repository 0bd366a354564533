/**
 * 绩效评价: the counties in scope scored on the indicator tree for a year (GET /api/supervision/evaluation?year=
 * [&pool=]), with score, rank and reward in yuan (the 以奖代补 pool split by score, adding up to the pool to the fen),
 * each county's indicators on expanding its row, and a bar chart of the scores; the same as XLSX or PDF (the ranking
 * with every leaf's score, then each county's indicators). Without a pool the API takes the parameter
 * supervision.evaluation.reward_pool of the year.
 */
import { lazy, Suspense, useState } from 'react';
import { Button, Card, Descriptions, Empty, Form, Input, InputNumber, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { Page } from '../../components/Page.tsx';
import { Money } from '../../components/Money.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import type { Evaluation, RegionEvaluation } from './types.ts';

const ScoreChart = lazy(() => import('./ScoreChart.tsx'));
const YUAN = /^\d+(\.\d{1,2})?$/;

type Indicator = RegionEvaluation['indicators'][number];

function Indicators({ region }: { region: RegionEvaluation }) {
  const { t } = useI18n();
  return (
    <Table<Indicator>
      size="small" rowKey="code" dataSource={region.indicators} pagination={false} data-testid={`indicators-${region.region}`}
      columns={[
        { key: 'name', title: t('supervision.evaluation.indicator'), dataIndex: 'name' },
        { key: 'value', title: t('supervision.evaluation.value'), dataIndex: 'value', align: 'right', render: (value: number | null) => value ?? <Typography.Text type="secondary">{t('supervision.evaluation.notMeasured')}</Typography.Text> },
        { key: 'score', title: t('supervision.evaluation.score'), dataIndex: 'score', align: 'right', render: (score: number | null) => score ?? '—' },
      ]}
    />
  );
}

export default function EvaluationPage() {
  const { t } = useI18n();
  const [form] = Form.useForm<{ year: number; pool?: string }>();
  const [query, setQuery] = useState<{ year: number; pool?: string }>({ year: dayjs().year() });
  const evaluation = useLoad((signal) => api.get<Evaluation>('/api/supervision/evaluation', { year: query.year, pool: query.pool }, signal), [query.year, query.pool]);
  const apply = (values: { year: number; pool?: string }) => setQuery({ year: values.year, pool: values.pool?.trim() || undefined });
  return (
    <Page title={t('supervision.evaluation.title')} testId="evaluation-page">
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{t('supervision.evaluation.explain')}</Typography.Paragraph>
        <Form form={form} layout="inline" initialValues={query} onFinish={apply}>
          <Form.Item name="year" label={t('supervision.evaluation.year')} rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} precision={0} data-testid="evaluation-year" />
          </Form.Item>
          <Form.Item name="pool" label={t('supervision.evaluation.pool')} rules={[{ pattern: YUAN, message: t('supervision.evaluation.poolFormat') }]}>
            <Input placeholder={t('supervision.evaluation.poolHint')} style={{ width: 200 }} data-testid="evaluation-pool" />
          </Form.Item>
          <Form.Item><Button type="primary" htmlType="submit" data-testid="evaluation-apply">{t('supervision.evaluation.apply')}</Button></Form.Item>
          {evaluation.data && evaluation.data.regions.length > 0 && (['xlsx', 'pdf'] as const).map((format) => (
            <Form.Item key={format}>
              <Button href={`/api/supervision/evaluation?${new URLSearchParams({ year: String(query.year), ...(query.pool ? { pool: query.pool } : {}), format })}`} data-testid={`evaluation-${format}`}>
                {t(`supervision.evaluation.${format}`)}
              </Button>
            </Form.Item>
          ))}
        </Form>
        {evaluation.error ? <ApiErrorView error={evaluation.error} retry={evaluation.reload} /> : evaluation.data && (
          <>
            <Descriptions size="small" column={{ xs: 1, md: 4 }} data-testid="evaluation-summary">
              <Descriptions.Item label={t('supervision.evaluation.year')}>{evaluation.data.year}</Descriptions.Item>
              <Descriptions.Item label={t('supervision.evaluation.pool')}><Money value={evaluation.data.pool} testId="evaluation-pool-total" /></Descriptions.Item>
              <Descriptions.Item label={t('supervision.evaluation.asOf')}>{evaluation.data.asOf}</Descriptions.Item>
              <Descriptions.Item label={t('supervision.evaluation.tree')}>{evaluation.data.tree}</Descriptions.Item>
            </Descriptions>
            {evaluation.data.regions.length === 0 ? <Empty description={t('supervision.evaluation.none')} /> : (
              <>
                <Table<RegionEvaluation>
                  size="small" rowKey="region" dataSource={evaluation.data.regions} pagination={false} loading={evaluation.loading} data-testid="evaluation-table"
                  expandable={{ expandedRowRender: (region) => <Indicators region={region} /> }}
                  columns={[
                    { key: 'rank', title: t('supervision.evaluation.rank'), dataIndex: 'rank', width: 80, align: 'right', render: (rank: number) => <span data-testid="evaluation-rank">{rank}</span> },
                    { key: 'region', title: t('supervision.evaluation.region'), dataIndex: 'name', render: (name: string, region) => <span data-testid="evaluation-region" data-region={region.region}>{name}（{region.region}）</span> },
                    { key: 'score', title: t('supervision.evaluation.score'), dataIndex: 'score', width: 120, align: 'right', render: (score: number) => <span data-testid="evaluation-score">{score.toFixed(2)}</span> },
                    { key: 'reward', title: t('supervision.evaluation.reward'), dataIndex: 'reward', width: 180, align: 'right', render: (reward: string) => <Money value={reward} testId="evaluation-reward" /> },
                  ]}
                  summary={() => (
                    <Table.Summary.Row style={{ fontWeight: 600 }}>
                      <Table.Summary.Cell index={0} colSpan={4}>{t('supervision.evaluation.total')}</Table.Summary.Cell>
                      <Table.Summary.Cell index={4} align="right"><Money value={evaluation.data!.pool} /></Table.Summary.Cell>
                    </Table.Summary.Row>
                  )}
                />
                <Card size="small" title={t('supervision.evaluation.chart')} data-testid="evaluation-chart">
                  <Suspense fallback={<PageSpinner />}><ScoreChart regions={evaluation.data.regions} label={t('supervision.evaluation.score')} /></Suspense>
                </Card>
              </>
            )}
          </>
        )}
      </Space>
    </Page>
  );
}
