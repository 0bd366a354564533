/**
 * Budget adjustment (预算调整) on the version page: the request form of an approved version (lines picked from its
 * tables, the new amount and the reason of each, the explanation), a confirmation with each changed table's totals
 * before and after, the history of a line through the approved versions in a drawer, and the region's adjustment
 * requests of the year with their sign-off status. The server checks and decides; the totals shown are worked out the
 * way it works them out (a 其中 row moves its line and the table's total by its own change).
 */
import { Link } from 'react-router-dom';
import { Button, Descriptions, Drawer, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { api } from '../../api.ts';
import { formatDateTime } from '../../format.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { Money } from '../../components/Money.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { approvalsChanged } from '../../platform/signoff/shared.tsx';
import type { BudgetAdjustment, BudgetLine, BudgetLineHistory, BudgetVersion, FundTable } from './types.ts';

/** "1234.56" → 123456n; "-0.5" → -50n */
function fen(yuan: string): bigint {
  const match = /^\s*(-?)(\d+)(?:\.(\d{1,2}))?\s*$/.exec(yuan);
  if (!match) return 0n;
  const value = BigInt(match[2]) * 100n + BigInt((match[3] ?? '').padEnd(2, '0'));
  return match[1] ? -value : value;
}
function yuanText(value: bigint): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  return `${negative ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** The lines a request may change: every line without 其中 rows (a line with rows moves through them). */
function adjustableLines(version: BudgetVersion) {
  return version.tables.flatMap((table) => (['income', 'expense'] as const).flatMap((side) => table[side]
    .flatMap((line) => (line.items?.length ? line.items : [line]))
    .map((line) => ({ key: `${table.fund}|${side}|${line.subject}`, table, side, line }))));
}

interface LineValues { line?: string; amount?: string; reason?: string }
interface RequestValues { explanation: string; lines?: LineValues[] }

/** Each changed table's totals before and after the lines given (结余 = 收入 − 支出; 滚存 = 上年滚存 + 结余). */
function totalsAfter(version: BudgetVersion, lines: readonly LineValues[]) {
  const candidates = new Map(adjustableLines(version).map((entry) => [entry.key, entry]));
  const changes = new Map<string, { table: FundTable; income: bigint; expense: bigint }>();
  for (const entry of lines) {
    const picked = entry.line ? candidates.get(entry.line) : undefined;
    if (!picked || !entry.amount?.trim()) continue;
    const change = changes.get(picked.table.fund) ?? { table: picked.table, income: 0n, expense: 0n };
    change[picked.side] += fen(entry.amount) - fen(picked.line.amount);
    changes.set(picked.table.fund, change);
  }
  return [...changes.values()].map(({ table, income, expense }) => {
    const totalIncome = fen(table.totalIncome) + income, totalExpense = fen(table.totalExpense) + expense;
    return {
      fund: table.fund, name: `${table.table} ${table.tableName}`,
      before: [table.totalIncome, table.totalExpense, table.balance, table.accumulatedBalance],
      after: [totalIncome, totalExpense, totalIncome - totalExpense, fen(table.previousAccumulatedBalance) + totalIncome - totalExpense].map(yuanText),
    };
  });
}

function TotalsConfirmation({ version, values }: { version: BudgetVersion; values: RequestValues }) {
  const { t } = useI18n();
  const labels = ['budget.totalIncome', 'budget.totalExpense', 'budget.balance', 'budget.accumulatedBalance'];
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="adjustment-confirm">
      <Typography.Text>{t('budget.adjustment.confirm', { n: version.number })}</Typography.Text>
      {totalsAfter(version, values.lines ?? []).map((table) => (
        <Table
          key={table.fund} size="small" pagination={false} title={() => table.name} rowKey="label" data-testid={`adjustment-totals-${table.fund}`}
          dataSource={labels.map((label, index) => ({ label, before: table.before[index], after: table.after[index] }))}
          columns={[
            { key: 'label', title: '', render: (_, row) => t(row.label) },
            { key: 'before', title: t('budget.adjustment.before'), align: 'right', render: (_, row) => <Money value={row.before} /> },
            { key: 'after', title: t('budget.adjustment.after'), align: 'right', render: (_, row) => <span data-testid="after"><Money value={row.after} /></span> },
          ]}
        />
      ))}
    </Space>
  );
}

/** 发起预算调整: the form of a request on an approved version, confirmed with the totals before and after. */
export function AdjustmentRequestModal({ version, open, onClose, onDone }: { version: BudgetVersion; open: boolean; onClose(): void; onDone(adjustment: BudgetAdjustment): void }) {
  const { t } = useI18n();
  const options = adjustableLines(version).map((entry) => ({
    value: entry.key,
    label: `${entry.table.table} ${t(`budget.side.${entry.side}`)} ${entry.line.subject.includes('.') ? t('budget.itemOf', { name: entry.line.name }) : entry.line.name}（${entry.line.amount}）`,
  }));
  return (
    <FormModal<RequestValues, BudgetAdjustment>
      title={t('budget.adjustment.title', { n: version.number })} open={open} onClose={onClose} width={860} testId="adjustment-form"
      fields={['explanation']} initialValues={{ lines: [{}] }} okText={t('budget.adjustment.submit')}
      confirm={(values) => <TotalsConfirmation version={version} values={values} />}
      onSubmit={(values) => api.post<BudgetAdjustment>(`/api/budget/versions/${version.id}/adjustments`, {
        explanation: values.explanation.trim(),
        lines: (values.lines ?? []).map((entry) => {
          const [fund = '', side = '', subject = ''] = (entry.line ?? '').split('|');
          return { fund, side, subject, amount: entry.amount?.trim() ?? '', reason: entry.reason?.trim() ?? '' };
        }),
      })}
      onDone={(adjustment) => { approvalsChanged(); onDone(adjustment); }}
    >
      <Form.Item name="explanation" label={t('budget.adjustment.explanation')} rules={[{ required: true, whitespace: true, min: 2, message: t('budget.adjustment.explanationRequired') }]}>
        <Input.TextArea rows={2} maxLength={2000} data-testid="adjustment-explanation" />
      </Form.Item>
      <Typography.Text strong>{t('budget.adjustment.lines')}</Typography.Text>
      <Form.List name="lines">
        {(entries, { add, remove }) => (
          <>
            {entries.map((entry) => (
              <Space key={entry.key} align="baseline" style={{ display: 'flex', marginTop: 8 }} data-testid="adjustment-line">
                <Form.Item name={[entry.name, 'line']} style={{ width: 330, marginBottom: 0 }} rules={[{ required: true, message: t('budget.adjust.required') }]}>
                  <Select options={options} showSearch optionFilterProp="label" placeholder={t('budget.adjustment.line')} data-testid="adjustment-line-picker" />
                </Form.Item>
                <Form.Item name={[entry.name, 'amount']} style={{ width: 150, marginBottom: 0 }} rules={[{ required: true, whitespace: true, message: t('budget.adjust.required') }]}>
                  <Input placeholder={t('budget.adjustment.amount')} data-testid="adjustment-amount" />
                </Form.Item>
                <Form.Item name={[entry.name, 'reason']} style={{ width: 260, marginBottom: 0 }} rules={[{ required: true, whitespace: true, min: 2, message: t('budget.adjustment.reasonRequired') }]}>
                  <Input placeholder={t('budget.adjustment.reason')} maxLength={500} data-testid="adjustment-reason" />
                </Form.Item>
                {entries.length > 1 && <MinusCircleOutlined onClick={() => remove(entry.name)} />}
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ marginTop: 8 }} data-testid="adjustment-add-line">{t('budget.adjustment.addLine')}</Button>
          </>
        )}
      </Form.List>
    </FormModal>
  );
}

/** 调整记录: a line through every approved version of its budget. */
export function LineHistoryDrawer({ version, target, onClose }: { version: BudgetVersion; target?: { fund: string; line: BudgetLine }; onClose(): void }) {
  const { t } = useI18n();
  const history = useLoad((signal) => (target
    ? api.get<BudgetLineHistory>(`/api/budget/versions/${version.id}/lines/${encodeURIComponent(target.fund)}/${encodeURIComponent(target.line.subject)}/history`, undefined, signal)
    : Promise.resolve(undefined)), [version.id, target?.fund, target?.line.subject]);
  return (
    <Drawer open={Boolean(target)} onClose={onClose} width={760} title={target && t('budget.history.title', { name: target.line.name })} data-testid="line-history">
      {history.error ? <ApiErrorView error={history.error} retry={history.reload} /> : !history.data ? <PageSpinner /> : (
        <Table
          size="small" rowKey="versionId" pagination={false} dataSource={history.data.entries} data-testid="line-history-table"
          columns={[
            { key: 'number', title: t('budget.number'), render: (_, entry) => <Link to={`/budget/versions/${entry.versionId}`}>{t('budget.numberOf', { n: entry.number })}</Link> },
            { key: 'basis', title: t('budget.basis'), render: (_, entry) => t(`budget.basis.${entry.basis}`) },
            { key: 'amount', title: t('budget.amount'), align: 'right', render: (_, entry) => <Money value={entry.amount} /> },
            { key: 'change', title: t('budget.history.change'), align: 'right', render: (_, entry) => entry.change !== null && entry.change !== '0.00' && <Money value={entry.change} /> },
            { key: 'reason', title: t('budget.reason'), render: (_, entry) => entry.reason ?? (entry.adjustment && !entry.adjustment.changed ? <Typography.Text type="secondary">{t('budget.history.unchanged')}</Typography.Text> : null) },
            { key: 'requestedBy', title: t('budget.history.requestedBy'), render: (_, entry) => entry.adjustment?.requestedBy },
            { key: 'approvedBy', title: t('budget.history.signedBy'), render: (_, entry) => <Space direction="vertical" size={0}><span>{entry.approvedBy}</span><Typography.Text type="secondary">{formatDateTime(entry.approvedAt)}</Typography.Text></Space> },
          ]}
        />
      )}
    </Drawer>
  );
}

const statusColor: Record<BudgetAdjustment['status'], string> = { submitted: 'orange', returned: 'red', cancelled: 'default', approved: 'green' };

/** The adjustment requests of the version's region and year, newest first, with their sign-off status. */
export function AdjustmentList({ version, refreshKey }: { version: BudgetVersion; refreshKey: number }) {
  const { t } = useI18n();
  const list = useLoad((signal) => api.get<{ items: BudgetAdjustment[] }>('/api/budget/adjustments', { year: version.year, region: version.region }, signal), [version.year, version.region, version.id, refreshKey]);
  if (list.error) return <ApiErrorView error={list.error} retry={list.reload} />;
  if (!list.data?.items.length) return null;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={5} style={{ margin: 0 }}>{t('budget.adjustment.list')}</Typography.Title>
      <Table<BudgetAdjustment>
        size="small" rowKey="id" pagination={false} dataSource={list.data.items} data-testid="adjustment-list"
        onRow={(row) => ({ 'data-testid': `adjustment-${row.id}`, 'data-status': row.status } as object)}
        expandable={{
          expandedRowRender: (row) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Descriptions size="small" column={1}><Descriptions.Item label={t('budget.adjustment.explanation')}>{row.explanation}</Descriptions.Item></Descriptions>
              <Table
                size="small" rowKey={(line) => `${line.fund}|${line.side}|${line.subject}`} pagination={false} dataSource={row.lines}
                columns={[
                  { key: 'fund', title: t('budget.funds'), dataIndex: 'fund' },
                  { key: 'name', title: t('budget.line'), render: (_, line) => (line.subject.includes('.') ? t('budget.itemOf', { name: line.name }) : line.name) },
                  { key: 'from', title: t('budget.adjustment.before'), align: 'right', render: (_, line) => <Money value={line.from} /> },
                  { key: 'to', title: t('budget.adjustment.after'), align: 'right', render: (_, line) => <Money value={line.to} /> },
                  { key: 'change', title: t('budget.history.change'), align: 'right', render: (_, line) => <Money value={line.change} /> },
                  { key: 'reason', title: t('budget.reason'), dataIndex: 'reason' },
                ]}
              />
            </Space>
          ),
        }}
        columns={[
          { key: 'requestedAt', title: t('budget.adjustment.requestedAt'), render: (_, row) => formatDateTime(row.requestedAt) },
          { key: 'requestedBy', title: t('budget.history.requestedBy'), dataIndex: 'requestedBy' },
          { key: 'version', title: t('budget.adjustment.of'), render: (_, row) => row.version.number !== null && <Link to={`/budget/versions/${row.version.id}`}>{t('budget.numberOf', { n: row.version.number })}</Link> },
          {
            key: 'status', title: t('common.status'),
            render: (_, row) => (
              <Space size={4}>
                <Tag color={statusColor[row.status]} data-testid="adjustment-status">{t(`budget.adjustment.status.${row.status}`)}</Tag>
                {row.nextLevel && <Typography.Text type="secondary">{t('budget.adjustment.waiting', { level: row.nextLevel })}</Typography.Text>}
                <Link to={`/approvals/${row.approvalItemId}`}>{t('budget.adjustment.signoff')}</Link>
              </Space>
            ),
          },
          { key: 'incomeChange', title: t('budget.adjustment.incomeChange'), align: 'right', render: (_, row) => <Money value={row.incomeChange} /> },
          { key: 'expenseChange', title: t('budget.adjustment.expenseChange'), align: 'right', render: (_, row) => <Money value={row.expenseChange} /> },
          { key: 'result', title: t('budget.adjustment.result'), render: (_, row) => row.resultVersion && <Link to={`/budget/versions/${row.resultVersion.id}`} data-testid="adjustment-result">{t('budget.numberOf', { n: row.resultVersion.number ?? '' })}</Link> },
        ]}
      />
    </Space>
  );
}
