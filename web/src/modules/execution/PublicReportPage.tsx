/**
 * One published report (/public/reports/:id, no sign-in): per fund the year's income, expense, their difference and
 * the accumulated balance, a chart, and the data as JSON. A superseded report points to its correction.
 */
import { Link, useParams } from 'react-router-dom';
import { Alert, Card, Descriptions, Space, Spin, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { formatDateTime } from '../../format.ts';
import { Money } from '../../components/Money.tsx';
import { PublicFrame } from './PublicFrame.tsx';
import PublicFundsChart from './PublicFundsChart.tsx';
import type { PublicReport } from './types.ts';

export default function PublicReportPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const path = `/api/public/reports/${encodeURIComponent(id)}`;
  const report = useLoad((signal) => api.get<PublicReport>(path, undefined, signal), [path]);
  const data = report.data;
  return (
    <PublicFrame testId="public-report">
      <Space direction="vertical" style={{ width: '100%' }} size={12}>
        <Link to="/public"><ArrowLeftOutlined /> {t('public.back')}</Link>
        {report.error ? <Alert type="error" showIcon message={report.error.message} /> : !data ? <Spin /> : (
          <>
            <Card>
              <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="public-report-title">{data.title}</Typography.Title>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                {t('public.asOf', { asOf: data.body.asOf })} · {t('public.publishedAt', { at: formatDateTime(data.publishedAt) })} · <a href={path} download={`report-${data.id}.json`}>{t('public.download')}</a>
              </Typography.Paragraph>
              {data.supersededBy && (
                <Alert style={{ marginTop: 12 }} type="warning" showIcon message={t('public.supersededNote')}
                  action={<Link to={`/public/reports/${data.supersededBy}`}>{t('public.openCorrection')}</Link>} />
              )}
            </Card>
            <Card size="small" title={t('public.chart')} data-testid="public-report-chart">
              <PublicFundsChart funds={data.body.funds} labels={{ income: t('execution.income'), expense: t('execution.expense'), yuan: t('public.yuan') }} />
            </Card>
            {data.body.funds.map((fund) => (
              <Card key={fund.fund} size="small" title={fund.name} data-testid={`public-fund-${fund.fund}`}>
                <Descriptions size="small" column={{ xs: 1, sm: 2 }} colon={false}>
                  <Descriptions.Item label={t('public.income')}><Money value={fund.income} testId="public-fund-income" /></Descriptions.Item>
                  <Descriptions.Item label={t('public.expense')}><Money value={fund.expense} testId="public-fund-expense" /></Descriptions.Item>
                  <Descriptions.Item label={t('public.surplus')}><Money value={fund.surplus} testId="public-fund-surplus" /></Descriptions.Item>
                  <Descriptions.Item label={t('public.balance')}><Money value={fund.balance} testId="public-fund-balance" /></Descriptions.Item>
                </Descriptions>
              </Card>
            ))}
          </>
        )}
      </Space>
    </PublicFrame>
  );
}
