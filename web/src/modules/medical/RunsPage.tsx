/**
 * 月度预拨 and 年终清算 as stored: a month's pre-allocation (GET /api/medical/prepayments) and a year's settlement
 * (GET /api/medical/year-end) with their status along 复核、审批 (in the 待办 inbox), funding and payment, and their
 * lines. Holders of medical.settle start a month's run (a job, after a confirmation, followed by <JobProgress>) or
 * settle a year (submitted to sign-off at once), pay what is signed off, and record an institution's repayment of
 * what the settlement recovers.
 */
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Card, DatePicker, Descriptions, Empty, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { CalculatorOutlined, PayCircleOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api, type ApiError } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { useCan } from '../../permissions.ts';
import { Page } from '../../components/Page.tsx';
import { Money } from '../../components/Money.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { JobProgress, type Job } from '../../components/JobProgress.tsx';
import { approvalsChanged } from '../../platform/signoff/shared.tsx';
import type { PrepaymentRun, YearEndLine, YearEndRun } from './types.ts';

const runColor: Record<string, string> = { computing: 'blue', submitted: 'orange', approved: 'cyan', paid: 'green' };
const lineColor: Record<string, string> = { pending: 'default', paid: 'green', recovery_open: 'red', recovered: 'green', settled: 'default' };

/** A run's status; in sign-off, a link to its item in 待办. */
function RunStatus({ status, approvalItemId, testId }: { status: string; approvalItemId: string | null; testId: string }) {
  const { t } = useI18n();
  const can = useCan();
  const tag = <Tag color={runColor[status]} data-testid={testId} data-status={status}>{t(`runs.status.${status}`)}</Tag>;
  return status === 'submitted' && approvalItemId && can('approvals.read') ? <Link to={`/approvals/${approvalItemId}`}>{tag}{t('runs.inInbox')}</Link> : tag;
}

/** 404: nothing stored yet for this month or year; any other error as the API says it. */
function Missing({ error, retry, empty }: { error: ApiError; retry(): void; empty: string }) {
  return error.status === 404 ? <Empty description={empty} data-testid="run-missing" /> : <ApiErrorView error={error} retry={retry} />;
}

function useConfirmedAction() {
  const { modal, message } = App.useApp();
  return (title: string, content: ReactNode, okText: string, act: () => Promise<unknown>) => modal.confirm({
    title, content, okText, okButtonProps: { 'data-testid': 'confirm-ok' },
    onOk: async () => {
      try { await act(); } catch (failure) { message.error((failure as Error).message); }
    },
  });
}

