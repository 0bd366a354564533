/**
 * A budget version as the officer and the reviewer work on it: its head (status, number, who), the 社预01 totals, then
 * one tab per fund table (社预02–08) in the standard layout — income lines, 收入合计, expense lines with their 其中 rows,
 * 支出合计, 本年收支结余, 上年滚存结余, 年末滚存结余 — each line with the drafted amount beside the budget amount, the
 * model and its backtest errors against naive, the reason of an adjustment and the reviewers' comments; then the
 * fund's performance targets (绩效目标). A line opens its chart (history from the ledger, the budget year's amounts).
 *
 * The drafter (budget.draft) adjusts lines and targets of a drafted or returned version and submits it after a
 * confirmation; whoever may decide its current level (the 待办 item's canDecide) approves through the approvals API
 * or returns it with comments per line (POST …/return). The API decides; the buttons follow.
 *
 * An approved version that is still the budget (not superseded) can be adjusted (预算调整, Adjustments.tsx): the
 * request goes to sign-off and its approval becomes a new version; each line of an approved version shows its history.
 */
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Descriptions, Empty, Form, Input, Modal, Select, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { DiffOutlined, DownloadOutlined, EditOutlined, HistoryOutlined, LineChartOutlined, MinusCircleOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { api, downloadFile } from '../../api.ts';
import { formatDateTime } from '../../format.ts';
import { useLoad, useRegionLabel } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { useCan } from '../../permissions.ts';
import { Money } from '../../components/Money.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { ApprovalActions, approvalPath, approvalsChanged } from '../../platform/signoff/shared.tsx';
import type { ApprovalItem } from '../../platform/signoff/types.ts';
import { StatusTag } from './shared.tsx';
import { AdjustmentList, AdjustmentRequestModal, LineHistoryDrawer } from './Adjustments.tsx';
import type { BudgetLine, BudgetLineActuals, BudgetVersion, FundTable, PerformanceTarget, Totals } from './types.ts';

const LineChart = lazy(() => import('./LineChart.tsx'));

const totalKeys = ['totalIncome', 'totalExpense', 'balance', 'previousAccumulatedBalance', 'accumulatedBalance'] as const;

/** A row of a fund table: a line (其中 rows as children) or one of the totals below the lines. */
interface Row { key: string; name: string; amount: string; line?: BudgetLine; strong?: boolean; children?: Row[] }

const lineRows = (lines: readonly BudgetLine[]): Row[] => lines.map((line) => ({
  key: line.subject, name: line.name, amount: line.amount, line,
  ...(line.items?.length ? { children: line.items.map((item) => ({ key: item.subject, name: item.name, amount: item.amount, line: item })) } : {}),
}));

function BacktestCell({ line }: { line: BudgetLine }) {
  const { t } = useI18n();
  const backtest = line.forecast?.backtest;
  if (!line.forecast) return null;
  if (!backtest) return <Typography.Text type="secondary">{t('budget.unjudged')}</Typography.Text>;
  const percent = (value: number | null | undefined) => (value == null ? '—' : `${value.toFixed(1)}%`);
  const ratio = (value: number | null | undefined) => (value == null ? '—' : value.toFixed(2));
  return (
    <Space size={4} wrap>
      <span style={{ fontVariantNumeric: 'tabular-nums' }}>
        {t('budget.backtestValues', { mape: percent(backtest.mape), naiveMape: percent(backtest.naiveMape), mase: ratio(backtest.mase), naiveMase: ratio(backtest.naiveMase) })}
      </span>
      <Tag color={line.forecast.beatsNaive ? 'green' : 'default'}>{t(line.forecast.beatsNaive ? 'budget.beatsNaive' : 'budget.notBeatsNaive')}</Tag>
    </Space>
  );
}

function Comments({ line }: { line: BudgetLine }) {
  const { t } = useI18n();
  if (!line.comments.length) return null;
  return (
    <Space direction="vertical" size={0} data-testid={`comments-${line.subject}`}>
      {line.comments.map((comment, index) => <Typography.Text key={index} type="danger">{t('budget.commentOf', { round: comment.submission, by: comment.by, comment: comment.comment })}</Typography.Text>)}
    </Space>
  );
}

function FundTableView({ table, editable, onAdjust, onChart, onTarget, onHistory }: {
  table: FundTable; editable: boolean; onAdjust(line: BudgetLine): void; onChart(line: BudgetLine): void; onTarget(target: PerformanceTarget): void;
  /** an approved version: the line's history through the approved versions */
  onHistory?(line: BudgetLine): void;
}) {
  const { t } = useI18n();
  const total = (key: (typeof totalKeys)[number]): Row => ({ key, name: t(`budget.${key}`), amount: table[key], strong: true });
  const rows: Row[] = [
    ...lineRows(table.income), total('totalIncome'),
    ...lineRows(table.expense), total('totalExpense'),
    total('balance'), total('previousAccumulatedBalance'), total('accumulatedBalance'),
  ];
  const strong = (row: Row, content: ReactNode) => (row.strong ? <strong>{content}</strong> : content);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Table<Row>
        size="small" rowKey="key" dataSource={rows} pagination={false} expandable={{ defaultExpandAllRows: true }} scroll={{ x: 'max-content' }}
        data-testid={`fund-table-${table.fund}`} onRow={(row) => ({ 'data-testid': `line-${table.fund}-${row.key}` } as object)}
        columns={[
          { key: 'name', title: t('budget.line'), render: (_, row) => strong(row, row.line && row.key.includes('.') ? t('budget.itemOf', { name: row.name }) : row.name) },
          { key: 'drafted', title: t('budget.drafted'), align: 'right', render: (_, row) => row.line && <Money value={row.line.draftedAmount} testId="line-drafted" /> },
          {
            key: 'amount', title: t('budget.amount'), align: 'right',
            render: (_, row) => strong(row, (
              <span style={row.line && row.line.amount !== row.line.draftedAmount ? { color: '#1558d6', fontWeight: 600 } : undefined}>
                <Money value={row.amount} testId={row.line ? 'line-amount' : `total-${row.key}`} />
              </span>
            )),
          },
          { key: 'model', title: t('budget.model'), render: (_, row) => row.line?.forecast && t(`budget.model.${row.line.forecast.model}`) },
          { key: 'backtest', title: t('budget.backtest'), render: (_, row) => row.line && <BacktestCell line={row.line} /> },
          { key: 'reason', title: t('budget.reason'), render: (_, row) => row.line?.adjustment && <Tooltip title={`${row.line.adjustment.by} ${formatDateTime(row.line.adjustment.at)}`}>{row.line.adjustment.reason}</Tooltip> },
          { key: 'comments', title: t('budget.comments'), render: (_, row) => row.line && <Comments line={row.line} /> },
          {
            key: 'actions', title: t('common.actions'), fixed: 'right',
            render: (_, row) => row.line && (
              <Space size={0}>
                <Button type="link" size="small" icon={<LineChartOutlined />} onClick={() => onChart(row.line!)} data-testid="line-chart">{t('budget.chart')}</Button>
                {onHistory && <Button type="link" size="small" icon={<HistoryOutlined />} onClick={() => onHistory(row.line!)} data-testid="line-history-open">{t('budget.history')}</Button>}
                {editable && !row.children && <Button type="link" size="small" icon={<EditOutlined />} onClick={() => onAdjust(row.line!)} data-testid="line-adjust">{t('budget.adjust')}</Button>}
              </Space>
            ),
          },
        ]}
      />
      <Typography.Title level={5}>{t('budget.targets')}</Typography.Title>
      <Table<PerformanceTarget>
        size="small" rowKey="indicator" dataSource={table.targets} pagination={false} data-testid={`targets-${table.fund}`}
        columns={[
          { key: 'dimension', title: t('budget.targets.dimension'), dataIndex: 'dimension', width: 90, render: (dimension: string) => t(`budget.dimension.${dimension}`) },
          { key: 'name', title: t('budget.targets.indicator'), dataIndex: 'name' },
          { key: 'value', title: t('budget.targets.value'), align: 'right', render: (_, target) => `${t(`budget.comparison.${target.comparison}`)} ${target.value} ${target.unit}` },
          { key: 'reason', title: t('budget.reason'), dataIndex: 'reason' },
          ...(editable ? [{ key: 'actions', title: t('common.actions'), render: (_: unknown, target: PerformanceTarget) => <Button type="link" size="small" onClick={() => onTarget(target)} data-testid={`target-set-${target.indicator}`}>{t('budget.targets.set')}</Button> }] : []),
        ]}
      />
    </Space>
  );
}

