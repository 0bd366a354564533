/**
 * 预算执行情况: the year, month and region picked (kept in the URL, so the fund home page links to a fund of it); per
 * fund its budget table — budget, actual from the ledger, rate and deviation from the time progress, coloured beyond
 * the threshold, 其中 rows indented under their line — and a line's 明细账 link to the ledger accounts behind it.
 */
import { useState, type HTMLAttributes } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Empty, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n.ts';
import { useCan } from '../../permissions.ts';
import { Page } from '../../components/Page.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { Money } from '../../components/Money.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { percent } from './figures.ts';
import { Deviation, reportRegion, thisMonth, useDeviationThreshold, useExecutionReport, useHomeRegion } from './shared.tsx';
import { LedgerDrillDown, type DrillTarget } from './LedgerDrillDown.tsx';
import type { ExecutionFund, ExecutionLine } from './types.ts';

function FundTable({ fund, year, month, thresholdPoints, drill }: { fund: ExecutionFund; year: number; month: number; thresholdPoints: number | undefined; drill?(target: DrillTarget): void }) {
  const { t } = useI18n();
  return (
    <Card
      size="small" style={{ marginBottom: 16 }} data-testid={`execution-fund-${fund.fund}`} data-period={`${year}-${String(month).padStart(2, '0')}`}
      title={<Space>{fund.name}<Typography.Text type="secondary">{fund.fund}</Typography.Text>{!fund.budgetApproved && <Tag>{t('execution.noBudget')}</Tag>}</Space>}
    >
      <Table<ExecutionLine>
        size="small" bordered pagination={false} dataSource={fund.lines} rowKey={(line) => `${line.side}/${line.subject}`}
        onRow={(line) => ({ 'data-subject': line.subject, 'data-side': line.side } as HTMLAttributes<HTMLElement>)}
        columns={[
          {
            title: t('execution.line'),
            render: (_: unknown, line) => (line.parentSubject === null
              ? <strong>{line.name}</strong>
              : <span style={{ paddingLeft: 24 }}>{t('execution.ofWhich', { name: line.name })}</span>),
          },
          { title: t('execution.side'), dataIndex: 'side', width: 70, render: (side: ExecutionLine['side']) => t(`execution.side.${side}`) },
          { title: t('execution.budget'), dataIndex: 'budget', align: 'right', width: 160, render: (value: string) => <span data-testid="line-budget"><Money value={value} /></span> },
          { title: t('execution.actual'), dataIndex: 'actual', align: 'right', width: 160, render: (value: string) => <span data-testid="line-actual"><Money value={value} /></span> },
          { title: t('execution.rate'), dataIndex: 'rate', align: 'right', width: 100, render: (rate: string | null) => <span data-testid="line-rate">{percent(rate)}</span> },
          { title: t('execution.deviation'), align: 'right', width: 100, render: (_: unknown, line) => <Deviation line={line} thresholdPoints={thresholdPoints} /> },
          ...(drill ? [{
            title: t('execution.entries'), width: 90,
            render: (_: unknown, line: ExecutionLine) => <Button type="link" size="small" onClick={() => drill({ fund, line, year, month })} data-testid="line-drill">{t('execution.entries')}</Button>,
          }] : []),
        ]}
      />
    </Card>
  );
}

export default function ReportPage() {
  const { t } = useI18n();
  const can = useCan();
  const home = useHomeRegion();
  const now = thisMonth();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || now.year;
  const month = Number(params.get('month')) || (year === now.year ? now.month : 12);
  const region = params.get('region') ?? home;
  const fundFilter = params.get('fund') ?? undefined;
  const report = useExecutionReport(year, month, region);
  const data = report.data;
  const thresholdPoints = useDeviationThreshold(region, data?.asOf);
  const [drilling, setDrilling] = useState<DrillTarget>();
  const update = (changes: Record<string, string | undefined>) => setParams((previous) => {
    const next = new URLSearchParams(previous);
    for (const [key, value] of Object.entries(changes)) if (value) next.set(key, value); else next.delete(key);
    return next;
  }, { replace: true });
  const lastMonth = year === now.year ? now.month : 12;
  const funds = (data?.funds ?? []).filter((fund) => !fundFilter || fund.fund === fundFilter);

  return (
    <Page title={t('execution.report.title')} testId="execution-report">
      <Space wrap style={{ marginBottom: 16 }}>
        <span>{t('execution.year')}</span>
        <InputNumber value={year} min={2000} max={now.year} onChange={(value) => value && update({ year: String(value), month: undefined })} data-testid="execution-year" />
        <span>{t('execution.month')}</span>
        <Select
          value={Math.min(month, lastMonth)} style={{ width: 90 }} virtual={false} data-testid="execution-month" onChange={(value: number) => update({ month: String(value) })}
          options={Array.from({ length: lastMonth }, (_, index) => ({ value: index + 1, label: t('execution.monthOption', { month: index + 1 }) }))}
        />
        <span>{t('execution.region')}</span>
        <RegionSelect value={region} allowClear={false} onChange={(value) => update({ region: value, fund: undefined })} style={{ width: 240 }} testId="execution-region" />
        <Select
          value={fundFilter} allowClear placeholder={t('alerts.fund')} style={{ minWidth: 260 }} data-testid="execution-fund" onChange={(value?: string) => update({ fund: value })}
          options={(data?.funds ?? []).map((fund) => ({ value: fund.fund, label: fund.name }))}
        />
      </Space>
      {report.error ? <ApiErrorView error={report.error} retry={report.reload} /> : data && (
        <>
          <Alert
            type="info" showIcon style={{ marginBottom: 16 }} data-testid="execution-scope"
            message={<>{reportRegion(data)} · {t('execution.asOf', { asOf: data.asOf })} <strong data-testid="execution-time-progress">{percent(data.timeProgress)}</strong>{t(`execution.basis.${data.timeProgressBasis}`)}</>}
            description={thresholdPoints !== undefined && t('execution.threshold', { points: thresholdPoints })}
          />
          {funds.length === 0 ? <Empty description={t('execution.noFunds')} /> : funds.map((fund) => (
            <FundTable key={fund.fund} fund={fund} year={data.year} month={data.month} thresholdPoints={thresholdPoints} drill={can('ledger.read') ? setDrilling : undefined} />
          ))}
        </>
      )}
      <LedgerDrillDown target={drilling} onClose={() => setDrilling(undefined)} />
    </Page>
  );
}
