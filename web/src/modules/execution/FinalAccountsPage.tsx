/**
 * 决算与年终清算 (R7.4): for the year and region picked (kept in the URL), per fund the final accounts table — 预算数,
 * 决算数, 完成预算% (coloured as the report colours deviations, beyond the same threshold) and 差额 — with the causes of
 * its largest gaps, the XLSX and PDF downloads (GET /api/execution/final-accounts), and its year-end settlement
 * (GET /api/execution/settlements): the 支出户's figures, the status, and 「提交年终清算」 behind a confirmation, since the
 * approved settlement moves money back to the 财政专户 for good. The current year is shown as a draft (草案).
 * Every figure is the server's.
 */
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { Static } from '@sinclair/typebox';
import { Alert, App, Button, Card, Descriptions, Empty, InputNumber, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type * as Schemas from '../../../../src/modules/execution/settlement/settlement.schemas.ts';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { useCan } from '../../permissions.ts';
import { Page } from '../../components/Page.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { Money } from '../../components/Money.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { approvalsChanged } from '../../platform/signoff/shared.tsx';
import { deviationLevel, percent, ratioText, tenThousandths } from './figures.ts';
import { reportRegion, thisMonth, useDeviationThreshold, useHomeRegion } from './shared.tsx';

type FinalAccounts = Static<typeof Schemas.FinalAccountsView>;
type FundAccounts = FinalAccounts['funds'][number];
type AccountsLine = FundAccounts['lines'][number];
type Settlements = Static<typeof Schemas.SettlementsView>;
type FundSettlement = Settlements['funds'][number];

/** 完成预算%, coloured when it is further from 100% than the deviation threshold: red the unfavourable way, orange the other. */
function CompletionRate({ line, thresholdPoints }: { line: AccountsLine; thresholdPoints: number | undefined }) {
  if (line.completionRate === null) return <span data-testid="completion-rate">—</span>;
  const offBudget = ratioText(tenThousandths(line.completionRate) - 10000n, 10000n);
  const level = thresholdPoints === undefined ? null : deviationLevel({ side: line.side, deviation: offBudget }, thresholdPoints);
  const text = percent(line.completionRate);
  return level
    ? <Tag color={level === 'unfavourable' ? 'red' : 'orange'} data-testid="completion-rate" data-level={level}>{text}</Tag>
    : <span data-testid="completion-rate">{text}</span>;
}

const settlementFigures = ['transferred', 'paid', 'closingBalance', 'currentBalance', 'committed', 'unspent'] as const;

function SettlementCard({ year, region, settlement, yearOver, onChanged }: { year: number; region: string; settlement: FundSettlement | undefined; yearOver: boolean; onChanged(): void }) {
  const { t } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  if (!settlement) return null;
  const figures = settlement.settlement ?? settlement.proposal?.figures ?? settlement.figures;
  const status = settlement.settlement ? 'settled' : settlement.proposal ? 'inSignoff' : 'open';
  const submit = async () => {
    setBusy(true);
    try {
      await api.post('/api/execution/settlements', { year, region, fund: settlement.fund });
      message.success(t('settlement.submitted', { fund: settlement.name }));
      approvalsChanged();
      onChanged();
    } catch (failure) {
      message.error((failure as Error).message);
    } finally { setBusy(false); }
  };
  return (
    <Card type="inner" size="small" title={t('yearEnd.settlement.title')} data-testid={`settlement-${settlement.fund}`}
      extra={<Space>
        <Tag color={status === 'settled' ? 'green' : status === 'inSignoff' ? 'blue' : 'default'} data-testid="settlement-status">{t(`settlement.status.${status}`)}</Tag>
        {status === 'open' && yearOver && can('budget.draft') && (
          <Popconfirm title={t('settlement.confirmTitle')} description={t('settlement.confirm', { fund: settlement.name, unspent: figures?.unspent ?? '0.00' })}
            okText={t('settlement.submit')} onConfirm={submit}>
            <Button type="primary" loading={busy} data-testid="settlement-submit">{t('settlement.submit')}</Button>
          </Popconfirm>
        )}
      </Space>}>
      {!figures ? <Typography.Text type="secondary">{t('settlement.yearNotOver', { year })}</Typography.Text> : (
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          {settlementFigures.map((key) => (
            <Descriptions.Item key={key} label={t(`settlement.${key}`)}><span data-testid={`settlement-${key}`}><Money value={figures[key]} /></span></Descriptions.Item>
          ))}
        </Descriptions>
      )}
      {settlement.settlement && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }} data-testid="settlement-settled">
          {t('settlement.settledBy', { date: settlement.settlement.settledOn, who: settlement.settlement.approvedBy })}
        </Typography.Paragraph>
      )}
      {settlement.proposal && <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{t('settlement.waiting', { who: settlement.proposal.submittedBy })}</Typography.Paragraph>}
    </Card>
  );
}

