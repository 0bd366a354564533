/**
 * 缴费核定: start the billing of a month (optionally for one region) — a job (kind billing.run) on the server's job
 * runner, followed by <JobProgress> — then see what the period's bills add up to. The jobs list picks which job the
 * progress and summary show (?run=, default the newest). The job goes on in the server, so leaving the page does not
 * stop it, and a server restart resumes it.
 */
import { useState } from 'react';
import { App, Button, Col, Empty, Row, Space, Table, Typography } from 'antd';
import { CalculatorOutlined } from '@ant-design/icons';
import { api } from '../../api.ts';
import { useLoad, useRegionLabel } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { fenToYuan, formatDateTime, formatYuan, toFen } from '../../format.ts';
import { useMe } from '../../session.tsx';
import { Page } from '../../components/Page.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { Money, moneyColumn } from '../../components/Money.tsx';
import { MonthPicker } from '../../components/MonthPicker.tsx';
import { JobProgress, JobProgressBar, JobStatusTag, type Job, type JobList } from '../../components/JobProgress.tsx';
import { billingJobScope, lastMonth, StatCard, useUrlFilters } from './shared.tsx';
import { can } from '../../permissions.ts';
import type { BillingSummary } from './types.ts';

const BILLING_JOB = 'billing.run';

interface InsuranceTotal { insurance: string; employer: string; employee: string; total: string }

