/**
 * 责任分担 (R9.6): for the year and the scheme picked (kept in the URL: the enterprise employees' or the public
 * institutions' pension fund), each county's pension gap and its shares by level
 * (GET /api/supervision/sharing: the shares of each gap add up to it, to the fen), what the settlement would post in
 * the province's pooled fund (GET /api/supervision/sharing/settlements: the province's share borne, the city's and the
 * county's remitted, Dr 财政专户 / Cr 下级上解收入 per county), 「提交分担结算」 behind a confirmation (POST, sign-off
 * kind supervision.sharing_settlement), and once approved the settlement with each county's entry. Every figure is
 * the server's.
 */
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { Static } from '@sinclair/typebox';
import { App, Button, Card, Descriptions, Empty, InputNumber, Popconfirm, Segmented, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type * as Schemas from '../../../../src/modules/supervision/sharing/sharing.schemas.ts';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { useCan } from '../../permissions.ts';
import { Page } from '../../components/Page.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { Money } from '../../components/Money.tsx';
import { approvalsChanged } from '../../platform/signoff/shared.tsx';

type Statement = Static<typeof Schemas.SharingStatement>;
type CountyShares = Statement['regions'][number];
type Settlements = Static<typeof Schemas.SharingSettlements>;
type Scheme = NonNullable<Static<typeof Schemas.SharingQuery>['scheme']>;
type Plan = NonNullable<Settlements['plan']>;
type PlannedCounty = Plan['counties'][number];
type PlanLine = PlannedCounty['lines'][number];
type Settlement = Settlements['settlements'][number];
type SettledCounty = Settlement['counties'][number];

const money = (value: string) => <Money value={value} />;

function EntryLines({ county }: { county: PlannedCounty }) {
  const { t } = useI18n();
  return (
    <Table<PlanLine>
      size="small" pagination={false} rowKey={(line) => `${line.account}/${line.reference}`} dataSource={county.lines} data-testid={`sharing-entry-${county.region}`}
      columns={[
        { key: 'account', title: t('supervision.sharing.account'), render: (_: unknown, line) => `${line.account} ${line.name}` },
        { key: 'reference', title: t('supervision.sharing.payer'), render: (_: unknown, line) => [line.reference, line.memo].filter(Boolean).join(' ') },
        { key: 'debit', title: t('supervision.sharing.debit'), dataIndex: 'debit', align: 'right', render: money },
        { key: 'credit', title: t('supervision.sharing.credit'), dataIndex: 'credit', align: 'right', render: money },
      ]}
    />
  );
}

function SettlementCard({ year, scheme, settlements, onChanged }: { year: number; scheme: Scheme; settlements: Settlements; onChanged(): void }) {
  const { t } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const { plan, proposals } = settlements;
  const [settled] = settlements.settlements;
  const status = settled ? 'settled' : proposals.length ? 'inSignoff' : 'open';
  const yearOver = year < dayjs().year();
  const submit = async () => {
    setBusy(true);
    try {
      await api.post('/api/supervision/sharing/settlements', { year, scheme, region: plan?.region });
      message.success(t('supervision.sharing.submitted', { year }));
      approvalsChanged();
      onChanged();
    } catch (failure) {
      message.error((failure as Error).message);
    } finally { setBusy(false); }
  };
  return (
    <Card size="small" title={t('supervision.sharing.settlement')} data-testid="sharing-settlement"
      extra={<Space>
        <Tag color={status === 'settled' ? 'green' : status === 'inSignoff' ? 'blue' : 'default'} data-testid="sharing-status">{t(`supervision.sharing.status.${status}`)}</Tag>
        {status === 'open' && plan && yearOver && plan.gap !== '0.00' && can('budget.draft') && (
          <Popconfirm title={t('supervision.sharing.confirmTitle')} description={t('supervision.sharing.confirm', { year, remitted: plan.remitted, fund: plan.fund })}
            okText={t('supervision.sharing.submit')} onConfirm={submit}>
            <Button type="primary" loading={busy} data-testid="sharing-submit">{t('supervision.sharing.submit')}</Button>
          </Popconfirm>
        )}
      </Space>}>
      {settled ? (
        <>
          <Descriptions size="small" column={{ xs: 1, md: 3 }} data-testid="sharing-settled">
            <Descriptions.Item label={t('supervision.sharing.fund')}>{settled.fund}</Descriptions.Item>
            <Descriptions.Item label={t('supervision.sharing.borne')}>{money(settled.borne)}</Descriptions.Item>
            <Descriptions.Item label={t('supervision.sharing.remitted')}>{money(settled.remitted)}</Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph type="secondary">{t('supervision.sharing.settledBy', { date: settled.settledOn, who: settled.approvedBy })}</Typography.Paragraph>
          <Table<SettledCounty>
            size="small" pagination={false} rowKey="region" dataSource={settled.counties} data-testid="sharing-settled-counties"
            columns={[
              { key: 'region', title: t('supervision.sharing.county'), dataIndex: 'region' },
              { key: 'gap', title: t('supervision.sharing.gap'), dataIndex: 'gap', align: 'right', render: money },
              { key: 'province', title: t('supervision.sharing.province'), align: 'right', render: (_: unknown, county) => money(county.shares.province) },
              { key: 'remitted', title: t('supervision.sharing.remitted'), dataIndex: 'remitted', align: 'right', render: money },
              { key: 'entry', title: t('supervision.sharing.entry'), dataIndex: 'entryId', render: (entry: string | null) => entry ?? '—' },
            ]}
          />
        </>
      ) : (
        <>
          {proposals.map((proposal) => (
            <Typography.Paragraph key={proposal.approvalItemId} type="secondary">{t('supervision.sharing.waiting', { who: proposal.submittedBy, remitted: proposal.remitted })}</Typography.Paragraph>
          ))}
          {!yearOver && <Typography.Paragraph type="secondary">{t('supervision.sharing.yearNotOver', { year })}</Typography.Paragraph>}
          {plan ? (
            <>
              <Typography.Paragraph type="secondary">{t('supervision.sharing.planExplain', { fund: plan.fund })}</Typography.Paragraph>
              <Descriptions size="small" column={{ xs: 1, md: 3 }} data-testid="sharing-plan">
                <Descriptions.Item label={t('supervision.sharing.gap')}>{money(plan.gap)}</Descriptions.Item>
                <Descriptions.Item label={t('supervision.sharing.borne')}>{money(plan.borne)}</Descriptions.Item>
                <Descriptions.Item label={t('supervision.sharing.remitted')}>{money(plan.remitted)}</Descriptions.Item>
              </Descriptions>
              <Table<PlannedCounty>
                size="small" pagination={false} rowKey="region" dataSource={plan.counties} data-testid="sharing-plan-counties"
                expandable={{ expandedRowRender: (county) => <EntryLines county={county} />, rowExpandable: (county) => county.lines.length > 0 }}
                columns={[
                  { key: 'county', title: t('supervision.sharing.county'), render: (_: unknown, county) => `${county.name}（${county.region}）` },
                  { key: 'gap', title: t('supervision.sharing.gap'), dataIndex: 'gap', align: 'right', render: money },
                  { key: 'borne', title: t('supervision.sharing.borne'), dataIndex: 'borne', align: 'right', render: money },
                  { key: 'remitted', title: t('supervision.sharing.remitted'), dataIndex: 'remitted', align: 'right', render: money },
                ]}
              />
            </>
          ) : <Typography.Text type="secondary">{t('supervision.sharing.noPlan')}</Typography.Text>}
        </>
      )}
    </Card>
  );
}

export default function SharingPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const thisYear = dayjs().year();
  const year = Math.min(Number(params.get('year')) || thisYear - 1, thisYear);
  const scheme: Scheme = params.get('scheme') === 'public' ? 'public' : 'enterprise';
  const choose = (changes: { year?: number; scheme?: Scheme }) => setParams({ year: String(changes.year ?? year), scheme: changes.scheme ?? scheme }, { replace: true });
  const statement = useLoad((signal) => api.get<Statement>('/api/supervision/sharing', { year, scheme }, signal), [year, scheme]);
  const settlements = useLoad((signal) => api.get<Settlements>('/api/supervision/sharing/settlements', { year, scheme }, signal), [year, scheme]);
  const rule = statement.data?.rule;
  return (
    <Page title={t('supervision.sharing.title')} testId="sharing-page">
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{t('supervision.sharing.explain')}</Typography.Paragraph>
        <Space wrap>
          <span>{t('supervision.sharing.year')}</span>
          <InputNumber value={year} min={2000} max={thisYear} precision={0} data-testid="sharing-year"
            onChange={(value) => value && choose({ year: value })} />
          <Segmented<Scheme> value={scheme} onChange={(value) => choose({ scheme: value })} data-testid="sharing-scheme"
            options={(['enterprise', 'public'] as const).map((value) => ({ value, label: t(`supervision.sharing.scheme.${value}`) }))} />
        </Space>
        {statement.error ? <ApiErrorView error={statement.error} retry={statement.reload} /> : statement.data && (
          <Card size="small" title={t('supervision.sharing.statement')} data-testid="sharing-statement">
            {rule && (
              <Typography.Paragraph type="secondary">
                {t('supervision.sharing.rule', { province: rule.province, city: rule.city, county: rule.county, target: rule.collectionTarget })}
              </Typography.Paragraph>
            )}
            {statement.data.regions.length === 0 ? <Empty description={t('supervision.sharing.none')} /> : (
              <Table<CountyShares>
                size="small" bordered pagination={false} rowKey="region" dataSource={statement.data.regions} data-testid="sharing-regions"
                columns={[
                  { key: 'county', title: t('supervision.sharing.county'), render: (_: unknown, county) => <span data-testid="sharing-region" data-region={county.region}>{county.name}（{county.region}）</span> },
                  { key: 'collected', title: t('supervision.sharing.collected'), dataIndex: 'collected', align: 'right', render: money },
                  { key: 'paid', title: t('supervision.sharing.paid'), dataIndex: 'paid', align: 'right', render: money },
                  { key: 'gap', title: t('supervision.sharing.gap'), dataIndex: 'gap', align: 'right', render: (gap: string) => <span data-testid="sharing-gap"><Money value={gap} /></span> },
                  { key: 'ownGap', title: t('supervision.sharing.ownGap'), dataIndex: 'ownGap', align: 'right', render: money },
                  { key: 'province', title: t('supervision.sharing.province'), align: 'right', render: (_: unknown, county) => <span data-testid="sharing-province"><Money value={county.shares.province} /></span> },
                  { key: 'city', title: t('supervision.sharing.city'), align: 'right', render: (_: unknown, county) => <span data-testid="sharing-city"><Money value={county.shares.city} /></span> },
                  { key: 'countyShare', title: t('supervision.sharing.countyShare'), align: 'right', render: (_: unknown, county) => <span data-testid="sharing-county"><Money value={county.shares.county} /></span> },
                ]}
              />
            )}
          </Card>
        )}
        {settlements.error ? <ApiErrorView error={settlements.error} retry={settlements.reload} />
          : settlements.data && <SettlementCard year={year} scheme={scheme} settlements={settlements.data} onChanged={() => { settlements.reload(); statement.reload(); }} />}
      </Space>
    </Page>
  );
}