function PrepaymentCard({ region }: { region?: string }) {
  const { t } = useI18n();
  const can = useCan();
  const confirm = useConfirmedAction();
  const [month, setMonth] = useState(dayjs().format('YYYY-MM'));
  const [job, setJob] = useState<Job>();
  const run = useLoad((signal) => api.get<PrepaymentRun>('/api/medical/prepayments', { month, region }, signal), [month, region]);
  const changed = () => { run.reload(); approvalsChanged(); };
  const start = () => confirm(t('runs.prepayment.runTitle', { month }), t('runs.prepayment.runConfirm', { month }), t('runs.prepayment.run'), async () => {
    setJob(await api.post<Job>('/api/medical/prepayments/run', { month, region }));
  });
  const pay = (total: string) => confirm(t('runs.prepayment.payTitle', { month }), t('runs.prepayment.payConfirm', { month, total }), t('runs.pay'), async () => {
    await api.post<PrepaymentRun>('/api/medical/prepayments/pay', { month, region });
    changed();
  });
  return (
    <Card
      size="small" title={t('runs.prepayment.title')} data-testid="prepayment-card"
      extra={(
        <Space>
          <DatePicker picker="month" value={dayjs(`${month}-01`)} allowClear={false} onChange={(date) => date && setMonth(date.format('YYYY-MM'))} data-testid="prepayment-month" />
          {can('medical.settle') && <Button type="primary" icon={<CalculatorOutlined />} onClick={start} data-testid="prepayment-run">{t('runs.prepayment.run')}</Button>}
          {can('medical.settle') && run.data?.status === 'approved' && <Button icon={<PayCircleOutlined />} onClick={() => pay(run.data!.total)} data-testid="prepayment-pay">{t('runs.pay')}</Button>}
        </Space>
      )}
    >
      <Typography.Paragraph type="secondary">{t('runs.prepayment.rule')}</Typography.Paragraph>
      {job && <JobProgress job={job} testId="prepayment-progress" onFinished={changed} />}
      {run.error ? <Missing error={run.error} retry={run.reload} empty={t('runs.prepayment.none', { month })} /> : run.data && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" column={{ xs: 1, md: 4 }}>
            <Descriptions.Item label={t('common.status')}><RunStatus status={run.data.status} approvalItemId={run.data.approvalItemId} testId="prepayment-status" /></Descriptions.Item>
            <Descriptions.Item label={t('runs.institutions')}>{run.data.institutions}</Descriptions.Item>
            <Descriptions.Item label={t('runs.total')}><Money value={run.data.total} testId="prepayment-total" /></Descriptions.Item>
            <Descriptions.Item label={t('runs.paidOn')}>{run.data.paidOn ?? '—'}</Descriptions.Item>
          </Descriptions>
          <Table
            size="small" rowKey="code" dataSource={run.data.lines} pagination={false} data-testid="prepayment-lines"
            columns={[
              { key: 'code', title: t('institutions.code'), dataIndex: 'code', width: 100 },
              { key: 'name', title: t('institutions.name'), dataIndex: 'name' },
              { key: 'kind', title: t('institutions.kind'), dataIndex: 'kind', render: (kind: string) => t(`institutions.kind.${kind}`) },
              { key: 'annualQuota', title: t('institutions.annualQuota'), dataIndex: 'annualQuota', align: 'right', render: (value: string) => <Money value={value} /> },
              { key: 'reserveShare', title: t('institutions.reserveShare'), dataIndex: 'reserveShare', align: 'right' },
              { key: 'amount', title: t('runs.prepayment.amount'), dataIndex: 'amount', align: 'right', render: (value: string) => <Money value={value} /> },
            ]}
          />
        </Space>
      )}
    </Card>
  );
}

/** The DIP figures of a run whose hospitals were settled by points (rules.dip), or null under total budget. */
const dipOf = (run: YearEndRun) =>
  (run.rules as { dip?: { fund: string; reimbursementRatio: string; totalPoints: string; pointValue: string } } | null)?.dip ?? null;

