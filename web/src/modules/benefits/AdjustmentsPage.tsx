/**
 * 养老金调整: a region's annual adjustment previewed (POST /api/pension/adjustments/preview: the province's rules in
 * force on 1 January with their sources, the totals against the national overall level, and each award's increase by
 * its parts — 定额、挂钩缴费年限、挂钩养老金水平、高龄倾斜), then submitted after a confirmation (POST
 * /api/pension/adjustments: a job, chunk by chunk of awards, followed with <JobProgress>) to 复核 and 审批 in the 待办
 * inbox; applied from January on the final approval.
 */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Card, Descriptions, InputNumber, Space, Table, Typography } from 'antd';
import { CalculatorOutlined, SendOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api, ApiError } from '../../api.ts';
import { useI18n } from '../../i18n.ts';
import { useCan } from '../../permissions.ts';
import { useRegionLabel } from '../../hooks.ts';
import { useMe } from '../../session.tsx';
import { Page } from '../../components/Page.tsx';
import { Money } from '../../components/Money.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { JobProgress, type Job } from '../../components/JobProgress.tsx';
import { approvalsChanged } from '../../platform/signoff/shared.tsx';
import type { AdjustmentLine, AdjustmentPreview } from './types.ts';

const PREVIEW_LINES = 200;
type Submitted = Omit<AdjustmentPreview, 'lines'> & { runId: string; approvalItem: { id: string; title: string } };

function RulesApplied({ rules }: { rules: AdjustmentPreview['rules'] }) {
  const { t } = useI18n();
  const rows = Object.entries(rules).map(([name, rule]) => ({ name, ...(rule as { value: unknown; reference?: string; parameter?: string }) }));
  const shown = (value: unknown) => (typeof value === 'object' && value !== null ? Object.entries(value).map(([age, amount]) => t('adjustment.tilt', { age, amount: String(amount) })).join('；') : String(value));
  return (
    <Table
      size="small" rowKey="name" pagination={false} dataSource={rows} data-testid="adjustment-rules"
      columns={[
        { key: 'name', title: t('adjustment.rule'), dataIndex: 'name', width: 180, render: (name: string) => t(`adjustment.rule.${name}`) },
        { key: 'value', title: t('adjustment.value'), dataIndex: 'value', render: shown },
        { key: 'reference', title: t('adjustment.reference'), dataIndex: 'reference' },
      ]}
    />
  );
}

