/**
 * 科目余额表: a fund's trial balance for a month. Each balance is printed as a direction (借/贷/平) and a positive
 * amount (direction.ts); the movements as 借方 and 贷方. Accounts with no balance and no movement are hidden unless
 * asked for (?zero=1). An account opens its lines. Printable on A4 landscape; exported as XLSX by the server, laid out
 * the same way (方向 columns, zero accounts as the switch says).
 */
import { Link, useNavigate } from 'react-router-dom';
import { Button, Space, Switch, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { api, withQuery } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { useMe } from '../../session.tsx';
import { formatYuan } from '../../format.ts';
import { Page } from '../../components/Page.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { Money, moneyColumn } from '../../components/Money.tsx';
import { balanceColumns, DirectionText } from './balance.tsx';
import { balanceSums, directedBalance } from './direction.ts';
import { NO_PRINT, PrintButton, PrintHeader, PrintSignatures, PrintStyle } from './print.tsx';
import { fundHeading, fundPath, LedgerToolbar, useLedgerSelection } from './shared.tsx';
import type { TrialBalance, TrialBalanceLine } from './types.ts';

const TEST_ID = 'ledger-balances';

const isZero = (line: TrialBalanceLine) => [line.opening, line.debit, line.credit, line.closing].every((value) => value === '0.00');

export default function TrialBalancePage() {
  const { t } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const selection = useLedgerSelection();
  const { fund, period } = selection;
  const showZero = selection.params.get('zero') === '1';
  const balance = useLoad(
    (signal) => (fund ? api.get<TrialBalance>(`${fundPath(fund)}/trial-balance`, { period }, signal) : Promise.resolve(undefined)),
    [fund, period],
  );
  const data = balance.data;
  const error = selection.fundsError ?? balance.error;
  const linesOf = (code: string) => `/ledger/balances/${fund}/${code}?period=${period}`;
  // Double entry: openings and closings each add up to zero, debits equal credits.
  const balanced = data && data.totals.debit === data.totals.credit && data.totals.opening === '0.00' && data.totals.closing === '0.00';
  const accounts = data?.accounts ?? [];
  const shown = showZero ? accounts : accounts.filter((line) => !isZero(line));
  const opening = balanceSums(accounts.map((line) => line.opening));
  const closing = balanceSums(accounts.map((line) => line.closing));
  const totalCell = (index: number, value: string, testId: string) => {
    const directed = directedBalance(value);
    return (
      <>
        <Table.Summary.Cell index={index} align="center"><DirectionText balance={directed} testId={`${testId}-direction`} /></Table.Summary.Cell>
        <Table.Summary.Cell index={index + 1} align="right"><Money value={directed.amount} testId={testId} /></Table.Summary.Cell>
      </>
    );
  };

  return (
    <Page
      title={t('ledger.balances.title')} testId={TEST_ID}
      extra={fund && (
        <>
          <PrintButton testId="ledger-balances-print" />
          <Button className={NO_PRINT} icon={<DownloadOutlined />} href={withQuery(`${fundPath(fund)}/trial-balance`, { period, format: 'xlsx', ...(showZero ? { zero: '1' } : {}) })} data-testid="ledger-balances-xlsx">{t('ledger.xlsx')}</Button>
        </>
      )}
    >
      <PrintStyle paper="A4 landscape" testId={TEST_ID} />
      <PrintHeader title={t('ledger.balances.title')} lines={fundHeading(t, selection.funds.find((f) => f.code === fund), period)} />
      <LedgerToolbar selection={selection}>
        {data && <Tag color={balanced ? 'green' : 'red'} data-testid="ledger-balanced">{t(balanced ? 'ledger.balances.balanced' : 'ledger.balances.unbalanced')}</Tag>}
        <Space>
          <Switch size="small" checked={showZero} onChange={(checked) => selection.update({ zero: checked ? '1' : undefined })} data-testid="ledger-balances-show-zero" />
          {t('ledger.balances.showZero')}
        </Space>
      </LedgerToolbar>
      {error ? <ApiErrorView error={error} retry={balance.reload} /> : (
        <>
          <Table<TrialBalanceLine>
            data-testid="ledger-balances-table" rowKey="code" size="small" bordered pagination={false} loading={balance.loading} dataSource={shown}
            onRow={(row) => ({ onClick: () => navigate(linesOf(row.code)), style: { cursor: 'pointer' } })}
            columns={[
              {
                title: t('ledger.account.code'), dataIndex: 'code', width: 100,
                render: (code: string) => <Link to={linesOf(code)} onClick={(event) => event.stopPropagation()} data-testid={`account-${code}`}>{code}</Link>,
              },
              { title: t('ledger.account.name'), dataIndex: 'name' },
              { title: t('ledger.account.role'), dataIndex: 'role', width: 110, render: (role: string) => t(`ledger.role.${role}`) },
              balanceColumns<TrialBalanceLine>(t, t('ledger.opening'), 'opening', (line) => line.opening, (line) => line.role),
              { title: t('ledger.movement'), key: 'movement', children: [moneyColumn(t('ledger.debit'), 'debit'), moneyColumn(t('ledger.credit'), 'credit')] },
              balanceColumns<TrialBalanceLine>(t, t('ledger.closing'), 'closing', (line) => line.closing, (line) => line.role),
            ]}
            summary={() => data && (
              <Table.Summary.Row style={{ fontWeight: 600 }}>
                <Table.Summary.Cell index={0} colSpan={3}>{t('ledger.total')}</Table.Summary.Cell>
                {totalCell(3, data.totals.opening, 'ledger-total-opening')}
                <Table.Summary.Cell index={5} align="right"><Money value={data.totals.debit} testId="ledger-total-debit" /></Table.Summary.Cell>
                <Table.Summary.Cell index={6} align="right"><Money value={data.totals.credit} testId="ledger-total-credit" /></Table.Summary.Cell>
                {totalCell(7, data.totals.closing, 'ledger-total-closing')}
              </Table.Summary.Row>
            )}
          />
          {data && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }} data-testid="ledger-balances-sides">
              {t('ledger.balances.sides', { openingDebit: formatYuan(opening.debit), openingCredit: formatYuan(opening.credit), closingDebit: formatYuan(closing.debit), closingCredit: formatYuan(closing.credit) })}
              {!showZero && accounts.length > shown.length && <span className={NO_PRINT}> {t('ledger.balances.zeroHidden', { n: accounts.length - shown.length })}</span>}
            </Typography.Paragraph>
          )}
          <PrintSignatures signers={[{ label: t('ledger.print.preparer'), name: me.displayName }, { label: t('ledger.print.reviewer') }]} />
        </>
      )}
    </Page>
  );
}
