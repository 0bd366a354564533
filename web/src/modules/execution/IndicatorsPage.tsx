/**
 * 预算指标: per fund of the region and below, each expense line of the approved budget as an indicator account —
 * approved, adjusted, allocated, committed, paid, available (GET /api/execution/indicators) — with the available
 * amount coloured once below the warning line; without an approved budget, a link to the budget workbench. Each fund
 * opens its 分月用款计划 in a drawer (AllocationDrawer.tsx), behind the allocated figure.
 */
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Empty, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n.ts';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { Page } from '../../components/Page.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { Money } from '../../components/Money.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { thisMonth, useHomeRegion } from './shared.tsx';
import type { Indicator } from './types.ts';
import { AllocationDrawer } from './AllocationDrawer.tsx';

const figureColumns = ['approved', 'adjusted', 'allocated', 'committed', 'paid'] as const;

export default function IndicatorsPage() {
  const { t } = useI18n();
  const home = useHomeRegion();
  const now = thisMonth();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || now.year;
  const region = params.get('region') ?? home;
  const loaded = useLoad(
    (signal) => (region ? api.get<Indicator[]>('/api/execution/indicators', { year, region }, signal) : Promise.resolve(undefined)),
    [year, region],
  );
  const update = (changes: Record<string, string | undefined>) => setParams((previous) => {
    const next = new URLSearchParams(previous);
    for (const [key, value] of Object.entries(changes)) if (value) next.set(key, value); else next.delete(key);
    return next;
  }, { replace: true });
  const funds = [...new Set((loaded.data ?? []).map((line) => line.fund))];
  const [planFund, setPlanFund] = useState<string | null>(null);
  // a fund's plan is made on its pooling region's budget: the region its code ends in (enterprise_pension-990000)
  const budgetRegionOf = (fund: string) => fund.slice(fund.lastIndexOf('-') + 1);

  return (
    <Page title={t('indicators.title')} testId="execution-indicators">
      <Space wrap style={{ marginBottom: 16 }}>
        <span>{t('execution.year')}</span>
        <InputNumber value={year} min={2000} max={now.year + 1} onChange={(value) => value && update({ year: String(value) })} data-testid="indicators-year" />
        <span>{t('execution.region')}</span>
        <RegionSelect value={region} allowClear={false} onChange={(value) => update({ region: value })} style={{ width: 240 }} testId="indicators-region" />
        {region && <Button href={`/api/execution/indicators?year=${year}&region=${region}&format=xlsx`} data-testid="indicators-xlsx">{t('indicators.xlsx')}</Button>}
      </Space>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('indicators.explain')} />
      {loaded.error ? <ApiErrorView error={loaded.error} retry={loaded.reload} /> : loaded.data && (funds.length === 0
        ? <Empty data-testid="indicators-empty" description={<>{t('indicators.noBudget', { year })} <Link to="/budget/workbench">{t('indicators.workbench')}</Link></>} />
        : funds.map((fund) => (
          <Card key={fund} size="small" style={{ marginBottom: 16 }} title={<Typography.Text>{fund}</Typography.Text>} data-testid={`indicators-fund-${fund}`}
            extra={<Button size="small" onClick={() => setPlanFund(fund)} data-testid={`allocation-open-${fund}`}>{t('allocation.open')}</Button>}>
            <Table<Indicator>
              size="small" bordered pagination={false} rowKey="subject" dataSource={loaded.data!.filter((line) => line.fund === fund)}
              columns={[
                {
                  title: t('execution.line'),
                  render: (_: unknown, line) => (line.parentSubject === null
                    ? <strong>{line.name}</strong>
                    : <span style={{ paddingLeft: 24 }}>{t('execution.ofWhich', { name: line.name })}</span>),
                },
                ...figureColumns.map((key) => ({
                  title: t(`indicators.${key}`), dataIndex: key, align: 'right' as const, width: 140, render: (value: string) => <Money value={value} />,
                })),
                {
                  title: t('indicators.available'), dataIndex: 'available', align: 'right' as const, width: 150,
                  render: (value: string, line: Indicator) => (line.belowWarning
                    ? <Tag color={value.startsWith('-') ? 'red' : 'gold'} data-testid="indicator-available" data-below="true"><Money value={value} /></Tag>
                    : <span data-testid="indicator-available"><Money value={value} /></span>),
                },
              ]}
            />
          </Card>
        )))}
      {region && (
        <AllocationDrawer year={year} region={planFund ? budgetRegionOf(planFund) : region} fund={planFund} lines={(loaded.data ?? []).filter((line) => line.fund === planFund)}
          onClose={() => setPlanFund(null)} onChanged={loaded.reload} />
      )}
    </Page>
  );
}
