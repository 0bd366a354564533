/**
 * 基金运行概况, the fund home page for staff: per fund of the user's region and below, the year's income, expense and
 * their difference, the execution rate of each side beside the time progress, and the open alerts — from the
 * execution report of this month (live from the ledger). A fund opens its budget execution.
 */
import { useNavigate } from 'react-router-dom';
import { Card, Col, Empty, Progress, Row, Space, Statistic, Tag, Typography } from 'antd';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { Page } from '../../components/Page.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { Money } from '../../components/Money.tsx';
import { fundTotals, percent, tenThousandths, type SideTotal } from './figures.ts';
import { reportRegion, thisMonth, useExecutionReport, useHomeRegion } from './shared.tsx';
import type { AlertList, ExecutionFund } from './types.ts';

/** Open alerts (raised or acknowledged) per fund: the list's total for each. */
function useOpenAlerts(funds: readonly ExecutionFund[]) {
  const codes = funds.map((fund) => fund.fund);
  return useLoad(async (signal) => new Map(await Promise.all(codes.map(async (fund) => {
    const list = await api.get<AlertList>('/api/alerts', { status: 'open', fund, limit: 1 }, signal);
    return [fund, list.total] as const;
  }))), [codes.join(',')]);
}

/** A side's execution rate as a bar, the time progress as the bar's success segment. */
function SideProgress({ label, total, timeProgress, testId }: { label: string; total: SideTotal; timeProgress: string; testId: string }) {
  const { t } = useI18n();
  const share = (rate: string) => Number(tenThousandths(rate)) / 100;
  return (
    <div data-testid={testId}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <span>{label}</span>
        <span><strong data-testid={`${testId}-rate`}>{percent(total.rate)}</strong> <Typography.Text type="secondary">/ {t('execution.timeProgress')} {percent(timeProgress)}</Typography.Text></span>
      </Space>
      <Progress percent={total.rate === null ? 0 : Math.min(100, share(total.rate))} success={{ percent: share(timeProgress), strokeColor: '#bfbfbf' }} showInfo={false} size="small" />
    </div>
  );
}

function FundCard({ fund, timeProgress, openAlerts, open }: { fund: ExecutionFund; timeProgress: string; openAlerts: number | undefined; open(): void }) {
  const { t } = useI18n();
  const totals = fundTotals(fund);
  const testId = `fund-card-${fund.fund}`;
  return (
    <Card
      hoverable onClick={open} data-testid={testId} size="small"
      title={<span title={fund.fund}>{fund.name}</span>}
      extra={openAlerts === undefined ? null : (
        <Tag color={openAlerts > 0 ? 'red' : 'green'} data-testid={`${testId}-alerts`} data-count={openAlerts}>{t('execution.openAlerts')} {openAlerts}</Tag>
      )}
    >
      <Row gutter={8}>
        <Col span={8}><Statistic title={t('execution.income')} valueRender={() => <Money value={totals.income.actual} testId={`${testId}-income`} />} valueStyle={{ fontSize: 16 }} /></Col>
        <Col span={8}><Statistic title={t('execution.expense')} valueRender={() => <Money value={totals.expense.actual} testId={`${testId}-expense`} />} valueStyle={{ fontSize: 16 }} /></Col>
        <Col span={8}><Statistic title={t('execution.surplus')} valueRender={() => <Money value={totals.surplus} testId={`${testId}-surplus`} />} valueStyle={{ fontSize: 16, color: totals.surplus.startsWith('-') ? '#cf1322' : undefined }} /></Col>
      </Row>
      {fund.budgetApproved ? (
        <Space direction="vertical" style={{ width: '100%', marginTop: 12 }}>
          <SideProgress label={t('execution.incomeRate')} total={totals.income} timeProgress={timeProgress} testId={`${testId}-income`} />
          <SideProgress label={t('execution.expenseRate')} total={totals.expense} timeProgress={timeProgress} testId={`${testId}-expense`} />
        </Space>
      ) : <Tag style={{ marginTop: 12 }}>{t('execution.noBudget')}</Tag>}
    </Card>
  );
}

export default function FundsPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const region = useHomeRegion();
  const { year, month } = thisMonth();
  const report = useExecutionReport(year, month, region);
  const data = report.data;
  const alerts = useOpenAlerts(data?.funds ?? []);
  const open = (fund: ExecutionFund) => navigate(`/execution/report?${new URLSearchParams({ year: String(year), month: String(month), region: data!.region, fund: fund.fund })}`);

  return (
    <Page title={t('execution.funds.title')} testId="execution-funds">
      {report.error ? <ApiErrorView error={report.error} retry={report.reload} /> : data && (
        <>
          <Typography.Paragraph type="secondary" data-testid="execution-funds-scope">
            {t('execution.funds.explain', { region: reportRegion(data), year: data.year, month: data.month, asOf: data.asOf })}
            {' '}{t('execution.timeProgress')} <strong data-testid="execution-time-progress">{percent(data.timeProgress)}</strong>
          </Typography.Paragraph>
          {data.funds.length === 0 ? <Empty description={t('execution.noFunds')} /> : (
            <Row gutter={[16, 16]}>
              {data.funds.map((fund) => (
                <Col key={fund.fund} xs={24} md={12} xl={8}>
                  <FundCard fund={fund} timeProgress={data.timeProgress} openAlerts={alerts.data?.get(fund.fund)} open={() => open(fund)} />
                </Col>
              ))}
            </Row>
          )}
        </>
      )}
    </Page>
  );
}
