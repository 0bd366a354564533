/** 参保单位: employers by name or credit code, region, type and status, paged by cursor and exported whole; click through to the employer. */
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Button, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n.ts';
import { useCan } from '../../permissions.ts';
import { romanClass } from '../../format.ts';
import { ListPage } from '../../components/ListPage.tsx';
import { payerTypes, type Employer } from '../../types.ts';

const employerStatuses = ['active', 'suspended', 'closed'] as const;
import { EmployerFormModal } from './EmployerFormModal.tsx';

const statusColor: Record<string, string> = { active: 'green', suspended: 'orange', closed: 'default' };

export default function EmployersPage() {
  const { t } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);

  return (
    <ListPage<Employer>
      listId="employers" title={t('employer.title')} testId="employers-page" tableTestId="employers-table" endpoint="/api/employers" rowKey="id" maxLimit={200}
      extra={can('registry.employer.create') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="employers-create">{t('employer.create')}</Button>}
      exports={['xlsx', 'csv']}
      filters={[
        { kind: 'region', param: 'region', label: t('common.region') },
        { kind: 'enum', param: 'status', label: t('common.status'), options: employerStatuses.map((status) => ({ value: status, label: t(`employerStatus.${status}`) })) },
        { kind: 'enum', param: 'employerType', label: t('employer.type'), options: payerTypes.map((type) => ({ value: type, label: t(`employerType.${type}`) })) },
        { kind: 'text', param: 'q', label: t('employer.searchPlaceholder'), width: 380, testId: 'employers-search' },
      ]}
      table={{ onRow: (employer) => ({ onDoubleClick: () => navigate(`/employers/${employer.id}`) }) }}
      columns={[
        { key: 'creditCode', title: t('employer.creditCode'), dataIndex: 'creditCode', width: 190, render: (code: string, e) => <Link to={`/employers/${e.id}`} data-testid="employer-link">{code}</Link> },
        { key: 'name', title: t('employer.name'), dataIndex: 'name', ellipsis: { showTitle: true }, minWidth: 220 },
        { key: 'region', title: t('common.region'), dataIndex: 'regionName', render: (name: string | undefined, e) => name ?? e.regionCode },
        { key: 'industry', title: t('employer.industry'), dataIndex: 'industryCode', render: (code: string | null) => (code ? `${code} ${t(`industry.${code}`)}` : '') },
        { key: 'workInjuryClass', title: t('employer.workInjuryClass'), dataIndex: 'workInjuryClass', width: 110, render: romanClass },
        { key: 'type', title: t('employer.type'), dataIndex: 'employerType', render: (type: (typeof payerTypes)[number]) => t(`employerType.${type}`) },
        { key: 'status', title: t('common.status'), dataIndex: 'status', width: 90, render: (s: string) => <Tag color={statusColor[s]}>{t(`employerStatus.${s}`)}</Tag> },
        { key: 'employeeCount', title: t('employer.employeeCount'), dataIndex: 'employeeCount', width: 90, align: 'right' },
      ]}
    >
      <EmployerFormModal open={creating} onClose={() => setCreating(false)} onCreated={(employer) => navigate(`/employers/${employer.id}`)} />
    </ListPage>
  );
}
