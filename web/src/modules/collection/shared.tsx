/**
 * What the collection pages share: filters kept in the URL (a page can be linked and reloaded) and rates as percentages (who may act: ../../permissions.ts).
 * Money columns come from ../../components/Money.tsx (right-aligned yuan strings).
 */
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Card, Statistic } from 'antd';
import dayjs from 'dayjs';
import type { Job } from '../../components/JobProgress.tsx';

export const lastMonth = () => dayjs().subtract(1, 'month').format('YYYY-MM');

/** A billing job's month and region, from its key `<period>/<region>` (startBilling in src/modules/collection/billing). */
export function billingJobScope(job: Pick<Job, 'key'>): { period: string; region: string } {
  const [period, region] = job.key.split('/');
  return { period, region };
}

/** URL search parameters and a way to change some of them (an empty value removes one; a filter change goes back to page 1). */
export function useUrlFilters() {
  const [params, setParams] = useSearchParams();
  const update = (changes: Record<string, string | undefined>) => setParams((previous) => {
    const next = new URLSearchParams(previous);
    if (!('page' in changes)) next.delete('page');
    for (const [key, value] of Object.entries(changes)) if (value) next.set(key, value); else next.delete(key);
    return next;
  }, { replace: true });
  return { params, update };
}

/** A decimal rate string as a percentage without floating point: "0.16" → "16%", "0.0045" → "0.45%", "0.9731" → "97.31%". */
export function percent(rate: string | null | undefined): string {
  if (rate === null || rate === undefined || rate === '') return '';
  const match = /^(-?)(\d+)(?:\.(\d*))?$/.exec(rate);
  if (!match) return rate;
  const [, sign, whole, fraction = ''] = match;
  const units = `${whole}${fraction.slice(0, 2).padEnd(2, '0')}`.replace(/^0+(?=\d)/, '');
  const rest = fraction.slice(2).replace(/0+$/, '');
  return `${sign}${units}${rest ? `.${rest}` : ''}%`;
}

/** A figure on a card; the value is shown as given (money already formatted). */
export function StatCard({ title, value, testId }: { title: ReactNode; value: ReactNode; testId: string }) {
  return <Card size="small"><Statistic title={title} valueRender={() => <span data-testid={testId}>{value}</span>} /></Card>;
}
