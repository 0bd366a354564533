/** 明细账: one account's lines in a month with its opening and closing balance; a line opens its entry. */
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { Button, Descriptions, Space, Table, Tag } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { Page } from '../../components/Page.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { Money, moneyColumn } from '../../components/Money.tsx';
import { MonthPicker } from '../../components/MonthPicker.tsx';
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
              <Descriptions.Item label={t('ledger.opening')}><Money value={data.opening} /></Descriptions.Item>
              <Descriptions.Item label={t('ledger.debit')}><Money value={data.debit} /></Descriptions.Item>
              <Descriptions.Item label={t('ledger.credit')}><Money value={data.credit} /></Descriptions.Item>
              <Descriptions.Item label={t('ledger.closing')}><Money value={data.closing} testId="ledger-lines-closing" /></Descriptions.Item>
            </Descriptions>
          )}
          <Table<AccountLine>
            data-testid="ledger-lines-table" rowKey={(line) => `${line.entryId}:${line.lineNumber}`} size="small" loading={lines.loading} dataSource={data?.lines ?? []}
            pagination={false} onRow={(line) => ({ onClick: () => navigate(entryOf(line)), style: { cursor: 'pointer' } })}
            columns={[
              { title: t('ledger.date'), dataIndex: 'date', width: 110 },
              {
                title: t('ledger.entry.id'), dataIndex: 'entryId', width: 190,
                render: (id: string, line) => <Link to={entryOf(line)} onClick={(event) => event.stopPropagation()} data-testid="ledger-entry-link">{id}</Link>,
              },
              { title: t('ledger.memo'), dataIndex: 'memo' },
              { title: t('ledger.reference'), dataIndex: 'reference', width: 170 },
              { title: t('ledger.entry.kind'), dataIndex: 'kind', width: 100, render: (kind: string) => <Tag>{t(`ledger.kind.${kind}`)}</Tag> },
              { title: t('ledger.entry.source'), dataIndex: 'source', width: 200, render: (_: unknown, line) => sourceLabel(t, line.source) },
              moneyColumn(t('ledger.debit'), 'debit', 140),
              moneyColumn(t('ledger.credit'), 'credit', 140),
            ]}
          />
          {(offset > 0 || (data?.lines.length ?? 0) === PAGE) && (
            <Space style={{ marginTop: 12 }}>
              <Button disabled={offset === 0} onClick={() => go({ offset: Math.max(0, offset - PAGE) })}>{t('ledger.previousPage')}</Button>
              <Button disabled={(data?.lines.length ?? 0) < PAGE} onClick={() => go({ offset: offset + PAGE })}>{t('ledger.nextPage')}</Button>
            </Space>
          )}
        </>
      )}
    </Page>
  );
}
