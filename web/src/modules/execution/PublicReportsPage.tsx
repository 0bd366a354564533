/** 基金收支情况公开 (/public, no sign-in): the published reports, newest first; a superseded one says so. */
import { Link } from 'react-router-dom';
import { Alert, Card, Empty, List, Space, Spin, Tag, Typography } from 'antd';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { formatDateTime } from '../../format.ts';
import { PublicFrame } from './PublicFrame.tsx';
import type { PublicReportSummary } from './types.ts';

export default function PublicReportsPage() {
  const { t } = useI18n();
  const reports = useLoad((signal) => api.get<PublicReportSummary[]>('/api/public/reports', undefined, signal), []);
  return (
    <PublicFrame testId="public-reports">
      <Card>
        <Typography.Paragraph type="secondary">{t('public.explain')}</Typography.Paragraph>
        {reports.error ? <Alert type="error" showIcon message={reports.error.message} /> : !reports.data ? <Spin /> : reports.data.length === 0 ? <Empty description={t('public.none')} /> : (
          <List<PublicReportSummary>
            dataSource={reports.data} rowKey="id"
            renderItem={(report) => (
              <List.Item data-testid="public-report-item">
                <List.Item.Meta
                  title={<Link to={`/public/reports/${report.id}`} data-testid="public-report-link">{report.title}</Link>}
                  description={(
                    <Space wrap size={4}>
                      <span>{t('public.publishedAt', { at: formatDateTime(report.publishedAt) })}</span>
                      {report.supersedes && <Tag color="blue">{t('public.correction')}</Tag>}
                      {report.supersededBy && <Tag>{t('public.superseded')}</Tag>}
                    </Space>
                  )}
                />
              </List.Item>
            )}
          />
        )}
      </Card>
    </PublicFrame>
  );
}