function YearEndCard({ region }: { region?: string }) {
  const { t } = useI18n();
  const can = useCan();
  const confirm = useConfirmedAction();
  const [year, setYear] = useState(dayjs().year() - 1);
  const run = useLoad((signal) => api.get<YearEndRun>('/api/medical/year-end', { year, region }, signal), [year, region]);
  const changed = () => { run.reload(); approvalsChanged(); };
  const settle = () => confirm(t('runs.yearEnd.runTitle', { year }), t('runs.yearEnd.runConfirm', { year }), t('runs.yearEnd.run'), async () => {
    await api.post<YearEndRun>('/api/medical/year-end/run', { year, region });
    changed();
  });
  const pay = (payable: string) => confirm(t('runs.yearEnd.payTitle', { year }), t('runs.yearEnd.payConfirm', { year, payable }), t('runs.pay'), async () => {
    await api.post<YearEndRun>('/api/medical/year-end/pay', { year, region });
    changed();
  });
  const repaid = (institution: string, amount: string) => confirm(t('runs.yearEnd.repaidTitle', { institution }), t('runs.yearEnd.repaidConfirm', { institution, amount }), t('runs.yearEnd.repaid'), async () => {
    await api.post<YearEndRun>('/api/medical/year-end/repayments', { year, institution });
    changed();
  });
  const money = (key: keyof YearEndLine & string, title: string) => ({ key, title, dataIndex: key, align: 'right' as const, render: (value: string) => <Money value={value} /> });
  return (
    <Card
      size="small" title={t('runs.yearEnd.title')} data-testid="year-end-card"
      extra={(
        <Space>
          <InputNumber value={year} onChange={(value) => value && setYear(value)} min={1990} max={2100} precision={0} data-testid="year-end-year" />
          {can('medical.settle') && <Button type="primary" icon={<CalculatorOutlined />} onClick={settle} data-testid="year-end-run">{t('runs.yearEnd.run')}</Button>}
          {can('medical.settle') && run.data?.status === 'approved' && <Button icon={<PayCircleOutlined />} onClick={() => pay(run.data!.totals.payable)} data-testid="year-end-pay">{t('runs.pay')}</Button>}
        </Space>
      )}
    >
      <Typography.Paragraph type="secondary">{t('runs.yearEnd.rule')}</Typography.Paragraph>
      {run.error ? <Missing error={run.error} retry={run.reload} empty={t('runs.yearEnd.none', { year })} /> : run.data && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" column={{ xs: 1, md: 4 }}>
            <Descriptions.Item label={t('common.status')}><RunStatus status={run.data.status} approvalItemId={run.data.approvalItemId} testId="year-end-status" /></Descriptions.Item>
            <Descriptions.Item label={t('runs.yearEnd.payable')}><Money value={run.data.totals.payable} testId="year-end-payable" /></Descriptions.Item>
            <Descriptions.Item label={t('runs.yearEnd.recoverable')}><Money value={run.data.totals.recoverable} testId="year-end-recoverable" /></Descriptions.Item>
            <Descriptions.Item label={t('runs.paidOn')}>{run.data.paidOn ?? '—'}</Descriptions.Item>
          </Descriptions>
          {dipOf(run.data) && (
            <Alert
              type="info" showIcon data-testid="year-end-dip"
              message={(
                <Space wrap size="large">
                  <span>{t('runs.yearEnd.pointValue')}：<b data-testid="year-end-point-value">{dipOf(run.data)!.pointValue}</b></span>
                  <span>{t('runs.yearEnd.dipFund')}：<Money value={dipOf(run.data)!.fund} /></span>
                </Space>
              )}
              description={t('runs.yearEnd.dipRule', { ratio: dipOf(run.data)!.reimbursementRatio, points: dipOf(run.data)!.totalPoints })}
            />
          )}
          <Table<YearEndLine>
            size="small" rowKey="code" dataSource={run.data.institutions} pagination={false} scroll={{ x: 'max-content' }} data-testid="year-end-lines"
            columns={[
              { key: 'code', title: t('institutions.code'), dataIndex: 'code', width: 90 },
              { key: 'name', title: t('institutions.name'), dataIndex: 'name' },
              {
                key: 'creditGrade', title: t('runs.yearEnd.creditGrade'), dataIndex: 'creditGrade', width: 90,
                render: (grade: string | null) => <span data-testid="year-end-credit-grade">{grade ?? '—'}</span>,
              },
              {
                key: 'method', title: t('runs.yearEnd.method'), dataIndex: 'method', width: 100,
                render: (method: YearEndLine['method']) => <Tag color={method === 'dip' ? 'geekblue' : undefined} data-testid="year-end-method">{t(`runs.yearEnd.method.${method}`)}</Tag>,
              },
              {
                key: 'points', title: t('runs.yearEnd.points'), dataIndex: 'points', align: 'right', width: 110,
                render: (points: string | null) => <span data-testid="year-end-points">{points ?? '—'}</span>,
              },
              money('quota', t('settlement.quota')), money('actual', t('settlement.actual')), money('allowed', t('settlement.allowed')),
              money('prepaid', t('settlement.prepaid')), money('settlement', t('settlement.settlement')),
              {
                key: 'status', title: t('common.status'), width: 170,
                render: (_, line) => (
                  <Space size={4}>
                    <Tag color={lineColor[line.status]}>{t(`runs.yearEnd.line.${line.status}`)}</Tag>
                    {line.repaidOn}
                    {line.status === 'recovery_open' && can('medical.settle') && (
                      <Button size="small" type="link" onClick={() => repaid(line.code, line.settlement.replace(/^-/, ''))} data-testid={`repaid-${line.code}`}>
                        {t('runs.yearEnd.repaid')}
                      </Button>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        </Space>
      )}
    </Card>
  );
}

export default function RunsPage() {
  const { t } = useI18n();
  const [region, setRegion] = useState<string>();
  return (
    <Page title={t('runs.title')} testId="medical-runs-page">
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Space>
          <Typography.Text>{t('institutions.poolingRegion')}</Typography.Text>
          <RegionSelect value={region} onChange={setRegion} style={{ width: 260 }} testId="runs-region" />
        </Space>
        <PrepaymentCard region={region} />
        <YearEndCard region={region} />
      </Space>
    </Page>
  );
}
