/** Money on screen: yuan strings (never floats) with thousands separators, digits aligned, right-aligned in tables. */
import type { ReactNode } from 'react';
import type { TableColumnType } from 'antd';
import { formatYuan } from '../format.ts';

/** Money: a yuan string with thousands separators, digits aligned. */
export function Money({ value, testId }: { value: string | null | undefined; testId?: string }) {
  return <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }} data-testid={testId}>{formatYuan(value)}</span>;
}

export function moneyColumn<T>(title: ReactNode, dataIndex: string, width = 150): TableColumnType<T> {
  return { title, dataIndex, align: 'right', width, render: (value: string) => <Money value={value} /> };
}
