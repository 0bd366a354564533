/**
 * The header's 预警 link with the number of early-warning alerts raised in the user's scope and not yet acknowledged
 * (GET /api/alerts?status=raised: its total), refreshed on every navigation; it opens the alert inbox on them.
 */
import { useLocation } from 'react-router-dom';
import { AlertOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n.ts';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { HeaderBadge } from '../../components/HeaderBadge.tsx';
import type { AlertList } from './types.ts';

export function AlertBadge() {
  const { t } = useI18n();
  const location = useLocation();
  const raised = useLoad((signal) => api.get<AlertList>('/api/alerts', { status: 'raised', limit: 1 }, signal), [location.pathname, location.search]);
  const n = raised.data?.total;
  return <HeaderBadge to="/execution/alerts?status=raised" testId="header-alerts" count={n} icon={<AlertOutlined />} label={t('header.alerts')} hint={t('header.alertsHint', { n: n ?? 0 })} />;
}
