/**
 * 申领详情: one claim (GET /api/benefits/claims/:id) — the person, the kind, its status and paying fund, the months of
 * an unemployment benefit or its stop — the amounts granted item by item, and the trace of the calculation (each
 * input, dated parameter with its legal source and figure with its formula), with a link to its sign-off item; and
 * what it has been paid: its payment orders (each one-off amount, each month of unemployment benefit or of a
 * work-injury part) and their status. A work-injury claim paid monthly shows its monthly benefits (伤残津贴, 生活护理费,
 * each dependant's 抚恤金): this month's amount of each, its stop (an operator's, retirement, death), the month's trace,
 * the months paid; holders of benefit.claim.request stop a part or all of them from a month, with a reason, after a
 * confirmation.
 */
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Button, DatePicker, Descriptions, Form, Input, Select, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api.ts';
import { useLoad, useRegionLabel } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { useCan } from '../../permissions.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { Page } from '../../components/Page.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { Money } from '../../components/Money.tsx';
import { ClaimStatusTag, periodsText } from './ClaimsPage.tsx';
import { TraceTable } from './quote-parts.tsx';
import { percentOf } from '../../format.ts';
import type { ClaimDetail, WorkInjuryMonthly, WorkInjuryStopBody } from './types.ts';

type Amount = ClaimDetail['amounts'][number];
type ClaimPayment = ClaimDetail['payments'][number];
type MonthlyPart = WorkInjuryMonthly['parts'][number];
type MonthPaid = WorkInjuryMonthly['monthsPaid'][number];
type Translate = (key: string, params?: Record<string, string | number>) => string;

/** A monthly part's name: the item, or the n-th dependant's pension (`dependant_pension[1]` → 第 2 人). */
function monthlyPartLabel(part: string, t: Translate) {
  const dependant = /^dependant_pension\[(\d+)\]$/.exec(part);
  return dependant ? t('claims.monthly.dependant', { n: Number(dependant[1]) + 1 }) : part === 'all' ? t('claims.monthlyStopPart.all') : t(`claims.item.${part}`);
}

