/** 经办机构: agencies at each region level. */
import { useState } from 'react';
import { Button, Form, Input, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { useCan } from '../../permissions.ts';
import { Page } from '../../components/Page.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import type { Agency, List } from '../../types.ts';

export default function AgenciesPage() {
  const { t } = useI18n();
  const can = useCan();
  const list = useLoad((signal) => api.get<List<Agency>>('/api/agencies', undefined, signal), []);
  const [creating, setCreating] = useState(false);

  return (
    <Page title={t('menu.agencies')} testId="agencies-page" extra={can('agency.manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="agencies-create">{t('agency.create')}</Button>}>
      {list.error ? <ApiErrorView error={list.error} retry={list.reload} /> : (
        <Table<Agency>
          rowKey="id" size="small" loading={list.loading} dataSource={list.data?.items ?? []} data-testid="agencies-table"
          columns={[
            { title: t('agency.name'), dataIndex: 'name' },
            { title: t('common.region'), dataIndex: 'regionName', render: (name: string, a) => `${name ?? ''}（${a.regionCode}）` },
          ]}
        />
      )}
      <FormModal<{ regionCode: string; name: string }>
        title={t('agency.create')} open={creating} onClose={() => setCreating(false)} testId="agency-form" fields={['regionCode', 'name']}
        onSubmit={(values) => api.post('/api/agencies', values)} onDone={list.reload}
      >
        <Form.Item name="regionCode" label={t('common.region')} rules={[{ required: true }]}><RegionSelect /></Form.Item>
        <Form.Item name="name" label={t('agency.name')} rules={[{ required: true }]}><Input /></Form.Item>
      </FormModal>
    </Page>
  );
}
