/**
 * 待遇 (the person page's tab, GET /api/benefits/persons/:id): the statutory retirement month under the 2024 reform
 * with the category it was read from and whether it is reached, a link to the pension quote, the person's pension
 * awards (each to its 待遇详情), the overpayments opened on them with what is recovered, and the claims (each to its
 * page). Each table says what to do when it is empty.
 */
import { Link } from 'react-router-dom';
import { Descriptions, Space, Table, Tag, Typography } from 'antd';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { Money } from '../../components/Money.tsx';
import { AwardStatusTag } from './status.tsx';
import { OverpaymentsTable } from './OverpaymentsTable.tsx';
import type { PersonBenefits } from './types.ts';

type AwardRow = PersonBenefits['awards'][number];
type ClaimRow = PersonBenefits['claims'][number];

export default function PersonBenefitsTab({ personId }: { personId: string }) {
  const { t } = useI18n();
  const loaded = useLoad((signal) => api.get<PersonBenefits>(`/api/benefits/persons/${encodeURIComponent(personId)}`, undefined, signal), [personId]);
  if (loaded.error) return <ApiErrorView error={loaded.error} retry={loaded.reload} />;
  if (!loaded.data) return <PageSpinner />;
  const { retirement, awards, overpayments, claims } = loaded.data;
  const money = (value: string) => <Money value={value} />;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="person-benefits">
      <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} data-testid="person-retirement">
        <Descriptions.Item label={t('quote.statutoryRetirementMonth')}>
          <span data-testid="person-retirement-month">{retirement.statutoryRetirementMonth}</span>{' '}
          {retirement.reached ? <Tag color="orange">{t('personBenefits.reached')}</Tag> : <Tag>{t('personBenefits.notReached')}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={t('quote.statutoryRetirementAge')}>{t('quote.yearsMonths', { years: retirement.ageYears, months: retirement.ageExtraMonths })}</Descriptions.Item>
        <Descriptions.Item label={t('quote.step.category')}>{t(`quote.value.${retirement.category}`)}</Descriptions.Item>
        <Descriptions.Item label={t('personBenefits.legalBasis')} span={3}>
          <Typography.Text type="secondary">{retirement.legalBasis}</Typography.Text>
        </Descriptions.Item>
      </Descriptions>

      <Typography.Title level={5} style={{ margin: 0 }}>{t('personBenefits.awards')}</Typography.Title>
      <Table<AwardRow>
        size="small" rowKey="id" pagination={false} dataSource={awards} data-testid="person-awards"
        locale={{ emptyText: <span>{t('personBenefits.awards.none')} <Link to="/benefits/pension/quote">{t('personBenefits.quote')}</Link></span> }}
        columns={[
          { key: 'fund', title: t('award.fund'), dataIndex: 'fund', width: 180 },
          { key: 'awardedOn', title: t('award.awardedOn'), dataIndex: 'awardedOn', width: 110 },
          { key: 'firstPeriod', title: t('award.firstPeriod'), dataIndex: 'firstPeriod', width: 100 },
          { key: 'monthlyAmount', title: t('award.monthlyAmount'), dataIndex: 'monthlyAmount', align: 'right', render: money },
          { key: 'status', title: t('common.status'), dataIndex: 'status', width: 100, render: (status: AwardRow['status']) => <AwardStatusTag status={status} /> },
          { key: 'detail', title: t('common.actions'), width: 100, render: (_: unknown, award) => <Link to={`/benefits/pension/awards/${award.id}`} data-testid="person-award-link">{t('award.detail')}</Link> },
        ]}
      />

      <Typography.Title level={5} style={{ margin: 0 }}>{t('award.overpayments')}</Typography.Title>
      <OverpaymentsTable overpayments={overpayments} testId="person-overpayments" />

      <Typography.Title level={5} style={{ margin: 0 }}>{t('personBenefits.claims')}</Typography.Title>
      <Table<ClaimRow>
        size="small" rowKey="id" pagination={false} dataSource={claims} data-testid="person-claims"
        locale={{ emptyText: <span>{t('personBenefits.claims.none')} <Link to="/benefits/claims">{t('personBenefits.claim')}</Link></span> }}
        columns={[
          { key: 'kind', title: t('claims.kind'), dataIndex: 'kind', width: 140, render: (kind: string) => t(`claims.kind.${kind}`) },
          { key: 'eventDate', title: t('claims.eventDate'), dataIndex: 'eventDate', width: 110 },
          { key: 'monthlyAmount', title: t('claims.monthlyAmount'), dataIndex: 'monthlyAmount', align: 'right', render: money },
          { key: 'oneOffAmount', title: t('claims.oneOffAmount'), dataIndex: 'oneOffAmount', align: 'right', render: money },
          { key: 'status', title: t('common.status'), dataIndex: 'status', width: 100, render: (status: string) => t(`claims.status.${status}`) },
          { key: 'detail', title: t('common.actions'), width: 100, render: (_: unknown, claim) => <Link to={`/benefits/claims/${claim.id}`} data-testid="person-claim-link">{t('claims.detail')}</Link> },
        ]}
      />
    </Space>
  );
}
