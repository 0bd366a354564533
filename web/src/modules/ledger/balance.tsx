/**
 * Balances on the ledger pages: a direction (借/贷/平) and a positive amount (direction.ts). Tables get a 方向 column
 * beside the amount, as the 科目余额表 and 明细账 print it; a single figure reads "借 11,100.00".
 */
import type { ReactNode } from 'react';
import type { ColumnGroupType } from 'antd/es/table';
import { Typography } from 'antd';
import { Money } from '../../components/Money.tsx';
import { useI18n } from '../../i18n.ts';
import { directedBalance, isOnUnusualSide, type DirectedBalance, type Side } from './direction.ts';

/** 借, 贷 or 平; in the warning colour when the account's kind normally carries the other side. */
export function DirectionText({ balance, role, testId }: { balance: DirectedBalance; role?: string; testId?: string }) {
  const { t } = useI18n();
  const unusual = role !== undefined && isOnUnusualSide(balance, role);
  return (
    <Typography.Text type={unusual ? 'warning' : undefined} title={unusual ? t('ledger.direction.unusual') : undefined} data-testid={testId}>
      {t(`ledger.direction.${balance.direction}`)}
    </Typography.Text>
  );
}

/** A signed balance as "借 11,100.00"; `testId` marks the amount alone. */
export function DirectedMoney({ value, positiveSide = 'debit', role, testId }: { value: string | null; positiveSide?: Side; role?: string; testId?: string }) {
  if (value === null) return <Money value={value} testId={testId} />;
  const balance = directedBalance(value, positiveSide);
  return <span style={{ whiteSpace: 'nowrap' }}><DirectionText balance={balance} role={role} /> <Money value={balance.amount} testId={testId} /></span>;
}

/**
 * A balance column group: 方向 and the positive amount, under `title` (期初余额, 期末余额, 余额). `valueOf` gives the
 * row's signed, debit-positive balance (undefined: unknown, shown empty), `roleOf` the account's kind if the row has one.
 */
export function balanceColumns<Row>(
  t: (key: string) => string, title: ReactNode, key: string, valueOf: (row: Row) => string | undefined, roleOf?: (row: Row) => string | undefined,
): ColumnGroupType<Row> {
  const directed = (row: Row) => { const value = valueOf(row); return value === undefined ? undefined : directedBalance(value); };
  return {
    title, key,
    children: [
      {
        title: t('ledger.direction'), key: `${key}Direction`, align: 'center', width: 60,
        render: (_: unknown, row: Row) => { const balance = directed(row); return balance && <DirectionText balance={balance} role={roleOf?.(row)} />; },
      },
      {
        title: t('ledger.amount.short'), key: `${key}Amount`, align: 'right', width: 150,
        render: (_: unknown, row: Row) => { const balance = directed(row); return balance && <Money value={balance.amount} />; },
      },
    ],
  };
}
