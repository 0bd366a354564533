/** 参保人员: search by ID number or name prefix, paged; click through to the person's record. */
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Button, Input, Space, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { useCan } from '../../permissions.ts';
import { Page } from '../../components/Page.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import type { List, Person } from '../../types.ts';
import { listTotalLabel } from '../../counts.ts';
import { PersonFormModal } from './PersonFormModal.tsx';

export default function PersonsPage() {
  const { t } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('size') ?? 20) || 20;
  const [text, setText] = useState(q);
  const [creating, setCreating] = useState(false);
  const list = useLoad((signal) => api.get<List<Person>>('/api/persons', { q: q.trim(), limit: pageSize, offset: (page - 1) * pageSize }, signal), [q, page, pageSize]);

  const search = (value: string) => setParams(value.trim() ? { q: value.trim() } : {});

  return (
    <Page
      title={t('person.title')} testId="persons-page"
      extra={can('registry.person.create') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="persons-create">{t('person.create')}</Button>}
    >
      <Space style={{ marginBottom: 16 }}>
        <Input.Search
          value={text} onChange={(event) => setText(event.target.value)} onSearch={search} placeholder={t('person.searchPlaceholder')}
          enterButton={t('common.search')} allowClear style={{ width: 420 }} data-testid="persons-search"
        />
      </Space>
      {list.error ? <ApiErrorView error={list.error} retry={list.reload} /> : (
        <Table<Person>
          data-testid="persons-table" rowKey="id" loading={list.loading} dataSource={list.data?.items ?? []} size="middle"
          onRow={(person) => ({ onDoubleClick: () => navigate(`/persons/${person.id}`) })}
          pagination={{
            current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: () => listTotalLabel(t, list.data),
            onChange: (next, size) => setParams({ ...(q ? { q } : {}), page: String(next), size: String(size) }),
          }}
          columns={[
            { title: t('person.idNumber'), dataIndex: 'idNumber', render: (idNumber: string, person) => <Link to={`/persons/${person.id}`} data-testid="person-link">{idNumber}</Link> },
            { title: t('person.name'), dataIndex: 'name' },
            { title: t('person.gender'), dataIndex: 'gender', width: 80, render: (g: string) => t(`gender.${g}`) },
            { title: t('person.birthDate'), dataIndex: 'birthDate', width: 120 },
            { title: t('person.hukouType'), dataIndex: 'hukouType', width: 100, render: (h: string | null) => (h ? t(`hukou.${h}`) : '') },
            { title: t('common.region'), dataIndex: 'regionName', render: (name: string | undefined, person) => name ?? person.regionCode },
          ]}
        />
      )}
      <PersonFormModal open={creating} onClose={() => setCreating(false)} onCreated={(person) => navigate(`/persons/${person.id}`)} />
    </Page>
  );
}
