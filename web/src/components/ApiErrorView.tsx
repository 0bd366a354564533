import { Alert, Button, Result } from 'antd';
import type { ApiError } from '../api.ts';
import { useI18n } from '../i18n.ts';

/** A failed load: 403 and 404 as a result page, anything else as an alert with a retry. */
export function ApiErrorView({ error, retry }: { error: ApiError; retry?: () => void }) {
  const { t } = useI18n();
  if (error.status === 403) return <Result status="403" title={t('common.forbidden')} subTitle={error.message} />;
  if (error.status === 404) return <Result status="404" title={t('common.notFound')} subTitle={error.message} />;
  return (
    <Alert
      type="error" showIcon data-testid="load-error" message={t('common.loadFailed')} description={error.message}
      action={retry && <Button size="small" onClick={retry}>{t('common.refresh')}</Button>}
    />
  );
}
