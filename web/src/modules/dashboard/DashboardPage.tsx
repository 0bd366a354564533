/** 首页: counts of what the user can see, and recent operations from the audit trail. */
import { lazy, Suspense, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Card, Col, Empty, Row, Space, Statistic, Tag, Typography } from 'antd';
import { BankOutlined, ClusterOutlined, EnvironmentOutlined, SolutionOutlined } from '@ant-design/icons';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { useMe } from '../../session.tsx';
import { can } from '../../permissions.ts';
import type { AuditRecord, List } from '../../types.ts';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { formatCount, formatListCount } from '../../counts.ts';

const ActivityChart = lazy(() => import('./ActivityChart.tsx'));
const ACTIVITY_SAMPLE = 200;

/** Shown as text: a capped list total is "10,000+", not the 10,001 rows its count stopped at. */
interface Counts { employers?: string; persons?: string; regions?: string; agencies?: string }

/** Each count is loaded on its own: a count the user may not read shows a dash instead of failing the page. */
async function loadCounts(signal: AbortSignal): Promise<Counts> {
  const [employers, persons, regions, agencies] = await Promise.allSettled([
    api.get<List<unknown>>('/api/employers', { limit: 1 }, signal),
    api.get<List<unknown>>('/api/persons', { limit: 1 }, signal),
    api.get<List<unknown>>('/api/regions', undefined, signal),
    api.get<List<unknown>>('/api/agencies', undefined, signal),
  ]);
  const total = (result: PromiseSettledResult<List<unknown>>) => (result.status === 'fulfilled' ? formatListCount(result.value) : undefined);
  const length = (result: PromiseSettledResult<List<unknown>>) => (result.status === 'fulfilled' ? formatCount(result.value.items.length) : undefined);
  return { employers: total(employers), persons: total(persons), regions: length(regions), agencies: length(agencies) };
}

function CountCard({ title, value, icon, to, testId }: { title: string; value?: string; icon: ReactNode; to?: string; testId: string }) {
  const body = <Card hoverable={Boolean(to)} data-testid={testId}><Statistic title={title} value={value ?? '—'} prefix={icon} /></Card>;
  return <Col xs={24} sm={12} lg={6}>{to ? <Link to={to}>{body}</Link> : body}</Col>;
}

export default function DashboardPage() {
  const { t, lang } = useI18n();
  const me = useMe();
  // counts of the registry for those who read it; recent operations for those who read the audit trail
  const registry = can(me, 'registry.read');
  const audit = can(me, 'audit.read');
  const counts = useLoad((signal) => (registry ? loadCounts(signal) : Promise.resolve({} as Counts)), [registry]);
  // the actions by the names the server gives, in the language asked (so loaded again when it changes)
  const activity = useLoad((signal) => (audit ? api.get<List<AuditRecord>>('/api/audit', { limit: ACTIVITY_SAMPLE }, signal) : Promise.resolve({ items: [] })), [audit, lang]);
  const byAction = new Map<string, number>();
  for (const record of activity.data?.items ?? []) byAction.set(record.actionName, (byAction.get(record.actionName) ?? 0) + 1);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="dashboard">
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }}>{t('dashboard.welcome', { name: me.displayName })}</Typography.Title>
        <Space>
          <Tag color="blue">{t(`role.${me.role}`)}</Tag>
          <span>{t('dashboard.scope')}: {me.regionCode ? `${me.regionName}（${me.regionCode}）` : t('common.national')}</span>
        </Space>
      </Card>
      {registry && (
        <Row gutter={[16, 16]}>
          <CountCard testId="count-employers" title={t('dashboard.employers')} value={counts.data?.employers} icon={<BankOutlined />} to="/employers" />
          <CountCard testId="count-persons" title={t('dashboard.persons')} value={counts.data?.persons} icon={<SolutionOutlined />} to="/persons" />
          <CountCard testId="count-regions" title={t('dashboard.regions')} value={counts.data?.regions} icon={<EnvironmentOutlined />} to={can(me, 'region.manage') ? '/admin/regions' : undefined} />
          <CountCard testId="count-agencies" title={t('dashboard.agencies')} value={counts.data?.agencies} icon={<ClusterOutlined />} to={can(me, 'agency.manage') ? '/admin/agencies' : undefined} />
        </Row>
      )}
      {audit && !activity.error && (
        <Card title={t('dashboard.activity', { n: ACTIVITY_SAMPLE })} loading={activity.loading && !activity.data}>
          {byAction.size === 0 ? <Empty description={t('dashboard.activityEmpty')} /> : (
            <Suspense fallback={<PageSpinner />}><ActivityChart counts={[...byAction]} label={t('dashboard.count')} /></Suspense>
          )}
        </Card>
      )}
    </Space>
  );
}
