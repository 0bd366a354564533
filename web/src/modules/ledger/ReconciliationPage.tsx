/**
 * 银行存款余额调节表 for a bank account and month: the ledger balance plus what only the bank has booked, the bank
 * balance plus what only the ledger has booked; the two adjusted balances must agree. Balances show their direction
 * (借 for money in the account, debit-positive as the API gives them). Downloadable as XLSX; printable on A4 landscape.
 */
import type { ReactNode } from 'react';
import { Alert, Button, Col, Row, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { api, withQuery } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { useMe } from '../../session.tsx';
import { Page } from '../../components/Page.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { fenToYuan, toFen } from '../../format.ts';
import { Money, moneyColumn } from '../../components/Money.tsx';
import { DirectedMoney } from './balance.tsx';
import { NO_PRINT, PrintButton, PrintHeader, PrintSignatures, PrintStyle } from './print.tsx';
import { accountPath, BankAccountSelect, fundHeading, LedgerToolbar, useBankAccount, useLedgerSelection } from './shared.tsx';
import type { Reconciliation, ReconciliationItem } from './types.ts';

const total = (items: ReconciliationItem[]) => fenToYuan(items.reduce((sum, item) => sum + toFen(item.amount), 0n));

const TEST_ID = 'ledger-reconciliation';

/** A line of a side: a balance (shown with its direction) or the sum of the items that adjust it. */
interface SideRow { key: string; label: ReactNode; amount: string | null; balance?: boolean; strong?: boolean; testId?: string }

function Side({ title, rows, testId }: { title: string; rows: SideRow[]; testId: string }) {
  return (
    <Table<SideRow>
      data-testid={testId} size="small" bordered pagination={false} rowKey="key" dataSource={rows} title={() => <Typography.Text strong>{title}</Typography.Text>}
      columns={[
        { dataIndex: 'label', render: (label: ReactNode, row) => (row.strong ? <Typography.Text strong>{label}</Typography.Text> : label) },
        { dataIndex: 'amount', align: 'right', width: 180, render: (amount: string | null, row) => (
          <Typography.Text strong={row.strong}>{row.balance ? <DirectedMoney value={amount} testId={row.testId} /> : <Money value={amount} testId={row.testId} />}</Typography.Text>
        ) },
      ]}
      showHeader={false}
    />
  );
}

export default function ReconciliationPage() {
  const { t } = useI18n();
  const me = useMe();
  const selection = useLedgerSelection();
  const bank = useBankAccount(selection);
  const { fund, period } = selection;
  const { account } = bank;
  const statement = useLoad(
    (signal) => (fund && account ? api.get<Reconciliation>(`${accountPath(fund, account)}/reconciliation`, { period }, signal) : Promise.resolve(undefined)),
    [fund, account, period],
  );
  const data = statement.data;
  const error = selection.fundsError ?? bank.error ?? statement.error;

  const items = (title: string, list: ReconciliationItem[], testId: string) => (
    <Table<ReconciliationItem>
      data-testid={testId} size="small" rowKey="id" pagination={false} dataSource={list} style={{ marginBottom: 16 }}
      locale={{ emptyText: <Typography.Text type="secondary">—</Typography.Text> }}
      title={() => <Typography.Text strong>{title}（{list.length}）</Typography.Text>}
      columns={[
        { title: t('ledger.date'), dataIndex: 'date', width: 110 },
        moneyColumn(t('ledger.amount'), 'amount', 140),
        { title: t('ledger.reference'), dataIndex: 'reference', width: 200 },
        { title: t('ledger.memo'), dataIndex: 'description' },
        { title: t('ledger.bank.age'), dataIndex: 'ageDays', width: 100, render: (days: number) => t('ledger.bank.days', { n: days }) },
      ]}
    />
  );

  return (
    <Page
      title={t('ledger.reconciliation.title')} testId={TEST_ID}
      extra={fund && account && (
        <>
          <PrintButton testId="ledger-reconciliation-print" />
          <Button className={NO_PRINT} icon={<DownloadOutlined />} href={withQuery(`${accountPath(fund, account)}/reconciliation`, { period, format: 'xlsx' })} data-testid="ledger-reconciliation-xlsx">{t('ledger.xlsx')}</Button>
        </>
      )}
    >
      <PrintStyle paper="A4 landscape" testId={TEST_ID} />
      <LedgerToolbar selection={selection}>
        <Typography.Text strong>{t('ledger.bankAccount')}</Typography.Text>
        <BankAccountSelect accounts={bank.accounts} value={account} onChange={(code) => selection.update({ account: code })} />
      </LedgerToolbar>
      {error ? <ApiErrorView error={error} retry={statement.reload} /> : data && (
        <>
          <PrintHeader
            title={t('ledger.reconciliation.title')}
            lines={[...fundHeading(t, selection.funds.find((f) => f.code === fund), data.period), { label: t('ledger.bankAccount'), value: `${data.account} ${data.accountName}` }]}
          />
          <Typography.Title level={5} style={{ textAlign: 'center' }} className={NO_PRINT}>
            {t('ledger.reconciliation.heading', { fund: data.fundName, account: `${data.account} ${data.accountName}`, date: data.asOf })}
          </Typography.Title>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col xs={24} lg={12}>
              <Side
                title={t('ledger.reconciliation.ledgerSide')} testId="recon-ledger-side"
                rows={[
                  { key: 'balance', label: t('ledger.reconciliation.ledgerBalance'), amount: data.ledgerBalance, balance: true, testId: 'recon-ledger-balance' },
                  { key: 'received', label: t('ledger.reconciliation.bankReceived'), amount: total(data.bankReceivedNotInLedger) },
                  { key: 'paid', label: t('ledger.reconciliation.bankPaid'), amount: total(data.bankPaidNotInLedger) },
                  { key: 'adjusted', label: t('ledger.reconciliation.adjusted'), amount: data.adjustedLedgerBalance, balance: true, strong: true, testId: 'recon-adjusted-ledger' },
                ]}
              />
            </Col>
            <Col xs={24} lg={12}>
              <Side
                title={t('ledger.reconciliation.bankSide')} testId="recon-bank-side"
                rows={[
                  { key: 'balance', label: t('ledger.reconciliation.bankBalance'), amount: data.bankBalance, balance: true, testId: 'recon-bank-balance' },
                  { key: 'received', label: t('ledger.reconciliation.ledgerReceived'), amount: total(data.ledgerReceivedNotInBank) },
                  { key: 'paid', label: t('ledger.reconciliation.ledgerPaid'), amount: total(data.ledgerPaidNotInBank) },
                  { key: 'adjusted', label: t('ledger.reconciliation.adjusted'), amount: data.adjustedBankBalance, balance: true, strong: true, testId: 'recon-adjusted-bank' },
                ]}
              />
            </Col>
          </Row>
          <Alert
            style={{ marginBottom: 16 }} showIcon type={data.reconciled ? 'success' : data.agrees ? 'warning' : 'error'} data-testid="recon-result"
            message={(
              <>
                <Tag color={data.agrees ? 'green' : 'red'} data-testid="recon-agrees">{t(data.agrees ? 'ledger.reconciliation.agrees' : 'ledger.reconciliation.differs')}</Tag>
                {t('ledger.reconciliation.statementsUntil', { date: data.bankStatementsUntil ?? '—' })}
              </>
            )}
            description={data.reason ?? undefined}
          />
          {items(t('ledger.reconciliation.bankReceived'), data.bankReceivedNotInLedger, 'recon-bank-received')}
          {items(t('ledger.reconciliation.bankPaid'), data.bankPaidNotInLedger, 'recon-bank-paid')}
          {items(t('ledger.reconciliation.ledgerReceived'), data.ledgerReceivedNotInBank, 'recon-ledger-received')}
          {items(t('ledger.reconciliation.ledgerPaid'), data.ledgerPaidNotInBank, 'recon-ledger-paid')}
          <PrintSignatures signers={[{ label: t('ledger.print.supervisor') }, { label: t('ledger.print.reviewer') }, { label: t('ledger.print.preparer'), name: me.displayName }]} />
        </>
      )}
    </Page>
  );
}
