import { Typography } from 'antd';
import { useI18n } from '../../i18n.ts';
import { formatYuan } from '../../format.ts';
import { percentOf } from '../../format.ts';

/** A rate also as a percentage; money as yuan; tables and brackets as compact JSON. */
export function ParamValue({ value, unit }: { value: unknown; unit?: string }) {
  const { t } = useI18n();
  if (value === null || value === undefined) return <Typography.Text type="secondary">{t('params.notInForce')}</Typography.Text>;
  if (typeof value === 'object') return <Typography.Text code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{JSON.stringify(value)}</Typography.Text>;
  const percent = unit === 'rate' ? percentOf(String(value)) : null;
  if (percent) return <>{String(value)} <Typography.Text type="secondary">({percent})</Typography.Text></>;
  if (unit === 'money') return <>¥{formatYuan(String(value))}</>;
  return <>{String(value)}</>;
}
