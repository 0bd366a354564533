/**
 * 个人网厅 · 缴费记录: the person's contributions of a year, month by month and insurance by insurance, with the
 * employer, the base, the employee's and the employer's parts and whether the bill is paid; the 参保证明 and the
 * 个人权益记录单 to print (each a new PDF with its own verification code).
 */
import { useState } from 'react';
import { Button, Space, Table, Tag, Tooltip } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { Page } from '../../components/Page.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { moneyColumn, thisYear, YearInput } from './shared.tsx';
import type { Contribution, ContributionRecord } from './types.ts';

export default function ContributionsPage() {
  const { t } = useI18n();
  const [year, setYear] = useState(thisYear);
  const record = useLoad((signal) => api.get<ContributionRecord>('/api/me/contributions', { from: `${year}-01`, to: `${year}-12` }, signal), [year]);
  const items = record.data?.items ?? [];
  // a month's lines come together: the month and the employer span them
  const monthKey = (c: Contribution) => `${c.period}/${c.creditCode}`;
  const linesOfMonth = new Map<string, number>();
  for (const item of items) linesOfMonth.set(monthKey(item), (linesOfMonth.get(monthKey(item)) ?? 0) + 1);
  const span = (item: Contribution, index = 0) => ({ rowSpan: index > 0 && monthKey(items[index - 1]) === monthKey(item) ? 0 : linesOfMonth.get(monthKey(item)) });

  return (
    <Page title={t('portal.contributions')} testId="portal-contributions" extra={(
      <Space>
        <Tooltip title={t('certificate.hint')}>
          <Button icon={<PrinterOutlined />} href="/api/me/certificates/participation?format=pdf" target="_blank" data-testid="portal-certificate">{t('certificate.participation')}</Button>
        </Tooltip>
        <Button icon={<PrinterOutlined />} href="/api/me/certificates/rights_record?format=pdf" target="_blank" data-testid="portal-rights-record">{t('certificate.rightsRecord')}</Button>
        {t('base.year')}<YearInput value={year} onChange={setYear} />
      </Space>
    )}>
      {record.error ? <ApiErrorView error={record.error} retry={record.reload} /> : (
        <Table<Contribution>
          rowKey={(c) => `${c.billNumber}-${c.insurance}`} size="small" bordered loading={record.loading} dataSource={items} pagination={false}
          locale={{ emptyText: t('portal.noContributions') }} data-testid="portal-contributions-table"
          columns={[
            { title: t('portal.billPeriod'), dataIndex: 'period', width: 100, onCell: span },
            { title: t('employment.employer'), dataIndex: 'employerName', onCell: span },
            { title: t('enrollment.insurance'), dataIndex: 'insurance', width: 110, render: (insurance: string) => t(`insurance.${insurance}`) },
            moneyColumn<Contribution>(t('portal.base'), 'base', 120),
            moneyColumn<Contribution>(t('portal.employeeAmount'), 'employeeAmount', 120),
            moneyColumn<Contribution>(t('portal.employerAmount'), 'employerAmount', 120),
            { title: t('portal.paid'), dataIndex: 'paid', width: 90, render: (paid: boolean) => (paid ? <Tag color="green">{t('portal.paidYes')}</Tag> : <Tag color="red">{t('portal.paidNo')}</Tag>) },
          ]}
        />
      )}
    </Page>
  );
}
