/**
 * 基金收支表: a fund's income and expenditure for a month, a quarter or a year (each line for the period and the
 * year to date; benefits by type), the surplus, the balance brought and carried forward and the net assets (each a
 * direction and a positive amount: the API gives them credit-positive, a deficit negative). Downloadable as XLSX;
 * printable on A4.
 */
import type { ReactNode } from 'react';
import { Button, DatePicker, Descriptions, Segmented, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api, withQuery } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { useMe } from '../../session.tsx';
import { Page } from '../../components/Page.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { Money } from '../../components/Money.tsx';
import { DirectedMoney } from './balance.tsx';
import { NO_PRINT, PrintButton, PrintHeader, PrintSignatures, PrintStyle } from './print.tsx';
import { fundHeading, fundPath, LedgerToolbar, useLedgerSelection } from './shared.tsx';
import type { IncomeExpenditure, PeriodAmounts, StatementLine } from './types.ts';

type RangeKind = 'month' | 'quarter' | 'year';

const TEST_ID = 'ledger-statement';

/** "2026-03" | "2026-Q1" | "2026" ⇄ the picker's kind and date. */
function parseRange(text: string): { kind: RangeKind; date: Dayjs } {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(text);
  if (quarter) return { kind: 'quarter', date: dayjs(`${quarter[1]}-${String((Number(quarter[2]) - 1) * 3 + 1).padStart(2, '0')}-01`) };
  if (/^\d{4}$/.test(text)) return { kind: 'year', date: dayjs(`${text}-01-01`) };
  return { kind: 'month', date: dayjs(`${text}-01`) };
}
function formatRange(kind: RangeKind, date: Dayjs): string {
  if (kind === 'year') return date.format('YYYY');
  if (kind === 'quarter') return `${date.format('YYYY')}-Q${Math.floor(date.month() / 3) + 1}`;
  return date.format('YYYY-MM');
}

interface Row { key: string; name: ReactNode; period?: string; yearToDate?: string; strong?: boolean; children?: Row[] }

const lineRows = (lines: StatementLine[], prefix: string): Row[] => lines.map((line) => ({
  key: `${prefix}:${line.subject}`, name: line.name, period: line.period, yearToDate: line.yearToDate,
  ...(line.detail ? { children: lineRows(line.detail, `${prefix}:${line.subject}`) } : {}),
}));

export default function StatementPage() {
  const { t } = useI18n();
  const me = useMe();
  const selection = useLedgerSelection();
  const { fund } = selection;
  const range = selection.params.get('range') ?? dayjs().format('YYYY-MM');
  const { kind, date } = parseRange(range);
  const statement = useLoad(
    (signal) => (fund ? api.get<IncomeExpenditure>(`${fundPath(fund)}/statements/income-expenditure`, { period: range }, signal) : Promise.resolve(undefined)),
    [fund, range],
  );
  const data = statement.data;
  const error = selection.fundsError ?? statement.error;
  const total = (key: string, name: string, amounts: PeriodAmounts): Row => ({ key, name, ...amounts, strong: true });
  const rows: Row[] = data ? [
    { key: 'income', name: t('ledger.statement.income'), strong: true },
    ...lineRows(data.income, 'income'),
    total('totalIncome', t('ledger.statement.totalIncome'), data.totalIncome),
    { key: 'expenditure', name: t('ledger.statement.expenditure'), strong: true },
    ...lineRows(data.expenditure, 'expenditure'),
    total('totalExpenditure', t('ledger.statement.totalExpenditure'), data.totalExpenditure),
    total('surplus', t('ledger.statement.surplus'), data.surplus),
  ] : [];
  const amount = (value: string | undefined, row: Row) => value !== undefined && <Typography.Text strong={row.strong}><Money value={value} /></Typography.Text>;

  return (
    <Page
      title={t('ledger.statement.title')} testId={TEST_ID}
      extra={fund && (
        <>
          <PrintButton testId="ledger-statement-print" />
          <Button className={NO_PRINT} icon={<DownloadOutlined />} href={withQuery(`${fundPath(fund)}/statements/income-expenditure`, { period: range, format: 'xlsx' })} data-testid="ledger-statement-xlsx">{t('ledger.xlsx')}</Button>
        </>
      )}
    >
      <PrintStyle paper="A4 portrait" testId={TEST_ID} />
      <PrintHeader title={t('ledger.statement.title')} lines={fundHeading(t, selection.funds.find((f) => f.code === fund), data?.range ?? range)} />
      <LedgerToolbar selection={selection} period={false}>
        <Segmented
          value={kind} onChange={(next) => selection.update({ range: formatRange(next as RangeKind, date) })}
          options={(['month', 'quarter', 'year'] as const).map((value) => ({ value, label: t(`ledger.statement.${value}`) }))}
        />
        <DatePicker picker={kind} allowClear={false} value={date} onChange={(next) => next && selection.update({ range: formatRange(kind, next) })} />
      </LedgerToolbar>
      {error ? <ApiErrorView error={error} retry={statement.reload} /> : (
        <>
          {data && (
            <Typography.Title level={5} style={{ textAlign: 'center' }} className={NO_PRINT}>{t('ledger.statement.heading', { fund: data.fundName, range: data.range })}</Typography.Title>
          )}
          <Table<Row>
            data-testid="ledger-statement-table" rowKey="key" size="small" bordered pagination={false} loading={statement.loading} dataSource={rows}
            expandable={{ defaultExpandAllRows: true }} key={`${fund}:${range}:${rows.length}`}
            columns={[
              { title: t('ledger.statement.item'), dataIndex: 'name', render: (name: ReactNode, row) => (row.strong ? <Typography.Text strong>{name}</Typography.Text> : name) },
              { title: t('ledger.statement.period'), dataIndex: 'period', align: 'right', width: 200, render: amount },
              { title: t('ledger.statement.yearToDate'), dataIndex: 'yearToDate', align: 'right', width: 200, render: amount },
            ]}
          />
          {data && (
            <Descriptions bordered size="small" column={2} style={{ marginTop: 16 }} data-testid="ledger-statement-balances">
              <Descriptions.Item label={t('ledger.statement.broughtForward')}><DirectedMoney value={data.balanceBroughtForward} positiveSide="credit" role="fund_balance" /></Descriptions.Item>
              <Descriptions.Item label={t('ledger.statement.carriedForward')}>
                <DirectedMoney value={data.balanceCarriedForward} positiveSide="credit" role="fund_balance" testId="ledger-statement-carried-forward" />
              </Descriptions.Item>
              <Descriptions.Item label={t('ledger.statement.netAssets')}><DirectedMoney value={data.netAssets} positiveSide="credit" role="fund_balance" /></Descriptions.Item>
              <Descriptions.Item label={t('ledger.statement.whole')}>{t(data.netAssets === data.balanceCarriedForward ? 'common.yes' : 'common.no')}</Descriptions.Item>
            </Descriptions>
          )}
          <PrintSignatures signers={[{ label: t('ledger.print.supervisor') }, { label: t('ledger.print.reviewer') }, { label: t('ledger.print.preparer'), name: me.displayName }]} />
        </>
      )}
    </Page>
  );
}
