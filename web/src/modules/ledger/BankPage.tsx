/**
 * 银行对账: import a bank statement (CSV or XLSX in UTF-8 or GBK/GB18030, or camt.053) for a fund bank account through
 * the shared import panel (the account's statements listed below it, paged by the API's cursor), then match: the open bank lines and
 * ledger lines side by side with their age, automatic matching, manual matching of any lines with equal sums
 * (one-to-many, many-to-one), and undoing a match (kept in history). The open lines stay one answer, not paged lists:
 * they are the working set of the account (what is still unmatched), and a manual match sums lines chosen on both
 * sides at once, which a page of each could not hold.
 */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Col, DatePicker, Empty, Popconfirm, Row, Space, Table, Tabs, Tag, Typography } from 'antd';
import { LinkOutlined, ThunderboltOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { fenToYuan, formatDateTime, toFen } from '../../format.ts';
import { useI18n, type Translate } from '../../i18n.ts';
import { Page } from '../../components/Page.tsx';
import { ListPage, type ListColumn } from '../../components/ListPage.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { ImportPanel, spreadsheetFiles } from '../../components/FileUpload.tsx';
import { moneyColumn } from '../../components/Money.tsx';
import { balanceColumns } from './balance.tsx';
import { accountPath, BankAccountSelect, LedgerToolbar, useBankAccount, useLedgerSelection } from './shared.tsx';
import { useCan } from '../../permissions.ts';
import type { AutoMatch, BankItem, BankStatement, LedgerItem, ManualMatch, Match, MatchingView, StatementImport } from './types.ts';

const ledgerKey = (item: { entryId: string; lineNumber: number }) => `${item.entryId}:${item.lineNumber}`;
const sum = (amounts: string[]) => amounts.reduce((total, amount) => total + toFen(amount), 0n);

function Age({ days }: { days: number }) {
  const { t } = useI18n();
  return <Tag color={days > 30 ? 'red' : days > 10 ? 'orange' : undefined}>{t('ledger.bank.days', { n: days })}</Tag>;
}

export default function BankPage() {
  const { t } = useI18n();
  const selection = useLedgerSelection();
  const bank = useBankAccount(selection);
  const { fund } = selection;
  const { account } = bank;
  const [tab, setTab] = useState('matching');
  // an import matches automatically: the matching tab loads again after each one
  const [imports, setImports] = useState(0);
  const error = selection.fundsError ?? bank.error;

  return (
    <Page title={t('ledger.bank.title')} testId="ledger-bank">
      <LedgerToolbar selection={selection} period={false}>
        <Typography.Text strong>{t('ledger.bankAccount')}</Typography.Text>
        <BankAccountSelect accounts={bank.accounts} value={account} onChange={(code) => selection.update({ account: code })} />
      </LedgerToolbar>
      {error ? <ApiErrorView error={error} /> : fund && account && (
        <Tabs
          activeKey={tab} onChange={setTab}
          items={[
            { key: 'matching', label: <span data-testid="tab-matching">{t('ledger.bank.matching')}</span>, children: <Matching key={imports} fund={fund} account={account} /> },
            {
              key: 'statements', label: <span data-testid="tab-statements">{t('ledger.bank.statements')}</span>,
              children: <Statements fund={fund} account={account} onImported={() => setImports((n) => n + 1)} onShowMatching={() => setTab('matching')} />,
            },
          ]}
        />
      )}
    </Page>
  );
}

function Matching({ fund, account }: { fund: string; account: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const canMatchLines = useCan()('ledger.bank.match');
  const view = useLoad((signal) => api.get<MatchingView>(`${accountPath(fund, account)}/matching`, undefined, signal), [fund, account]);
  const [bankSelected, setBankSelected] = useState<string[]>([]);
  const [ledgerSelected, setLedgerSelected] = useState<string[]>([]);
  const [busy, setBusy] = useState<string>();
  const data = view.data;

  const act = async (name: string, work: () => Promise<string>) => {
    setBusy(name);
    try {
      message.success(await work());
      setBankSelected([]);
      setLedgerSelected([]);
      view.reload();
    } catch (failure) {
      message.error((failure as Error).message);
    } finally { setBusy(undefined); }
  };
  const autoMatch = () => act('auto', async () => {
    const result = await api.post<AutoMatch>(`${accountPath(fund, account)}/matches/auto`, {});
    return t('ledger.bank.autoMatched', { n: result.matched });
  });
  const manualMatch = () => act('manual', async () => {
    const ledgerLines = ledgerSelected.map((key) => { const [entryId, lineNumber] = key.split(':'); return { entryId, lineNumber: Number(lineNumber) }; });
    const result = await api.post<ManualMatch>(`${accountPath(fund, account)}/matches`, { bankLineIds: bankSelected, ledgerLines });
    return t('ledger.bank.manualMatched', { amount: result.amount });
  });
  const unmatch = (match: Match) => act(`unmatch:${match.id}`, async () => {
    await api.delete(`${accountPath(fund, account)}/matches/${match.id}`);
    return t('ledger.bank.unmatched');
  });

  if (view.error) return <ApiErrorView error={view.error} retry={view.reload} />;
  const bankSum = sum((data?.unmatchedBank ?? []).filter((b) => bankSelected.includes(b.id)).map((b) => b.amount));
  const ledgerSum = sum((data?.unmatchedLedger ?? []).filter((l) => ledgerSelected.includes(ledgerKey(l))).map((l) => l.amount));
  const canMatch = bankSelected.length > 0 && ledgerSelected.length > 0 && bankSum === ledgerSum;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        {canMatchLines && (
          <Button type="primary" icon={<ThunderboltOutlined />} loading={busy === 'auto'} onClick={autoMatch} data-testid="ledger-auto-match">{t('ledger.bank.autoMatch')}</Button>
        )}
        {canMatchLines && (
          <Button icon={<LinkOutlined />} disabled={!canMatch} loading={busy === 'manual'} onClick={manualMatch} data-testid="ledger-manual-match">{t('ledger.bank.manualMatch')}</Button>
        )}
        <Typography.Text type="secondary" data-testid="ledger-selection-sums">
          {t('ledger.bank.selectedSums', { bank: fenToYuan(bankSum), ledger: fenToYuan(ledgerSum), difference: fenToYuan(bankSum - ledgerSum) })}
        </Typography.Text>
        {data && <Typography.Text type="secondary">{t('ledger.bank.window', { asOf: data.asOf, start: data.reconciliationStart ?? '—', n: data.windowDays })}</Typography.Text>}
      </Space>
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Typography.Title level={5}>{t('ledger.bank.unmatchedBank', { n: data?.unmatchedBank.length ?? 0 })}</Typography.Title>
          <Table<BankItem>
            data-testid="ledger-unmatched-bank" rowKey="id" size="small" loading={view.loading} dataSource={data?.unmatchedBank ?? []} pagination={{ pageSize: 50, hideOnSinglePage: true }}
            rowSelection={canMatchLines ? { selectedRowKeys: bankSelected, onChange: (keys) => setBankSelected(keys.map(String)) } : undefined}
            columns={[
              { title: t('ledger.date'), dataIndex: 'date', width: 105 },
              moneyColumn(t('ledger.amount'), 'amount', 120),
              { title: t('ledger.reference'), dataIndex: 'reference', ellipsis: true },
              { title: t('ledger.bank.counterparty'), dataIndex: 'counterparty', ellipsis: true, render: (name: string | null, item) => name ?? item.description },
              { title: t('ledger.bank.age'), dataIndex: 'ageDays', width: 80, render: (days: number) => <Age days={days} /> },
            ]}
          />
        </Col>
        <Col xs={24} xl={12}>
          <Typography.Title level={5}>{t('ledger.bank.unmatchedLedger', { n: data?.unmatchedLedger.length ?? 0 })}</Typography.Title>
          <Table<LedgerItem>
            data-testid="ledger-unmatched-ledger" rowKey={ledgerKey} size="small" loading={view.loading} dataSource={data?.unmatchedLedger ?? []} pagination={{ pageSize: 50, hideOnSinglePage: true }}
            rowSelection={canMatchLines ? { selectedRowKeys: ledgerSelected, onChange: (keys) => setLedgerSelected(keys.map(String)) } : undefined}
            columns={[
              { title: t('ledger.date'), dataIndex: 'date', width: 105 },
              moneyColumn(t('ledger.amount'), 'amount', 120),
              { title: t('ledger.reference'), dataIndex: 'reference', ellipsis: true },
              { title: t('ledger.entry.number'), dataIndex: 'voucherNumber', width: 150, render: (number: string, item) => <Link to={`/ledger/balances/${fund}/entries/${item.entryId}`}>{number}</Link> },
              { title: t('ledger.memo'), dataIndex: 'memo', ellipsis: true },
              { title: t('ledger.bank.age'), dataIndex: 'ageDays', width: 80, render: (days: number) => <Age days={days} /> },
            ]}
          />
        </Col>
      </Row>
      <Typography.Title level={5}>{t('ledger.bank.matches', { n: data?.matches.length ?? 0 })}</Typography.Title>
      <Table<Match>
        data-testid="ledger-matches" rowKey="id" size="small" loading={view.loading} dataSource={data?.matches ?? []} pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('ledger.bank.method'), dataIndex: 'method', width: 90, render: (method: string) => <Tag color={method === 'auto' ? 'blue' : 'purple'}>{t(`ledger.bank.method.${method}`)}</Tag> },
          { title: t('ledger.bank.rule'), dataIndex: 'rule', width: 120, render: (rule: string | null) => (rule ? t(`ledger.bank.rule.${rule}`) : '') },
          moneyColumn(t('ledger.amount'), 'amount', 130),
          { title: t('ledger.bank.lines'), key: 'lines', render: (_: unknown, match) => t('ledger.bank.lineCounts', { bank: match.bankLineIds.length, ledger: match.ledgerLines.length }) },
          { title: t('ledger.bank.matchedBy'), dataIndex: 'createdBy', width: 140 },
          { title: t('ledger.bank.matchedAt'), dataIndex: 'createdAt', width: 170, render: formatDateTime },
          ...(canMatchLines ? [{
            title: t('common.actions'), key: 'actions', width: 110,
            render: (_: unknown, match: Match) => (
              <Popconfirm title={t('ledger.bank.unmatchConfirm')} okButtonProps={{ danger: true }} onConfirm={() => unmatch(match)}>
                <Button size="small" danger loading={busy === `unmatch:${match.id}`} data-testid="ledger-unmatch">{t('ledger.bank.unmatch')}</Button>
              </Popconfirm>
            ),
          }] : []),
        ]}
      />
    </Space>
  );
}

