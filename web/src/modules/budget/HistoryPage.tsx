/**
 * 历年决算: the past final accounts of a region's funds (GET /api/budget/history), one tab per fund: the years as
 * columns, the lines as rows (收入 lines, 收入合计, 支出 lines with their 其中 rows, 支出合计, 本年收支结余, then the base
 * data), amounts in 万元 with two decimals and the exact yuan in the tooltip. A budget officer (budget.draft) imports a
 * file in the standard layout (POST /api/budget/history/imports, all rows or none; the refused rows are listed).
 */
import { useState, type ReactNode } from 'react';
import type { Static } from '@sinclair/typebox';
import { Card, Empty, Space, Table, Tabs, Tooltip, Typography } from 'antd';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { useMe } from '../../session.tsx';
import { useCan } from '../../permissions.ts';
import { formatYuan, toFen } from '../../format.ts';
import { Page } from '../../components/Page.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { ImportPanel } from '../../components/FileUpload.tsx';
import type * as History from '../../../../src/modules/budget/history/history.schemas.ts';

type BudgetHistory = Static<typeof History.BudgetHistory>;
type FundHistory = BudgetHistory['funds'][number];
type HistoryYear = FundHistory['years'][number];
type HistoryImport = Static<typeof History.HistoryImport>;

/** Yuan → 万元 with two decimals, rounded half up on the exact fen (no float on the way). */
export function tenThousandYuan(yuan: string): string {
  const fen = toFen(yuan);
  const negative = fen < 0n;
  const hundredths = ((negative ? -fen : fen) + 5_000n) / 10_000n;
  const whole = (hundredths / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative && hundredths > 0n ? '-' : ''}${whole}.${(hundredths % 100n).toString().padStart(2, '0')}`;
}

function TenThousand({ yuan, testId }: { yuan: string; testId?: string }) {
  return (
    <Tooltip title={`${formatYuan(yuan)} 元`}>
      <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }} data-testid={testId} data-yuan={yuan}>{tenThousandYuan(yuan)}</span>
    </Tooltip>
  );
}

interface Row { key: string; label: string; strong?: boolean; indent?: boolean; cell(year: HistoryYear): ReactNode }

function FundTable({ fund }: { fund: FundHistory }) {
  const { t } = useI18n();
  if (!fund.years.length) return <Empty description={t('budget.finalAccounts.noYears')} />;
  const first = fund.years[0];
  const line = (side: 'income' | 'expense') => first[side].map((entry): Row => ({
    key: entry.subject, label: entry.name, indent: entry.parent !== undefined,
    cell: (year) => { const found = year[side].find((each) => each.subject === entry.subject); return <TenThousand yuan={found?.amount ?? '0.00'} testId={`history-${fund.fund}-${year.year}-${entry.subject}`} />; },
  }));
  const total = (key: 'totalIncome' | 'totalExpense' | 'balance'): Row => ({
    key, label: t(`budget.finalAccounts.${key}`), strong: true, cell: (year) => <TenThousand yuan={year[key]} testId={`history-${fund.fund}-${year.year}-${key}`} />,
  });
  const base = (key: 'contributors' | 'retirees' | 'averageBase'): Row => ({
    key, label: t(`budget.finalAccounts.${key}`),
    cell: (year) => { const value = year.base[key]; return value === null ? '—' : key === 'averageBase' ? formatYuan(String(value)) : String(value); },
  });
  const rows: Row[] = [...line('income'), total('totalIncome'), ...line('expense'), total('totalExpense'), total('balance'), base('contributors'), base('retirees'), base('averageBase')];
  return (
    <Table<Row>
      size="small" rowKey="key" dataSource={rows} pagination={false} scroll={{ x: 'max-content' }} data-testid={`history-table-${fund.fund}`}
      columns={[
        { key: 'label', title: t('budget.finalAccounts.line'), fixed: 'left', width: 240,
          render: (_, row) => <span style={{ fontWeight: row.strong ? 600 : undefined, paddingLeft: row.indent ? 16 : 0 }}>{row.indent ? t('budget.finalAccounts.itemOf', { name: row.label }) : row.label}</span> },
        ...fund.years.map((year) => ({ key: String(year.year), title: String(year.year), align: 'right' as const, render: (_: unknown, row: Row) => row.cell(year) })),
      ]}
    />
  );
}

export default function HistoryPage() {
  const { t } = useI18n();
  const me = useMe();
  const can = useCan();
  const [region, setRegion] = useState<string | undefined>(me.regionCode ?? undefined);
  const history = useLoad((signal) => (region ? api.get<BudgetHistory>('/api/budget/history', { region }, signal) : Promise.resolve(undefined)), [region]);

  return (
    <Page title={t('budget.finalAccounts.title')} testId="budget-history">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap>
          <span>{t('budget.region')}</span>
          <RegionSelect value={region} allowClear={false} onChange={setRegion} testId="history-region" />
          <Typography.Text type="secondary">{t('budget.finalAccounts.unit')}</Typography.Text>
        </Space>
        {history.error ? <ApiErrorView error={history.error} retry={history.reload} /> : history.loading ? <PageSpinner /> : history.data && (
          history.data.funds.length
            ? <Tabs items={history.data.funds.map((fund) => ({ key: fund.fund, label: `${fund.table} ${fund.fundName}`, children: <FundTable fund={fund} /> }))} data-testid="history-funds" />
            : <Empty description={t('budget.finalAccounts.noFunds')} />
        )}
        {can('budget.draft') && (
          <Card size="small" title={t('budget.finalAccounts.import')}>
            <Typography.Paragraph type="secondary">{t('budget.finalAccounts.layout')}</Typography.Paragraph>
            <ImportPanel<HistoryImport>
              path="/api/budget/history/imports" testId="history-import" prompt={t('budget.finalAccounts.choose')} onApplied={history.reload}
              renderResult={(result) => (
                <Typography.Text data-testid="history-import-result">
                  {t('budget.finalAccounts.imported', { fundYears: result.fundYears, funds: result.funds.join('、'), firstYear: result.firstYear ?? '—', lastYear: result.lastYear ?? '—' })}
                </Typography.Text>
              )}
            />
          </Card>
        )}
      </Space>
    </Page>
  );
}
