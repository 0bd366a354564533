/**
 * 政策参数: every dated parameter in force on a date for a region, with its legal reference; a parameter's drawer
 * with its history and who changed it; 参数调整 for a user with params.propose (a dated regional value, in force once
 * approved in 待办). The date, region and open parameter are kept in the URL, so the sign-off item links back here.
 */
import { useState, type HTMLAttributes } from 'react';
import { Alert, DatePicker, Drawer, Input, Space, Table, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import dayjs from 'dayjs';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { useCan } from '../../permissions.ts';
import { useMe } from '../../session.tsx';
import { Page } from '../../components/Page.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { approvalsChanged } from '../../platform/signoff/shared.tsx';
import type { ApprovalItem } from '../../platform/signoff/types.ts';
import type { List, Param, ParameterHistory } from '../../types.ts';
import { ParamValue } from './ParamValue.tsx';
import { ParameterDetail } from './ParameterDetail.tsx';
import { OpenProposalTag } from './OpenProposalTag.tsx';
import { ProposeValue } from './ProposeValue.tsx';
import { concernsRegion, loadOpenProposals } from './proposals.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export default function ParamsPage() {
  const { t, lang } = useI18n();
  const me = useMe();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const update = (changes: Record<string, string | undefined>) => setParams((previous) => {
    const next = new URLSearchParams(previous);
    for (const [key, value] of Object.entries(changes)) if (value) next.set(key, value); else next.delete(key);
    return next;
  }, { replace: true });
  const date = DATE.test(params.get('date') ?? '') ? params.get('date')! : dayjs().format('YYYY-MM-DD');
  // the user's own region unless the URL names one (region= with nothing: national)
  const region = params.has('region') ? params.get('region') || undefined : me.regionCode ?? undefined;
  const open = params.get('path') ?? undefined;
  const [filter, setFilter] = useState('');
  const [proposing, setProposing] = useState<ParameterHistory>();
  const [proposed, setProposed] = useState<ApprovalItem>();
  const [refresh, setRefresh] = useState(0);

  // the descriptions come in the user's language (accept-language): asked again when it changes
  const list = useLoad((signal) => api.get<List<Param>>('/api/params/list', { date, region }, signal), [date, region, refresh, lang]);
  const proposals = useLoad((signal) => loadOpenProposals(signal), [refresh]);
  const openProposals = (path: string) => (proposals.data ?? []).filter((proposal) => proposal.path === path && concernsRegion(proposal.region, region));
  const needle = filter.trim().toLowerCase();
  const items = (list.data?.items ?? []).filter((p) => !needle || p.path.toLowerCase().includes(needle) || p.description.toLowerCase().includes(needle));
  const openItem = list.data?.items.find((item) => item.path === open);

  return (
    <Page title={t('params.title')} testId="params-page">
      {proposed && (
        <Alert
          type="success" showIcon closable onClose={() => setProposed(undefined)} style={{ marginBottom: 16 }} data-testid="params-proposed"
          message={t('params.proposed')}
          description={<>{proposed.title} · <Link to={`/approvals/${proposed.id}`} data-testid="params-proposal-item">{t('approvals.open')}</Link></>}
        />
      )}
      <Space style={{ marginBottom: 16 }} wrap>
        <span>{t('params.date')}</span>
        <DatePicker value={dayjs(date)} onChange={(value) => value && update({ date: value.format('YYYY-MM-DD') })} allowClear={false} data-testid="params-date" />
        <RegionSelect value={region} onChange={(value) => setParams((previous) => { const next = new URLSearchParams(previous); next.set('region', value ?? ''); return next; }, { replace: true })} placeholder={t('common.national')} style={{ width: 240 }} testId="params-region" />
        <Input.Search allowClear placeholder={t('params.filter')} onSearch={setFilter} onChange={(event) => !event.target.value && setFilter('')} style={{ width: 260 }} />
      </Space>
      {list.error ? <ApiErrorView error={list.error} retry={list.reload} /> : (
        <Table<Param>
          rowKey="path" size="small" loading={list.loading} dataSource={items} data-testid="params-table" pagination={{ pageSize: 50, showSizeChanger: false }}
          onRow={(p) => ({ 'data-path': p.path }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('params.path'), dataIndex: 'path', width: 330, render: (path: string) => <Typography.Link onClick={() => update({ path })} style={{ whiteSpace: 'nowrap' }} data-testid="params-open"><code>{path}</code></Typography.Link> },
            { title: t('params.description'), dataIndex: 'description', ellipsis: { showTitle: true } },
            {
              title: t('params.value'), dataIndex: 'value',
              render: (value: unknown, p) => (
                <Space size={[8, 4]} wrap>
                  <span data-testid="params-value"><ParamValue value={value} unit={p.unit} /></span>
                  {p.region && <Tag color="purple" data-testid="params-override">{t('params.override')} {p.region}</Tag>}
                  {openProposals(p.path).map((proposal) => <OpenProposalTag key={proposal.itemId} proposal={proposal} unit={p.unit} />)}
                </Space>
              ),
            },
            { title: t('params.unit'), dataIndex: 'unit', width: 80, render: (unit: string) => t(`unit.${unit}`) },
            { title: t('params.since'), dataIndex: 'since', width: 110 },
            { title: t('params.reference'), dataIndex: 'reference', ellipsis: { showTitle: true }, width: 240 },
          ]}
        />
      )}
      <Drawer open={Boolean(open)} onClose={() => update({ path: undefined })} width={920} title={<>{openItem?.description ?? t('params.path')} <Typography.Text type="secondary" code>{open}</Typography.Text></>} data-testid="params-drawer">
        {open && (
          <ParameterDetail
            path={open} region={region} proposals={openProposals(open)} refresh={refresh}
            onPropose={can('params.propose') ? setProposing : undefined}
          />
        )}
      </Drawer>
      {proposing && (
        <ProposeValue
          open history={proposing} onClose={() => setProposing(undefined)}
          region={region ?? me.regionCode ?? undefined}
          current={openItem && openItem.value !== null && typeof openItem.value !== 'object' ? String(openItem.value) : undefined}
          onDone={(item) => { setProposed(item); setRefresh((n) => n + 1); approvalsChanged(); update({ path: undefined }); }}
        />
      )}
    </Page>
  );
}
