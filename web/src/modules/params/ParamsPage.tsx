/** 政策参数: every dated parameter in force on a date for a region, with its legal reference and history. */
import { useState } from 'react';
import { DatePicker, Drawer, Input, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { useMe } from '../../session.tsx';
import { Page } from '../../components/Page.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { formatYuan } from '../../format.ts';
import type { List, Param, ParameterHistory } from '../../types.ts';

/** A rate also as a percentage; money as yuan; tables and brackets as compact JSON. */
export function ParamValue({ value, unit }: { value: unknown; unit?: string }) {
  const { t } = useI18n();
  if (value === null || value === undefined) return <Typography.Text type="secondary">{t('params.notInForce')}</Typography.Text>;
  if (typeof value === 'object') return <Typography.Text code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{JSON.stringify(value)}</Typography.Text>;
  if (unit === 'rate' && /^-?\d+(\.\d+)?$/.test(String(value))) return <>{String(value)} <Typography.Text type="secondary">({+(Number(value) * 100).toFixed(6)}%)</Typography.Text></>;
  if (unit === 'money') return <>¥{formatYuan(String(value))}</>;
  return <>{String(value)}</>;
}

type DatedValue = ParameterHistory['values'][number];

function History({ path, region }: { path: string; region?: string }) {
  const { t } = useI18n();
  const history = useLoad((signal) => api.get<ParameterHistory>('/api/params/history', { path, region }, signal), [path, region]);
  if (history.error) return <ApiErrorView error={history.error} />;
  return (
    <>
      {history.data && <Typography.Paragraph>{history.data.description} · {t(`unit.${history.data.unit}`)}</Typography.Paragraph>}
      <Table<DatedValue>
        size="small" loading={history.loading} dataSource={history.data?.values ?? []} rowKey={(row) => `${row.since}:${row.region ?? ''}`} pagination={false} data-testid="params-history"
        columns={[
          { title: t('params.since'), dataIndex: 'since', width: 120 },
          { title: t('params.value'), dataIndex: 'value', render: (value: unknown) => <ParamValue value={value} unit={history.data?.unit} /> },
          { title: t('common.region'), dataIndex: 'region', width: 100, render: (code: string | null) => code ?? t('common.national') },
          { title: t('params.reference'), dataIndex: 'reference' },
        ]}
      />
    </>
  );
}

export default function ParamsPage() {
  const { t } = useI18n();
  const me = useMe();
  const [date, setDate] = useState<Dayjs>(dayjs());
  const [region, setRegion] = useState<string | undefined>(me.regionCode ?? undefined);
  const [filter, setFilter] = useState('');
  const [open, setOpen] = useState<string>();
  const list = useLoad((signal) => api.get<List<Param>>('/api/params/list', { date: date.format('YYYY-MM-DD'), region }, signal), [date.format('YYYY-MM-DD'), region]);
  const needle = filter.trim().toLowerCase();
  const items = (list.data?.items ?? []).filter((p) => !needle || p.path.toLowerCase().includes(needle) || (p.description ?? '').toLowerCase().includes(needle));

  return (
    <Page title={t('params.title')} testId="params-page">
      <Space style={{ marginBottom: 16 }} wrap>
        <span>{t('params.date')}</span>
        <DatePicker value={date} onChange={(value) => value && setDate(value)} allowClear={false} />
        <RegionSelect value={region} onChange={setRegion} placeholder={t('common.national')} style={{ width: 240 }} />
        <Input.Search allowClear placeholder={t('params.filter')} onSearch={setFilter} onChange={(event) => !event.target.value && setFilter('')} style={{ width: 260 }} />
      </Space>
      {list.error ? <ApiErrorView error={list.error} retry={list.reload} /> : (
        <Table<Param>
          rowKey="path" size="small" loading={list.loading} dataSource={items} data-testid="params-table" pagination={{ pageSize: 50, showSizeChanger: false }}
          columns={[
            { title: t('params.path'), dataIndex: 'path', width: 330, render: (path: string) => <Typography.Link onClick={() => setOpen(path)} style={{ whiteSpace: 'nowrap' }}><code>{path}</code></Typography.Link> },
            { title: t('params.description'), dataIndex: 'description', ellipsis: { showTitle: true } },
            { title: t('params.value'), dataIndex: 'value', render: (value: unknown, p) => <>{<ParamValue value={value} unit={p.unit} />}{p.region && <Tag color="purple" style={{ marginInlineStart: 8 }}>{t('params.override')} {p.region}</Tag>}</> },
            { title: t('params.unit'), dataIndex: 'unit', width: 80, render: (unit: string) => t(`unit.${unit}`) },
            { title: t('params.since'), dataIndex: 'since', width: 110 },
            { title: t('params.reference'), dataIndex: 'reference', ellipsis: { showTitle: true }, width: 240 },
          ]}
        />
      )}
      <Drawer open={Boolean(open)} onClose={() => setOpen(undefined)} width={760} title={`${t('params.history')}: ${open ?? ''}`}>
        {open && <History path={open} region={region} />}
      </Drawer>
    </Page>
  );
}
