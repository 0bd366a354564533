/**
 * 单位网厅 · 缴费基数申报: for a year, every employee employed in it with the monthly wage declared (the current
 * version) and whether the employee has signed it off (职工签字确认, done in the personal portal).
 */
import { useState } from 'react';
import { App, Button, Space, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n.ts';
import { formatDateTime, formatYuan } from '../../format.ts';
import { ListPage } from '../../components/ListPage.tsx';
import { EmployerBanner, thisYear, YearInput } from './shared.tsx';
import { DeclareBaseModal } from './DeclareBaseModal.tsx';
import type { EmployeePage, PortalEmployee } from './types.ts';

export default function BasesPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [year, setYear] = useState(thisYear);
  const [declaring, setDeclaring] = useState<PortalEmployee>();
  const [declared, setDeclared] = useState(0);

  return (
    <ListPage<PortalEmployee, EmployeePage>
      listId="portal-bases" title={t('portal.bases')} testId="portal-bases" tableTestId="portal-bases-table"
      endpoint="/api/portal/employer/bases" query={{ year }} refresh={`${year}:${declared}`} rowKey="employmentId" maxLimit={200}
      table={{ size: 'small' }} exports={['xlsx', 'csv']}
      extra={<Space>{t('base.year')}<YearInput value={year} onChange={setYear} testId="portal-bases-year" /></Space>}
      header={<><EmployerBanner /><Typography.Paragraph type="secondary">{t('portal.basesHint')}</Typography.Paragraph></>}
      filters={[{ kind: 'prefix', param: 'q', label: t('person.searchPlaceholder'), width: 420 }]}
      columns={[
        { key: 'idNumber', title: t('person.idNumber'), dataIndex: 'idNumber', width: 190 },
        { key: 'name', title: t('person.name'), dataIndex: 'name' },
        { key: 'hiredOn', title: t('employment.hiredOn'), dataIndex: 'hiredOn', width: 110 },
        { key: 'separatedOn', title: t('employment.separatedOn'), dataIndex: 'separatedOn', width: 110 },
        { key: 'wage', title: t('base.monthlyWage'), align: 'right', render: (_: unknown, e: PortalEmployee) => (e.base ? formatYuan(e.base.monthlyWage) : <Tag>{t('portal.notDeclared')}</Tag>) },
        { key: 'version', title: t('base.version'), width: 70, render: (_: unknown, e: PortalEmployee) => e.base?.version },
        { key: 'declaredAt', title: t('base.declaredAt'), width: 170, render: (_: unknown, e: PortalEmployee) => formatDateTime(e.base?.declaredAt) },
        {
          key: 'confirmedAt', title: t('base.confirmedAt'), width: 170,
          render: (_: unknown, e: PortalEmployee) => e.base && (e.base.confirmedAt ? <Tag color="green">{formatDateTime(e.base.confirmedAt)}</Tag> : <Tag color="gold" data-testid="base-unconfirmed">{t('base.unconfirmed')}</Tag>),
        },
        {
          key: 'actions', title: t('common.actions'), width: 110,
          render: (_: unknown, e: PortalEmployee) => <Button size="small" onClick={() => setDeclaring(e)} data-testid="portal-declare">{e.base ? t('portal.correct') : t('base.declare')}</Button>,
        },
      ]}
    >
      <DeclareBaseModal employee={declaring} year={year} onClose={() => setDeclaring(undefined)} onDone={() => { message.success(t('base.declared')); setDeclared((n) => n + 1); }} />
    </ListPage>
  );
}