function Summary({ summary }: { summary: BillingSummary }) {
  const { t } = useI18n();
  const rows: InsuranceTotal[] = Object.entries(summary.totals).map(([insurance, parts]) => ({
    insurance, ...parts, total: fenToYuan(toFen(parts.employer) + toFen(parts.employee)),
  }));
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="billing-summary">
      <Row gutter={[16, 16]}>
        <Col xs={12} lg={6}><StatCard title={t('billing.employers')} value={summary.employers} testId="summary-employers" /></Col>
        <Col xs={12} lg={6}><StatCard title={t('billing.persons')} value={summary.persons} testId="summary-persons" /></Col>
        <Col xs={12} lg={6}><StatCard title={t('billing.lines')} value={summary.lines} testId="summary-lines" /></Col>
        <Col xs={12} lg={6}><StatCard title={t('billing.total')} value={formatYuan(summary.total)} testId="summary-total" /></Col>
      </Row>
      <Table<InsuranceTotal>
        data-testid="billing-summary-table" rowKey="insurance" size="small" pagination={false} dataSource={rows}
        columns={[
          { title: t('enrollment.insurance'), dataIndex: 'insurance', render: (insurance: string) => t(`insurance.${insurance}`) },
          moneyColumn(t('bill.employerAmount'), 'employer', 180),
          moneyColumn(t('bill.employeeAmount'), 'employee', 180),
          moneyColumn(t('bill.amount'), 'total', 180),
        ]}
        summary={() => (
          <Table.Summary.Row style={{ fontWeight: 600 }}>
            <Table.Summary.Cell index={0} colSpan={3}>{t('billing.total')}</Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right"><Money value={summary.total} /></Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
    </Space>
  );
}

export default function BillingPage() {
  const { t } = useI18n();
  const me = useMe();
  const { modal, message } = App.useApp();
  const regionLabel = useRegionLabel();
  const { params, update } = useUrlFilters();
  const [period, setPeriod] = useState(lastMonth());
  const [region, setRegion] = useState<string>();
  const mayReadJobs = can(me, 'jobs.read');
  const runs = useLoad((signal) => (mayReadJobs
    ? api.get<JobList>('/api/jobs', { kind: BILLING_JOB, limit: 20 }, signal)
    : Promise.resolve(undefined)), [mayReadJobs]);
  const runId = params.get('run') ?? runs.data?.items[0]?.id;
  const run = useLoad((signal) => (runId && mayReadJobs ? api.get<Job>(`/api/jobs/${encodeURIComponent(runId)}`, undefined, signal) : Promise.resolve(undefined)), [runId, mayReadJobs]);
  // the job as <JobProgress> last saw it finish, else as loaded
  const [finished, setFinished] = useState<Job>();
  const current = finished && finished.id === run.data?.id ? finished : run.data;
  const scope = current && billingJobScope(current);
  const summary = useLoad(
    (signal) => (scope && current?.status === 'completed' ? api.get<BillingSummary>('/api/billing/summary', { period: scope.period, region: scope.region }, signal) : Promise.resolve(undefined)),
    [current?.id, current?.status],
  );

  const start = () => modal.confirm({
    title: t('billing.confirmTitle', { period }),
    // Without a region the API bills the user's region, or for a nationwide user the only province.
    content: t('billing.confirm', { period, region: region ? regionLabel(region) : me.regionCode ? regionLabel(me.regionCode, me.regionName) : t('billing.allRegions') }),
    okText: t('billing.start'), cancelText: t('common.cancel'), okButtonProps: { 'data-testid': 'confirm-ok' },
    onOk: async () => {
      try {
        const started = await api.post<Job>('/api/billing/runs', { period, region });
        update({ run: started.id });
        runs.reload();
      } catch (error) {
        message.error((error as Error).message);
      }
    },
  });

  return (
    <Page title={t('billing.title')} testId="billing-page">
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        {can(me, 'billing.run') && (
          <Space wrap data-testid="billing-form">
            <Typography.Text strong>{t('billing.period')}</Typography.Text>
            <MonthPicker value={period} onChange={setPeriod} testId="billing-period" />
            <Typography.Text strong>{t('common.region')}</Typography.Text>
            <RegionSelect value={region} onChange={setRegion} placeholder={t('billing.wholeScope')} style={{ width: 260 }} testId="billing-region" />
            <Button type="primary" icon={<CalculatorOutlined />} onClick={start} data-testid="billing-start">{t('billing.start')}</Button>
            <Typography.Text type="secondary">{t('billing.hint')}</Typography.Text>
          </Space>
        )}
        {run.error ? <ApiErrorView error={run.error} retry={run.reload} /> : run.data && scope && (
          <div data-testid="billing-current">
            <Typography.Title level={5}>{t('billing.runOf', { period: scope.period, region: regionLabel(scope.region) })}</Typography.Title>
            <JobProgress job={run.data} testId="billing-progress" onFinished={(job) => { setFinished(job); runs.reload(); }} />
          </div>
        )}
        {summary.error ? <ApiErrorView error={summary.error} retry={summary.reload} /> : summary.data && <Summary summary={summary.data} />}
        {mayReadJobs && (
          <div>
            <Typography.Title level={5}>{t('billing.runs')}</Typography.Title>
            {runs.error ? <ApiErrorView error={runs.error} retry={runs.reload} /> : (
              <Table<Job>
                // the run shown above as the page last saw it: a list read while it ran (or a run already finished when the
                // page first read it, so its progress never saw it finish) would show it unfinished
                data-testid="billing-runs" rowKey="id" size="small" loading={runs.loading}
                dataSource={(runs.data?.items ?? []).map((item) => (current && item.id === current.id ? current : item))}
                pagination={false} locale={{ emptyText: <Empty description={t('billing.noRuns')} /> }}
                rowClassName={(row) => (row.id === runId ? 'ant-table-row-selected' : '')}
                onRow={(row) => ({ onClick: () => update({ run: row.id }), style: { cursor: 'pointer' } })}
                columns={[
                  { title: t('billing.period'), key: 'period', width: 100, render: (_, row) => billingJobScope(row).period },
                  { title: t('common.region'), key: 'region', render: (_, row) => regionLabel(billingJobScope(row).region) },
                  { title: t('common.status'), dataIndex: 'status', width: 100, render: (_, row) => <JobStatusTag status={row.status} /> },
                  { title: t('billing.progress'), key: 'progress', width: 200, render: (_, row) => <JobProgressBar job={row} size="small" /> },
                  { title: t('billing.startedBy'), dataIndex: 'startedBy', width: 140 },
                  { title: t('billing.startedAt'), dataIndex: 'startedAt', width: 170, render: formatDateTime },
                  { title: t('billing.finishedAt'), dataIndex: 'finishedAt', width: 170, render: formatDateTime },
                ]}
              />
            )}
          </div>
        )}
      </Space>
    </Page>
  );
}
