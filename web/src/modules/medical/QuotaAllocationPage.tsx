/**
 * 总额预算指标分配: the year's quotas of the pooling region's institutions from the approved budget of its employee
 * medical fund (POST /api/medical/quotas/allocation/preview) — 住院 to the hospitals, 门诊 to the pharmacies, less the
 * adjustment reserve, by each institution's history × the factor of its kind. Holders of medical.manage set a quota by
 * hand with a reason (the rest of its pool goes to the others, recomputed by the server) and submit the allocation to
 * 复核、审批 after a confirmation; the final approval writes the quotas in force. The latest stored allocation
 * (GET /api/medical/quotas/allocation) shows above, with its status along the sign-off.
 */
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Card, Descriptions, Empty, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { CalculatorOutlined, SendOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api, type ApiError } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { useCan } from '../../permissions.ts';
import { Page } from '../../components/Page.tsx';
import { Money } from '../../components/Money.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { approvalsChanged } from '../../platform/signoff/shared.tsx';
import type { QuotaAllocation, QuotaAllocationLine } from './types.ts';

const statusColor: Record<string, string> = { submitted: 'orange', returned: 'red', approved: 'green', cancelled: 'default' };
const YUAN = /^\d{1,13}(\.\d{1,2})?$/;

interface Adjustment { quota: string; reason: string }

/** The pools: each budget line with its reserve, what is allocable and what the quotas take of it. */
function Pools({ allocation }: { allocation: QuotaAllocation }) {
  const { t } = useI18n();
  const money = (key: 'budget' | 'reserve' | 'allocable' | 'allocated' | 'unallocated') => ({
    key, title: t(`quotaAllocation.pool.${key}`), dataIndex: key, align: 'right' as const,
    render: (value: string, pool: QuotaAllocation['pools'][number]) => <Money value={value} testId={`${key}-${pool.line}`} />,
  });
  return (
    <Table
      size="small" rowKey="line" dataSource={allocation.pools} pagination={false} data-testid="allocation-pools"
      columns={[{ key: 'name', title: t('quotaAllocation.line'), dataIndex: 'name' }, money('budget'), money('reserve'), money('allocable'), money('allocated'), money('unallocated')]}
    />
  );
}

/** The lines; with `edit`, the quota and reason cells are inputs for the adjustments. */
function Lines({ allocation, edit, testId }: {
  allocation: QuotaAllocation; testId: string;
  edit?: { adjustments: Record<string, Adjustment>; change(code: string, adjustment: Adjustment | null): void };
}) {
  const { t } = useI18n();
  const basisOf = (line: QuotaAllocationLine) => (
    <Space size={4}>
      <Money value={line.basis} />
      <Tag>{line.basisSource === 'settled' ? t('quotaAllocation.basis.settled', { months: line.basisMonths }) : t(`quotaAllocation.basis.${line.basisSource}`)}</Tag>
    </Space>
  );
  return (
    <Table<QuotaAllocationLine>
      size="small" rowKey="code" dataSource={allocation.lines} pagination={false} scroll={{ x: 'max-content' }} data-testid={testId}
      columns={[
        { key: 'code', title: t('institutions.code'), dataIndex: 'code', width: 90 },
        { key: 'name', title: t('institutions.name'), dataIndex: 'name' },
        { key: 'kind', title: t('institutions.kind'), dataIndex: 'kind', render: (kind: string) => t(`institutions.kind.${kind}`) },
        { key: 'basis', title: t('quotaAllocation.basis'), render: (_, line) => basisOf(line) },
        { key: 'factor', title: t('quotaAllocation.factor'), dataIndex: 'factor', align: 'right' },
        { key: 'previousQuota', title: t('quotaAllocation.previousQuota'), dataIndex: 'previousQuota', align: 'right', render: (value: string | null) => (value ? <Money value={value} /> : '—') },
        { key: 'proposed', title: t('quotaAllocation.proposed'), dataIndex: 'proposed', align: 'right', render: (value: string) => <Money value={value} /> },
        {
          key: 'quota', title: t('quotaAllocation.quota'), dataIndex: 'quota', align: 'right', width: 170,
          render: (value: string, line) => {
            const adjustment = edit?.adjustments[line.code];
            if (!edit) return <Money value={value} testId={`quota-${line.code}`} />;
            return (
              <Input
                value={adjustment?.quota ?? value} inputMode="decimal" style={{ width: 150, textAlign: 'right' }} data-testid={`quota-input-${line.code}`}
                status={adjustment && !YUAN.test(adjustment.quota) ? 'error' : undefined}
                onChange={(event) => edit.change(line.code, event.target.value === value && !adjustment?.reason ? null : { quota: event.target.value, reason: adjustment?.reason ?? '' })}
              />
            );
          },
        },
        {
          key: 'reason', title: t('quotaAllocation.reason'), dataIndex: 'reason', width: 220,
          render: (reason: string | null, line) => {
            const adjustment = edit?.adjustments[line.code];
            if (!edit || !adjustment) return reason ?? '';
            return (
              <Input
                value={adjustment.reason} placeholder={t('quotaAllocation.reasonPlaceholder')} status={adjustment.reason.trim().length < 2 ? 'error' : undefined}
                data-testid={`reason-input-${line.code}`} onChange={(event) => edit.change(line.code, { ...adjustment, reason: event.target.value })}
              />
            );
          },
        },
        { key: 'reserveShare', title: t('institutions.reserveShare'), dataIndex: 'reserveShare', align: 'right' },
      ]}
    />
  );
}

