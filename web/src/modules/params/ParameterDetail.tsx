/**
 * One parameter (the drawer of the 政策参数 page): the proposals not yet in force, 参数沿革 (every dated value that
 * can apply to the region in view, from the parameter files or set in the UI) and 调整记录 (who proposed and who
 * approved each value set in the UI, with its sign-off item).
 */
import { Alert, Button, Space, Table, Tabs, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { formatDateTime } from '../../format.ts';
import type { List, ParameterHistory } from '../../types.ts';
import { ParamValue } from './ParamValue.tsx';
import { OpenProposalTag } from './OpenProposalTag.tsx';
import type { OpenProposal } from './proposals.ts';
import type { RegionalValueApproval } from './types.ts';

type DatedValue = ParameterHistory['values'][number];

/** A value of the history set in the UI: the approved value of its region and date with the same reference (the newest such approval is the one in force). */
function approvalOf(entry: DatedValue, records: RegionalValueApproval[]): RegionalValueApproval | undefined {
  const newest = records.find((record) => record.region === entry.region && record.since === entry.since);
  return newest && newest.reference === entry.reference ? newest : undefined;
}

export function ParameterDetail({ path, region, proposals, onPropose, refresh }: {
  path: string; region?: string; proposals: OpenProposal[]; onPropose?(history: ParameterHistory): void; refresh: number;
}) {
  const { t, lang } = useI18n();
  // the description comes in the user's language (accept-language): asked again when it changes
  const history = useLoad((signal) => api.get<ParameterHistory>('/api/params/history', { path, region }, signal), [path, region, refresh, lang]);
  const records = useLoad((signal) => api.get<List<RegionalValueApproval>>('/api/params/approved', { path }, signal), [path, refresh]);
  if (history.error) return <ApiErrorView error={history.error} retry={history.reload} />;
  const approvals = records.data?.items ?? [];
  const unit = history.data?.unit;
  const regionText = (code: string | null) => code ?? t('common.national');

  return (
    <>
      {history.data && (
        <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} align="start">
          <Typography.Paragraph style={{ margin: 0 }}>{history.data.description} · {t(`unit.${history.data.unit}`)}</Typography.Paragraph>
          {onPropose && <Button type="primary" onClick={() => onPropose(history.data!)} data-testid="params-propose-open">{t('params.propose')}</Button>}
        </Space>
      )}
      {proposals.length > 0 && (
        <Alert
          type="warning" showIcon style={{ marginBottom: 12 }} message={t('params.open.title')} data-testid="params-open-proposals"
          description={<Space direction="vertical" size={4}>{proposals.map((proposal) => <OpenProposalTag key={proposal.itemId} proposal={proposal} unit={unit} />)}</Space>}
        />
      )}
      <Tabs
        items={[
          {
            key: 'history', label: t('params.history'),
            children: (
              <Table<DatedValue>
                size="small" loading={history.loading} dataSource={history.data?.values ?? []} rowKey={(row) => `${row.since}:${row.region ?? ''}`} pagination={false} data-testid="params-history"
                columns={[
                  { title: t('params.since'), dataIndex: 'since', width: 110 },
                  { title: t('params.value'), dataIndex: 'value', render: (value: unknown) => <ParamValue value={value} unit={unit} /> },
                  { title: t('common.region'), dataIndex: 'region', width: 90, render: regionText },
                  { title: t('params.reference'), dataIndex: 'reference' },
                  {
                    title: t('params.source'), key: 'source', width: 100,
                    render: (_: unknown, row) => (approvalOf(row, approvals) ? <Tag color="blue">{t('params.source.ui')}</Tag> : <Tag>{t('params.source.file')}</Tag>),
                  },
                ]}
              />
            ),
          },
          {
            key: 'records', label: t('params.records'),
            children: records.error ? <ApiErrorView error={records.error} retry={records.reload} /> : (
              <Table<RegionalValueApproval>
                size="small" loading={records.loading} dataSource={approvals} rowKey="approvalItemId" pagination={false} data-testid="params-records"
                locale={{ emptyText: t('params.records.none') }}
                columns={[
                  { title: t('common.region'), dataIndex: 'region', width: 80 },
                  { title: t('params.since'), dataIndex: 'since', width: 100 },
                  { title: t('params.value'), dataIndex: 'value', render: (value: string) => <ParamValue value={value} unit={unit} /> },
                  { title: t('params.reference'), dataIndex: 'reference' },
                  { title: t('params.proposedBy'), dataIndex: 'proposedBy', width: 100, render: (name: string) => <span data-testid="record-proposed-by">{name}</span> },
                  { title: t('params.approvedBy'), dataIndex: 'approvedBy', width: 100, render: (name: string) => <span data-testid="record-approved-by">{name}</span> },
                  { title: t('params.approvedAt'), dataIndex: 'approvedAt', width: 160, render: formatDateTime },
                  { title: t('params.approvalItem'), dataIndex: 'approvalItemId', width: 90, render: (id: string) => <Link to={`/approvals/${id}`} data-testid="record-item">#{id}</Link> },
                ]}
              />
            ),
          },
        ]}
      />
    </>
  );
}
