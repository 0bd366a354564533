/**
 * 业务会计核对: a month's collection records against the fund ledger, fund by fund (GET /api/collection/reconciliation):
 * what the bills' payments and the employers' credits say each fund collected, what the ledger booked on the cash
 * basis, and the difference, red where it is not zero. One line says whether the month reconciles; printed as it stands.
 */
import { Link } from 'react-router-dom';
import { Alert, Button, Empty, Space, Table, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { fenToYuan, toFen } from '../../format.ts';
import { Page } from '../../components/Page.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { MonthPicker } from '../../components/MonthPicker.tsx';
import { Money } from '../../components/Money.tsx';
import { NO_PRINT, PRINT_CSS } from '../../components/list/print.ts';
import { lastMonth, useUrlFilters } from './shared.tsx';

/**
 * The answer of GET /api/collection/reconciliation (its schema is written in reconciliation.routes.ts, which the web
 * cannot import as a type without the server's database types): per fund, money as yuan strings.
 */
type FundReconciliation = { fund: string; name: string; business: string; ledger: string; difference: string };
type CollectionReconciliation = { period: string; funds: FundReconciliation[]; differences: number };
type MoneyField = 'business' | 'ledger' | 'difference';

/** A difference is shown in red unless it is zero. */
function Difference({ value, testId }: { value: string; testId?: string }) {
  const differs = toFen(value) !== 0n;
  return <Typography.Text type={differs ? 'danger' : undefined} strong={differs}><Money value={value} testId={testId} /></Typography.Text>;
}

/** The column's sum over the funds (fen, exact). */
const sumOf = (funds: FundReconciliation[], field: MoneyField) => fenToYuan(funds.reduce((sum, fund) => sum + toFen(fund[field]), 0n));

function Summary({ answer }: { answer: CollectionReconciliation }) {
  const { t } = useI18n();
  if (answer.differences > 0) {
    return (
      <Alert
        type="error" showIcon data-testid="reconciliation-summary" data-differences={answer.differences}
        message={t('reconciliation.differences', { period: answer.period, n: answer.differences })} description={t('reconciliation.differencesHint')}
      />
    );
  }
  const noMoney = answer.funds.every((fund) => toFen(fund.business) === 0n && toFen(fund.ledger) === 0n);
  if (noMoney) {
    return (
      <Alert
        type="info" showIcon data-testid="reconciliation-summary" data-differences={0}
        message={t('reconciliation.noMoney', { period: answer.period })}
        description={<>{t('reconciliation.noMoneyHint')} <Link to="/collection/payments" className={NO_PRINT}>{t('reconciliation.toPayments')}</Link></>}
      />
    );
  }
  return <Alert type="success" showIcon data-testid="reconciliation-summary" data-differences={0} message={t('reconciliation.balanced', { period: answer.period })} />;
}

export default function CollectionReconciliationPage() {
  const { t } = useI18n();
  const { params, update } = useUrlFilters();
  const period = params.get('period') ?? lastMonth();
  const reconciliation = useLoad((signal) => api.get<CollectionReconciliation>('/api/collection/reconciliation', { period }, signal), [period]);
  const answer = reconciliation.data;
  const funds = answer?.funds ?? [];
  return (
    <Page
      title={t('reconciliation.title')} testId="collection-reconciliation-page"
      extra={<Button icon={<PrinterOutlined />} className={NO_PRINT} onClick={() => window.print()} disabled={!answer} data-testid="reconciliation-print">{t('reconciliation.print')}</Button>}
    >
      <style>{PRINT_CSS}</style>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text strong>{t('reconciliation.period')}</Typography.Text>
          <MonthPicker value={period} onChange={(value) => update({ period: value })} testId="reconciliation-period" />
        </Space>
        <Typography.Text type="secondary">{t('reconciliation.explain')}</Typography.Text>
        {reconciliation.error ? <ApiErrorView error={reconciliation.error} retry={reconciliation.reload} /> : (
          <>
            {answer && answer.period === period && funds.length > 0 && <Summary answer={answer} />}
            <Table<FundReconciliation>
              data-testid="reconciliation-funds" data-period={answer?.period} rowKey="fund" size="middle" pagination={false} loading={reconciliation.loading} dataSource={funds}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<><div>{t('reconciliation.noFunds')}</div><Typography.Text type="secondary">{t('reconciliation.noFundsHint')}</Typography.Text></>} /> }}
              columns={[
                { title: t('reconciliation.fund'), dataIndex: 'name' },
                { title: t('reconciliation.fundCode'), dataIndex: 'fund', width: 200 },
                { title: t('reconciliation.business'), dataIndex: 'business', align: 'right', width: 180, render: (value: string, fund) => <Money value={value} testId={`reconciliation-business-${fund.fund}`} /> },
                { title: t('reconciliation.ledger'), dataIndex: 'ledger', align: 'right', width: 180, render: (value: string, fund) => <Money value={value} testId={`reconciliation-ledger-${fund.fund}`} /> },
                { title: t('reconciliation.difference'), dataIndex: 'difference', align: 'right', width: 160, render: (value: string, fund) => <Difference value={value} testId={`reconciliation-difference-${fund.fund}`} /> },
              ]}
              summary={() => funds.length > 1 && (
                <Table.Summary.Row data-testid="reconciliation-totals">
                  <Table.Summary.Cell index={0} colSpan={2}><Typography.Text strong>{t('reconciliation.total')}</Typography.Text></Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right"><Typography.Text strong><Money value={sumOf(funds, 'business')} /></Typography.Text></Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right"><Typography.Text strong><Money value={sumOf(funds, 'ledger')} /></Typography.Text></Table.Summary.Cell>
                  <Table.Summary.Cell index={4} align="right"><Difference value={sumOf(funds, 'difference')} /></Table.Summary.Cell>
                </Table.Summary.Row>
              )}
            />
          </>
        )}
      </Space>
    </Page>
  );
}
