/** A bill's status as a tag: 未缴, 部分缴纳, 已缴清, 逾期 (nothing while the API does not say it). */
import { Tag } from 'antd';
import { useI18n } from '../../i18n.ts';
import type { BillStatus } from './types.ts';

export const billStatuses = ['unpaid', 'partial', 'paid', 'overdue'] as const;
const colours: Record<BillStatus, string> = { unpaid: 'default', partial: 'gold', paid: 'green', overdue: 'red' };

export function BillStatusTag({ status }: { status?: BillStatus }) {
  const { t } = useI18n();
  if (!status) return null;
  return <Tag color={colours[status]} data-testid="bill-status">{t(`bill.status.${status}`)}</Tag>;
}