function importSummary(t: Translate, result: StatementImport): string {
  const newLines = result.statements.reduce((total, s) => total + s.newLines, 0);
  return t('ledger.bank.imported', { statements: result.statements.length, lines: newLines, matched: result.matched });
}

/** The statement's columns (src/modules/ledger/bank/statement.schema.ts) as this page labels them. */
const statementFields = (t: Translate): Record<string, string> => ({
  date: t('ledger.date'), valueDate: t('ledger.bank.valueDate'), amount: t('ledger.amount'), debit: t('ledger.bank.debit'), credit: t('ledger.bank.credit'),
  balance: t('ledger.bank.balance'), reference: t('ledger.reference'), counterpartyName: t('ledger.bank.counterpartyName'), counterpartyAccount: t('ledger.bank.counterpartyAccount'),
  memo: t('ledger.memo'), transactionId: t('ledger.bank.transactionId'),
});

/** A balance column pair (direction, amount) of the statement list, titled in words for the column settings. */
const statementBalance = (t: Translate, title: string, key: 'opening' | 'closing'): ListColumn<BankStatement> =>
  ({ ...balanceColumns<BankStatement>(t, title, key, (s) => s[key]), key, title });

function Statements({ fund, account, onImported, onShowMatching }: { fund: string; account: string; onImported(): void; onShowMatching(): void }) {
  const { t } = useI18n();
  const canImport = useCan()('ledger.bank.import');
  const [imported, setImported] = useState(0);
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [from, to] = range ?? [];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {canImport && (
        <>
          <Alert type="info" showIcon message={t('ledger.bank.importRule')} />
          <Space wrap>
            <Typography.Text>{t('ledger.bank.csvRange')}</Typography.Text>
            <DatePicker.RangePicker allowEmpty={[true, true]} value={range} onChange={(value) => setRange(value)} />
          </Space>
          <ImportPanel<StatementImport>
            key={`${fund}/${account}`} path={`${accountPath(fund, account)}/bank-statements`} query={{ from: from?.format('YYYY-MM-DD'), to: to?.format('YYYY-MM-DD') }}
            testId="ledger-statement" prompt={t('ledger.bank.choose')} accept={`${spreadsheetFiles},.xml,application/xml,text/xml`} fieldLabels={statementFields(t)}
            renderResult={(result) => (
              <Alert
                type="success" showIcon data-testid="ledger-statement-imported" message={importSummary(t, result)}
                action={<Button size="small" onClick={onShowMatching} data-testid="ledger-to-matching">{t('ledger.bank.toMatching')}</Button>}
              />
            )}
            onApplied={() => { setImported((n) => n + 1); onImported(); }}
          />
        </>
      )}
      {/* every statement of the account, the latest first, paged by the API's cursor and exported whole */}
      <ListPage<BankStatement>
        embedded paramPrefix="statements." listId="ledger-bank-statements" tableTestId="ledger-statements" endpoint={`${accountPath(fund, account)}/bank-statements`}
        rowKey="id" refresh={imported} exports={['xlsx', 'csv']} table={{ size: 'small', locale: { emptyText: <Empty description={t('ledger.bank.noStatements')} /> } }}
        columns={[
          { key: 'range', title: t('ledger.bank.statementPeriod'), width: 210, render: (_: unknown, s: BankStatement) => `${s.from} ~ ${s.to}` },
          { key: 'format', title: t('ledger.bank.format'), dataIndex: 'format', width: 90 },
          { key: 'fileName', title: t('ledger.bank.fileName'), dataIndex: 'fileName', ellipsis: true },
          { key: 'reference', title: t('ledger.bank.statementReference'), dataIndex: 'reference', ellipsis: true },
          statementBalance(t, t('ledger.opening'), 'opening'),
          statementBalance(t, t('ledger.closing'), 'closing'),
          { key: 'lines', title: t('ledger.bank.lines'), dataIndex: 'lines', width: 80, align: 'right' },
          { key: 'importedBy', title: t('ledger.bank.importedBy'), dataIndex: 'importedBy', width: 120 },
          { key: 'importedAt', title: t('ledger.bank.importedAt'), dataIndex: 'importedAt', width: 170, render: formatDateTime },
        ]}
      />
    </Space>
  );
}
