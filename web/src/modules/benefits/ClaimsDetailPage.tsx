/**
 * 申领详情: one claim (GET /api/benefits/claims/:id) — the person, the kind, its status and paying fund, the months of
 * an unemployment benefit or its stop — the amounts granted item by item, and the trace of the calculation (each
 * input, dated parameter with its legal source and figure with its formula), with a link to its sign-off item; and
 * what it has been paid: its payment orders (each one-off amount, each month of unemployment benefit) and their status.
 */
import { Link, useParams } from 'react-router-dom';
import { Descriptions, Space, Table, Typography } from 'antd';
import { api } from '../../api.ts';
import { useLoad, useRegionLabel } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { Page } from '../../components/Page.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { Money } from '../../components/Money.tsx';
import { ClaimStatusTag } from './ClaimsPage.tsx';
import { TraceTable } from './quote-parts.tsx';
import type { ClaimDetail } from './types.ts';

type Amount = ClaimDetail['amounts'][number];
type ClaimPayment = ClaimDetail['payments'][number];

export default function ClaimsDetailPage() {
  const { t } = useI18n();
  const regionLabel = useRegionLabel();
  const { id = '' } = useParams();
  const claim = useLoad((signal) => api.get<ClaimDetail>(`/api/benefits/claims/${encodeURIComponent(id)}`, undefined, signal), [id]);
  if (claim.error) return <ApiErrorView error={claim.error} retry={claim.reload} />;
  if (!claim.data) return <PageSpinner />;
  const c = claim.data;
  return (
    <Page title={`${t('claims.detail')}：${c.name} ${t(`claims.kind.${c.kind}`)}`} testId="claim-detail">
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} data-testid="claim-header">
          <Descriptions.Item label={t('award.idNumber')}>{c.idNumber}</Descriptions.Item>
          <Descriptions.Item label={t('award.name')}>{c.name}</Descriptions.Item>
          <Descriptions.Item label={t('common.region')}>{regionLabel(c.regionCode)}</Descriptions.Item>
          <Descriptions.Item label={t('claims.kind')}>{t(`claims.kind.${c.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('claims.eventDate')}>{c.eventDate}</Descriptions.Item>
          <Descriptions.Item label={t('common.status')}><ClaimStatusTag status={c.status} /></Descriptions.Item>
          <Descriptions.Item label={t('claims.monthlyAmount')}><Money value={c.monthlyAmount} testId="claim-monthly" /></Descriptions.Item>
          <Descriptions.Item label={t('claims.oneOffAmount')}><Money value={c.oneOffAmount} testId="claim-one-off" /></Descriptions.Item>
          <Descriptions.Item label={t('claims.fund')}>{c.fund ?? c.payingInsurance}</Descriptions.Item>
          {c.firstPeriod && <Descriptions.Item label={t('claims.periods')}>{`${c.firstPeriod} ~ ${c.lastPeriod}（${t('quote.monthsValue', { n: c.months ?? 0 })}）`}</Descriptions.Item>}
          {c.stopPeriod && <Descriptions.Item label={t('claims.stopReason')}>{`${c.stopPeriod} ${c.stopReason}`}</Descriptions.Item>}
          {c.bankAccount && <Descriptions.Item label={t('claims.payee')}>{`${c.payeeName ?? ''} ${c.bankAccount}`}</Descriptions.Item>}
          <Descriptions.Item label={t('claims.signoff')}><Link to={`/approvals/${c.approvalItem}`} data-testid="claim-approval">{c.approvalItem}</Link></Descriptions.Item>
        </Descriptions>
        <Typography.Title level={5} style={{ margin: 0 }}>{t('claims.amounts')}</Typography.Title>
        <Table<Amount>
          size="small" rowKey="item" pagination={false} dataSource={c.amounts} data-testid="claim-amounts"
          columns={[
            { key: 'item', title: t('claims.item'), dataIndex: 'item', render: (item: Amount['item']) => t(`claims.item.${item}`) },
            { key: 'frequency', title: t('claims.frequency'), dataIndex: 'frequency', width: 100, render: (frequency: Amount['frequency']) => t(`claims.frequency.${frequency}`) },
            { key: 'amount', title: t('claims.amount'), dataIndex: 'amount', align: 'right', width: 160, render: (amount: string, row) => <Money value={amount} testId={`claim-amount-${row.item}`} /> },
          ]}
        />
        <Typography.Title level={5} style={{ margin: 0 }}>{t('claims.payments')}</Typography.Title>
        <Table<ClaimPayment>
          size="small" rowKey="id" pagination={false} dataSource={c.payments} data-testid="claim-payments" locale={{ emptyText: t('claims.payments.none') }}
          columns={[
            { key: 'reference', title: t('claims.payment.reference'), dataIndex: 'reference', width: 200 },
            { key: 'part', title: t('claims.payment.part'), dataIndex: 'sourcePart', render: (part: string) => partLabel(part, t) },
            { key: 'amount', title: t('claims.payment.amount'), dataIndex: 'amountPayable', align: 'right', width: 160, render: (amount: string) => <Money value={amount} /> },
            { key: 'status', title: t('claims.payment.status'), dataIndex: 'status', width: 140, render: (status: ClaimPayment['status']) => t(`claims.payment.status.${status}`) },
            { key: 'paidOn', title: t('claims.payment.paidOn'), dataIndex: 'paidOn', width: 120 },
          ]}
        />
        <Typography.Title level={5} style={{ margin: 0 }}>{t('quote.trace')}</Typography.Title>
        <TraceTable trace={c.trace} />
      </Space>
    </Page>
  );
}

/** A payment's part: the amount's item (`funeral_grant`), or an unemployment month (`unemployment_benefit:2025-07`). */
function partLabel(part: string, t: (key: string) => string) {
  const [item, month] = part.split(':');
  return month ? `${month} ${t(`claims.item.${item}`)}` : t(`claims.item.${item}`);
}
