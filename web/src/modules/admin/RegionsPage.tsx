/** 区划: the province → city → county tree (GB/T 2260) and adding a region. */
import { useMemo, useState } from 'react';
import { Button, Form, Input, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../api.ts';
import { forgetRegions, loadRegions, useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { useCan } from '../../permissions.ts';
import { Page } from '../../components/Page.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import type { Region } from '../../types.ts';

interface Row extends Region { children?: Row[] }
const levelColor = { province: 'red', city: 'blue', county: 'green' } as const;

function tree(regions: Region[]): Row[] {
  const rows = new Map<string, Row>(regions.map((r) => [r.code, { ...r }]));
  const roots: Row[] = [];
  for (const row of [...rows.values()].sort((a, b) => a.code.localeCompare(b.code))) {
    const parent = row.parentCode ? rows.get(row.parentCode) : undefined;
    if (parent) (parent.children ??= []).push(row); else roots.push(row);
  }
  return roots;
}

export default function RegionsPage() {
  const { t } = useI18n();
  const can = useCan();
  const list = useLoad(() => loadRegions(), []);
  const rows = useMemo(() => tree(list.data ?? []), [list.data]);
  const [creating, setCreating] = useState(false);

  return (
    <Page title={t('menu.regions')} testId="regions-page" extra={can('region.manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="regions-create">{t('region.create')}</Button>}>
      {list.error ? <ApiErrorView error={list.error} retry={list.reload} /> : (
        <Table<Row>
          rowKey="code" size="small" loading={list.loading} dataSource={rows} pagination={false} data-testid="regions-table"
          expandable={{ defaultExpandAllRows: true }} key={rows.length}
          columns={[
            { title: t('region.name'), dataIndex: 'name' },
            { title: t('region.code'), dataIndex: 'code', width: 140 },
            { title: t('region.level'), dataIndex: 'level', width: 120, render: (level: Region['level']) => <Tag color={levelColor[level]}>{t(`region.level.${level}`)}</Tag> },
          ]}
        />
      )}
      <FormModal<{ code: string; name: string; parentCode?: string }>
        title={t('region.create')} open={creating} onClose={() => setCreating(false)} testId="region-form" fields={['code', 'name', 'parentCode']}
        onSubmit={(values) => api.post('/api/regions', { ...values, parentCode: values.parentCode ?? null })}
        onDone={() => { forgetRegions(); list.reload(); }}
      >
        <Form.Item name="code" label={t('region.code')} extra={t('region.codeRule')} rules={[{ required: true, pattern: /^\d{6}$/, message: t('region.codeRule') }]}><Input maxLength={6} /></Form.Item>
        <Form.Item name="name" label={t('region.name')} rules={[{ required: true }]}><Input /></Form.Item>
        <Form.Item name="parentCode" label={t('region.parent')}><RegionSelect /></Form.Item>
      </FormModal>
    </Page>
  );
}
