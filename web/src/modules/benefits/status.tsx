/**
 * The statuses of awards, payroll batches and payroll lines as tags. A batch in sign-off says which level it waits
 * for (待复核 / 待审批), read from its sign-off item, since the batch itself only knows that it was submitted.
 */
import { Link } from 'react-router-dom';
import { Tag } from 'antd';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { useCan } from '../../permissions.ts';
import { approvalPath } from '../../platform/signoff/shared.tsx';
import type { ApprovalItem } from '../../platform/signoff/types.ts';
import type { AwardStatus, Batch, BatchStatus, LineStatus } from './types.ts';

const awardColors: Record<AwardStatus, string> = { active: 'green', suspended: 'orange', stopped: 'default' };
export function AwardStatusTag({ status }: { status: AwardStatus }) {
  const { t } = useI18n();
  return <Tag color={awardColors[status]} data-testid="award-status">{t(`award.status.${status}`)}</Tag>;
}

const batchColors: Record<BatchStatus, string> = {
  computing: 'processing', computed: 'default', submitted: 'orange', signed_off: 'gold', funded: 'cyan', bank_file_issued: 'blue', settled: 'green',
};
/** 计算中 / 已计算 / 待复核 / 待审批 / 待拨付 / 已拨付 / 已出盘 / 已回盘 */
export function BatchStatusTag({ batch }: { batch: Pick<Batch, 'status' | 'approvalItemId'> }) {
  const { t } = useI18n();
  const can = useCan();
  const item = batch.status === 'submitted' && batch.approvalItemId && can('approvals.read') ? batch.approvalItemId : undefined;
  const signoff = useLoad((signal) => (item ? api.get<ApprovalItem>(approvalPath(item), undefined, signal) : Promise.resolve(undefined)), [item]);
  const level = signoff.data?.nextLevel?.name;
  const text = batch.status === 'submitted' && level && ['review', 'approve'].includes(level) ? t(`payroll.status.submitted.${level}`) : t(`payroll.status.${batch.status}`);
  const tag = <Tag color={batchColors[batch.status]} data-testid="batch-status" data-status={batch.status}>{text}</Tag>;
  return item ? <Link to={`/approvals/${item}`}>{tag}</Link> : tag;
}

const lineColors: Record<LineStatus, string> = { pending: 'default', sent: 'blue', paid: 'green', returned: 'red' };
export function LineStatusTag({ status }: { status: LineStatus }) {
  const { t } = useI18n();
  return <Tag color={lineColors[status]} data-testid="line-status" data-status={status}>{t(`payroll.line.status.${status}`)}</Tag>;
}
