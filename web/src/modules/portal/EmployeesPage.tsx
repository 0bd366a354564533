/**
 * 单位网厅 · 职工名册: the employer's current and past employees with this year's declared base, and its add / remove
 * requests (增减员申报) with their review status. A request changes nothing until the agency approves it; a request
 * the agency returned can be resubmitted or withdrawn here (its sign-off item's drafter actions).
 */
import { useState } from 'react';
import { App, Button, Card, Space, Table, Tag, Tooltip } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { formatYuan } from '../../format.ts';
import { ListPage } from '../../components/ListPage.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { EmployerBanner, thisYear } from './shared.tsx';
import { requestColumns } from './requests.tsx';
import { ApprovalActions } from '../../platform/signoff/shared.tsx';
import { HireRequestModal } from './HireRequestModal.tsx';
import { SeparationRequestModal } from './SeparationRequestModal.tsx';
import type { EmployeePage, EmploymentRequest, PortalEmployee, RequestPage } from './types.ts';

export default function EmployeesPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [hiring, setHiring] = useState(false);
  const [separating, setSeparating] = useState<PortalEmployee>();
  const requests = useLoad((signal) => api.get<RequestPage>('/api/portal/employer/requests', { limit: 100 }, signal), []);
  // an open request (waiting, or returned and not yet resubmitted or withdrawn) blocks a second one for the same person
  const pendingSeparations = new Set((requests.data?.items ?? []).filter((r) => r.kind === 'separate' && (r.status === 'pending' || r.status === 'returned')).map((r) => r.employmentId));
  const submitted = () => { message.success(t('portal.requestSubmitted')); requests.reload(); };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <ListPage<PortalEmployee, EmployeePage>
        listId="portal-employees" title={t('portal.employees')} testId="portal-employees" tableTestId="portal-employees-table"
        endpoint="/api/portal/employer/employees" rowKey="employmentId" maxLimit={200} table={{ size: 'small' }} exports={['xlsx', 'csv']}
        extra={<Button type="primary" icon={<UserAddOutlined />} onClick={() => setHiring(true)} data-testid="portal-hire">{t('portal.hireRequest')}</Button>}
        header={<EmployerBanner />}
        filters={[{ kind: 'prefix', param: 'q', label: t('person.searchPlaceholder'), width: 420 }]}
        columns={[
          { key: 'idNumber', title: t('person.idNumber'), dataIndex: 'idNumber', width: 190 },
          { key: 'name', title: t('person.name'), dataIndex: 'name' },
          { key: 'hiredOn', title: t('employment.hiredOn'), dataIndex: 'hiredOn', width: 120 },
          { key: 'separatedOn', title: t('employment.separatedOn'), dataIndex: 'separatedOn', width: 120, render: (day: string | null) => day ?? <Tag color="green">{t('employment.current')}</Tag> },
          { key: 'separationReason', title: t('employment.reason'), dataIndex: 'separationReason', render: (reason: string | null) => (reason ? t(`separation.${reason}`) : '') },
          {
            // the API's default year: this year
            key: 'base', title: t('portal.baseThisYear', { year: thisYear() }), align: 'right',
            render: (_, employee) => (employee.base ? formatYuan(employee.base.monthlyWage) : <Tag>{t('portal.notDeclared')}</Tag>),
          },
          {
            key: 'confirmed', title: t('base.confirmedAt'), width: 110,
            render: (_, employee) => employee.base && (employee.base.confirmedAt ? <Tag color="green">{t('base.confirmed')}</Tag> : <Tag color="gold">{t('base.unconfirmed')}</Tag>),
          },
          {
            key: 'actions', title: t('common.actions'), width: 120,
            render: (_, employee) => !employee.separatedOn && (pendingSeparations.has(employee.employmentId)
              ? <Tag color="gold">{t('portal.status.pending')}</Tag>
              : <Button size="small" danger onClick={() => setSeparating(employee)} data-testid="portal-separate">{t('portal.separationRequest')}</Button>),
          },
        ]}
      />
      <Card title={t('portal.requests')} data-testid="portal-requests">
        {requests.error ? <ApiErrorView error={requests.error} retry={requests.reload} /> : (
          <Table<EmploymentRequest>
            rowKey="id" size="small" loading={requests.loading} dataSource={requests.data?.items ?? []} pagination={false} data-testid="portal-requests-table"
            columns={[
              ...requestColumns(t, { withEmployer: false }),
              {
                title: t('common.actions'), key: 'actions', width: 200,
                render: (_, request) => request.status === 'returned' && (
                  <Tooltip title={t('portal.returnedHint')}>
                    <span>
                      <ApprovalActions
                        size="small" onDone={requests.reload}
                        item={{ id: request.approvalItemId, title: `${t(`portal.kind.${request.kind}`)} ${request.name}`, canDecide: false, canResubmit: true, canCancel: true }}
                      />
                    </span>
                  </Tooltip>
                ),
              },
            ]}
          />
        )}
      </Card>
      <HireRequestModal open={hiring} onClose={() => setHiring(false)} onDone={submitted} />
      <SeparationRequestModal employee={separating} onClose={() => setSeparating(undefined)} onDone={submitted} />
    </Space>
  );
}
