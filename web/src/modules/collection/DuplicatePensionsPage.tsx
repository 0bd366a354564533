/**
 * 重复参保: persons enrolled in pension at more than one employer on a period's cut-off day (GET
 * /api/collection/duplicate-pensions), each employer and which one is billed. A person has one pension relationship, so
 * billing bills pension once: by the earliest employment at an active employer, and not from the statutory retirement
 * month on (the rule and its source: src/modules/collection/billing/duplicate-pension.service.ts); the agency ends or
 * transfers the others.
 */
import { Link } from 'react-router-dom';
import { Alert, Empty, Space, Table, Tag, Typography } from 'antd';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { formatDate } from '../../format.ts';
import { Page } from '../../components/Page.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { MonthPicker } from '../../components/MonthPicker.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { lastMonth, useUrlFilters } from './shared.tsx';

/**
 * The answer of GET /api/collection/duplicate-pensions (its schema is written in duplicate-pension.routes.ts, which
 * the web cannot import as a type without the server's database types).
 */
type DuplicateEmployment = { employerId: string; creditCode: string; employerName: string; employerStatus: string; employmentId: string; hiredOn: string; billed: boolean };
type DuplicatePerson = { personId: string; idNumber: string; name: string; retirementMonth: string; employments: DuplicateEmployment[] };
type DuplicatePensionReport = { period: string; region: string; persons: DuplicatePerson[] };

function Employments({ employments }: { employments: DuplicateEmployment[] }) {
  const { t } = useI18n();
  return (
    <Space direction="vertical" size={2}>
      {employments.map((employment) => (
        <Space key={employment.employmentId} size="small" wrap data-testid="duplicate-employment" data-billed={employment.billed}>
          {employment.billed ? <Tag color="blue">{t('duplicate.billed')}</Tag> : <Tag>{t('duplicate.notBilled')}</Tag>}
          <Link to={`/employers/${employment.employerId}`}>{employment.employerName}</Link>
          <Typography.Text type="secondary">{employment.creditCode}</Typography.Text>
          <Typography.Text type="secondary">{t('duplicate.hiredOn', { date: formatDate(employment.hiredOn) })}</Typography.Text>
          {employment.employerStatus !== 'active' && <Tag color="orange">{t(`employerStatus.${employment.employerStatus}`)}</Tag>}
        </Space>
      ))}
    </Space>
  );
}

export default function DuplicatePensionsPage() {
  const { t } = useI18n();
  const { params, update } = useUrlFilters();
  const period = params.get('period') ?? lastMonth();
  const region = params.get('region') ?? '';
  const report = useLoad((signal) => api.get<DuplicatePensionReport>('/api/collection/duplicate-pensions', { period, region }, signal), [period, region]);
  const persons = report.data?.persons ?? [];
  return (
    <Page title={t('duplicate.title')} testId="duplicate-pensions-page">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text strong>{t('duplicate.period')}</Typography.Text>
          <MonthPicker value={period} onChange={(value) => update({ period: value })} testId="duplicate-period" />
          <RegionSelect value={region || undefined} onChange={(value) => update({ region: value })} placeholder={t('common.region')} style={{ width: 260 }} />
        </Space>
        <Typography.Text type="secondary">{t('duplicate.explain')}</Typography.Text>
        {report.error ? <ApiErrorView error={report.error} retry={report.reload} /> : (
          <>
            {report.data && persons.length > 0 && (
              <Alert type="warning" showIcon data-testid="duplicate-summary" message={t('duplicate.count', { period: report.data.period, n: persons.length })} description={t('duplicate.todo')} />
            )}
            <Table<DuplicatePerson>
              data-testid="duplicate-pensions" rowKey="personId" size="middle" loading={report.loading} dataSource={persons}
              pagination={persons.length > 50 ? { pageSize: 50 } : false}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('duplicate.none', { period })} /> }}
              columns={[
                { title: t('person.name'), dataIndex: 'name', width: 110, render: (name: string, person) => <Link to={`/persons/${person.personId}`}>{name}</Link> },
                { title: t('person.idNumber'), dataIndex: 'idNumber', width: 190 },
                { title: t('duplicate.retirementMonth'), dataIndex: 'retirementMonth', width: 120 },
                { title: t('duplicate.employments'), dataIndex: 'employments', render: (employments: DuplicateEmployment[]) => <Employments employments={employments} /> },
              ]}
            />
          </>
        )}
      </Space>
    </Page>
  );
}
