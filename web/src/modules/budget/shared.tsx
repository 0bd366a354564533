/** What the budget pages share: the year and region kept in the URL (a page can be linked and reloaded), the status tag. */
import { useSearchParams } from 'react-router-dom';
import { InputNumber, Space, Tag } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../../i18n.ts';
import { useMe } from '../../session.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import type { VersionStatus } from './types.ts';

/** In autumn the officer drafts next year's budget: the pages open on it. */
const defaultYear = () => dayjs().year() + 1;

/** `?year=&region=` of the page (the user's own region and next year when absent) and a way to change them. */
export function useYearAndRegion() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || defaultYear();
  const region = params.get('region') ?? me.regionCode ?? undefined;
  const update = (changes: Record<string, string | number | undefined>) => setParams((previous) => {
    const next = new URLSearchParams(previous);
    for (const [key, value] of Object.entries(changes)) if (value === undefined || value === '') next.delete(key); else next.set(key, String(value));
    return next;
  }, { replace: true });
  return { year, region, params, update };
}

/** The year and region pickers of a budget page; changing either forgets the version picked. */
export function YearAndRegion({ year, region, onChange }: { year: number; region?: string; onChange(changes: Record<string, string | number | undefined>): void }) {
  const { t } = useI18n();
  return (
    <Space wrap>
      <span>{t('budget.year')}</span>
      <InputNumber value={year} min={2000} max={2100} precision={0} onChange={(value) => value && onChange({ year: value, version: undefined, from: undefined, to: undefined })} data-testid="budget-year" />
      <span>{t('budget.region')}</span>
      <RegionSelect value={region} allowClear={false} onChange={(value) => onChange({ region: value, version: undefined, from: undefined, to: undefined })} testId="budget-region" />
    </Space>
  );
}

const statusColor: Record<VersionStatus, string> = { drafted: 'blue', submitted: 'orange', returned: 'red', approved: 'green' };

/** 已编制 / 已报送 / 已退回 / 已批复 */
export function StatusTag({ status, testId }: { status: VersionStatus; testId?: string }) {
  const { t } = useI18n();
  return <Tag color={statusColor[status]} data-testid={testId} data-status={status}>{t(`budget.status.${status}`)}</Tag>;
}
