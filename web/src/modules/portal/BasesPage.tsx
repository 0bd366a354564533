/**
 * 单位网厅 · 缴费基数申报: for a year, every employee employed in it with the monthly wage declared (the current
 * version) and whether the employee has signed it off (职工签字确认, done in the personal portal).
 */
import { useState } from 'react';
import { App, Button, Space, Table, Tag, Typography } from 'antd';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { formatDateTime, formatYuan } from '../../format.ts';
import { Page } from '../../components/Page.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { EmployerBanner, thisYear, YearInput } from './shared.tsx';
import { DeclareBaseModal } from './DeclareBaseModal.tsx';
import type { EmployeePage, PortalEmployee } from './types.ts';

const PAGE_SIZE = 50;

export default function BasesPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [year, setYear] = useState(thisYear);
  const [page, setPage] = useState(1);
  const [declaring, setDeclaring] = useState<PortalEmployee>();
  const bases = useLoad((signal) => api.get<EmployeePage>('/api/portal/employer/bases', { year, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, signal), [year, page]);
  const items = bases.data?.items ?? [];

  return (
    <Page title={t('portal.bases')} testId="portal-bases" extra={<Space>{t('base.year')}<YearInput value={year} onChange={(next) => { setYear(next); setPage(1); }} testId="portal-bases-year" /></Space>}>
      <EmployerBanner />
      <Typography.Paragraph type="secondary">{t('portal.basesHint')}</Typography.Paragraph>
      {bases.error ? <ApiErrorView error={bases.error} retry={bases.reload} /> : (
        <Table<PortalEmployee>
          rowKey="employmentId" size="small" loading={bases.loading} dataSource={items} data-testid="portal-bases-table"
          pagination={{ current: page, pageSize: PAGE_SIZE, total: bases.data?.total ?? 0, onChange: setPage, showTotal: (n) => t('common.total', { n }) }}
          columns={[
            { title: t('person.idNumber'), dataIndex: 'idNumber', width: 190 },
            { title: t('person.name'), dataIndex: 'name' },
            { title: t('employment.hiredOn'), dataIndex: 'hiredOn', width: 110 },
            { title: t('employment.separatedOn'), dataIndex: 'separatedOn', width: 110 },
            { title: t('base.monthlyWage'), key: 'wage', align: 'right', render: (_, e) => (e.base ? formatYuan(e.base.monthlyWage) : <Tag>{t('portal.notDeclared')}</Tag>) },
            { title: t('base.version'), key: 'version', width: 70, render: (_, e) => e.base?.version },
            { title: t('base.declaredAt'), key: 'declaredAt', width: 170, render: (_, e) => formatDateTime(e.base?.declaredAt) },
            {
              title: t('base.confirmedAt'), key: 'confirmedAt', width: 170,
              render: (_, e) => e.base && (e.base.confirmedAt ? <Tag color="green">{formatDateTime(e.base.confirmedAt)}</Tag> : <Tag color="gold" data-testid="base-unconfirmed">{t('base.unconfirmed')}</Tag>),
            },
            {
              title: t('common.actions'), key: 'actions', width: 110,
              render: (_, e) => <Button size="small" onClick={() => setDeclaring(e)} data-testid="portal-declare">{e.base ? t('portal.correct') : t('base.declare')}</Button>,
            },
          ]}
        />
      )}
      <DeclareBaseModal employee={declaring} year={year} onClose={() => setDeclaring(undefined)} onDone={() => { message.success(t('base.declared')); bases.reload(); }} />
    </Page>
  );
}
