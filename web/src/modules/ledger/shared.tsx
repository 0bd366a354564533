/**
 * What the ledger pages share: the fund, month and bank account a page shows (kept in the URL so a page can be
 * linked and reloaded; the fund also for the browser tab, so the next ledger page opens on it). Who may act is in
 * ../../permissions.ts. Money and month pickers are in ../../components.
 */
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Select, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { api, type ApiError } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { MonthPicker } from '../../components/MonthPicker.tsx';
import { Money } from '../../components/Money.tsx';
import { useI18n, type Translate } from '../../i18n.ts';
import type { List } from '../../types.ts';
import { NO_PRINT } from './print.tsx';
import { bankRoles, type Account, type DraftLine, type Fund, type Source } from './types.ts';

export const fundPath = (fund: string) => `/api/ledger/funds/${encodeURIComponent(fund)}`;
export const accountPath = (fund: string, account: string) => `${fundPath(fund)}/accounts/${encodeURIComponent(account)}`;
export const currentMonth = () => dayjs().format('YYYY-MM');

const FUND_KEY = 'sifund.ledger.fund';
const storedFund = () => { try { return sessionStorage.getItem(FUND_KEY); } catch { return null; } };

export interface LedgerSelection {
  funds: Fund[];
  fundsError: ApiError | undefined;
  /** undefined until the funds are loaded (or when the user sees none) */
  fund: string | undefined;
  period: string;
  params: URLSearchParams;
  setFund(code: string): void;
  update(changes: Record<string, string | undefined>): void;
}

/** The funds the user sees (their names and regions head a printed page). */
export const useFunds = () => useLoad((signal) => api.get<List<Fund>>('/api/ledger/funds', undefined, signal).then((list) => list.items), []);

/** The fund (?fund=, default the last one chosen, else the first) and the month (?period=, default this month). */
export function useLedgerSelection(): LedgerSelection {
  const [params, setParams] = useSearchParams();
  const loaded = useFunds();
  const funds = loaded.data ?? [];
  const requested = params.get('fund') ?? storedFund();
  const fund = funds.find((f) => f.code === requested)?.code ?? funds[0]?.code;
  const update = (changes: Record<string, string | undefined>) => setParams((previous) => {
    const next = new URLSearchParams(previous);
    for (const [key, value] of Object.entries(changes)) if (value) next.set(key, value); else next.delete(key);
    return next;
  }, { replace: true });
  return {
    funds, fundsError: loaded.error, fund, period: params.get('period') ?? currentMonth(), params, update,
    setFund(code) {
      try { sessionStorage.setItem(FUND_KEY, code); } catch { /* private mode: the URL keeps it */ }
      update({ fund: code, account: undefined });
    },
  };
}

/** The bank accounts (收入户, 财政专户, 支出户) of a fund, and the one chosen (?account=, default the income account). */
export function useBankAccount(selection: LedgerSelection) {
  const accounts = useLoad(
    (signal) => (selection.fund ? api.get<List<Account>>(`${fundPath(selection.fund)}/accounts`, undefined, signal).then((list) => list.items.filter((a) => bankRoles.includes(a.role))) : Promise.resolve([])),
    [selection.fund],
  );
  const list = accounts.data ?? [];
  const requested = selection.params.get('account');
  return { accounts: list, error: accounts.error, account: list.find((a) => a.code === requested)?.code ?? list[0]?.code };
}

export function FundSelect({ selection }: { selection: LedgerSelection }) {
  return (
    <Select
      value={selection.fund} onChange={selection.setFund} style={{ width: 460 }} showSearch optionFilterProp="label" data-testid="ledger-fund"
      options={selection.funds.map((f) => ({ value: f.code, label: `${f.name}（${f.code}）` }))}
    />
  );
}

/** Fund and month pickers above a ledger page; `children` adds more controls on the same line. */
export function LedgerToolbar({ selection, period = true, children }: { selection: LedgerSelection; period?: boolean; children?: ReactNode }) {
  const { t } = useI18n();
  return (
    <Space wrap style={{ marginBottom: 16 }} className={NO_PRINT}>
      <Typography.Text strong>{t('ledger.fund')}</Typography.Text>
      <FundSelect selection={selection} />
      {period && <Typography.Text strong>{t('ledger.period')}</Typography.Text>}
      {period && <MonthPicker value={selection.period} onChange={(value) => selection.update({ period: value })} testId="ledger-period" />}
      {children}
    </Space>
  );
}

export function BankAccountSelect({ accounts, value, onChange }: { accounts: Account[]; value: string | undefined; onChange(code: string): void }) {
  const { t } = useI18n();
  return (
    <Select
      value={value} onChange={onChange} style={{ width: 260 }} data-testid="ledger-bank-account"
      options={accounts.map((a) => ({ value: a.code, label: `${a.code} ${a.name}（${t(`ledger.role.${a.role}`)}）` }))}
    />
  );
}

export function sourceLabel(t: Translate, source: Source): string {
  return source ? `${t(`ledger.source.${source.type}`)} ${source.id ?? ''}`.trim() : '';
}

/** The lines of a drafted manual entry (凭证审核 and the sign-off item's page). */
export function DraftLines({ lines, testId = 'draft-lines' }: { lines: DraftLine[]; testId?: string }) {
  const { t } = useI18n();
  return (
    <Table<DraftLine & { n: number }>
      size="small" rowKey="n" pagination={false} dataSource={lines.map((line, i) => ({ ...line, n: i + 1 }))} data-testid={testId}
      columns={[
        { title: '#', dataIndex: 'n', width: 50 },
        { title: t('ledger.account.code'), dataIndex: 'account' },
        { title: t('ledger.reference'), dataIndex: 'reference' },
        { title: t('ledger.debit'), dataIndex: 'debit', align: 'right', width: 150, render: (value?: string) => value && <Money value={value} /> },
        { title: t('ledger.credit'), dataIndex: 'credit', align: 'right', width: 150, render: (value?: string) => value && <Money value={value} /> },
      ]}
    />
  );
}

/** The heading lines of a printed ledger page: 编制单位 (the fund's region), 基金 and the period it covers. */
export function fundHeading(t: Translate, fund: Fund | undefined, period: string): { label: string; value: string }[] {
  return [
    { label: t('ledger.print.unit'), value: fund?.regionName ?? '' },
    { label: t('ledger.fund'), value: fund ? fund.name : '' },
    { label: t('ledger.period'), value: period },
  ];
}
