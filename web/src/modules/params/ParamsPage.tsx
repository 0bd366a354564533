/**
 * 政策参数 on the list page: every dated parameter in force on a date for a region (the user's own unless the URL says
 * 全国), with its legal reference, filtered by words of its path or description, exported whole; a parameter's drawer
 * with its history and who changed it; 参数调整 for a user with params.propose (a dated regional value, in force once
 * approved in 待办). The date, region and open parameter are kept in the URL, so the sign-off item links back here.
 */
import { useState, type HTMLAttributes } from 'react';
import { Alert, Drawer, Space, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import dayjs from 'dayjs';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { useCan } from '../../permissions.ts';
import { useMe } from '../../session.tsx';
import { ListPage } from '../../components/ListPage.tsx';
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
  const today = dayjs().format('YYYY-MM-DD');
  const date = DATE.test(params.get('date') ?? '') ? params.get('date')! : today;
  // the user's own region unless the URL names one (region= with nothing: national), as the list's region filter reads it
  const region = params.has('region') ? params.get('region') || undefined : me.regionCode ?? undefined;
  const open = params.get('path') ?? undefined;
  const [proposing, setProposing] = useState<ParameterHistory>();
  const [proposed, setProposed] = useState<ApprovalItem>();
  const [refresh, setRefresh] = useState(0);

  const proposals = useLoad((signal) => loadOpenProposals(signal), [refresh]);
  const openProposals = (path: string) => (proposals.data ?? []).filter((proposal) => proposal.path === path && concernsRegion(proposal.region, region));
  // the open parameter, wherever it is in the list (its description and value in force for the drawer and the proposal)
  const openItem = useLoad(
    (signal) => (open ? api.get<List<Param>>('/api/params/list', { date, region, q: open }, signal).then((found) => found.items.find((item) => item.path === open)) : Promise.resolve(undefined)),
    [open, date, region, refresh, lang],
  ).data;

  return (
    <ListPage<Param>
      listId="params" title={t('params.title')} testId="params-page" tableTestId="params-table" endpoint="/api/params/list" rowKey="path" exports={['xlsx', 'csv']}
      // the descriptions come in the user's language (accept-language): asked again when it changes
      refresh={`${refresh}:${lang}`} defaults={{ date: today, ...(me.regionCode ? { region: me.regionCode } : {}) }}
      filters={[
        { kind: 'date', param: 'date', label: t('params.date'), required: true, testId: 'params-date' },
        { kind: 'region', param: 'region', label: t('common.region'), national: t('common.national') },
        { kind: 'text', param: 'q', label: t('params.filter'), width: 260, testId: 'params-filter' },
      ]}
      table={{ size: 'small', onRow: (p) => ({ 'data-path': p.path }) as HTMLAttributes<HTMLElement> }}
      header={proposed && (
        <Alert
          type="success" showIcon closable onClose={() => setProposed(undefined)} style={{ marginBottom: 16 }} data-testid="params-proposed"
          message={t('params.proposed')}
          description={<>{proposed.title} · <Link to={`/approvals/${proposed.id}`} data-testid="params-proposal-item">{t('approvals.open')}</Link></>}
        />
      )}
      columns={[
        { key: 'path', title: t('params.path'), dataIndex: 'path', width: 330, render: (path: string) => <Typography.Link onClick={() => update({ path })} style={{ whiteSpace: 'nowrap' }} data-testid="params-open"><code>{path}</code></Typography.Link> },
        { key: 'description', title: t('params.description'), dataIndex: 'description', ellipsis: { showTitle: true } },
        {
          key: 'value', title: t('params.value'), dataIndex: 'value',
          render: (value: unknown, p: Param) => (
            <Space size={[8, 4]} wrap>
              <span data-testid="params-value"><ParamValue value={value} unit={p.unit} /></span>
              {p.region && <Tag color="purple" data-testid="params-override">{t('params.override')} {p.region}</Tag>}
              {openProposals(p.path).map((proposal) => <OpenProposalTag key={proposal.itemId} proposal={proposal} unit={p.unit} />)}
            </Space>
          ),
        },
        { key: 'unit', title: t('params.unit'), dataIndex: 'unit', width: 80, render: (unit: string) => t(`unit.${unit}`) },
        { key: 'since', title: t('params.since'), dataIndex: 'since', width: 110 },
        { key: 'reference', title: t('params.reference'), dataIndex: 'reference', ellipsis: { showTitle: true }, width: 240 },
      ]}
    >
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
    </ListPage>
  );
}
