import { Badge, Space } from 'antd';
import { api } from '../api.ts';
import { useLoad } from '../hooks.ts';
import { useI18n } from '../i18n.ts';
import type { Health } from '../types.ts';

/** Service health from GET /api/health, shown in the footer. */
export function HealthFooter() {
  const { t } = useI18n();
  const { data, error } = useLoad((signal) => api.get<Health>('/api/health', undefined, signal), []);
  return (
    <Space size="large" data-testid="health">
      <span>sifund · {t('app.title')}</span>
      {data && <Badge status={data.status === 'ok' ? 'success' : 'warning'} text={<span style={{ color: '#888', fontSize: 12 }}>{t('footer.health')} {data.status} · {t('footer.database')} {data.database} · {t('footer.version')} {data.version}</span>} />}
      {error && <Badge status="error" text={<span style={{ color: '#888', fontSize: 12 }}>{t('footer.down')}</span>} />}
    </Space>
  );
}
