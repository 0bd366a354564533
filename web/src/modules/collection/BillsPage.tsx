/** 缴费通知单: bills by month and employer credit code, newest month first; a row expands to its totals per insurance. */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { DatePicker, Input, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { api } from '../../api.ts';
import { useLoad, useRegionLabel } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { formatDate } from '../../format.ts';
import { Page } from '../../components/Page.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { moneyColumn } from '../../components/Money.tsx';
import { offsetPage, useUrlFilters } from './shared.tsx';
import { BillItemsTable } from './BillItemsTable.tsx';
import type { Bill } from './types.ts';

export default function BillsPage() {
  const { t } = useI18n();
  const regionLabel = useRegionLabel();
  const { params, update } = useUrlFilters();
  const period = params.get('period') ?? '';
  // ?creditCode= is how the inbox links a reassessment's bills
  const employer = params.get('employer') ?? params.get('creditCode') ?? '';
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('size') ?? 20) || 20;
  const [code, setCode] = useState(employer);
  const list = useLoad(
    (signal) => api.get<{ bills: Bill[] }>('/api/bills', { period, employer, limit: pageSize + 1, offset: (page - 1) * pageSize, lines: false }, signal),
    [period, employer, page, pageSize],
  );
  const shown = offsetPage(list.data?.bills, page, pageSize);

  return (
    <Page title={t('bill.title')} testId="bills-page">
      <Space style={{ marginBottom: 16 }} wrap>
        <DatePicker
          picker="month" value={period ? dayjs(`${period}-01`) : null} onChange={(date) => update({ period: date?.format('YYYY-MM') })}
          placeholder={t('bill.period')} data-testid="bills-period"
        />
        <Input.Search
          value={code} onChange={(event) => setCode(event.target.value)} onSearch={(value) => update({ employer: value.trim().toUpperCase() })}
          placeholder={t('employer.creditCode')} enterButton={t('common.search')} allowClear style={{ width: 360 }} data-testid="bills-employer"
        />
      </Space>
      {list.error ? <ApiErrorView error={list.error} retry={list.reload} /> : (
        <Table<Bill>
          data-testid="bills-table" rowKey="number" size="middle" loading={list.loading} dataSource={shown.rows}
          expandable={{ expandedRowRender: (bill) => <BillItemsTable items={bill.items} /> }}
          pagination={{
            current: page, pageSize, total: shown.total, showSizeChanger: true,
            onChange: (next, size) => update({ page: String(next), size: String(size) }),
          }}
          columns={[
            { title: t('bill.number'), dataIndex: 'number', render: (number: string) => <Link to={`/collection/bills/${encodeURIComponent(number)}`} data-testid="bill-link">{number}</Link> },
            { title: t('bill.period'), dataIndex: 'period', width: 90 },
            { title: t('bill.kind'), dataIndex: 'kind', width: 90, render: (kind: string) => <Tag>{t(`bill.kind.${kind}`)}</Tag> },
            {
              title: t('employer.name'), dataIndex: 'employerName',
              render: (name: string, bill) => <><Link to={`/employers/${bill.employerId}`}>{name}</Link><br /><Typography.Text type="secondary">{bill.creditCode}</Typography.Text></>,
            },
            { title: t('common.region'), dataIndex: 'regionCode', width: 150, render: (region: string) => regionLabel(region) },
            { title: t('bill.persons'), dataIndex: 'persons', width: 80, align: 'right' },
            moneyColumn(t('bill.total'), 'total', 140),
            { title: t('bill.dueDate'), dataIndex: 'dueDate', width: 110, render: formatDate },
          ]}
        />
      )}
    </Page>
  );
}
