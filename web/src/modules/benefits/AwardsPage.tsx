/**
 * 养老金待遇: the awards in the user's scope (GET /api/pension/awards) by person, filtered by status and fund. An award
 * is submitted from a pension quote (养老金测算 → 申请待遇核定) and granted by 复核 and 审批 in the 待办 inbox; its ID
 * number opens 待遇详情 (amounts, changes, payments, overpayments).
 */
import { Link } from 'react-router-dom';
import { Button } from 'antd';
import { CalculatorOutlined } from '@ant-design/icons';
import { useRegionLabel } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { useCan } from '../../permissions.ts';
import { ListPage, type ListColumn } from '../../components/ListPage.tsx';
import { AwardStatusTag } from './status.tsx';
import type { Award, AwardStatus } from './types.ts';

const statuses: AwardStatus[] = ['active', 'suspended', 'stopped'];

export default function AwardsPage() {
  const { t } = useI18n();
  const can = useCan();
  const regionLabel = useRegionLabel();
  const columns: Array<ListColumn<Award>> = [
    { key: 'idNumber', title: t('award.idNumber'), dataIndex: 'idNumber', width: 190, render: (idNumber: string, award) => <Link to={`/benefits/pension/awards/${award.id}`} data-testid="award-link">{idNumber}</Link> },
    { key: 'name', title: t('award.name'), dataIndex: 'name', width: 100 },
    { key: 'region', title: t('common.region'), dataIndex: 'regionCode', render: (code: string) => regionLabel(code) },
    { key: 'fund', title: t('award.fund'), dataIndex: 'fund', width: 150 },
    { key: 'scheme', title: t('award.scheme'), dataIndex: 'scheme', width: 120, render: (scheme: Award['scheme']) => t(`award.scheme.${scheme}`) },
    { key: 'awardedOn', title: t('award.awardedOn'), dataIndex: 'awardedOn', width: 110 },
    { key: 'firstPeriod', title: t('award.firstPeriod'), dataIndex: 'firstPeriod', width: 100 },
    { key: 'basicPension', title: t('quote.basicPension'), dataIndex: 'basicPension', money: true },
    { key: 'accountPension', title: t('quote.accountPension'), dataIndex: 'accountPension', money: true },
    { key: 'transitionalPension', title: t('quote.transitionalPension'), dataIndex: 'transitionalPension', money: true },
    { key: 'monthlyAmount', title: t('award.monthlyAmount'), dataIndex: 'monthlyAmount', money: true },
    { key: 'status', title: t('common.status'), dataIndex: 'status', width: 90, render: (status: AwardStatus) => <AwardStatusTag status={status} /> },
    { key: 'statusReason', title: t('award.statusReason'), dataIndex: 'statusReason' },
  ];
  return (
    <ListPage<Award>
      listId="pension-awards" title={t('award.title')} testId="awards-page" tableTestId="awards-table" endpoint="/api/pension/awards" rowKey="id"
      columns={columns}
      filters={[
        { kind: 'enum', param: 'status', label: t('common.status'), options: statuses.map((value) => ({ value, label: t(`award.status.${value}`) })), testId: 'awards-status' },
        { kind: 'text', param: 'fund', label: t('award.fund'), width: 220 },
      ]}
      extra={can('pension.award.request') && (
        <Link to="/benefits/pension/quote"><Button type="primary" icon={<CalculatorOutlined />} data-testid="awards-new">{t('award.fromQuote')}</Button></Link>
      )}
    />
  );
}