export default function FinalAccountsPage() {
  const { t } = useI18n();
  const home = useHomeRegion();
  const now = thisMonth();
  const [params, setParams] = useSearchParams();
  const year = Math.min(Number(params.get('year')) || now.year - 1, now.year);
  const region = params.get('region') ?? home;
  const draft = year >= now.year;
  const accounts = useLoad(
    (signal) => (region ? api.get<FinalAccounts>('/api/execution/final-accounts', { year, region, draft: draft || undefined }, signal) : Promise.resolve(undefined)),
    [year, region, draft],
  );
  const settlements = useLoad(
    (signal) => (region ? api.get<Settlements>('/api/execution/settlements', { year, region }, signal) : Promise.resolve(undefined)),
    [year, region],
  );
  const thresholdPoints = useDeviationThreshold(region, accounts.data?.asOf);
  const update = (changes: Record<string, string | undefined>) => setParams((previous) => {
    const next = new URLSearchParams(previous);
    for (const [key, value] of Object.entries(changes)) if (value) next.set(key, value); else next.delete(key);
    return next;
  }, { replace: true });
  const file = (format: 'xlsx' | 'pdf') => `/api/execution/final-accounts?${new URLSearchParams({ year: String(year), region: region ?? '', format, ...(draft ? { draft: 'true' } : {}) })}`;
  const data = accounts.data;
  const budgeted = data?.funds.filter((fund) => fund.budgetApproved) ?? [];

  return (
    <Page title={t('finalAccounts.title')} testId="execution-final-accounts">
      <Space wrap style={{ marginBottom: 16 }}>
        <span>{t('execution.year')}</span>
        <InputNumber value={year} min={2000} max={now.year} onChange={(value) => value && update({ year: String(value) })} data-testid="final-accounts-year" />
        <span>{t('execution.region')}</span>
        <RegionSelect value={region} allowClear={false} onChange={(value) => update({ region: value })} style={{ width: 240 }} testId="final-accounts-region" />
        <Button href={file('xlsx')} disabled={!budgeted.length} data-testid="final-accounts-xlsx">{t('finalAccounts.xlsx')}</Button>
        <Button href={file('pdf')} target="_blank" disabled={!budgeted.length} data-testid="final-accounts-pdf">{t('finalAccounts.pdf')}</Button>
      </Space>
      {draft && <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('finalAccounts.draft', { year })} data-testid="final-accounts-draft" />}
      {accounts.error ? <ApiErrorView error={accounts.error} retry={accounts.reload} /> : data && (!budgeted.length
        ? <Empty data-testid="final-accounts-empty" description={<>{t('finalAccounts.noBudget', { year, region: reportRegion(data) })} <Link to="/budget/workbench">{t('indicators.workbench')}</Link></>} />
        : (
          <>
            <Typography.Paragraph type="secondary">{reportRegion(data)} · {t('finalAccounts.asOf', { asOf: data.asOf })}</Typography.Paragraph>
            {thresholdPoints !== undefined && <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('finalAccounts.threshold', { points: thresholdPoints })} />}
            {budgeted.map((fund) => (
              <Card key={fund.fund} size="small" style={{ marginBottom: 16 }} title={`${fund.name}（${fund.fund}）`} data-testid={`final-accounts-fund-${fund.fund}`}>
                <Table<AccountsLine>
                  size="small" bordered pagination={false} rowKey={(line) => `${line.side}/${line.subject}`} dataSource={fund.lines} data-testid="final-accounts-lines"
                  columns={[
                    {
                      title: t('finalAccounts.subject'),
                      render: (_: unknown, line) => (line.parentSubject === null ? <strong>{line.name}</strong> : <span style={{ paddingLeft: 24 }}>{t('execution.ofWhich', { name: line.name })}</span>),
                    },
                    { title: t('execution.side'), dataIndex: 'side', width: 70, render: (side: AccountsLine['side']) => t(`execution.side.${side}`) },
                    { title: t('finalAccounts.budget'), dataIndex: 'budget', align: 'right', width: 160, render: (value: string) => <Money value={value} /> },
                    { title: t('finalAccounts.actual'), dataIndex: 'actual', align: 'right', width: 160, render: (value: string) => <Money value={value} /> },
                    { title: t('finalAccounts.completionRate'), align: 'right', width: 120, render: (_: unknown, line) => <CompletionRate line={line} thresholdPoints={thresholdPoints} /> },
                    { title: t('finalAccounts.gap'), dataIndex: 'gap', align: 'right', width: 160, render: (value: string) => <Money value={value} /> },
                  ]}
                />
                <Typography.Title level={5} style={{ marginTop: 16 }}>{t('finalAccounts.causes')}</Typography.Title>
                {fund.causes.length
                  ? <ol data-testid="final-accounts-causes">{fund.causes.map((cause) => <li key={cause.subject}>{cause.text}</li>)}</ol>
                  : <Typography.Text type="secondary">{t('finalAccounts.noCauses')}</Typography.Text>}
                {region && settlements.data && (
                  <SettlementCard year={year} region={region} yearOver={settlements.data.yearOver} settlement={settlements.data.funds.find((entry) => entry.fund === fund.fund)} onChanged={settlements.reload} />
                )}
              </Card>
            ))}
            {settlements.error && <ApiErrorView error={settlements.error} retry={settlements.reload} />}
          </>
        ))}
    </Page>
  );
}
