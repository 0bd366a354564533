/**
 * 基金精算预测: the enterprise employees' pension fund of the region's pool projected over 10–50 years under the
 * scenarios picked (GET /api/budget/projection, one request per scenario), side by side: one chart of the accumulated
 * balance per scenario with the year each is exhausted, and per scenario the table of the years. The pool's own
 * scenarios (新建情景: the assumptions a scenario replaces) are listed with what they replace and can be archived.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { App, Button, Checkbox, Descriptions, Form, Input, InputNumber, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../api.ts';
import { useLoad, useRegionLabel } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { useMe } from '../../session.tsx';
import { Page } from '../../components/Page.tsx';
import { Money } from '../../components/Money.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { useCan } from '../../permissions.ts';
import type { PensionProjection, ProjectedYear, ProjectionScenario, ProjectionScenarios, ScenarioName } from './types.ts';

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

const rateFields = ['wageGrowth', 'pensionIndexation', 'collectionRate', 'interestRate', 'fiscalSubsidyShare'] as const;
type ScenarioForm = { name: string; label: string; note?: string; retirementAges?: string; fiscalSubsidyRule?: string } & Partial<Record<(typeof rateFields)[number], string>>;

/** 新建情景: a code, a label, a note and the assumptions it replaces (left empty: the parameters'); the server checks each. */
function SaveScenarioModal({ region, pool, open, onClose, onSaved }: { region: string; pool: string; open: boolean; onClose(): void; onSaved(scenario: ProjectionScenario): void }) {
  const { t } = useI18n();
  const options = (field: string, values: string[]) => values.map((value) => ({ value, label: t(`budget.projection.override.${field}.${value}`) }));
  return (
    <FormModal<ScenarioForm, ProjectionScenario>
      title={t('budget.projection.saveTitle', { pool })} open={open} onClose={onClose} testId="scenario-modal" width={640}
      // an assumption refused is named in the message above the form (overrides.<field> with its label)
      fields={['name', 'label', 'note']}
      onSubmit={({ name, label, note, ...overrides }) => api.post<ProjectionScenario>('/api/budget/projection/scenarios', { region, name, label, note: note || null, overrides })}
      onDone={onSaved}
    >
      <Typography.Paragraph type="secondary">{t('budget.projection.saveHint')}</Typography.Paragraph>
      <Space size="middle" wrap>
        <Form.Item name="name" label={t('budget.projection.scenarioName')} extra={t('budget.projection.scenarioNameRule')} rules={[{ required: true }]}>
          <Input data-testid="scenario-name" />
        </Form.Item>
        <Form.Item name="label" label={t('budget.projection.scenarioLabel')} rules={[{ required: true }]}>
          <Input data-testid="scenario-label" style={{ width: 260 }} />
        </Form.Item>
      </Space>
      <Form.Item name="note" label={t('budget.projection.scenarioNote')}><Input.TextArea rows={2} data-testid="scenario-note" /></Form.Item>
      <Space size="middle" wrap>
        <Form.Item name="retirementAges" label={t('budget.projection.override.retirementAges')}>
          <Select allowClear style={{ width: 180 }} options={options('retirementAges', ['reform', 'former'])} data-testid="scenario-retirementAges" />
        </Form.Item>
        <Form.Item name="fiscalSubsidyRule" label={t('budget.projection.override.fiscalSubsidyRule')}>
          <Select allowClear style={{ width: 180 }} options={options('fiscalSubsidyRule', ['none', 'current_gap', 'share_of_expense'])} data-testid="scenario-fiscalSubsidyRule" />
        </Form.Item>
        {rateFields.map((field) => (
          <Form.Item key={field} name={field} label={t(`budget.projection.override.${field}`)} tooltip={t('budget.projection.override.rateHint')}>
            <Input style={{ width: 140 }} placeholder="0.05" data-testid={`scenario-${field}`} />
          </Form.Item>
        ))}
      </Space>
    </FormModal>
  );
}

/** What a saved scenario replaces, as 工资增长率 0.03 · 退休年龄 原法定退休年龄. */
function OverridesText({ scenario }: { scenario: ProjectionScenario }) {
  const { t } = useI18n();
  const parts = Object.entries(scenario.overrides).map(([field, value]) => (
    `${t(`budget.projection.override.${field}`)} ${field === 'retirementAges' || field === 'fiscalSubsidyRule' ? t(`budget.projection.override.${field}.${value}`) : value}`
  ));
  return <span>{parts.join(' · ')}</span>;
}

export default function ProjectionPage() {
  const { t } = useI18n();
  const me = useMe();
  const regionLabel = useRegionLabel();
  const [region, setRegion] = useState<string | undefined>(me.regionCode ?? undefined);
  const [years, setYears] = useState(30);
  const [picked, setPicked] = useState<ScenarioName[]>([]);
  const [saving, setSaving] = useState(false);
  const can = useCan();
  const { modal, message } = App.useApp();
  const scenarios = useLoad((signal) => api.get<ProjectionScenarios>('/api/budget/projection/scenarios', region ? { region } : undefined, signal), [region]);
  // every scenario, once their names are known
  useEffect(() => { if (scenarios.data) setPicked(scenarios.data.items.map((item) => item.name)); }, [scenarios.data]);
  const saved = (scenarios.data?.items ?? []).filter((item) => !item.builtIn);
  const archive = (scenario: ProjectionScenario) => modal.confirm({
    title: t('budget.projection.archive'), content: t('budget.projection.archiveConfirm', { label: scenario.label }),
    okButtonProps: { danger: true, 'data-testid': 'confirm-ok' },
    onOk: async () => { await api.post(`/api/budget/projection/scenarios/${scenario.saved!.id}/archive`, {}); message.success(t('budget.projection.archived')); scenarios.reload(); },
  });
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
          {can('budget.scenario') && scenarios.data?.poolingRegion && (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setSaving(true)} data-testid="scenario-new">{t('budget.projection.saveScenario')}</Button>
          )}
        </Space>
        {saved.length > 0 && (
          <Table<ProjectionScenario>
            size="small" rowKey="name" pagination={false} dataSource={saved} title={() => t('budget.projection.savedScenarios')} data-testid="saved-scenarios"
            columns={[
              { key: 'label', title: t('budget.projection.scenarioLabel'), dataIndex: 'label' },
              { key: 'name', title: t('budget.projection.scenarioName'), dataIndex: 'name' },
              { key: 'overrides', title: t('budget.projection.overrides'), render: (_, scenario) => <OverridesText scenario={scenario} /> },
              { key: 'note', title: t('budget.projection.scenarioNote'), render: (_, scenario) => scenario.saved?.note ?? '—' },
              { key: 'createdBy', title: t('budget.projection.createdBy'), render: (_, scenario) => scenario.saved?.createdBy },
              ...(can('budget.scenario') ? [{
                key: 'archive', title: '', width: 80,
                render: (_: unknown, scenario: ProjectionScenario) => <Button size="small" type="link" danger onClick={() => archive(scenario)} data-testid={`archive-${scenario.name}`}>{t('budget.projection.archive')}</Button>,
              }] : []),
            ]}
          />
        )}
        {region && scenarios.data?.poolingRegion && (
          <SaveScenarioModal
            region={region} pool={regionLabel(scenarios.data.poolingRegion)} open={saving} onClose={() => setSaving(false)}
            onSaved={(scenario) => { message.success(t('budget.projection.saved', { label: scenario.label })); scenarios.reload(); }}
          />
        )}
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
