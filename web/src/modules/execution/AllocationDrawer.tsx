/**
 * 分月用款计划 of one fund, in a drawer of the 预算指标 page: the current plan's 12 months per expense line with its
 * method and who approved it, a proposal awaiting sign-off, and the form to propose a plan (even, seasonal from the
 * ledger's last complete year, or by hand) confirmed before it goes to 复核 and 审批 (GET/POST
 * /api/execution/allocation-plans). The server splits and checks; a hand plan off the line's amount comes back naming
 * the line and what December would have to be.
 */
import { useState } from 'react';
import type { Static } from '@sinclair/typebox';
import { Button, Descriptions, Drawer, Empty, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { api } from '../../api.ts';
import { fenToYuan, formatDateTime, toFen } from '../../format.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { useCan } from '../../permissions.ts';
import { Money } from '../../components/Money.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { approvalsChanged } from '../../platform/signoff/shared.tsx';
import type * as AllocationSchemas from '../../../../src/modules/execution/allocation/allocation.schemas.ts';
import type { Indicator } from './types.ts';

type AllocationPlans = Static<typeof AllocationSchemas.AllocationPlans>;
type PlanLine = NonNullable<AllocationPlans['funds'][number]['plan']>['lines'][number];
type Method = 'even' | 'seasonal' | 'manual';
const MONTHS = Array.from({ length: 12 }, (_, index) => index);

/** The lines with their 12 months; a 其中 row indented; in a seasonal plan, each line's basis year or its fallback to even tagged. */
function MonthsTable({ lines, method, testId }: { lines: PlanLine[]; method: Method; testId: string }) {
  const { t } = useI18n();
  return (
    <Table<PlanLine>
      size="small" bordered pagination={false} rowKey="subject" dataSource={lines} scroll={{ x: 1800 }} data-testid={testId}
      columns={[
        {
          title: t('execution.line'), fixed: 'left', width: 200,
          render: (_, line) => (
            <Space direction="vertical" size={0}>
              {line.parentSubject === null ? <strong>{line.name}</strong> : <span style={{ paddingLeft: 16 }}>{t('execution.ofWhich', { name: line.name })}</span>}
              {line.split === 'seasonal' && <Tag>{t('allocation.basisYear', { year: line.basisYear ?? '' })}</Tag>}
              {method === 'seasonal' && line.split === 'even' && <Tag data-testid="allocation-even">{t('allocation.method.even')}</Tag>}
            </Space>
          ),
        },
        { title: t('allocation.amount'), dataIndex: 'amount', align: 'right', width: 130, render: (value: string) => <Money value={value} /> },
        ...MONTHS.map((month) => ({
          title: t('allocation.month', { month: month + 1 }), key: `m${month}`, align: 'right' as const, width: 115,
          render: (_: unknown, line: PlanLine) => <Money value={line.months[month]} />,
        })),
      ]}
    />
  );
}

interface ProposalValues { method: Method; months?: Record<string, string[]> }

/** 编制分月用款计划: the method, and for a plan by hand the 12 amounts of every line (prefilled from the current plan). */
function ProposalModal({ year, region, fund, lines, current, open, onClose, onDone }: {
  year: number; region: string; fund: string; lines: Indicator[]; current: PlanLine[] | undefined; open: boolean; onClose(): void; onDone(): void;
}) {
  const { t } = useI18n();
  const [method, setMethod] = useState<Method>('even');
  const initialMonths = Object.fromEntries(lines.map((line) => [line.subject, current?.find((planned) => planned.subject === line.subject)?.months ?? Array(12).fill('')]));
  return (
    <FormModal<ProposalValues>
      title={t('allocation.propose', { fund })} open={open} onClose={onClose} width={1100} testId="allocation-form"
      fields={['allocationMethod', 'allocationLines', 'allocationMonth']} okText={t('allocation.submit')}
      initialValues={{ method: 'even', months: initialMonths }}
      confirm={(values) => t('allocation.confirm', { fund, method: t(`allocation.method.${values.method}`) })}
      onSubmit={(values) => api.post('/api/execution/allocation-plans', {
        year, region, fund, method: values.method,
        ...(values.method === 'manual' ? { lines: lines.map((line) => ({ subject: line.subject, months: (values.months?.[line.subject] ?? []).map((amount) => String(amount ?? '').trim()) })) } : {}),
      })}
      onDone={() => { approvalsChanged(); onDone(); }}
    >
      <Form.Item name="method" label={t('allocation.methodLabel')} rules={[{ required: true }]}>
        <Select<Method> data-testid="allocation-method" onChange={setMethod} options={(['even', 'seasonal', 'manual'] as const).map((value) => ({ value, label: t(`allocation.method.${value}`) }))} />
      </Form.Item>
      <Typography.Paragraph type="secondary">{t(`allocation.explain.${method}`)}</Typography.Paragraph>
      {method === 'manual' && lines.map((line) => (
        <div key={line.subject} style={{ marginBottom: 8 }} data-testid={`allocation-manual-${line.subject}`}>
          <Typography.Text strong={line.parentSubject === null}>{line.name}（{t('allocation.lineAmount')} <Money value={fenToYuan(toFen(line.approved) + toFen(line.adjusted))} />）</Typography.Text>
          <Space wrap size={4} style={{ display: 'flex' }}>
            {MONTHS.map((month) => (
              <Form.Item key={month} name={['months', line.subject, month]} style={{ marginBottom: 0 }}
                rules={[{ required: true, pattern: /^[0-9]{1,15}(\.[0-9]{1,2})?$/, message: t('allocation.monthRequired') }]}>
                <Input addonBefore={t('allocation.month', { month: month + 1 })} style={{ width: 170 }} data-testid="allocation-month-input" />
              </Form.Item>
            ))}
          </Space>
        </div>
      ))}
    </FormModal>
  );
}

export function AllocationDrawer({ year, region, fund, lines, onClose, onChanged }: {
  year: number; region: string; fund: string | null; lines: Indicator[]; onClose(): void; onChanged(): void;
}) {
  const { t } = useI18n();
  const can = useCan();
  const [proposing, setProposing] = useState(false);
  const loaded = useLoad(
    (signal) => (fund ? api.get<AllocationPlans>('/api/execution/allocation-plans', { year, region }, signal) : Promise.resolve(undefined)),
    [year, region, fund],
  );
  const entry = loaded.data?.funds.find((candidate) => candidate.fund === fund);
  return (
    <Drawer open={fund !== null} onClose={onClose} width={1200} title={t('allocation.title', { fund: fund ?? '' })} data-testid="allocation-drawer"
      extra={can('budget.draft') && entry && !entry.proposal && <Button type="primary" onClick={() => setProposing(true)} data-testid="allocation-propose">{t('allocation.proposeButton')}</Button>}>
      {loaded.error ? <ApiErrorView error={loaded.error} retry={loaded.reload} /> : !loaded.data ? <PageSpinner /> : !entry ? <Empty description={t('indicators.noBudget', { year })} /> : (
        <Space direction="vertical" style={{ width: '100%' }} size="large">
          {entry.proposal && (
            <div data-testid="allocation-proposal">
              <Space style={{ marginBottom: 8 }}>
                <Typography.Text strong>{t('allocation.proposal')}</Typography.Text>
                <Tag color={entry.proposal.status === 'returned' ? 'orange' : 'blue'} data-testid="allocation-proposal-status">{t(`allocation.status.${entry.proposal.status === 'returned' ? 'returned' : 'pending'}`)}</Tag>
                <span>{t(`allocation.method.${entry.proposal.method}`)} · {entry.proposal.submittedBy}</span>
              </Space>
              <MonthsTable lines={entry.proposal.lines} method={entry.proposal.method} testId="allocation-proposal-months" />
            </div>
          )}
          {entry.plan ? (
            <div data-testid="allocation-plan">
              <Descriptions size="small" column={3} style={{ marginBottom: 8 }} items={[
                { key: 'method', label: t('allocation.methodLabel'), children: <span data-testid="allocation-plan-method">{t(`allocation.method.${entry.plan.method}`)}</span> },
                { key: 'status', label: t('allocation.statusLabel'), children: <Tag color="green">{t('allocation.status.approved')}</Tag> },
                { key: 'approved', label: t('allocation.approvedBy'), children: `${entry.plan.approvedBy} ${formatDateTime(entry.plan.approvedAt)}` },
              ]} />
              <MonthsTable lines={entry.plan.lines} method={entry.plan.method} testId="allocation-plan-months" />
            </div>
          ) : <Empty data-testid="allocation-none" description={t('allocation.none')} />}
        </Space>
      )}
      {fund && entry && (
        <ProposalModal year={year} region={region} fund={fund} lines={lines} current={entry.plan?.lines} open={proposing} onClose={() => setProposing(false)}
          onDone={() => { loaded.reload(); onChanged(); }} />
      )}
    </Drawer>
  );
}
