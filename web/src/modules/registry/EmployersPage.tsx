/** 参保单位: search by name or credit code within a region, paged; click through to the employer. */
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Button, Input, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { useCan } from '../../permissions.ts';
import { romanClass } from '../../format.ts';
import { Page } from '../../components/Page.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import type { Employer, List } from '../../types.ts';
import { listTotalLabel } from '../../counts.ts';
import { EmployerFormModal } from './EmployerFormModal.tsx';

const statusColor: Record<string, string> = { active: 'green', suspended: 'orange', closed: 'default' };

export default function EmployersPage() {
  const { t } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const region = params.get('region') ?? '';
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('size') ?? 20) || 20;
  const [text, setText] = useState(q);
  const [creating, setCreating] = useState(false);
  const list = useLoad((signal) => api.get<List<Employer>>('/api/employers', { q, region, limit: pageSize, offset: (page - 1) * pageSize }, signal), [q, region, page, pageSize]);

  const filter = (next: { q?: string; region?: string }) => {
    const merged = { q, region, ...next };
    setParams(Object.fromEntries(Object.entries(merged).filter(([, v]) => v)) as Record<string, string>);
  };

  return (
    <Page
      title={t('employer.title')} testId="employers-page"
      extra={can('registry.employer.create') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="employers-create">{t('employer.create')}</Button>}
    >
      <Space style={{ marginBottom: 16 }} wrap>
        <RegionSelect value={region || undefined} onChange={(value) => filter({ region: value ?? '' })} placeholder={t('common.region')} style={{ width: 260 }} />
        <Input.Search
          value={text} onChange={(event) => setText(event.target.value)} onSearch={(value) => filter({ q: value.trim() })}
          placeholder={t('employer.searchPlaceholder')} enterButton={t('common.search')} allowClear style={{ width: 380 }} data-testid="employers-search"
        />
      </Space>
      {list.error ? <ApiErrorView error={list.error} retry={list.reload} /> : (
        <Table<Employer>
          data-testid="employers-table" rowKey="id" loading={list.loading} dataSource={list.data?.items ?? []} size="middle"
          onRow={(employer) => ({ onDoubleClick: () => navigate(`/employers/${employer.id}`) })}
          pagination={{
            current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: () => listTotalLabel(t, list.data),
            onChange: (next, size) => setParams({ ...(q ? { q } : {}), ...(region ? { region } : {}), page: String(next), size: String(size) }),
          }}
          columns={[
            { title: t('employer.creditCode'), dataIndex: 'creditCode', render: (code: string, e) => <Link to={`/employers/${e.id}`} data-testid="employer-link">{code}</Link> },
            { title: t('employer.name'), dataIndex: 'name' },
            { title: t('common.region'), dataIndex: 'regionName', render: (name: string | undefined, e) => name ?? e.regionCode },
            { title: t('employer.industry'), dataIndex: 'industryCode', render: (code: string | null) => (code ? `${code} ${t(`industry.${code}`)}` : '') },
            { title: t('employer.workInjuryClass'), dataIndex: 'workInjuryClass', width: 110, render: romanClass },
            { title: t('employer.type'), dataIndex: 'employerType', render: (type: string) => t(`employerType.${type}`) },
            { title: t('common.status'), dataIndex: 'status', width: 90, render: (s: string) => <Tag color={statusColor[s]}>{t(`employerStatus.${s}`)}</Tag> },
            { title: t('employer.employeeCount'), dataIndex: 'employeeCount', width: 90, align: 'right' },
          ]}
        />
      )}
      <EmployerFormModal open={creating} onClose={() => setCreating(false)} onCreated={(employer) => navigate(`/employers/${employer.id}`)} />
    </Page>
  );
}
