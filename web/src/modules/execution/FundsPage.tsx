/**
 * 基金运行概况, the fund home page for staff: per fund of the user's region and below, the year's income, expense and
 * their difference, the execution rate of each side beside the time progress, and the open alerts — from the
 * execution report of this month (live from the ledger). A fund opens its budget execution. Above them, 重点关注: the
 * funds most off their budget (GET /api/execution/focus), each with its open alerts and the staff responsible, a link
 * to its report, and the region's 岗位责任 drawer.
 */
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Button, Card, Col, Empty, Progress, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { Page } from '../../components/Page.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { Money } from '../../components/Money.tsx';
import { fundTotals, percent, tenThousandths, type SideTotal } from './figures.ts';
import { reportRegion, thisMonth, useExecutionReport, useHomeRegion } from './shared.tsx';
import type { AlertList, ExecutionFund } from './types.ts';
import { DutyDrawer, schemeLabel, type FocusItem, type FocusList } from './DutyDrawer.tsx';

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

/** 重点关注: the funds most off their budget, largest deviation first; a region opens its report, 岗位责任 its drawer. */
function FocusCard({ year, month, region }: { year: number; month: number; region: string }) {
  const { t } = useI18n();
  const [duty, setDuty] = useState<{ region: string; scheme: string } | null>(null);
  const focus = useLoad((signal) => api.get<FocusList>('/api/execution/focus', { year, month, region }, signal), [year, month, region]);
  const reportLink = (item: FocusItem) => `/execution/report?${new URLSearchParams({ year: String(year), month: String(month), region: item.region, fund: item.fund })}`;
  return (
    <Card size="small" title={t('focus.title')} data-testid="focus-card" style={{ marginBottom: 16 }}>
      {focus.error ? <ApiErrorView error={focus.error} retry={focus.reload} /> : (
        <Table<FocusItem>
          size="small" pagination={false} loading={!focus.data} rowKey="fund" dataSource={focus.data?.items ?? []} data-testid="focus-table"
          locale={{ emptyText: <Empty description={t('focus.empty')} /> }}
          columns={[
            { title: t('focus.rank'), key: 'rank', width: 56, render: (_, _item, index) => index + 1 },
            {
              title: t('focus.region'), key: 'region',
              render: (_, item) => <Link to={reportLink(item)} data-testid={`focus-link-${item.fund}`}>{item.regionName ?? item.region} · {schemeLabel(t, item.scheme)}</Link>,
            },
            { title: t('focus.worstLine'), key: 'line', render: (_, item) => item.worstLine?.name ?? <Tag>{t('execution.noBudget')}</Tag> },
            {
              title: t('focus.deviation'), key: 'deviation', align: 'right',
              render: (_, item) => (item.worstLine ? <span data-testid={`focus-deviation-${item.fund}`}>{percent(item.worstLine.deviation)}</span> : '—'),
            },
            {
              title: t('execution.openAlerts'), key: 'alerts',
              render: (_, item) => (
                <Space size={4}>
                  {item.openAlerts.critical > 0 && <Tag color="red">{t('focus.critical', { count: item.openAlerts.critical })}</Tag>}
                  {item.openAlerts.warning > 0 && <Tag color="orange">{t('focus.warning', { count: item.openAlerts.warning })}</Tag>}
                  {item.openAlerts.critical + item.openAlerts.warning === 0 && <Tag color="green">{t('focus.noAlerts')}</Tag>}
                </Space>
              ),
            },
            {
              title: t('focus.responsible'), key: 'responsible',
              render: (_, item) => (
                <Space size={4}>
                  <span data-testid={`focus-responsible-${item.fund}`}>{item.responsible ? `${item.responsible.name}（${item.responsible.username}）` : t('focus.unassigned')}</span>
                  <Button type="link" size="small" onClick={() => setDuty({ region: item.region, scheme: item.scheme })} data-testid={`focus-duty-${item.fund}`}>{t('focus.duty')}</Button>
                </Space>
              ),
            },
          ]}
        />
      )}
      <DutyDrawer region={duty?.region ?? null} scheme={duty?.scheme} onClose={() => setDuty(null)} onChanged={focus.reload} />
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
          {data.funds.length > 0 && <FocusCard year={data.year} month={data.month} region={data.region} />}
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
