/**
 * 期末结账: a fund's months with their status. An open month can be swept (收入户归集) and closed once every bank
 * account is reconciled (the reasons are listed otherwise); closing cannot be undone except by a reopen (反结账):
 * one person asks for it here, and an approver who is not that person grants it in the inbox (a sign-off item).
 */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Form, Input, Popconfirm, Space, Table, Tag } from 'antd';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { formatDateTime } from '../../format.ts';
import { useI18n } from '../../i18n.ts';
import { useCan } from '../../permissions.ts';
import { approvalsChanged } from '../../platform/signoff/shared.tsx';
import type { ApprovalItem } from '../../platform/signoff/types.ts';
import { Page } from '../../components/Page.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { Money } from '../../components/Money.tsx';
import { fundPath, LedgerToolbar, useLedgerSelection } from './shared.tsx';
import type { Period, Reconciliation, Sweep } from './types.ts';

/** The bank accounts' reconciliation for a month: what closing it checks. */
function MonthReconciliation({ fund, period }: { fund: string; period: string }) {
  const { t } = useI18n();
  const list = useLoad((signal) => api.get<{ items: Reconciliation[] }>(`${fundPath(fund)}/reconciliation`, { period }, signal), [fund, period]);
  if (list.error) return <ApiErrorView error={list.error} retry={list.reload} />;
  return (
    <Table<Reconciliation>
      size="small" rowKey="account" pagination={false} loading={list.loading} dataSource={list.data?.items ?? []} data-testid={`period-reconciliation-${period}`}
      columns={[
        {
          title: t('ledger.bankAccount'), dataIndex: 'account',
          render: (code: string, r) => <Link to={`/ledger/reconciliation?fund=${fund}&account=${code}&period=${period}`}>{code} {r.accountName}</Link>,
        },
        { title: t('ledger.reconciliation.ledgerBalance'), dataIndex: 'ledgerBalance', align: 'right', render: (value: string) => <Money value={value} /> },
        { title: t('ledger.reconciliation.bankBalance'), dataIndex: 'bankBalance', align: 'right', render: (value: string | null) => <Money value={value} /> },
        { title: t('ledger.periods.reconciled'), dataIndex: 'reconciled', width: 110, render: (ok: boolean) => <Tag color={ok ? 'green' : 'red'}>{t(ok ? 'common.yes' : 'common.no')}</Tag> },
        { title: t('ledger.periods.reason'), dataIndex: 'reason' },
      ]}
    />
  );
}

