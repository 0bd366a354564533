/**
 * 待遇详情: one pension award (GET /api/pension/awards/:id) — who, which fund, the three parts and the amount in force;
 * the dated amounts from each adjustment; what happened to it (暂停、恢复、终止、调整) with the reason and who recorded
 * it; the latest three years of the payroll with the bank's answer (到账、退回 and the reason); and the overpayments
 * opened on it with what is recovered and outstanding (recorded on 死亡停发与待遇追回); the account it is paid into with
 * 变更发放账户 (through 复核 and 审批) and the changes asked. Opened from 养老金待遇.
 */
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { App, Button, Descriptions, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { api } from '../../api.ts';
import { useLoad, useRegionLabel } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { Page } from '../../components/Page.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { Money } from '../../components/Money.tsx';
import { AwardStatusTag, LineStatusTag } from './status.tsx';
import { OverpaymentsTable } from './OverpaymentsTable.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { useCan } from '../../permissions.ts';
import type { AwardDetail } from './types.ts';

/** The rows of the page's tables, as the detail gives them. */
type PaymentRow = AwardDetail['payments'][number];
type EventRow = AwardDetail['events'][number];
type AmountRow = AwardDetail['amounts'][number];
type AccountChangeRow = AwardDetail['account']['changes'][number];
const accountStatusColor: Record<AccountChangeRow['status'], string | undefined> = { submitted: 'processing', approved: 'success', returned: 'warning', cancelled: undefined };

export default function AwardDetailPage() {
  const { t } = useI18n();
  const regionLabel = useRegionLabel();
  const { id = '' } = useParams();
  const can = useCan();
  const { message } = App.useApp();
  const [changingAccount, setChangingAccount] = useState(false);
  const detail = useLoad((signal) => api.get<AwardDetail>(`/api/pension/awards/${encodeURIComponent(id)}`, undefined, signal), [id]);
  if (detail.error) return <ApiErrorView error={detail.error} retry={detail.reload} />;
  if (!detail.data) return <PageSpinner />;
  const { award, amounts, events, payments, overpayments, account } = detail.data;
  const accountChangeOpen = account.changes.some((change) => change.status === 'submitted' || change.status === 'returned');
  const money = (value: string) => <Money value={value} />;
  return (
    <Page
      title={`${t('award.detail')}：${award.name}`} testId="award-detail"
      extra={<Link to={`/persons/${award.personId}?tab=benefits`} data-testid="award-person-link"><Button>{t('award.personBenefits')}</Button></Link>}
    >
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} data-testid="award-header">
          <Descriptions.Item label={t('award.idNumber')}>{award.idNumber}</Descriptions.Item>
          <Descriptions.Item label={t('award.name')}>{award.name}</Descriptions.Item>
          <Descriptions.Item label={t('common.region')}>{regionLabel(award.regionCode)}</Descriptions.Item>
          <Descriptions.Item label={t('award.fund')}>{award.fund}（{t(`award.scheme.${award.scheme}`)}）</Descriptions.Item>
          <Descriptions.Item label={t('award.awardedOn')}>{award.awardedOn}</Descriptions.Item>
          <Descriptions.Item label={t('award.firstPeriod')}>{award.firstPeriod}</Descriptions.Item>
          <Descriptions.Item label={t('quote.basicPension')}>{money(award.basicPension)}</Descriptions.Item>
          <Descriptions.Item label={t('quote.accountPension')}>{money(award.accountPension)}</Descriptions.Item>
          <Descriptions.Item label={t('quote.transitionalPension')}>{money(award.transitionalPension)}</Descriptions.Item>
          <Descriptions.Item label={t('award.monthlyAmount')}><Money value={amounts.at(-1)?.monthlyAmount ?? award.monthlyAmount} testId="award-amount-now" /></Descriptions.Item>
          <Descriptions.Item label={t('common.status')}><AwardStatusTag status={award.status} /></Descriptions.Item>
          <Descriptions.Item label={t('award.statusReason')}>{award.statusReason ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('award.bankAccount')} span={2}>
            <Space>
              <span data-testid="award-bank-account">{account.bankAccount}</span>
              {can('pension.award.status') && award.status !== 'stopped' && !accountChangeOpen && (
                <Button size="small" onClick={() => setChangingAccount(true)} data-testid="award-account-change">{t('award.account.change')}</Button>
              )}
            </Space>
          </Descriptions.Item>
        </Descriptions>

        <Typography.Title level={5} style={{ margin: 0 }}>{t('award.amounts')}</Typography.Title>
        <Table<AmountRow>
          size="small" rowKey="effectivePeriod" pagination={false} dataSource={amounts} data-testid="award-amounts" locale={{ emptyText: t('award.amounts.none', { amount: award.monthlyAmount }) }}
          columns={[
            { key: 'effectivePeriod', title: t('award.amounts.from'), dataIndex: 'effectivePeriod', width: 120 },
            { key: 'monthlyAmount', title: t('award.monthlyAmount'), dataIndex: 'monthlyAmount', align: 'right', render: money },
            { key: 'increase', title: t('award.amounts.increase'), dataIndex: 'increase', align: 'right', render: money },
            { key: 'adjustmentRun', title: t('award.amounts.run'), dataIndex: 'adjustmentRun', render: (run: string | null) => run ?? '—' },
          ]}
        />

        <Typography.Title level={5} style={{ margin: 0 }}>{t('award.events')}</Typography.Title>
        <Table<EventRow>
          size="small" rowKey={(event) => `${event.happenedOn}${event.event}${event.effectivePeriod}`} pagination={false} dataSource={events} data-testid="award-events"
          locale={{ emptyText: t('award.events.none') }}
          columns={[
            { key: 'happenedOn', title: t('award.events.on'), dataIndex: 'happenedOn', width: 120 },
            { key: 'event', title: t('award.events.event'), dataIndex: 'event', width: 120, render: (event: EventRow['event']) => <Tag data-testid="award-event">{t(`award.event.${event}`)}</Tag> },
            { key: 'effectivePeriod', title: t('award.events.from'), dataIndex: 'effectivePeriod', width: 110 },
            { key: 'reason', title: t('award.statusReason'), dataIndex: 'reason' },
            { key: 'recordedBy', title: t('award.events.by'), dataIndex: 'recordedBy', width: 160 },
          ]}
        />

        <Typography.Title level={5} style={{ margin: 0 }}>{t('award.account.changes')}</Typography.Title>
        <Table<AccountChangeRow>
          size="small" rowKey="id" pagination={false} dataSource={account.changes} data-testid="award-account-changes" locale={{ emptyText: t('award.account.none') }}
          columns={[
            { key: 'requestedAt', title: t('award.events.on'), dataIndex: 'requestedAt', width: 120, render: (at: string) => at.slice(0, 10) },
            { key: 'from', title: t('award.account.from'), dataIndex: 'from' },
            { key: 'to', title: t('award.account.to'), dataIndex: 'to' },
            { key: 'reason', title: t('award.account.reason'), dataIndex: 'reason' },
            {
              key: 'status', title: t('common.status'), dataIndex: 'status', width: 110,
              render: (status: AccountChangeRow['status'], change) => (
                <Link to={`/approvals/${change.approvalItemId}`}><Tag color={accountStatusColor[status]} data-testid="award-account-status">{t(`award.account.status.${status}`)}</Tag></Link>
              ),
            },
            { key: 'requestedBy', title: t('award.account.requestedBy'), dataIndex: 'requestedBy', width: 140 },
            { key: 'approvedBy', title: t('award.account.approvedBy'), dataIndex: 'approvedBy', width: 140, render: (by: string | null) => by ?? '—' },
          ]}
        />

        <Typography.Title level={5} style={{ margin: 0 }}>{t('award.payments')}</Typography.Title>
        <Table<PaymentRow>
          size="small" rowKey="reference" pagination={false} dataSource={payments} data-testid="award-payments" locale={{ emptyText: t('award.payments.none') }}
          columns={[
            { key: 'period', title: t('award.payments.period'), dataIndex: 'period', width: 100, render: (period: string, payment) => <Link to={`/benefits/payroll/${payment.batch}`}>{period}</Link> },
            { key: 'reference', title: t('payroll.line.reference'), dataIndex: 'reference' },
            { key: 'amount', title: t('payroll.line.amount'), dataIndex: 'amount', align: 'right', render: (amount: string) => <Money value={amount} testId="award-payment-amount" /> },
            { key: 'amountOffset', title: t('payroll.line.amountOffset'), dataIndex: 'amountOffset', align: 'right', render: (amount: string) => <Money value={amount} /> },
            { key: 'status', title: t('common.status'), dataIndex: 'status', width: 90, render: (status: PaymentRow['status']) => <LineStatusTag status={status} /> },
            { key: 'paidOn', title: t('payroll.line.paidOn'), dataIndex: 'paidOn', width: 110, render: (on: string | null) => on ?? '—' },
            { key: 'returnCount', title: t('payroll.line.returnCount'), dataIndex: 'returnCount', width: 90, align: 'right' },
            { key: 'reason', title: t('payroll.line.reason'), dataIndex: 'reason', render: (reason: string | null) => reason ?? '' },
          ]}
        />

        <Typography.Title level={5} style={{ margin: 0 }}>{t('award.overpayments')}</Typography.Title>
        <OverpaymentsTable overpayments={overpayments} testId="award-overpayments" />
        {overpayments.length > 0 && <Link to="/benefits/pension/deaths">{t('award.overpayments.record')}</Link>}
      </Space>
      <FormModal<{ bankAccount: string; reason: string }>
        title={t('award.account.title')} open={changingAccount} onClose={() => setChangingAccount(false)} fields={['bankAccount', 'reason']} testId="award-account-modal"
        onSubmit={(values) => api.post(`/api/pension/awards/${encodeURIComponent(id)}/account-changes`, values)}
        onDone={() => { message.success(t('award.account.submitted')); detail.reload(); }}
        confirm={(values) => t('award.account.confirm', { from: account.bankAccount, to: values.bankAccount })}
      >
        <Form.Item name="bankAccount" label={t('award.account.new')} extra={t('award.account.newRule')} rules={[{ required: true, pattern: /^[0-9]{8,40}$/, message: t('award.account.newRule') }]}>
          <Input inputMode="numeric" data-testid="award-account-new" />
        </Form.Item>
        <Form.Item name="reason" label={t('award.account.reason')} rules={[{ required: true, min: 2, max: 500 }]}>
          <Input.TextArea rows={2} placeholder={t('award.account.reasonHint')} data-testid="award-account-reason" />
        </Form.Item>
      </FormModal>
    </Page>
  );
}