function TotalsView({ totals }: { totals: Totals }) {
  const { t } = useI18n();
  return (
    <Descriptions size="small" bordered column={{ xs: 1, md: 5 }} layout="vertical" data-testid="budget-summary">
      {totalKeys.map((key) => <Descriptions.Item key={key} label={t(`budget.${key}`)}><Money value={totals[key]} testId={`summary-${key}`} /></Descriptions.Item>)}
    </Descriptions>
  );
}

/** The chart of a line, with its actuals from the ledger (loaded once per version). */
function LineChartModal({ version, target, onClose }: { version: BudgetVersion; target?: { fund: string; line: BudgetLine }; onClose(): void }) {
  const { t } = useI18n();
  const actuals = useLoad((signal) => (target ? api.get<BudgetLineActuals>('/api/budget/actuals', { year: version.year, region: version.region }, signal) : Promise.resolve(undefined)), [version.year, version.region, Boolean(target)]);
  const line = target?.line;
  const years = target && actuals.data?.funds.find((fund) => fund.fund === target.fund)?.lines.find((entry) => entry.subject === target.line.subject)?.years;
  return (
    <Modal open={Boolean(target)} onCancel={onClose} footer={null} width={760} title={line && t('budget.chart.title', { name: line.name })} data-testid="line-chart-modal">
      {line && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap>
            {line.forecast && <Tag>{t(`budget.model.${line.forecast.model}`)}</Tag>}
            <BacktestCell line={line} />
          </Space>
          {actuals.error ? <Alert type="error" showIcon message={actuals.error.message} /> : !actuals.data ? <PageSpinner /> : (
            <Suspense fallback={<PageSpinner />}>
              <LineChart year={version.year} actuals={years ?? []} drafted={line.draftedAmount} amount={line.amount} />
              <Typography.Text type="secondary">{t('budget.chart.note', { month: actuals.data.lastActualMonth })}</Typography.Text>
            </Suspense>
          )}
        </Space>
      )}
    </Modal>
  );
}