export default function AdjustmentsPage() {
  const { t } = useI18n();
  const can = useCan();
  const { modal } = App.useApp();
  const regionLabel = useRegionLabel();
  // the user's own region first: an adjustment is run per region
  const [region, setRegion] = useState<string | undefined>(useMe().regionCode ?? undefined);
  const [year, setYear] = useState(dayjs().year());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [preview, setPreview] = useState<AdjustmentPreview>();
  const [run, setRun] = useState<Job>();
  const submitted = run?.status === 'completed' ? run.result as Submitted : undefined;

  const attempt = async (work: () => Promise<void>) => {
    setBusy(true); setError(undefined);
    try { await work(); } catch (failure) {
      setError(failure instanceof ApiError ? failure : new ApiError(0, 'client', String(failure)));
    } finally { setBusy(false); }
  };
  const previewRun = () => attempt(async () => {
    setRun(undefined);
    setPreview(await api.post<AdjustmentPreview>(`/api/pension/adjustments/preview?limit=${PREVIEW_LINES}`, { region, year }));
  });
  const submit = () => modal.confirm({
    title: t('adjustment.submitTitle', { year }),
    content: t('adjustment.submitConfirm', { region: regionLabel(region), year, awards: preview?.awards ?? 0, increase: preview?.totalIncrease ?? '' }),
    okText: t('adjustment.submit'), cancelText: t('common.cancel'), okButtonProps: { 'data-testid': 'confirm-ok' },
    onOk: () => attempt(async () => { setRun(await api.post<Job>('/api/pension/adjustments', { region, year })); }),
  });

  const money = (key: 'amountBefore' | 'increase' | 'amountAfter', title: string) => ({ key, title, dataIndex: key, align: 'right' as const, render: (value: string) => <Money value={value} /> });
  const part = (key: 'fixed' | 'years' | 'level' | 'ageTilt', title: string) => ({ key, title, align: 'right' as const, render: (_: unknown, line: AdjustmentLine) => <Money value={line.parts[key]} /> });

  return (
    <Page title={t('adjustment.title')} testId="adjustments-page">
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('adjustment.explain')}</Typography.Paragraph>
        <Space wrap>
          <Typography.Text>{t('common.region')}</Typography.Text>
          <RegionSelect value={region} onChange={setRegion} style={{ width: 260 }} testId="adjustment-region" />
          <Typography.Text>{t('adjustment.year')}</Typography.Text>
          <InputNumber value={year} onChange={(value) => value && setYear(value)} min={2000} max={2100} precision={0} data-testid="adjustment-year" />
          <Button type="primary" icon={<CalculatorOutlined />} loading={busy} onClick={previewRun} disabled={!can('pension.adjustment.request')} data-testid="adjustment-preview">
            {t('adjustment.preview')}
          </Button>
          {preview && can('pension.adjustment.request') && !run && (
            <Button icon={<SendOutlined />} loading={busy} onClick={submit} data-testid="adjustment-submit">{t('adjustment.submit')}</Button>
          )}
        </Space>
        {error && <Alert type="error" showIcon message={t('adjustment.refused')} description={error.message} data-testid="adjustment-error" />}
        {run && <JobProgress job={run} testId="adjustment-progress" onFinished={(job) => { setRun(job); if (job.status === 'completed') approvalsChanged(); }} />}
        {submitted && (
          <Alert
            type="success" showIcon data-testid="adjustment-submitted" message={t('adjustment.submitted', { awards: submitted.awards, increase: submitted.totalIncrease })}
            description={<Link to={`/approvals/${submitted.approvalItem.id}`}>{t('adjustment.toInbox')}</Link>}
          />
        )}
        {preview && (
          <>
            <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} data-testid="adjustment-totals">
              <Descriptions.Item label={t('adjustment.effectivePeriod')}>{preview.effectivePeriod}</Descriptions.Item>
              <Descriptions.Item label={t('adjustment.awards')}><span data-testid="adjustment-awards">{preview.awards}</span></Descriptions.Item>
              <Descriptions.Item label={t('adjustment.totalBefore')}><Money value={preview.totalBefore} /></Descriptions.Item>
              <Descriptions.Item label={t('adjustment.totalIncrease')}><Money value={preview.totalIncrease} testId="adjustment-total-increase" /></Descriptions.Item>
              <Descriptions.Item label={t('adjustment.increaseShare')}>{preview.increaseShare}</Descriptions.Item>
              <Descriptions.Item label={t('adjustment.overallRate')}>{preview.overallRate}</Descriptions.Item>
            </Descriptions>
            <Card size="small" title={t('adjustment.rules')}><RulesApplied rules={preview.rules} /></Card>
            <Card size="small" title={t('adjustment.lines', { shown: preview.lines.length, awards: preview.awards })}>
              <Table<AdjustmentLine>
                size="small" rowKey="awardId" dataSource={preview.lines} scroll={{ x: 'max-content' }} data-testid="adjustment-lines"
                columns={[
                  { key: 'awardId', title: t('adjustment.award'), dataIndex: 'awardId' },
                  { key: 'region', title: t('common.region'), dataIndex: 'regionCode', render: (code: string) => regionLabel(code) },
                  money('amountBefore', t('adjustment.amountBefore')),
                  part('fixed', t('adjustment.part.fixed')),
                  { ...part('years', t('adjustment.part.years')), render: (_: unknown, line: AdjustmentLine) => <span><Money value={line.parts.years} />（{t('adjustment.yearsCount', { years: line.parts.contributionYears })}）</span> },
                  { ...part('level', t('adjustment.part.level')), render: (_: unknown, line: AdjustmentLine) => <span><Money value={line.parts.level} />（{line.parts.levelRate}）</span> },
                  { ...part('ageTilt', t('adjustment.part.ageTilt')), render: (_: unknown, line: AdjustmentLine) => <span><Money value={line.parts.ageTilt} />（{t('adjustment.ageCount', { age: line.parts.age })}）</span> },
                  money('increase', t('adjustment.increase')),
                  money('amountAfter', t('adjustment.amountAfter')),
                ]}
              />
            </Card>
          </>
        )}
      </Space>
    </Page>
  );
}
