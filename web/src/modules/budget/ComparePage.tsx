/** 版本比较: two versions of a region's budget for a year, the lines whose amounts differ (GET /api/budget/versions/diff). */
import { Select, Space, Table, Typography } from 'antd';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import type { List } from '../../types.ts';
import { Page } from '../../components/Page.tsx';
import { Money } from '../../components/Money.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { YearAndRegion, useYearAndRegion } from './shared.tsx';
import type { BudgetDiff, BudgetVersionSummary } from './types.ts';

type DiffLine = BudgetDiff['lines'][number];

export default function ComparePage() {
  const { t } = useI18n();
  const { year, region, params, update } = useYearAndRegion();
  const versions = useLoad((signal) => (region ? api.get<List<BudgetVersionSummary>>('/api/budget/versions', { year, region }, signal) : Promise.resolve({ items: [] })), [year, region]);
  const items = versions.data?.items ?? [];
  // newest first: by default the latest against the one before it
  const from = params.get('from') ?? items[1]?.id;
  const to = params.get('to') ?? items[0]?.id;
  const diff = useLoad((signal) => (from && to ? api.get<BudgetDiff>('/api/budget/versions/diff', { from, to }, signal) : Promise.resolve(undefined)), [from, to]);
  const options = items.map((version) => ({ value: version.id, label: `${t('budget.numberOf', { n: version.number })} · ${t(`budget.status.${version.status}`)}` }));

  return (
    <Page title={t('budget.compare.title')} testId="budget-compare">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap>
          <YearAndRegion year={year} region={region} onChange={update} />
          <span>{t('budget.compare.from')}</span>
          <Select style={{ width: 160 }} value={from} options={options} onChange={(value) => update({ from: value })} data-testid="compare-from" />
          <span>{t('budget.compare.to')}</span>
          <Select style={{ width: 160 }} value={to} options={options} onChange={(value) => update({ to: value })} data-testid="compare-to" />
        </Space>
        {versions.error && <ApiErrorView error={versions.error} retry={versions.reload} />}
        {!versions.loading && items.length < 2 && <Typography.Text type="secondary" data-testid="compare-few">{t('budget.compare.fewVersions')}</Typography.Text>}
        {diff.error ? <ApiErrorView error={diff.error} retry={diff.reload} /> : diff.data && (
          diff.data.lines.length === 0 ? <Typography.Text data-testid="compare-same">{t('budget.compare.same')}</Typography.Text> : (
            <Table<DiffLine>
              size="small" rowKey={(line) => `${line.fund}|${line.side}|${line.subject}`} dataSource={diff.data.lines} pagination={false} data-testid="compare-lines"
              columns={[
                { key: 'fund', title: t('budget.compare.fund'), dataIndex: 'fund' },
                { key: 'side', title: t('budget.compare.side'), render: (_, line) => t(`budget.compare.side.${line.side}`) },
                { key: 'name', title: t('budget.line'), dataIndex: 'name' },
                { key: 'from', title: t('budget.compare.amountFrom'), align: 'right', render: (_, line) => <Money value={line.from} /> },
                { key: 'to', title: t('budget.compare.amountTo'), align: 'right', render: (_, line) => <Money value={line.to} /> },
                { key: 'change', title: t('budget.compare.change'), align: 'right', render: (_, line) => <Typography.Text type={line.change.startsWith('-') ? 'danger' : 'success'}><Money value={line.change} /></Typography.Text> },
              ]}
            />
          )
        )}
      </Space>
    </Page>
  );
}