interface ReturnValues { reason: string; comments?: { line?: string; comment?: string }[] }

export function VersionView({ version, onChanged }: { version: BudgetVersion; onChanged(version: BudgetVersion): void }) {
  const { t } = useI18n();
  const can = useCan();
  const { modal, message } = App.useApp();
  const regionLabel = useRegionLabel();
  const [adjusting, setAdjusting] = useState<{ fund: string; line: BudgetLine }>();
  const [targeting, setTargeting] = useState<{ fund: string; target: PerformanceTarget }>();
  const [charting, setCharting] = useState<{ fund: string; line: BudgetLine }>();
  const [returning, setReturning] = useState(false);
  const [requesting, setRequesting] = useState(false);
  const [historyOf, setHistoryOf] = useState<{ fund: string; line: BudgetLine }>();
  const [adjustments, setAdjustments] = useState(0);
  const approved = version.status === 'approved';
  const adjustable = approved && !version.supersededBy && can('budget.draft');
  const editable = can('budget.draft') && (version.status === 'drafted' || version.status === 'returned');
  const path = `/api/budget/versions/${version.id}`;
  const approval = useLoad(
    (signal) => (version.status === 'submitted' && version.approvalItemId && can('approvals.read') ? api.get<ApprovalItem>(approvalPath(version.approvalItemId), undefined, signal) : Promise.resolve(undefined)),
    [version.id, version.status, version.approvalItemId, version.submissions],
  );
  const reload = async () => onChanged(await api.get<BudgetVersion>(path));

  const submit = () => modal.confirm({
    title: t('budget.submit.title', { year: version.year, n: version.number }), content: t('budget.submit.explain'),
    okText: t('budget.submit'), okButtonProps: { 'data-testid': 'confirm-ok' }, cancelText: t('common.cancel'),
    onOk: async () => {
      try {
        onChanged(await api.post<BudgetVersion>(`${path}/submit`, {}));
        approvalsChanged();
        message.success(t('budget.submit.done'));
      } catch (failure) { message.error((failure as Error).message); }
    },
  });

  const lineOptions = version.tables.flatMap((table) => [...table.income, ...table.expense].flatMap((line) => [line, ...(line.items ?? [])])
    .map((line) => ({ value: `${table.fund}|${line.subject}`, label: `${table.table} ${line.name}` })));

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="budget-version" data-version={version.id}>
      <Descriptions size="small" column={{ xs: 1, md: 4 }}>
        <Descriptions.Item label={t('budget.number')}><span data-testid="version-number">{t('budget.numberOf', { n: version.number })}</span></Descriptions.Item>
        <Descriptions.Item label={t('common.status')}>
          <StatusTag status={version.status} testId="version-status" />
          {version.status === 'submitted' && version.approvalItemId && can('approvals.read') && <Link to={`/approvals/${version.approvalItemId}`}>{t('budget.review.inInbox')}</Link>}
        </Descriptions.Item>
        <Descriptions.Item label={t('budget.region')}>{regionLabel(version.region)}</Descriptions.Item>
        <Descriptions.Item label={t('budget.basis')}>{t(`budget.basis.${version.basis}`)}</Descriptions.Item>
        <Descriptions.Item label={t('budget.createdBy')}>{version.createdBy}</Descriptions.Item>
        <Descriptions.Item label={t('budget.createdAt')}>{formatDateTime(version.createdAt)}</Descriptions.Item>
        <Descriptions.Item label={t('budget.lastActualMonth')}>{version.lastActualMonth ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('budget.submissions')}>{version.submissions}</Descriptions.Item>
        {version.approvedAt && <Descriptions.Item label={t('budget.approvedBy')}>{version.approvedBy}</Descriptions.Item>}
        {version.approvedAt && <Descriptions.Item label={t('budget.approvedAt')}>{formatDateTime(version.approvedAt)}</Descriptions.Item>}
        {version.adjustment && (
          <Descriptions.Item label={t('budget.adjustment.explanation')} span={2}>
            <Link to={`/budget/versions/${version.adjustment.adjusted.id}`} data-testid="version-adjusted">{t('budget.adjustedFrom', { n: t('budget.numberOf', { n: version.adjustment.adjusted.number }) })}</Link>：{version.adjustment.explanation}
          </Descriptions.Item>
        )}
      </Descriptions>
      {version.supersededBy && (
        <Alert type="info" showIcon data-testid="version-superseded" message={<Link to={`/budget/versions/${version.supersededBy.id}`}>{t('budget.supersededBy', { n: t('budget.numberOf', { n: version.supersededBy.number }) })}</Link>} />
      )}
      {version.sources && version.sources.missing.length > 0 && (
        <Alert type="warning" showIcon message={t('budget.missing')} description={version.sources.missing.map((region) => regionLabel(region.region, region.name)).join('、')} data-testid="version-missing" />
      )}
      <Space wrap>
        {editable && <Button type="primary" icon={<SendOutlined />} onClick={submit} data-testid="version-submit">{t('budget.submit')}</Button>}
        {adjustable && <Button type="primary" icon={<DiffOutlined />} onClick={() => setRequesting(true)} data-testid="adjustment-start">{t('budget.adjustment.start')}</Button>}
        {approval.data?.canDecide && (
          <ApprovalActions
            item={{ ...approval.data, canResubmit: false, canCancel: false }} onReturn={() => setReturning(true)}
            onDone={() => { void reload(); approval.reload(); }}
          />
        )}
        <Button icon={<DownloadOutlined />} onClick={() => downloadFile(path, { format: 'xlsx' }, `budget-${version.region}-${version.year}-v${version.number}.xlsx`).catch((failure: Error) => message.error(failure.message))} data-testid="version-export">{t('budget.export')}</Button>
      </Space>
      <Typography.Title level={5} style={{ margin: 0 }}>{t('budget.summary')}</Typography.Title>
      <TotalsView totals={version.summary} />
      {version.tables.length === 0 ? <Empty /> : (
        <Tabs
          data-testid="fund-tabs"
          items={version.tables.map((table) => ({
            key: table.fund, label: <span data-testid={`fund-tab-${table.fund}`}>{`${table.table} ${table.tableName}`}</span>,
            children: (
              <FundTableView
                table={table} editable={editable}
                onAdjust={(line) => setAdjusting({ fund: table.fund, line })} onChart={(line) => setCharting({ fund: table.fund, line })}
                onTarget={(target) => setTargeting({ fund: table.fund, target })}
                onHistory={approved ? (line) => setHistoryOf({ fund: table.fund, line }) : undefined}
              />
            ),
          }))}
        />
      )}

      {approved && <AdjustmentList version={version} refreshKey={adjustments} />}

      <LineChartModal version={version} target={charting} onClose={() => setCharting(undefined)} />
      <LineHistoryDrawer version={version} target={historyOf} onClose={() => setHistoryOf(undefined)} />
      {adjustable && (
        <AdjustmentRequestModal
          version={version} open={requesting} onClose={() => setRequesting(false)}
          onDone={() => { setAdjustments((count) => count + 1); message.success(t('budget.adjustment.done')); }}
        />
      )}

      <FormModal<{ amount: string; reason: string }, BudgetVersion>
        title={adjusting && t('budget.adjust.title', { name: adjusting.line.name })} open={Boolean(adjusting)} onClose={() => setAdjusting(undefined)}
        fields={['amount', 'reason']} testId="adjust-form" initialValues={{ amount: adjusting?.line.amount }}
        onSubmit={(values) => api.put<BudgetVersion>(`${path}/lines`, { fund: adjusting!.fund, subject: adjusting!.line.subject, amount: values.amount.trim(), reason: values.reason.trim() })}
        onDone={(changed) => { onChanged(changed); message.success(t('budget.adjust.done')); }}
      >
        <Typography.Paragraph type="secondary">{t('budget.drafted')}：<Money value={adjusting?.line.draftedAmount} /></Typography.Paragraph>
        <Form.Item name="amount" label={t('budget.adjust.amount')} rules={[{ required: true, whitespace: true, message: t('budget.adjust.required') }]}>
          <Input data-testid="adjust-amount" />
        </Form.Item>
        <Form.Item name="reason" label={t('budget.adjust.reason')} rules={[{ required: true, whitespace: true, message: t('budget.adjust.required') }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="adjust-reason" />
        </Form.Item>
      </FormModal>

      <FormModal<{ value: string; reason: string }, BudgetVersion>
        title={targeting && t('budget.targets.setTitle', { name: targeting.target.name })} open={Boolean(targeting)} onClose={() => setTargeting(undefined)}
        fields={['value', 'reason']} testId="target-form" initialValues={{ value: targeting?.target.value }}
        onSubmit={(values) => api.put<BudgetVersion>(`${path}/targets`, { fund: targeting!.fund, indicator: targeting!.target.indicator, value: values.value.trim(), reason: values.reason.trim() })}
        onDone={(changed) => { onChanged(changed); message.success(t('budget.targets.done')); }}
      >
        <Form.Item name="value" label={targeting && `${t('budget.targets.value')}（${t(`budget.comparison.${targeting.target.comparison}`)} ${targeting.target.unit}）`} rules={[{ required: true, whitespace: true, message: t('budget.adjust.required') }]}>
          <Input data-testid="target-value" />
        </Form.Item>
        <Form.Item name="reason" label={t('budget.reason')} rules={[{ required: true, whitespace: true, message: t('budget.adjust.required') }]}>
          <Input.TextArea rows={2} maxLength={500} data-testid="target-reason" />
        </Form.Item>
      </FormModal>

      <FormModal<ReturnValues, BudgetVersion>
        title={t('budget.return.title', { n: version.number })} open={returning} onClose={() => setReturning(false)} danger okText={t('approvals.return')}
        fields={['reason']} testId="return-form" width={720}
        onSubmit={(values) => api.post<BudgetVersion>(`${path}/return`, {
          reason: values.reason.trim(),
          comments: (values.comments ?? []).filter((entry) => entry.line && entry.comment?.trim()).map((entry) => {
            const [fund, subject] = entry.line!.split('|');
            return { fund, subject, comment: entry.comment!.trim() };
          }),
        })}
        onDone={(changed) => { onChanged(changed); approvalsChanged(); approval.reload(); message.success(t('budget.return.done')); }}
      >
        <Form.Item name="reason" label={t('budget.return.reason')} rules={[{ required: true, whitespace: true, message: t('budget.adjust.required') }]}>
          <Input.TextArea rows={2} maxLength={1000} data-testid="return-reason" />
        </Form.Item>
        <Typography.Text strong>{t('budget.return.lines')}</Typography.Text>
        <Form.List name="comments">
          {(entries, { add, remove }) => (
            <>
              {entries.map((entry) => (
                <Space key={entry.key} align="baseline" style={{ display: 'flex', marginTop: 8 }}>
                  <Form.Item name={[entry.name, 'line']} style={{ width: 260, marginBottom: 0 }}>
                    <Select options={lineOptions} showSearch optionFilterProp="label" placeholder={t('budget.return.line')} data-testid="return-line" />
                  </Form.Item>
                  <Form.Item name={[entry.name, 'comment']} style={{ width: 340, marginBottom: 0 }}>
                    <Input placeholder={t('budget.return.comment')} maxLength={1000} data-testid="return-comment" />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(entry.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()} style={{ marginTop: 8 }} data-testid="return-add-line">{t('budget.return.addLine')}</Button>
            </>
          )}
        </Form.List>
      </FormModal>
    </Space>
  );
}
