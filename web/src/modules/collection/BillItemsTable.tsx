/** A bill's totals per insurance (its fund, the employer's and the employees' parts; paid and outstanding when known), on the bills list and a bill's page (with the bill's total). */
import { Table, Tooltip } from 'antd';
import { useI18n } from '../../i18n.ts';
import { Money, moneyColumn } from '../../components/Money.tsx';
import type { BillItem } from './types.ts';

export function BillItemsTable({ items, total, testId, outstandingTitle }: { items: BillItem[]; total?: string; testId?: string; outstandingTitle?: string }) {
  const { t } = useI18n();
  return (
    <Table<BillItem>
      data-testid={testId} rowKey="insurance" size="small" pagination={false} dataSource={items}
      columns={[
        { title: t('enrollment.insurance'), dataIndex: 'insurance', render: (insurance: string) => t(`insurance.${insurance}`) },
        { title: t('bill.fund'), dataIndex: 'fundName', render: (name: string, item) => <Tooltip title={item.fund}><span data-testid="bill-item-fund">{name}</span></Tooltip> },
        moneyColumn(t('bill.employerAmount'), 'employerAmount'),
        moneyColumn(t('bill.employeeAmount'), 'employeeAmount'),
        moneyColumn(t('bill.amount'), 'total'),
        // paid and outstanding per insurance, where the API answers them (the bill's page)
        ...(items.some((item) => item.paid !== undefined) ? [moneyColumn<BillItem>(t('bill.paid'), 'paid'), moneyColumn<BillItem>(outstandingTitle ?? t('bill.outstanding'), 'outstanding')] : []),
      ]}
      summary={() => total !== undefined && (
        <Table.Summary.Row style={{ fontWeight: 600 }}>
          <Table.Summary.Cell index={0} colSpan={4}>{t('bill.total')}</Table.Summary.Cell>
          <Table.Summary.Cell index={4} align="right"><Money value={total} /></Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}
