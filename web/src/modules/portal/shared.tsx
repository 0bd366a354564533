/** What the portal pages share: the account's employer, a year picker, and money columns (yuan strings, right-aligned). */
import type { ReactNode } from 'react';
import { Descriptions, InputNumber, type TableColumnType } from 'antd';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { formatYuan } from '../../format.ts';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import type { EmployerProfile } from './types.ts';

export const thisYear = () => new Date().getFullYear();

function useEmployerProfile() {
  return useLoad((signal) => api.get<EmployerProfile>('/api/portal/employer', undefined, signal), []);
}

export function YearInput({ value, onChange, testId }: { value: number; onChange(year: number): void; testId?: string }) {
  return <InputNumber value={value} min={1990} max={thisYear() + 1} precision={0} onChange={(year) => year && onChange(year)} data-testid={testId} style={{ width: 110 }} />;
}

export function moneyColumn<T>(title: string, dataIndex: keyof T & string, width?: number): TableColumnType<T> {
  return { title, dataIndex, width, align: 'right', render: (value: string | null) => formatYuan(value) };
}

function EmployerDescriptions({ employer }: { employer?: EmployerProfile }) {
  const { t } = useI18n();
  return (
    <Descriptions size="small" column={3} style={{ marginBottom: 16 }} data-testid="portal-employer">
      <Descriptions.Item label={t('employer.name')}><span data-testid="portal-employer-name">{employer?.name}</span></Descriptions.Item>
      <Descriptions.Item label={t('employer.creditCode')}>{employer?.creditCode}</Descriptions.Item>
      <Descriptions.Item label={t('common.status')}>{employer && t(`employerStatus.${employer.status}`)}</Descriptions.Item>
    </Descriptions>
  );
}

/** The account's employer (name and credit code) above an employer-portal page; `children` get the loaded employer. */
export function EmployerBanner({ children }: { children?: (employer: EmployerProfile) => ReactNode }) {
  const profile = useEmployerProfile();
  if (profile.error) return <ApiErrorView error={profile.error} retry={profile.reload} />;
  return <><EmployerDescriptions employer={profile.data} />{profile.data && children?.(profile.data)}</>;
}
