/**
 * The header's 预警 link with the number of early-warning alerts raised in the user's scope and not yet acknowledged
 * (GET /api/alerts?status=raised: its total), refreshed on every navigation; it opens the alert inbox on them.
 */
import { Link, useLocation } from 'react-router-dom';
import { Badge, Space, Tooltip } from 'antd';
import { AlertOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n.ts';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import type { AlertList } from './types.ts';

export function AlertBadge() {
  const { t } = useI18n();
  const location = useLocation();
  const raised = useLoad((signal) => api.get<AlertList>('/api/alerts', { status: 'raised', limit: 1 }, signal), [location.pathname, location.search]);
  const n = raised.data?.total ?? 0;
  return (
    <Tooltip title={t('header.alertsHint', { n })}>
      <Link to="/execution/alerts?status=raised" data-testid="header-alerts" data-count={raised.data ? n : undefined}>
        <Badge count={n} size="small" offset={[6, -2]} data-testid="header-alerts-badge">
          <Space size={4}><AlertOutlined />{t('header.alerts')}</Space>
        </Badge>
      </Link>
    </Tooltip>
  );
}
