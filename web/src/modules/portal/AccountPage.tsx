/** 个人网厅 · 个人账户对账单: a year of the pension individual account — opening balance, credits, interest, closing balance. */
import { useState } from 'react';
import { Button, Descriptions, Space, Table } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { api, withQuery } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { formatYuan } from '../../format.ts';
import { Page } from '../../components/Page.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { moneyColumn, thisYear, YearInput } from './shared.tsx';
import type { AccountCredit, AccountStatement } from './types.ts';

export default function AccountPage() {
  const { t } = useI18n();
  const [year, setYear] = useState(thisYear);
  const statement = useLoad((signal) => api.get<AccountStatement>('/api/me/account', { year }, signal), [year]);
  const data = statement.data;

  return (
    <Page
      title={t('portal.account')} testId="portal-account"
      extra={<>
        <Space>{t('base.year')}<YearInput value={year} onChange={setYear} /></Space>
        <Button icon={<DownloadOutlined />} href={withQuery('/api/me/account', { year, format: 'xlsx' })}>{t('portal.download')}</Button>
      </>}
    >
      {statement.error ? <ApiErrorView error={statement.error} retry={statement.reload} /> : (
        <>
          <Descriptions bordered size="small" column={4} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('portal.opening')}>{formatYuan(data?.opening)}</Descriptions.Item>
            <Descriptions.Item label={t('portal.creditsTotal')}>{formatYuan(data?.creditsTotal)}</Descriptions.Item>
            <Descriptions.Item label={data?.rate ? t('portal.interestAt', { rate: data.rate }) : t('portal.interest')}>{formatYuan(data?.interest)}</Descriptions.Item>
            <Descriptions.Item label={t('portal.closing')}><strong data-testid="portal-account-closing">{formatYuan(data?.closing)}</strong></Descriptions.Item>
          </Descriptions>
          <Table<AccountCredit>
            rowKey={(credit, index) => `${credit.billNumber ?? 'entry'}-${index}`} size="small" loading={statement.loading} dataSource={data?.credits ?? []} pagination={false}
            columns={[
              { title: t('portal.billPeriod'), dataIndex: 'period', width: 110 },
              { title: t('employment.employer'), dataIndex: 'employerName' },
              { title: t('portal.billNumber'), dataIndex: 'billNumber' },
              moneyColumn<AccountCredit>(t('portal.credited'), 'amount', 140),
            ]}
          />
        </>
      )}
    </Page>
  );
}
