/**
 * 明细账: one account's lines in a month, each with the balance after it (方向 and amount, as a 明细账 prints it),
 * under the opening balance and over the closing one; a line opens its entry by its 凭证字号. Every page is exact: the
 * API gives each line's balance, the balance before the page's first line (承前页) and the month's count of lines.
 */
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { Button, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { Page } from '../../components/Page.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { Money, moneyColumn } from '../../components/Money.tsx';
import { MonthPicker } from '../../components/MonthPicker.tsx';
import { balanceColumns, DirectedMoney } from './balance.tsx';
import { accountPath, currentMonth, sourceLabel } from './shared.tsx';
import type { AccountLine, AccountLines } from './types.ts';

const PAGE = 100;


export default function AccountLinesPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { fund = '', account = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const period = params.get('period') ?? currentMonth();
  const offset = Number(params.get('offset') ?? 0) || 0;
  const lines = useLoad((signal) => api.get<AccountLines>(`${accountPath(fund, account)}/lines`, { period, limit: PAGE, offset }, signal), [fund, account, period, offset]);
  const data = lines.data;
  const entryOf = (line: AccountLine) => `/ledger/balances/${fund}/entries/${line.entryId}`;
  const go = (next: { period?: string; offset?: number }) => setParams({ period: next.period ?? period, ...(next.offset ? { offset: String(next.offset) } : {}) });
  const lastPage = !data || offset + data.lines.length >= data.total;
  const role = data?.account.role;

  return (
    <Page
      title={data ? `${t('ledger.lines.title')} · ${data.account.code} ${data.account.name}` : t('ledger.lines.title')} testId="ledger-lines"
      extra={<Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/ledger/balances?fund=${fund}&period=${period}`)}>{t('ledger.lines.back')}</Button>}
    >
      <Space style={{ marginBottom: 16 }}>
        <MonthPicker value={period} onChange={(value) => go({ period: value })} testId="ledger-period" />
      </Space>
      {lines.error ? <ApiErrorView error={lines.error} retry={lines.reload} /> : (
        <>
          {data && (
            <Descriptions bordered size="small" column={4} style={{ marginBottom: 16 }} data-testid="ledger-lines-summary">
              <Descriptions.Item label={t('ledger.fund')}>{data.fund}</Descriptions.Item>
              <Descriptions.Item label={t('ledger.account.role')}>{t(`ledger.role.${data.account.role}`)}</Descriptions.Item>
              <Descriptions.Item label={t('ledger.period')}>{data.period}</Descriptions.Item>
              <Descriptions.Item label={t('ledger.opening')}><DirectedMoney value={data.opening} role={role} /></Descriptions.Item>
              <Descriptions.Item label={t('ledger.debit')}><Money value={data.debit} /></Descriptions.Item>
              <Descriptions.Item label={t('ledger.credit')}><Money value={data.credit} /></Descriptions.Item>
              <Descriptions.Item label={t('ledger.closing')}><DirectedMoney value={data.closing} role={role} testId="ledger-lines-closing" /></Descriptions.Item>
            </Descriptions>
          )}
          {data && offset > 0 && (
            <Typography.Paragraph data-testid="ledger-lines-brought-forward">
              {t('ledger.lines.broughtForward')}：<DirectedMoney value={data.pageOpening} role={role} testId="ledger-lines-page-opening" />
            </Typography.Paragraph>
          )}
          <Table<AccountLine>
            data-testid="ledger-lines-table" rowKey={(line) => `${line.entryId}:${line.lineNumber}`} size="small" bordered loading={lines.loading} dataSource={data?.lines ?? []}
            pagination={false} onRow={(line) => ({ onClick: () => navigate(entryOf(line)), style: { cursor: 'pointer' } })}
            columns={[
              { title: t('ledger.date'), dataIndex: 'date', width: 110 },
              {
                title: t('ledger.entry.number'), dataIndex: 'voucherNumber', width: 190,
                render: (number: string, line) => <Link to={entryOf(line)} onClick={(event) => event.stopPropagation()} data-testid="ledger-entry-link">{number}</Link>,
              },
              { title: t('ledger.memo'), dataIndex: 'memo' },
              { title: t('ledger.reference'), dataIndex: 'reference', width: 170 },
              { title: t('ledger.entry.kind'), dataIndex: 'kind', width: 90, render: (kind: string) => <Tag>{t(`ledger.kind.${kind}`)}</Tag> },
              { title: t('ledger.entry.source'), dataIndex: 'source', width: 180, render: (_: unknown, line) => sourceLabel(t, line.source) },
              moneyColumn(t('ledger.debit'), 'debit', 130),
              moneyColumn(t('ledger.credit'), 'credit', 130),
              balanceColumns<AccountLine>(t, t('ledger.balance'), 'balance', (line) => line.balance, () => role),
            ]}
          />
          {(offset > 0 || !lastPage) && (
            <Space style={{ marginTop: 12 }}>
              <span data-testid="ledger-lines-total">{t('common.total', { n: data?.total ?? 0 })}</span>
              <Button disabled={offset === 0} onClick={() => go({ offset: Math.max(0, offset - PAGE) })}>{t('ledger.previousPage')}</Button>
              <Button disabled={lastPage} onClick={() => go({ offset: offset + PAGE })}>{t('ledger.nextPage')}</Button>
            </Space>
          )}
        </>
      )}
    </Page>
  );
}
