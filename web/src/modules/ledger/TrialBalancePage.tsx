/** 科目余额表: a fund's trial balance for a month (opening, debit, credit, closing per account); an account opens its lines. */
import { Link, useNavigate } from 'react-router-dom';
import { Button, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { api, withQuery } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { Page } from '../../components/Page.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { Money, moneyColumn } from '../../components/Money.tsx';
import { fundPath, LedgerToolbar, useLedgerSelection } from './shared.tsx';
import type { TrialBalance, TrialBalanceLine } from './types.ts';

export default function TrialBalancePage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const selection = useLedgerSelection();
  const { fund, period } = selection;
  const balance = useLoad(
    (signal) => (fund ? api.get<TrialBalance>(`${fundPath(fund)}/trial-balance`, { period }, signal) : Promise.resolve(undefined)),
    [fund, period],
  );
  const data = balance.data;
  const error = selection.fundsError ?? balance.error;
  const linesOf = (code: string) => `/ledger/balances/${fund}/${code}?period=${period}`;
  // Double entry: openings and closings each add up to zero, debits equal credits.
  const balanced = data && data.totals.debit === data.totals.credit && data.totals.opening === '0.00' && data.totals.closing === '0.00';

  return (
    <Page
      title={t('ledger.balances.title')} testId="ledger-balances"
      extra={fund && (
        <Button icon={<DownloadOutlined />} href={withQuery(`${fundPath(fund)}/trial-balance`, { period, format: 'xlsx' })} data-testid="ledger-balances-xlsx">{t('ledger.xlsx')}</Button>
      )}
    >
      <LedgerToolbar selection={selection}>
        {data && <Tag color={balanced ? 'green' : 'red'} data-testid="ledger-balanced">{t(balanced ? 'ledger.balances.balanced' : 'ledger.balances.unbalanced')}</Tag>}
      </LedgerToolbar>
      {error ? <ApiErrorView error={error} retry={balance.reload} /> : (
        <>
          <Table<TrialBalanceLine>
            data-testid="ledger-balances-table" rowKey="code" size="small" pagination={false} loading={balance.loading} dataSource={data?.accounts ?? []}
            onRow={(row) => ({ onClick: () => navigate(linesOf(row.code)), style: { cursor: 'pointer' } })}
            columns={[
              {
                title: t('ledger.account.code'), dataIndex: 'code', width: 110,
                render: (code: string) => <Link to={linesOf(code)} onClick={(event) => event.stopPropagation()} data-testid={`account-${code}`}>{code}</Link>,
              },
              { title: t('ledger.account.name'), dataIndex: 'name' },
              { title: t('ledger.account.role'), dataIndex: 'role', width: 130, render: (role: string) => t(`ledger.role.${role}`) },
              moneyColumn(t('ledger.opening'), 'opening'),
              moneyColumn(t('ledger.debit'), 'debit'),
              moneyColumn(t('ledger.credit'), 'credit'),
              moneyColumn(t('ledger.closing'), 'closing'),
            ]}
            summary={() => data && (
              <Table.Summary.Row style={{ fontWeight: 600 }}>
                <Table.Summary.Cell index={0} colSpan={3}>{t('ledger.total')}</Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right"><Money value={data.totals.opening} /></Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right"><Money value={data.totals.debit} testId="ledger-total-debit" /></Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right"><Money value={data.totals.credit} testId="ledger-total-credit" /></Table.Summary.Cell>
                <Table.Summary.Cell index={6} align="right"><Money value={data.totals.closing} /></Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t('ledger.balances.sign')}</Typography.Paragraph>
        </>
      )}
    </Page>
  );
}
