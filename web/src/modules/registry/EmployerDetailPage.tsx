/**
 * One employer: its registration, then tabs (the open one kept in ?tab=): its employees (职工名册: a list of its own,
 * paged by cursor and exported whole; hire, separate), bills, payments and arrears (lists of the collection module,
 * for users who may read them) and its change history.
 */
import { Suspense, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { App, Button, Descriptions, Tabs, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api } from '../../api.ts';
import { useLoad, useRegionLabel } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { romanClass } from '../../format.ts';
import { useMe } from '../../session.tsx';
import { can } from '../../permissions.ts';
import { EmployerArrears, EmployerBills, EmployerPayments } from '../collection/index.ts';
import { ListPage } from '../../components/ListPage.tsx';
import { Page } from '../../components/Page.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { AuditTable } from '../../components/AuditTable.tsx';
import type { Employee, EmployerDetail } from '../../types.ts';
import { EmploymentFormModal } from './EmploymentFormModal.tsx';
import { SeparateModal, type SeparationTarget } from './SeparateModal.tsx';

export default function EmployerDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const regionLabel = useRegionLabel();
  const detail = useLoad((signal) => api.get<EmployerDetail>(`/api/employers/${encodeURIComponent(id)}`, undefined, signal), [id]);
  const [hiring, setHiring] = useState(false);
  const [separating, setSeparating] = useState<SeparationTarget>();
  // a hire or a separation changes the list and the head count
  const [changes, setChanges] = useState(0);
  const [search, setSearch] = useSearchParams();
  const today = dayjs().format('YYYY-MM-DD');

  if (detail.error) return <ApiErrorView error={detail.error} retry={detail.reload} />;
  if (!detail.data) return <PageSpinner />;
  const { employer, employeeCount, history } = detail.data;
  const done = (text: string) => () => { message.success(text); setChanges((n) => n + 1); detail.reload(); };
  const personLink = (text: string, e: Employee) => (can(me, 'registry.read') ? <Link to={`/persons/${e.personId}`}>{text}</Link> : text);
  const writer = can(me, 'registry.employment.write');

  const employeesTab = (
    <ListPage<Employee>
      listId="employer-employees" endpoint={`/api/employers/${encodeURIComponent(employer.id)}/employees`} rowKey="employmentId" maxLimit={200}
      embedded paramPrefix="employees." testId="employer-employees-list" tableTestId="employer-employees" exports={['xlsx', 'csv']} refresh={changes} table={{ size: 'small' }}
      extra={writer && <Button icon={<PlusOutlined />} onClick={() => setHiring(true)} data-testid="employer-hire">{t('employer.hire')}</Button>}
      filters={[
        { kind: 'enum', param: 'status', label: t('employment.status'), testId: 'employer-employees-status',
          options: [{ value: 'current', label: t('employment.current') }, { value: 'separated', label: t('employment.separatedStatus') }] },
        { kind: 'prefix', param: 'q', label: t('person.searchPlaceholder'), width: 320 },
      ]}
      columns={[
        { key: 'idNumber', title: t('person.idNumber'), dataIndex: 'idNumber', render: personLink },
        { key: 'name', title: t('person.name'), dataIndex: 'name' },
        { key: 'hiredOn', title: t('employment.hiredOn'), dataIndex: 'hiredOn', width: 120 },
        { key: 'separatedOn', title: t('employment.separatedOn'), dataIndex: 'separatedOn', width: 120, render: (d: string | null) => d ?? <Tag color="green">{t('employment.current')}</Tag> },
        { key: 'separationReason', title: t('employment.reason'), dataIndex: 'separationReason', render: (r: string | null) => (r ? t(`separation.${r}`) : '') },
        {
          key: 'actions', title: t('common.actions'), width: 100,
          render: (_, e) => !e.separatedOn && writer && (
            <Button size="small" danger onClick={() => setSeparating({ employerId: employer.id, employmentId: e.employmentId, hiredOn: e.hiredOn, label: `${e.name} @ ${employer.name}` })}>
              {t('employment.separate')}
            </Button>
          ),
        },
      ]}
    />
  );

  return (
    <Page title={employer.name} testId="employer-detail" extra={<Link to="/employers"><Button>{t('common.back')}</Button></Link>}>
      <Descriptions bordered size="small" column={3} data-testid="employer-descriptions">
        <Descriptions.Item label={t('employer.creditCode')}><span data-testid="employer-credit-code">{employer.creditCode}</span></Descriptions.Item>
        <Descriptions.Item label={t('employer.name')}><span data-testid="employer-name">{employer.name}</span></Descriptions.Item>
        <Descriptions.Item label={t('common.region')}>{regionLabel(employer.regionCode, employer.regionName)}</Descriptions.Item>
        <Descriptions.Item label={t('employer.industry')}>{employer.industryCode ? `${employer.industryCode} ${t(`industry.${employer.industryCode}`)}` : ''}</Descriptions.Item>
        <Descriptions.Item label={t('employer.workInjuryClass')}>{romanClass(employer.workInjuryClass)}</Descriptions.Item>
        <Descriptions.Item label={t('employer.type')}>{t(`employerType.${employer.employerType}`)}</Descriptions.Item>
        <Descriptions.Item label={t('common.status')}>{t(`employerStatus.${employer.status}`)}</Descriptions.Item>
        <Descriptions.Item label={t('employer.employeeCount')}><span data-testid="employer-employee-count">{employeeCount}</span></Descriptions.Item>
      </Descriptions>
      <Tabs
        style={{ marginTop: 16 }} activeKey={search.get('tab') ?? 'employees'} destroyOnHidden
        onChange={(tab) => setSearch(tab === 'employees' ? {} : { tab }, { replace: true })}
        items={[
          { key: 'employees', label: <span data-testid="tab-employees">{t('employer.employees')} ({employeeCount})</span>, children: employeesTab },
          ...(can(me, 'billing.read') ? [{ key: 'bills', label: <span data-testid="tab-bills">{t('employer.bills')}</span>, children: <Suspense fallback={<PageSpinner />}><EmployerBills creditCode={employer.creditCode} /></Suspense> }] : []),
          ...(can(me, 'payment.read') ? [{ key: 'payments', label: <span data-testid="tab-payments">{t('employer.payments')}</span>, children: <Suspense fallback={<PageSpinner />}><EmployerPayments creditCode={employer.creditCode} /></Suspense> }] : []),
          ...(can(me, 'arrears.read') ? [{ key: 'arrears', label: <span data-testid="tab-arrears">{t('employer.arrears')}</span>, children: <Suspense fallback={<PageSpinner />}><EmployerArrears creditCode={employer.creditCode} asOf={today} /></Suspense> }] : []),
          { key: 'history', label: <span data-testid="tab-history">{t('employer.history')} ({history.length})</span>, children: <AuditTable records={history} testId="employer-history" showEntity={false} /> },
        ]}
      />
      <EmploymentFormModal open={hiring} onClose={() => setHiring(false)} onCreated={done(t('employment.created'))} employerId={employer.id} />
      <SeparateModal target={separating} onClose={() => setSeparating(undefined)} onDone={done(t('employment.separated'))} />
    </Page>
  );
}