export default function PeriodsPage() {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const can = useCan();
  const selection = useLedgerSelection();
  const { fund } = selection;
  const periods = useLoad((signal) => (fund ? api.get<{ items: Period[] }>(`${fundPath(fund)}/periods`, undefined, signal) : Promise.resolve(undefined)), [fund]);
  const [busy, setBusy] = useState<string>();
  const [reopening, setReopening] = useState<string>();
  const [requested, setRequested] = useState<ApprovalItem>();
  const error = selection.fundsError ?? periods.error;

  const act = async (name: string, work: () => Promise<string>, failureTitle?: string) => {
    setBusy(name);
    try {
      message.success(await work());
      periods.reload();
    } catch (failure) {
      if (failureTitle) modal.error({ title: failureTitle, content: (failure as Error).message, width: 640 });
      else message.error((failure as Error).message);
    } finally { setBusy(undefined); }
  };
  const close = (period: string) => act(`close:${period}`, async () => {
    await api.post(`${fundPath(fund!)}/periods/${period}/close`);
    return t('ledger.periods.closed', { period });
  }, t('ledger.periods.notReady', { period }));
  const sweep = (period: string) => act(`sweep:${period}`, async () => {
    const result = await api.post<Sweep>(`${fundPath(fund!)}/sweeps`, { period });
    return result.entryId ? t('ledger.periods.swept', { period, amount: result.amount }) : t('ledger.periods.nothingToSweep', { period });
  });

  return (
    <Page title={t('ledger.periods.title')} testId="ledger-periods">
      <LedgerToolbar selection={selection} period={false} />
      {requested && (
        <Alert
          type="info" showIcon closable onClose={() => setRequested(undefined)} style={{ marginBottom: 16 }} data-testid="period-reopen-requested"
          message={t('ledger.periods.reopenRequested')} description={<Link to={`/approvals/${requested.id}`}>{t('approvals.open')}</Link>}
        />
      )}
      {error ? <ApiErrorView error={error} retry={periods.reload} /> : (
        <Table<Period>
          data-testid="ledger-periods-table" rowKey="period" size="middle" loading={periods.loading} dataSource={periods.data?.items ?? []} pagination={{ pageSize: 24, hideOnSinglePage: true }}
          expandable={{ expandedRowRender: (row) => fund && <MonthReconciliation fund={fund} period={row.period} /> }}
          columns={[
            { title: t('ledger.period'), dataIndex: 'period', width: 110 },
            {
              title: t('common.status'), dataIndex: 'status', width: 100,
              render: (status: string) => <Tag color={status === 'closed' ? 'default' : 'green'} data-testid="period-status">{t(`ledger.periods.status.${status}`)}</Tag>,
            },
            { title: t('ledger.periods.lines'), dataIndex: 'lines', width: 100, align: 'right' },
            { title: t('ledger.periods.closedBy'), dataIndex: 'closedBy', width: 140 },
            { title: t('ledger.periods.closedAt'), dataIndex: 'closedAt', width: 170, render: formatDateTime },
            {
              title: t('ledger.periods.reopenRequest'), dataIndex: 'pendingReopenRequest',
              render: (request: Period['pendingReopenRequest']) => request && (
                <Link to={`/approvals/${request.id}`} data-testid="period-reopen-request">{t('ledger.periods.requestedBy', { user: request.requestedBy, reason: request.reason })}</Link>
              ),
            },
            {
              title: t('common.actions'), key: 'actions', width: 300,
              render: (_: unknown, row) => (
                <Space wrap>
                  {row.status === 'open' && can('ledger.sweep') && (
                    <Popconfirm title={t('ledger.periods.sweepConfirm', { period: row.period })} onConfirm={() => sweep(row.period)}>
                      <Button size="small" loading={busy === `sweep:${row.period}`} data-testid="period-sweep">{t('ledger.periods.sweep')}</Button>
                    </Popconfirm>
                  )}
                  {row.status === 'open' && can('period.close') && (
                    <Popconfirm
                      title={t('ledger.periods.closeConfirmTitle', { period: row.period })} description={t('ledger.periods.closeConfirm')}
                      okButtonProps={{ danger: true }} onConfirm={() => close(row.period)}
                    >
                      <Button size="small" type="primary" danger loading={busy === `close:${row.period}`} data-testid="period-close">{t('ledger.periods.close')}</Button>
                    </Popconfirm>
                  )}
                  {row.status === 'closed' && !row.pendingReopenRequest && can('period.reopen.request') && (
                    <Button size="small" onClick={() => setReopening(row.period)} data-testid="period-reopen">{t('ledger.periods.requestReopen')}</Button>
                  )}
                  {row.pendingReopenRequest && (
                    <Link to={`/approvals/${row.pendingReopenRequest.id}`}><Button size="small" data-testid="period-reopen-open">{t('ledger.periods.openRequest')}</Button></Link>
                  )}
                </Space>
              ),
            },
          ]}
        />
      )}
      <FormModal<{ reason: string }, ApprovalItem>
        title={t('ledger.periods.requestReopenTitle', { period: reopening ?? '' })} open={reopening !== undefined} onClose={() => setReopening(undefined)} fields={['reason']} testId="period-reopen-form"
        onSubmit={(values) => api.post<ApprovalItem>(`${fundPath(fund!)}/periods/${reopening}/reopen-requests`, { reason: values.reason.trim() })}
        onDone={(item) => { message.success(t('ledger.periods.reopenRequested')); setRequested(item); approvalsChanged(); periods.reload(); }}
      >
        <Form.Item name="reason" label={t('ledger.periods.reason')} rules={[{ required: true, whitespace: true, message: t('ledger.periods.reasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </FormModal>
    </Page>
  );
}
