/**
 * 单位网厅 · 缴费通知单: the employer's bills, newest period first (the API shows an employer account its own only),
 * paged by the API's cursor and exported whole.
 */
import { Link } from 'react-router-dom';
import { Tag } from 'antd';
import { useI18n } from '../../i18n.ts';
import { formatDateTime } from '../../format.ts';
import { ListPage } from '../../components/ListPage.tsx';
import { EmployerBanner } from './shared.tsx';
import type { Bill, BillList } from './types.ts';

export default function BillsPage() {
  const { t } = useI18n();
  return (
    <ListPage<Bill, BillList>
      listId="portal-bills" title={t('portal.bills')} testId="portal-bills" tableTestId="portal-bills-table" endpoint="/api/bills" read={({ bills, ...count }: BillList) => ({ items: bills, ...count })} query={{ lines: false }}
      rowKey="number" maxLimit={200} table={{ size: 'small' }} exports={['xlsx', 'csv']} header={<EmployerBanner />}
      filters={[{ kind: 'month', param: 'period', label: t('portal.billPeriod'), testId: 'portal-bills-period' }]}
      columns={[
        { key: 'period', title: t('portal.billPeriod'), dataIndex: 'period', width: 110 },
        {
          key: 'number', title: t('portal.billNumber'), dataIndex: 'number',
          render: (number: string) => <Link to={`/portal/employer/bills/${encodeURIComponent(number)}`} data-testid="portal-bill-link">{number}</Link>,
        },
        { key: 'kind', title: t('portal.billKind'), dataIndex: 'kind', width: 110, render: (kind: string) => <Tag>{t(`portal.billKind.${kind}`)}</Tag> },
        { key: 'persons', title: t('portal.persons'), dataIndex: 'persons', width: 90, align: 'right' },
        { key: 'total', title: t('portal.billTotal'), dataIndex: 'total', width: 150, money: true },
        { key: 'dueDate', title: t('portal.dueDate'), dataIndex: 'dueDate', width: 120 },
        { key: 'issuedAt', title: t('portal.issuedAt'), dataIndex: 'issuedAt', width: 170, render: formatDateTime },
      ]}
    />
  );
}
