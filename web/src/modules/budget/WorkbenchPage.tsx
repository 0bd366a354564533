/**
 * 预算编制 workbench: a region's versions of a year (status, number, who) and the version picked (the latest by
 * default) opened below them. Without any version the page says what to do next; a holder of budget.draft creates
 * the draft (POST /api/budget/versions: every fund the region pools, each line forecast from its history) or, at a
 * level that holds no fund of its own, aggregates the approved budgets below.
 */
import { Link } from 'react-router-dom';
import { App, Button, Empty, Space, Table, Tag, Typography } from 'antd';
import { ApartmentOutlined, FileAddOutlined } from '@ant-design/icons';
import { api, type ApiError } from '../../api.ts';
import { formatDateTime } from '../../format.ts';
import { useLoad, useRegionLabel } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { useCan } from '../../permissions.ts';
import type { List } from '../../types.ts';
import { Page } from '../../components/Page.tsx';
import { Money } from '../../components/Money.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { StatusTag, YearAndRegion, useYearAndRegion } from './shared.tsx';
import { VersionView } from './VersionView.tsx';
import type { BudgetVersion, BudgetVersionSummary } from './types.ts';

export default function WorkbenchPage() {
  const { t } = useI18n();
  const can = useCan();
  const { modal, message } = App.useApp();
  const regionLabel = useRegionLabel();
  const { year, region, params, update } = useYearAndRegion();
  const versions = useLoad((signal) => (region ? api.get<List<BudgetVersionSummary>>('/api/budget/versions', { year, region }, signal) : Promise.resolve({ items: [] })), [year, region]);
  const picked = params.get('version') ?? versions.data?.items[0]?.id;
  const version = useLoad((signal) => (picked ? api.get<BudgetVersion>(`/api/budget/versions/${picked}`, undefined, signal) : Promise.resolve(undefined)), [picked]);

  const changed = (next: BudgetVersion) => { update({ version: next.id }); versions.reload(); version.reload(); };
  const create = (kind: 'create' | 'aggregate') => modal.confirm({
    title: t(kind === 'create' ? 'budget.workbench.create' : 'budget.workbench.aggregate'),
    content: t(kind === 'create' ? 'budget.workbench.createConfirm' : 'budget.workbench.aggregateConfirm', { year, region: regionLabel(region) }),
    okText: t('common.ok'), cancelText: t('common.cancel'), okButtonProps: { 'data-testid': 'confirm-ok' },
    onOk: async () => {
      try {
        const created = await api.post<BudgetVersion>(kind === 'create' ? '/api/budget/versions' : '/api/budget/versions/aggregate', { year, region });
        message.success(t('budget.workbench.created', { n: created.number }));
        changed(created);
      } catch (failure) { message.error((failure as ApiError).message); }
    },
  });

  const items = versions.data?.items ?? [];
  return (
    <Page
      title={t('budget.workbench.title')} testId="budget-workbench"
      extra={can('budget.draft') && region && (
        <>
          <Button type="primary" icon={<FileAddOutlined />} onClick={() => create('create')} data-testid="budget-create">{t('budget.workbench.create')}</Button>
          <Button icon={<ApartmentOutlined />} onClick={() => create('aggregate')} data-testid="budget-aggregate">{t('budget.workbench.aggregate')}</Button>
        </>
      )}
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <YearAndRegion year={year} region={region} onChange={update} />
        {versions.error ? <ApiErrorView error={versions.error} retry={versions.reload} /> : items.length === 0 && !versions.loading ? (
          <Empty data-testid="budget-empty" description={(
            <Space direction="vertical" size={4}>
              <Typography.Text>{t('budget.workbench.none', { region: regionLabel(region), year })}</Typography.Text>
              <Typography.Text type="secondary">{t(can('budget.draft') ? 'budget.workbench.noneNext' : 'budget.workbench.noneReadOnly')}</Typography.Text>
            </Space>
          )}
          >
            {can('budget.draft') && <Button type="primary" icon={<FileAddOutlined />} onClick={() => create('create')} data-testid="budget-empty-create">{t('budget.workbench.create')}</Button>}
          </Empty>
        ) : (
          <Table<BudgetVersionSummary>
            size="small" rowKey="id" dataSource={items} loading={versions.loading} pagination={false} data-testid="budget-versions"
            title={() => t('budget.workbench.versions', { year })}
            rowClassName={(row) => (row.id === picked ? 'ant-table-row-selected' : '')}
            columns={[
              { key: 'number', title: t('budget.number'), render: (_, row) => <a onClick={() => update({ version: row.id })} data-testid={`version-open-${row.number}`}>{t('budget.numberOf', { n: row.number })}</a> },
              {
                key: 'status', title: t('common.status'),
                render: (_, row) => <Space size={4}><StatusTag status={row.status} />{row.supersededBy && <Tag data-testid={`version-superseded-${row.number}`}>{t('budget.supersededBy', { n: t('budget.numberOf', { n: row.supersededBy.number }) })}</Tag>}</Space>,
              },
              { key: 'basis', title: t('budget.basis'), render: (_, row) => t(`budget.basis.${row.basis}`) },
              { key: 'funds', title: t('budget.funds'), render: (_, row) => row.funds.join('、') },
              { key: 'totalIncome', title: t('budget.totalIncome'), align: 'right', render: (_, row) => <Money value={row.totalIncome} /> },
              { key: 'totalExpense', title: t('budget.totalExpense'), align: 'right', render: (_, row) => <Money value={row.totalExpense} /> },
              { key: 'createdBy', title: t('budget.createdBy'), dataIndex: 'createdBy' },
              { key: 'createdAt', title: t('budget.createdAt'), render: (_, row) => formatDateTime(row.createdAt) },
              { key: 'approvedAt', title: t('budget.approvedAt'), render: (_, row) => formatDateTime(row.approvedAt) },
              { key: 'link', title: t('common.actions'), render: (_, row) => <Link to={`/budget/versions/${row.id}`}>{t('budget.open')}</Link> },
            ]}
          />
        )}
        {version.error ? <ApiErrorView error={version.error} retry={version.reload} /> : version.loading && picked ? <PageSpinner /> : version.data && <VersionView version={version.data} onChanged={changed} />}
      </Space>
    </Page>
  );
}
