/** 单位网厅 · 缴费通知单: the employer's bills, newest period first (the API shows an employer account its own only). */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Table, Tag } from 'antd';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { formatDateTime } from '../../format.ts';
import { Page } from '../../components/Page.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { EmployerBanner, moneyColumn } from './shared.tsx';
import type { Bill, BillList } from './types.ts';

const PAGE_SIZE = 24;

export default function BillsPage() {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  // one more than a page tells whether there is a next page (the API gives no total)
  const bills = useLoad((signal) => api.get<BillList>('/api/bills', { lines: false, limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE }, signal), [page]);
  const rows = (bills.data?.bills ?? []).slice(0, PAGE_SIZE);
  const more = (bills.data?.bills.length ?? 0) > PAGE_SIZE;

  return (
    <Page title={t('portal.bills')} testId="portal-bills">
      <EmployerBanner />
      {bills.error ? <ApiErrorView error={bills.error} retry={bills.reload} /> : (
        <Table<Bill>
          rowKey="number" size="small" loading={bills.loading} dataSource={rows} data-testid="portal-bills-table"
          pagination={{ current: page, pageSize: PAGE_SIZE, total: (page - 1) * PAGE_SIZE + rows.length + (more ? 1 : 0), onChange: setPage }}
          columns={[
            { title: t('portal.billPeriod'), dataIndex: 'period', width: 110 },
            {
              title: t('portal.billNumber'), dataIndex: 'number',
              render: (number: string) => <Link to={`/portal/employer/bills/${encodeURIComponent(number)}`} data-testid="portal-bill-link">{number}</Link>,
            },
            { title: t('portal.billKind'), dataIndex: 'kind', width: 110, render: (kind: string) => <Tag>{t(`portal.billKind.${kind}`)}</Tag> },
            { title: t('portal.persons'), dataIndex: 'persons', width: 90, align: 'right' },
            moneyColumn<Bill>(t('portal.billTotal'), 'total', 150),
            { title: t('portal.dueDate'), dataIndex: 'dueDate', width: 120 },
            { title: t('portal.issuedAt'), dataIndex: 'issuedAt', width: 170, render: formatDateTime },
          ]}
        />
      )}
    </Page>
  );
}
