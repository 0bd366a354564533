/**
 * 明细账 behind a budget line: the fund's ledger accounts whose subject the line sums (its own subject, or the 其中
 * subjects under it: benefit_expense sums benefit_expense.<type>), each with a link per month of the year to the
 * month, to the ledger's 明细账 page of that account and month.
 */
import { Link } from 'react-router-dom';
import { Empty, Modal, Space, Table, Typography } from 'antd';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import type { List } from '../../types.ts';
import type { ExecutionFund, ExecutionLine, LedgerAccount as Account } from './types.ts';

export interface DrillTarget { fund: ExecutionFund; line: ExecutionLine; year: number; month: number }

const sums = (line: ExecutionLine, account: Account) => account.subject !== null && (account.subject === line.subject || account.subject.startsWith(`${line.subject}.`));

export function LedgerDrillDown({ target, onClose }: { target: DrillTarget | undefined; onClose(): void }) {
  const { t } = useI18n();
  const fund = target?.fund.fund;
  const accounts = useLoad(
    (signal) => (fund ? api.get<List<Account>>(`/api/ledger/funds/${encodeURIComponent(fund)}/accounts`, undefined, signal).then((list) => list.items) : Promise.resolve([])),
    [fund],
  );
  const rows = target ? (accounts.data ?? []).filter((account) => sums(target.line, account)) : [];
  const months = target ? Array.from({ length: target.month }, (_, index) => `${target.year}-${String(index + 1).padStart(2, '0')}`) : [];
  return (
    <Modal
      open={target !== undefined} onCancel={onClose} footer={null} width={760} data-testid="ledger-drill-down"
      title={target && t('execution.drill.title', { fund: target.fund.name, line: target.line.name })}
    >
      {target && <Typography.Paragraph type="secondary">{t('execution.drill.explain', { year: target.year, month: target.month })}</Typography.Paragraph>}
      {accounts.error ? <ApiErrorView error={accounts.error} retry={accounts.reload} /> : (
        <Table<Account>
          size="small" rowKey="code" loading={accounts.loading} dataSource={rows} pagination={false} data-testid="drill-accounts"
          locale={{ emptyText: <Empty description={t('execution.drill.none')} /> }}
          columns={[
            { title: t('execution.drill.account'), width: 240, render: (_: unknown, account) => `${account.code} ${account.name}` },
            {
              title: t('execution.drill.months'),
              render: (_: unknown, account) => (
                <Space wrap size={4}>
                  {months.map((period) => (
                    <Link key={period} to={`/ledger/balances/${encodeURIComponent(fund!)}/${encodeURIComponent(account.code)}?period=${period}`} data-testid="drill-month">{period}</Link>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      )}
    </Modal>
  );
}