/** No approved budget (409 naming the year): what to do first; any other error as the API says it. */
function NoBudget({ error, retry }: { error: ApiError; retry(): void }) {
  const { t } = useI18n();
  if (error.status !== 409) return <ApiErrorView error={error} retry={retry} />;
  return (
    <Empty description={error.message} data-testid="allocation-no-budget">
      <Link to="/budget">{t('quotaAllocation.toBudget')}</Link>
    </Empty>
  );
}

export default function QuotaAllocationPage() {
  const { t } = useI18n();
  const can = useCan();
  const { modal, message } = App.useApp();
  const [search, setSearch] = useSearchParams();
  const year = Number(search.get('year') || dayjs().year());
  const region = search.get('region') || undefined;
  const setQuery = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(search);
    for (const [key, value] of Object.entries(changes)) if (value) next.set(key, value); else next.delete(key);
    setSearch(next, { replace: true });
  };
  const [adjustments, setAdjustments] = useState<Record<string, Adjustment>>({});
  const [applied, setApplied] = useState<Record<string, Adjustment>>({});
  const body = () => ({ year, region, adjustments: Object.entries(applied).map(([institution, adjustment]) => ({ institution, ...adjustment })) });
  const stored = useLoad((signal) => api.get<QuotaAllocation>('/api/medical/quotas/allocation', { year, region }, signal), [year, region]);
  const proposal = useLoad(() => api.post<QuotaAllocation>('/api/medical/quotas/allocation/preview', body()), [year, region, applied]);
  const pending = JSON.stringify(adjustments) !== JSON.stringify(applied);
  const invalid = Object.values(adjustments).some((adjustment) => !YUAN.test(adjustment.quota) || adjustment.reason.trim().length < 2);
  const change = (code: string, adjustment: Adjustment | null) => setAdjustments((previous) => {
    const next = { ...previous };
    if (adjustment) next[code] = adjustment; else delete next[code];
    return next;
  });
  const waiting = stored.data?.allocation?.status === 'submitted' || stored.data?.allocation?.status === 'returned';
  const submit = () => modal.confirm({
    title: t('quotaAllocation.submitTitle', { year }),
    content: t('quotaAllocation.submitConfirm', { year, count: proposal.data!.lines.filter((line) => line.quota !== '0.00').length, total: proposal.data!.total }),
    okText: t('quotaAllocation.submit'), okButtonProps: { 'data-testid': 'confirm-ok' },
    onOk: async () => {
      try {
        await api.post<QuotaAllocation>('/api/medical/quotas/allocation', body());
        message.success(t('quotaAllocation.submitted'));
        stored.reload();
        approvalsChanged();
      } catch (failure) { message.error((failure as Error).message); }
    },
  });

  return (
    <Page title={t('quotaAllocation.title')} testId="quota-allocation-page">
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text>{t('institutions.year')}</Typography.Text>
          <InputNumber value={year} min={2000} max={2100} precision={0} onChange={(value) => value && setQuery({ year: String(value) })} data-testid="allocation-year" />
          <Typography.Text>{t('institutions.poolingRegion')}</Typography.Text>
          <RegionSelect value={region} onChange={(value) => setQuery({ region: value })} style={{ width: 260 }} testId="allocation-region" />
        </Space>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('quotaAllocation.rule')}</Typography.Paragraph>

        <Card size="small" title={t('quotaAllocation.stored', { year })} data-testid="allocation-stored">
          {stored.error ? (stored.error.status === 404 ? <Empty description={t('quotaAllocation.none', { year })} data-testid="allocation-none" /> : <ApiErrorView error={stored.error} retry={stored.reload} />) : stored.data?.allocation && (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Descriptions size="small" column={{ xs: 1, md: 4 }}>
                <Descriptions.Item label={t('common.status')}>
                  <Tag color={statusColor[stored.data.allocation.status]} data-testid="allocation-status" data-status={stored.data.allocation.status}>{t(`quotaAllocation.status.${stored.data.allocation.status}`)}</Tag>
                  {waiting && stored.data.allocation.approvalItemId && can('approvals.read') && <Link to={`/approvals/${stored.data.allocation.approvalItemId}`}>{t('runs.inInbox')}</Link>}
                </Descriptions.Item>
                <Descriptions.Item label={t('quotaAllocation.total')}><Money value={stored.data.total} testId="allocation-stored-total" /></Descriptions.Item>
                <Descriptions.Item label={t('quotaAllocation.submittedBy')}>{stored.data.allocation.createdBy}</Descriptions.Item>
                <Descriptions.Item label={t('quotaAllocation.budgetVersion')}>{can('budget.read') ? <Link to={`/budget/versions/${stored.data.budgetVersionId}`}>{t('quotaAllocation.openVersion')}</Link> : t('quotaAllocation.approvedVersion')}</Descriptions.Item>
              </Descriptions>
              <Lines allocation={stored.data} testId="allocation-stored-lines" />
            </Space>
          )}
        </Card>

        <Card
          size="small" title={t('quotaAllocation.proposal', { year })} data-testid="allocation-proposal"
          extra={can('medical.manage') && proposal.data && (
            <Space>
              <Button icon={<CalculatorOutlined />} disabled={!pending || invalid} onClick={() => setApplied(adjustments)} data-testid="allocation-recompute">{t('quotaAllocation.recompute')}</Button>
              <Button type="primary" icon={<SendOutlined />} disabled={pending || waiting} onClick={submit} data-testid="allocation-submit">{t('quotaAllocation.submit')}</Button>
            </Space>
          )}
        >
          {proposal.error ? <NoBudget error={proposal.error} retry={proposal.reload} /> : proposal.data && (
            <Space direction="vertical" style={{ width: '100%' }}>
              {waiting && <Alert type="info" showIcon message={t('quotaAllocation.waiting')} />}
              {pending && <Alert type="warning" showIcon message={t('quotaAllocation.pending')} data-testid="allocation-pending" />}
              <Descriptions size="small" column={{ xs: 1, md: 3 }}>
                <Descriptions.Item label={t('quotaAllocation.basisMonths')}>{proposal.data.basis ? `${proposal.data.basis.from} — ${proposal.data.basis.to}` : t('quotaAllocation.noBasis')}</Descriptions.Item>
                <Descriptions.Item label={t('quotaAllocation.total')}><Money value={proposal.data.total} testId="allocation-total" /></Descriptions.Item>
                <Descriptions.Item label={t('quotaAllocation.budgetVersion')}>{can('budget.read') ? <Link to={`/budget/versions/${proposal.data.budgetVersionId}`}>{t('quotaAllocation.openVersion')}</Link> : t('quotaAllocation.approvedVersion')}</Descriptions.Item>
              </Descriptions>
              <Pools allocation={proposal.data} />
              <Lines allocation={proposal.data} testId="allocation-lines" edit={can('medical.manage') ? { adjustments, change } : undefined} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{proposal.data.rules.references.join('；')}</Typography.Text>
            </Space>
          )}
        </Card>
      </Space>
    </Page>
  );
}