function MonthlyStopForm({ claim, open, onClose, onDone }: { claim: ClaimDetail; open: boolean; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const monthly = claim.workInjuryMonthly!;
  const stoppable = monthly.parts.filter((p) => p.stopCause === null || p.stopCause === 'retirement').map((p) => p.part);
  return (
    <FormModal<{ part: string; fromPeriod: Dayjs; reason: string }, WorkInjuryMonthly>
      title={t('claims.monthlyStopTitle', { name: claim.name })} open={open} onClose={onClose} onDone={onDone} testId="claim-monthly-stop-form"
      fields={['part', 'fromPeriod', 'reason']} danger okText={t('claims.stop')}
      initialValues={{ part: 'all', fromPeriod: dayjs().startOf('month').isBefore(dayjs(`${monthly.startPeriod}-01`)) ? dayjs(`${monthly.startPeriod}-01`) : dayjs().startOf('month') }}
      confirm={(values) => t('claims.monthlyStopConfirm', { period: values.fromPeriod.format('YYYY-MM'), part: monthlyPartLabel(values.part, t) })}
      onSubmit={(values) => api.post<WorkInjuryMonthly>(`/api/benefits/claims/${claim.id}/work-injury-stop`,
        { part: values.part, fromPeriod: values.fromPeriod.format('YYYY-MM'), reason: values.reason.trim() } satisfies WorkInjuryStopBody)}
    >
      <Typography.Paragraph type="secondary">{t('claims.monthlyStopExplain', { first: monthly.startPeriod })}</Typography.Paragraph>
      <Form.Item name="part" label={t('claims.monthlyStopPart')} rules={[{ required: true }]}>
        <Select options={['all', ...stoppable].map((value) => ({ value, label: monthlyPartLabel(value, t) }))} data-testid="claim-monthly-stop-part" />
      </Form.Item>
      <Form.Item name="fromPeriod" label={t('claims.stopPeriod')} rules={[{ required: true }]}>
        <DatePicker picker="month" disabledDate={(value) => value.isBefore(dayjs(`${monthly.startPeriod}-01`), 'month')} data-testid="claim-monthly-stop-period" />
      </Form.Item>
      <Form.Item name="reason" label={t('claims.monthlyStopReason')} extra={t('claims.monthlyStopReasonHint')} rules={[{ required: true, whitespace: true, min: 2, max: 500 }]}>
        <Input.TextArea rows={2} maxLength={500} data-testid="claim-monthly-stop-reason" />
      </Form.Item>
    </FormModal>
  );
}

/** 工伤保险按月待遇: each part's amount this month and its stop, the months paid, the month's trace; the stop action. */
function MonthlyBenefits({ claim, onStopped }: { claim: ClaimDetail; onStopped(): void }) {
  const { t } = useI18n();
  const can = useCan();
  const [stopping, setStopping] = useState(false);
  const monthly = claim.workInjuryMonthly!;
  const stopText = (p: MonthlyPart) => (p.stopPeriod ? `${p.stopPeriod} ${p.stopReason ?? t(`claims.monthly.stopCause.${p.stopCause}`)}` : '');
  return (
    <>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={5} style={{ margin: 0 }}>{`${t('claims.monthly')} · ${t('claims.monthly.period', { period: monthly.period })}`}</Typography.Title>
        {can('benefit.claim.request') && claim.status === 'approved' && (
          <Button danger size="small" onClick={() => setStopping(true)} data-testid="claim-monthly-stop">{t('claims.monthlyStop')}</Button>
        )}
      </Space>
      <Table<MonthlyPart>
        size="small" rowKey="part" pagination={false} dataSource={monthly.parts} data-testid="claim-monthly-parts"
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>{t('claims.monthly.total')}</Table.Summary.Cell>
            <Table.Summary.Cell index={1} />
            <Table.Summary.Cell index={2} align="right"><Money value={monthly.total} testId="claim-monthly-total" /></Table.Summary.Cell>
            <Table.Summary.Cell index={3} />
          </Table.Summary.Row>
        )}
        columns={[
          { key: 'part', title: t('claims.monthly.part'), dataIndex: 'part', render: (part: string) => monthlyPartLabel(part, t) },
          { key: 'approvedAmount', title: t('claims.monthly.approvedAmount'), dataIndex: 'approvedAmount', align: 'right', width: 160, render: (amount: string, row) => <Money value={amount} testId={`claim-monthly-approved-${row.part}`} /> },
          { key: 'amount', title: t('claims.monthly.amount'), dataIndex: 'amount', align: 'right', width: 200, render: (amount: string, row) => (
            <>
              <Money value={amount} testId={`claim-monthly-${row.part}`} />
              {row.adjustments.length > 0 && (
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }} data-testid={`claim-monthly-adjustments-${row.part}`}>
                  {t('claims.monthly.adjusted', { shares: row.adjustments.map((a) => percentOf(a.share) ?? a.share).join('、') })}
                </Typography.Text>
              )}
            </>
          ) },
          { key: 'stop', title: t('claims.monthly.stop'), render: (_, row) => <span data-testid={`claim-monthly-stop-${row.part}`}>{stopText(row)}</span> },
        ]}
      />
      <Typography.Title level={5} style={{ margin: 0 }}>{t('claims.monthsPaid')}</Typography.Title>
      <Table<MonthPaid>
        size="small" rowKey="period" pagination={false} dataSource={monthly.monthsPaid} data-testid="claim-months-paid" locale={{ emptyText: t('claims.monthsPaid.none') }}
        columns={[
          { key: 'period', title: t('claims.monthsPaid.period'), dataIndex: 'period', width: 120 },
          { key: 'amount', title: t('claims.monthsPaid.amount'), dataIndex: 'amount', align: 'right', width: 160, render: (amount: string) => <Money value={amount} /> },
          { key: 'parts', title: t('claims.monthsPaid.parts'), dataIndex: 'parts', render: (parts: MonthPaid['parts']) => parts.map((p) => `${monthlyPartLabel(p.part, t)} ${p.amount}`).join('；') },
        ]}
      />
      <Typography.Title level={5} style={{ margin: 0 }}>{t('claims.monthly.trace')}</Typography.Title>
      <TraceTable trace={monthly.trace} testId="claim-monthly-trace" />
      {stopping && <MonthlyStopForm claim={claim} open={stopping} onClose={() => setStopping(false)} onDone={() => { setStopping(false); onStopped(); }} />}
    </>
  );
}

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
          {c.firstPeriod && <Descriptions.Item label={t('claims.periods')}>{c.lastPeriod ? `${c.firstPeriod} ~ ${c.lastPeriod}（${t('quote.monthsValue', { n: c.months ?? 0 })}）` : periodsText(c, t)}</Descriptions.Item>}
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
        {c.workInjuryMonthly && <MonthlyBenefits claim={c} onStopped={claim.reload} />}
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

/** A payment's part: the amount's item (`funeral_grant`), or a month (`unemployment_benefit:2025-07`, `dependant_pension[0]:2026-03`). */
function partLabel(part: string, t: Translate) {
  const [item, month] = part.split(':');
  return month ? `${month} ${monthlyPartLabel(item, t)}` : t(`claims.item.${item}`);
}
