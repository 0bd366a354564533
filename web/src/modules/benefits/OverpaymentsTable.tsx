/**
 * 待遇追回: overpayments with what is recovered, waiting for sign-off and outstanding — the award page's and the person
 * page's 待遇 tab's table (recorded on 死亡停发与待遇追回; a case's is kept back by the payroll).
 */
import { Table } from 'antd';
import { useI18n } from '../../i18n.ts';
import { Money } from '../../components/Money.tsx';
import type { AwardDetail } from './types.ts';

type OverpaymentRow = AwardDetail['overpayments'][number];

export function OverpaymentsTable({ overpayments, testId }: { overpayments: OverpaymentRow[]; testId: string }) {
  const { t } = useI18n();
  const money = (value: string) => <Money value={value} />;
  return (
    <Table<OverpaymentRow>
      size="small" rowKey="id" pagination={false} dataSource={overpayments} data-testid={testId} locale={{ emptyText: t('award.overpayments.none') }}
      columns={[
        { key: 'cause', title: t('deaths.cause'), dataIndex: 'cause', width: 110, render: (cause: string) => t(`deaths.cause.${cause}`) },
        { key: 'periods', title: t('deaths.periods'), dataIndex: 'periods', render: (periods: string[]) => periods.join('、') },
        { key: 'amount', title: t('deaths.amount'), dataIndex: 'amount', align: 'right', render: money },
        { key: 'recovered', title: t('deaths.recovered'), dataIndex: 'recovered', align: 'right', render: money },
        { key: 'pending', title: t('deaths.pending'), dataIndex: 'pending', align: 'right', render: money },
        { key: 'outstanding', title: t('deaths.outstanding'), dataIndex: 'outstanding', align: 'right', render: (value: string) => <Money value={value} testId={`${testId}-outstanding`} /> },
        { key: 'status', title: t('common.status'), dataIndex: 'status', width: 90, render: (status: OverpaymentRow['status']) => t(`deaths.status.${status}`) },
      ]}
    />
  );
}
