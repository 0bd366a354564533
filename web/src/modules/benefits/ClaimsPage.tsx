/**
 * 待遇申领: the unemployment, work injury and maternity claims in the user's scope (GET /api/benefits/claims) by
 * kind, status, region and ID number, each opening its detail (amounts and trace). Holders of benefit.claim.request
 * submit a claim of each kind (to 复核 and 审批 in the 待办 inbox) and stop an approved unemployment benefit from a
 * month with one of the reasons of 失业保险条例 第十五条 (a monthly work-injury benefit is stopped on its claim's page);
 * holders of benefit.claim.run run a month (待遇月度处理: the automatic stops and the medical contributions the
 * unemployment fund pays, the unemployment and work-injury months ordered), after a confirmation — a job followed with
 * <JobProgress> — and see what it did, with links to the 用款申请 it filed.
 */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, DatePicker, Descriptions, Dropdown, Form, Select, Space, Tag, Typography } from 'antd';
import { CalculatorOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api.ts';
import { useRegionLabel } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { useCan } from '../../permissions.ts';
import { ListPage, type ListColumn } from '../../components/ListPage.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { Money } from '../../components/Money.tsx';
import { JobProgress, type Job } from '../../components/JobProgress.tsx';
import { approvalsChanged } from '../../platform/signoff/shared.tsx';
import { ClaimsSubmitForm } from './ClaimsSubmitForm.tsx';
import type { Claim, ClaimKind, ClaimMonth, ClaimStatus, ClaimSubmitted, StopBody } from './types.ts';

const kinds: ClaimKind[] = ['unemployment', 'work_injury', 'maternity'];
/** the statuses the list filters by (returned and withdrawn show what the sign-off item says) */
const statuses: ClaimStatus[] = ['submitted', 'approved', 'stopped'];
const stopReasons: Array<StopBody['reason']> = ['reemployment', 'enlistment', 'emigration', 'pension', 'refused_work', 'imprisonment', 'death'];
const statusColors: Record<ClaimStatus, string> = { submitted: 'orange', approved: 'green', stopped: 'default', returned: 'red', withdrawn: 'default' };

export function ClaimStatusTag({ status }: { status: ClaimStatus }) {
  const { t } = useI18n();
  return <Tag color={statusColors[status]} data-testid="claim-status" data-status={status}>{t(`claims.status.${status}`)}</Tag>;
}

function StopForm({ claim, onClose, onDone }: { claim: Claim | undefined; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const month = (value: string | null) => (value ? dayjs(`${value}-01`) : undefined);
  return (
    <FormModal<{ fromPeriod: Dayjs; reason: StopBody['reason'] }, Claim>
      title={t('claims.stopTitle', { name: claim?.name ?? '' })} open={claim !== undefined} onClose={onClose} onDone={onDone} testId="claim-stop-form"
      fields={['fromPeriod', 'reason']} danger okText={t('claims.stop')} initialValues={{ fromPeriod: dayjs().startOf('month'), reason: 'reemployment' }}
      confirm={(values) => t('claims.stopConfirm', { period: values.fromPeriod.format('YYYY-MM') })}
      onSubmit={(values) => api.post<Claim>(`/api/benefits/claims/${claim!.id}/stop`, { fromPeriod: values.fromPeriod.format('YYYY-MM'), reason: values.reason } satisfies StopBody)}
    >
      {claim && <Typography.Paragraph type="secondary">{t('claims.stopExplain', { first: claim.firstPeriod ?? '', last: claim.lastPeriod ?? '' })}</Typography.Paragraph>}
      <Form.Item name="fromPeriod" label={t('claims.stopPeriod')} rules={[{ required: true }]}>
        <DatePicker picker="month" disabledDate={(value) => (claim ? value.isBefore(month(claim.firstPeriod), 'month') || value.isAfter(month(claim.lastPeriod), 'month') : false)} />
      </Form.Item>
      <Form.Item name="reason" label={t('claims.stopReason')} rules={[{ required: true }]}>
        <Select options={stopReasons.map((value) => ({ value, label: t(`claims.stopReason.${value}`) }))} data-testid="claim-stop-reason" />
      </Form.Item>
    </FormModal>
  );
}

function MonthRunForm({ open, onClose, onDone }: { open: boolean; onClose(): void; onDone(job: Job): void }) {
  const { t } = useI18n();
  return (
    <FormModal<{ period: Dayjs }, Job>
      title={t('claims.run')} open={open} onClose={onClose} onDone={onDone} testId="claim-run-form" fields={['period']} okText={t('claims.run')}
      initialValues={{ period: dayjs().startOf('month') }}
      confirm={(values) => t('claims.runConfirm', { period: values.period.format('YYYY-MM') })}
      onSubmit={(values) => api.post<Job>('/api/benefits/claims/months', { period: values.period.format('YYYY-MM') })}
    >
      <Form.Item name="period" label={t('claims.runPeriod')} rules={[{ required: true }]}>
        <DatePicker picker="month" data-testid="claim-run-period" />
      </Form.Item>
    </FormModal>
  );
}

/** What a completed run did; the 用款申请 it filed wait for finance in the 待办 inbox. */
function MonthRunResult({ result }: { result: ClaimMonth }) {
  const { t } = useI18n();
  return (
    <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} title={t('claims.runDone', { period: result.period })} data-testid="claim-run-result">
      <Descriptions.Item label={t('claims.run.stopped')}><span data-testid="claim-run-stopped">{result.stopped}</span></Descriptions.Item>
      <Descriptions.Item label={t('claims.run.claimants')}><span data-testid="claim-run-claimants">{result.claimants}</span></Descriptions.Item>
      <Descriptions.Item label={t('claims.run.benefits')}><Money value={result.benefits} testId="claim-run-benefits" /></Descriptions.Item>
      <Descriptions.Item label={t('claims.run.medicalContributions')}><Money value={result.medicalContributions} testId="claim-run-medical" /></Descriptions.Item>
      <Descriptions.Item label={t('claims.run.entries')}>{result.entries.length}</Descriptions.Item>
      <Descriptions.Item label={t('claims.run.paymentOrders')}><span data-testid="claim-run-orders">{result.paymentOrders.length + result.workInjury.paymentOrders.length}</span></Descriptions.Item>
      <Descriptions.Item label={t('claims.run.workInjuryClaimants')}><span data-testid="claim-run-work-injury">{result.workInjury.claimants}</span></Descriptions.Item>
      <Descriptions.Item label={t('claims.run.workInjuryBenefits')}><Money value={result.workInjury.benefits} /></Descriptions.Item>
      <Descriptions.Item label={t('claims.run.transfers')}>
        <span data-testid="claim-run-transfers">
          {result.transfers.length === 0 ? t('claims.run.noTransfer') : result.transfers.map((transfer) => (
            <Link key={transfer.approvalItemId} to={`/approvals/${transfer.approvalItemId}`} style={{ display: 'block' }}>
              {t('claims.run.transfer', { fund: transfer.fund, amount: transfer.amount, orders: transfer.orders })}
            </Link>
          ))}
        </span>
      </Descriptions.Item>
    </Descriptions>
  );
}

/** The months a claim is paid: an unemployment benefit's months, a monthly work-injury benefit from its first month (until it stops). */
export function periodsText(claim: Claim, t: (key: string, params?: Record<string, string | number>) => string) {
  if (!claim.firstPeriod) return '';
  return claim.lastPeriod ? `${claim.firstPeriod} ~ ${claim.lastPeriod}（${claim.months}）` : t('claims.periodsFrom', { first: claim.firstPeriod });
}

export default function ClaimsPage() {
  const { t } = useI18n();
  const can = useCan();
  const regionLabel = useRegionLabel();
  const [refresh, setRefresh] = useState(0);
  const [submitting, setSubmitting] = useState<ClaimKind>();
  const [submitted, setSubmitted] = useState<ClaimSubmitted>();
  const [stopping, setStopping] = useState<Claim>();
  const [running, setRunning] = useState(false);
  const [monthRun, setMonthRun] = useState<Job>();
  const changed = () => setRefresh((n) => n + 1);

  const columns: Array<ListColumn<Claim>> = [
    { key: 'idNumber', title: t('award.idNumber'), dataIndex: 'idNumber', width: 190, render: (idNumber: string, claim) => <Link to={`/benefits/claims/${claim.id}`} data-testid="claim-link">{idNumber}</Link> },
    { key: 'name', title: t('award.name'), dataIndex: 'name', width: 100 },
    { key: 'region', title: t('common.region'), dataIndex: 'regionCode', render: (code: string) => regionLabel(code) },
    { key: 'kind', title: t('claims.kind'), dataIndex: 'kind', width: 120, render: (kind: ClaimKind) => t(`claims.kind.${kind}`) },
    { key: 'eventDate', title: t('claims.eventDate'), dataIndex: 'eventDate', width: 110 },
    { key: 'monthlyAmount', title: t('claims.monthlyAmount'), dataIndex: 'monthlyAmount', money: true },
    { key: 'oneOffAmount', title: t('claims.oneOffAmount'), dataIndex: 'oneOffAmount', money: true },
    { key: 'periods', title: t('claims.periods'), width: 170, render: (_, claim) => periodsText(claim, t) },
    { key: 'fund', title: t('claims.fund'), dataIndex: 'fund', width: 150 },
    { key: 'status', title: t('common.status'), dataIndex: 'status', width: 90, render: (status: ClaimStatus) => <ClaimStatusTag status={status} /> },
    { key: 'stopReason', title: t('claims.stopReason'), dataIndex: 'stopReason', render: (reason: string | null, claim) => (reason ? `${claim.stopPeriod} ${reason}` : '') },
    ...(can('benefit.claim.request') ? [{
      key: 'actions', title: t('common.actions'), width: 80,
      render: (_: unknown, claim: Claim) => claim.kind === 'unemployment' && claim.status === 'approved' && (
        <Button size="small" type="link" danger onClick={() => setStopping(claim)} data-testid="claim-stop">{t('claims.stop')}</Button>
      ),
    }] : []),
  ];

  return (
    <ListPage<Claim>
      listId="benefit-claims" title={t('claims.title')} testId="claims-page" tableTestId="claims-table" endpoint="/api/benefits/claims" rowKey="id"
      columns={columns} refresh={refresh}
      filters={[
        { kind: 'enum', param: 'kind', label: t('claims.kind'), options: kinds.map((value) => ({ value, label: t(`claims.kind.${value}`) })), testId: 'claims-kind' },
        { kind: 'enum', param: 'status', label: t('common.status'), options: statuses.map((value) => ({ value, label: t(`claims.status.${value}`) })), testId: 'claims-status' },
        { kind: 'region', param: 'region', label: t('common.region') },
        { kind: 'text', param: 'idNumber', label: t('award.idNumber'), width: 220 },
      ]}
      extra={(
        <>
          {can('benefit.claim.request') && (
            <Dropdown menu={{ items: kinds.map((kind) => ({ key: kind, label: <span data-testid={`claims-new-${kind}`}>{t(`claims.kind.${kind}`)}</span> })), onClick: ({ key }) => setSubmitting(key as ClaimKind) }}>
              <Button type="primary" icon={<PlusOutlined />} data-testid="claims-new">{t('claims.new')}</Button>
            </Dropdown>
          )}
          {can('benefit.claim.run') && <Button icon={<CalculatorOutlined />} onClick={() => setRunning(true)} data-testid="claims-run">{t('claims.run')}</Button>}
        </>
      )}
      header={(submitted || monthRun) && (
        <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }}>
          {submitted && (
            <Alert
              type="success" showIcon closable onClose={() => setSubmitted(undefined)} data-testid="claim-submitted"
              message={t('claims.submitted', { title: submitted.approvalItem.title })}
              description={<Link to={`/approvals/${submitted.approvalItem.id}`} data-testid="claim-approval-link">{t('claims.toInbox')}</Link>}
            />
          )}
          {monthRun && <JobProgress job={monthRun} testId="claim-run-progress" onFinished={(job) => { setMonthRun(job); changed(); }} />}
          {monthRun?.status === 'completed' && <MonthRunResult result={monthRun.result as ClaimMonth} />}
        </Space>
      )}
    >
      <ClaimsSubmitForm kind={submitting} onClose={() => setSubmitting(undefined)} onDone={(result) => { setSubmitted(result); approvalsChanged(); changed(); }} />
      <StopForm claim={stopping} onClose={() => setStopping(undefined)} onDone={changed} />
      <MonthRunForm open={running} onClose={() => setRunning(false)} onDone={setMonthRun} />
    </ListPage>
  );
}
