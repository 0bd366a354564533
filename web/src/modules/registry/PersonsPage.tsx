/** 参保人员: persons by full ID number or name prefix and region, paged by cursor and exported whole (masked); click through to the person's record. */
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Button } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n.ts';
import { useCan } from '../../permissions.ts';
import { ListPage } from '../../components/ListPage.tsx';
import type { Person } from '../../types.ts';
import { PersonFormModal } from './PersonFormModal.tsx';

export default function PersonsPage() {
  const { t } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);

  return (
    <ListPage<Person>
      listId="persons" title={t('person.title')} testId="persons-page" tableTestId="persons-table" endpoint="/api/persons" rowKey="id" maxLimit={200}
      extra={can('registry.person.create') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="persons-create">{t('person.create')}</Button>}
      exports={['xlsx', 'csv']}
      filters={[
        { kind: 'region', param: 'region', label: t('common.region') },
        { kind: 'prefix', param: 'q', label: t('person.searchPlaceholder'), width: 420, testId: 'persons-search' },
      ]}
      table={{ onRow: (person) => ({ onDoubleClick: () => navigate(`/persons/${person.id}`) }) }}
      columns={[
        { key: 'idNumber', title: t('person.idNumber'), dataIndex: 'idNumber', width: 190, render: (idNumber: string, person) => <Link to={`/persons/${person.id}`} data-testid="person-link">{idNumber}</Link> },
        { key: 'name', title: t('person.name'), dataIndex: 'name' },
        { key: 'gender', title: t('person.gender'), dataIndex: 'gender', width: 80, render: (g: string) => t(`gender.${g}`) },
        { key: 'hukouType', title: t('person.hukouType'), dataIndex: 'hukouType', width: 100, render: (h: string | null) => (h ? t(`hukou.${h}`) : '') },
        { key: 'region', title: t('common.region'), dataIndex: 'regionName', render: (name: string | undefined, person) => name ?? person.regionCode },
      ]}
    >
      <PersonFormModal open={creating} onClose={() => setCreating(false)} onCreated={(person) => navigate(`/persons/${person.id}`)} />
    </ListPage>
  );
}
