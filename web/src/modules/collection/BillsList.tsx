/**
 * 缴费通知单 as a list: by month, employer credit code, region and kind, newest month first (paged by the API's cursor,
 * exported whole); a row expands to its totals per
 * insurance. The bills page shows every bill in scope; an employer's page shows its own (`creditCode`).
 */
import { Link, useSearchParams } from 'react-router-dom';
import { Tag, Typography } from 'antd';
import { useRegionLabel } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { formatDate } from '../../format.ts';
import { ListPage, type ListFilter } from '../../components/ListPage.tsx';
import { BillItemsTable } from './BillItemsTable.tsx';
import { BillStatusTag, billStatuses } from './BillStatusTag.tsx';
import type { Bill, BillList } from './types.ts';

const billKinds = ['regular', 'supplementary', 'credit_note'] as const;

export function BillsList({ creditCode }: { creditCode?: string }) {
  const { t } = useI18n();
  const regionLabel = useRegionLabel();
  const [search] = useSearchParams();
  const period: ListFilter = { kind: 'month', param: 'period', label: t('bill.period'), testId: 'bills-period' };
  const kind: ListFilter = { kind: 'enum', param: 'kind', label: t('bill.kind'), options: billKinds.map((value) => ({ value, label: t(`bill.kind.${value}`) })), testId: 'bills-kind' };
  const status: ListFilter = { kind: 'enum', param: 'status', label: t('bill.status'), options: billStatuses.map((value) => ({ value, label: t(`bill.status.${value}`) })), testId: 'bills-status' };
  return (
    <ListPage<Bill, BillList>
      listId={creditCode ? 'employer-bills' : 'bills'} endpoint="/api/bills" read={({ bills, ...count }: BillList) => ({ items: bills, ...count })} rowKey="number" tableTestId="bills-table" maxLimit={200} exports={['xlsx', 'csv']}
      {...(creditCode
        ? { embedded: true, paramPrefix: 'bills.', query: { employer: creditCode, lines: false }, filters: [period, kind, status] }
        : {
          title: t('bill.title'), testId: 'bills-page', query: { lines: false },
          filters: [
            period, { kind: 'prefix', param: 'employer', label: t('employer.creditCode'), width: 360, testId: 'bills-employer' },
            { kind: 'region', param: 'region', label: t('common.region') }, kind, status,
          ],
          // ?creditCode= is how the inbox links a reassessment's bills
          defaults: { employer: search.get('creditCode') ?? '' },
        })}
      table={{ expandable: { expandedRowRender: (bill) => <BillItemsTable items={bill.items} /> } }}
      columns={[
        { key: 'number', title: t('bill.number'), dataIndex: 'number', render: (number: string) => <Link to={`/collection/bills/${encodeURIComponent(number)}`} data-testid="bill-link">{number}</Link> },
        { key: 'period', title: t('bill.period'), dataIndex: 'period', width: 90 },
        { key: 'kind', title: t('bill.kind'), dataIndex: 'kind', width: 90, render: (kind: string) => <Tag>{t(`bill.kind.${kind}`)}</Tag> },
        {
          key: 'employer', title: t('employer.name'), dataIndex: 'employerName', minWidth: 220,
          render: (name: string, bill) => <><Link to={`/employers/${bill.employerId}`}>{name}</Link><br /><Typography.Text type="secondary">{bill.creditCode}</Typography.Text></>,
        },
        { key: 'region', title: t('common.region'), dataIndex: 'regionCode', width: 150, render: (region: string) => regionLabel(region) },
        { key: 'persons', title: t('bill.persons'), dataIndex: 'persons', width: 80, align: 'right' },
        { key: 'total', title: t('bill.total'), dataIndex: 'total', width: 140, money: true },
        { key: 'dueDate', title: t('bill.dueDate'), dataIndex: 'dueDate', width: 110, render: formatDate },
        { key: 'status', title: t('bill.status'), dataIndex: 'status', width: 100, render: (value: Bill['status']) => <BillStatusTag status={value} /> },
        { key: 'outstanding', title: t('bill.outstanding'), dataIndex: 'outstanding', width: 140, money: true },
      ]}
    />
  );
}
