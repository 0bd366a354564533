/**
 * 绩效评价: the counties — or the cities — in scope scored on the indicator tree for a year (GET
 * /api/supervision/evaluation?year=[&level=][&pool=]), with score, rank and reward in yuan (the 以奖代补 pool split by
 * score, adding up to the pool to the fen), each region's indicators on expanding its row, and a bar chart of the
 * scores; the same as XLSX or PDF (the ranking with every leaf's score, then each region's indicators). Without a pool
 * the API takes the parameter supervision.evaluation.reward_pool of the year. An indicator the records cannot show is
 * entered by a holder of supervision.evaluate with its evidence (POST /api/supervision/evaluation/entries): 录入 on its
 * row; until then it shows 待录入 and does not count.
 */
import { lazy, Suspense, useState } from 'react';
import { App, Button, Card, Descriptions, Empty, Form, Input, InputNumber, Radio, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { Page } from '../../components/Page.tsx';
import { Money } from '../../components/Money.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { useCan } from '../../permissions.ts';
import { formatDateTime } from '../../format.ts';
import type { Evaluation, RegionEvaluation } from './types.ts';

const ScoreChart = lazy(() => import('./ScoreChart.tsx'));
const YUAN = /^\d+(\.\d{1,2})?$/;

type Indicator = RegionEvaluation['indicators'][number];
type Level = Evaluation['level'];
interface Entering { region: RegionEvaluation; indicator: Indicator }

function Indicators({ region, onEnter }: { region: RegionEvaluation; onEnter?: (indicator: Indicator) => void }) {
  const { t } = useI18n();
  const sourceOf = (indicator: Indicator) => (indicator.source === 'measured' ? 'measured' : indicator.entry ? 'entered' : 'waiting');
  return (
    <Table<Indicator>
      size="small" rowKey="code" dataSource={region.indicators} pagination={false} data-testid={`indicators-${region.region}`}
      onRow={(indicator) => ({ 'data-indicator': indicator.code } as React.HTMLAttributes<HTMLElement>)}
      columns={[
        { key: 'name', title: t('supervision.evaluation.indicator'), dataIndex: 'name' },
        { key: 'source', title: t('supervision.evaluation.source'), width: 100, render: (_, indicator) => {
          const source = sourceOf(indicator);
          return <Tag color={{ measured: 'default', entered: 'blue', waiting: 'orange' }[source]} data-testid="indicator-source" data-source={source}>{t(`supervision.evaluation.source.${source}`)}</Tag>;
        } },
        { key: 'value', title: t('supervision.evaluation.value'), dataIndex: 'value', align: 'right', render: (value: number | null) => <span data-testid="indicator-value">{value ?? <Typography.Text type="secondary">{t('supervision.evaluation.notMeasured')}</Typography.Text>}</span> },
        { key: 'score', title: t('supervision.evaluation.score'), dataIndex: 'score', align: 'right', render: (score: number | null) => <span data-testid="indicator-score">{score ?? '—'}</span> },
        { key: 'evidence', title: t('supervision.evaluation.evidence'), render: (_, indicator) => (indicator.entry
          ? <span data-testid="indicator-evidence">{indicator.entry.evidence}<Typography.Text type="secondary">（{indicator.entry.enteredBy} {formatDateTime(indicator.entry.enteredAt).slice(0, 16)}）</Typography.Text></span>
          : '') },
        ...(onEnter ? [{ key: 'enter', title: '', width: 90, render: (_: unknown, indicator: Indicator) => indicator.source === 'entered' && (
          <Button size="small" onClick={() => onEnter(indicator)} data-testid={`indicator-enter-${indicator.code}`}>
            {t(indicator.entry ? 'supervision.evaluation.correct' : 'supervision.evaluation.enter')}
          </Button>
        ) }] : []),
      ]}
    />
  );
}

/** 指标录入: the value within the indicator's range, with its evidence; a correction is a later entry. */
function EntryModal({ year, entering, onClose, onDone }: { year: number; entering: Entering | null; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const range = entering?.indicator.range;
  return (
    <FormModal<{ value: number; evidence: string }>
      title={entering ? t('supervision.evaluation.entryTitle', { region: entering.region.name, indicator: entering.indicator.name, year }) : ''}
      open={entering !== null} onClose={onClose} fields={['value', 'evidence']} testId="evaluation-entry-modal"
      initialValues={entering?.indicator.entry ? { value: entering.indicator.entry.value } : {}}
      onSubmit={(values) => api.post('/api/supervision/evaluation/entries', { year, region: entering!.region.region, indicator: entering!.indicator.code, ...values })}
      onDone={onDone}
    >
      {range && <Typography.Paragraph type="secondary" data-testid="evaluation-entry-hint">{range.hint}</Typography.Paragraph>}
      <Form.Item name="value" label={t('supervision.evaluation.value')} rules={[{ required: true, type: 'number', min: range?.min, max: range?.max, message: t('supervision.evaluation.valueRange', { min: range?.min ?? 0, max: range?.max ?? 0 }) }]}>
        <InputNumber precision={4} step={range && range.max <= 1 ? 0.01 : 1} style={{ width: 200 }} data-testid="evaluation-entry-value" />
      </Form.Item>
      <Form.Item name="evidence" label={t('supervision.evaluation.evidence')} rules={[{ required: true, min: 4, max: 500, whitespace: true, message: t('supervision.evaluation.evidenceRule') }]}>
        <Input.TextArea rows={2} placeholder={t('supervision.evaluation.evidenceHint')} data-testid="evaluation-entry-evidence" />
      </Form.Item>
    </FormModal>
  );
}

interface Query { year: number; level: Level; pool?: string }

export default function EvaluationPage() {
  const { t } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const [form] = Form.useForm<Query>();
  const [query, setQuery] = useState<Query>({ year: dayjs().year(), level: 'county' });
  const [entering, setEntering] = useState<Entering | null>(null);
  const evaluation = useLoad((signal) => api.get<Evaluation>('/api/supervision/evaluation', { year: query.year, level: query.level, pool: query.pool }, signal), [query.year, query.level, query.pool]);
  const apply = (values: Query) => setQuery({ year: values.year, level: values.level, pool: values.pool?.trim() || undefined });
  const unit = t(`supervision.evaluation.level.${query.level}`);
  return (
    <Page title={t('supervision.evaluation.title')} testId="evaluation-page">
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{t('supervision.evaluation.explain')}</Typography.Paragraph>
        <Form form={form} layout="inline" initialValues={query} onFinish={apply}>
          <Form.Item name="year" label={t('supervision.evaluation.year')} rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} precision={0} data-testid="evaluation-year" />
          </Form.Item>
          <Form.Item name="level" label={t('supervision.evaluation.levelLabel')}>
            <Radio.Group optionType="button" data-testid="evaluation-level"
              options={(['county', 'city'] as const).map((level) => ({ value: level, label: t(`supervision.evaluation.level.${level}`) }))} />
          </Form.Item>
          <Form.Item name="pool" label={t('supervision.evaluation.pool')} rules={[{ pattern: YUAN, message: t('supervision.evaluation.poolFormat') }]}>
            <Input placeholder={t('supervision.evaluation.poolHint')} style={{ width: 200 }} data-testid="evaluation-pool" />
          </Form.Item>
          <Form.Item><Button type="primary" htmlType="submit" data-testid="evaluation-apply">{t('supervision.evaluation.apply')}</Button></Form.Item>
          {evaluation.data && evaluation.data.regions.length > 0 && (['xlsx', 'pdf'] as const).map((format) => (
            <Form.Item key={format}>
              <Button href={`/api/supervision/evaluation?${new URLSearchParams({ year: String(query.year), level: query.level, ...(query.pool ? { pool: query.pool } : {}), format })}`} data-testid={`evaluation-${format}`}>
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
            {evaluation.data.regions.length === 0 ? <Empty description={t('supervision.evaluation.none', { unit })} /> : (
              <>
                <Table<RegionEvaluation>
                  size="small" rowKey="region" dataSource={evaluation.data.regions} pagination={false} loading={evaluation.loading} data-testid="evaluation-table"
                  expandable={{ expandedRowRender: (region) => <Indicators region={region} onEnter={can('supervision.evaluate') ? (indicator) => setEntering({ region, indicator }) : undefined} /> }}
                  columns={[
                    { key: 'rank', title: t('supervision.evaluation.rank'), dataIndex: 'rank', width: 80, align: 'right', render: (rank: number) => <span data-testid="evaluation-rank">{rank}</span> },
                    { key: 'region', title: unit, dataIndex: 'name', render: (name: string, region) => <span data-testid="evaluation-region" data-region={region.region}>{name}（{region.region}）</span> },
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
                <Card size="small" title={t('supervision.evaluation.chart', { unit })} data-testid="evaluation-chart">
                  <Suspense fallback={<PageSpinner />}><ScoreChart regions={evaluation.data.regions} label={t('supervision.evaluation.score')} /></Suspense>
                </Card>
              </>
            )}
          </>
        )}
      </Space>
      <EntryModal year={query.year} entering={entering} onClose={() => setEntering(null)}
        onDone={() => { message.success(t('supervision.evaluation.entered')); evaluation.reload(); }} />
    </Page>
  );
}
