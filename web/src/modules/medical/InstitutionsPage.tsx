/**
 * 定点医疗机构: the pooling region's institutions (GET /api/medical/institutions) by kind and status, each with its quotas
 * by year (the expanded row), exported as 定点医疗机构名单; 总额预算执行 of the year above the list: the quota against the
 * fund-payable settled so far (ECharts bars, the months' total as a line), and in each row the share used and, under
 * the name, the monitoring indicators flagged this year (red tags, GET /api/medical/indicators?flaggedOnly=true). Holders of
 * medical.manage import institutions, quotas and monthly settlement data (all rows or none, a file once).
 */
import { lazy, Suspense, useState } from 'react';
import { Card, Collapse, Progress, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api.ts';
import { useLoad, useRegionLabel } from '../../hooks.ts';
import { useI18n } from '../../i18n.ts';
import { toFen } from '../../format.ts';
import { useCan } from '../../permissions.ts';
import { ListPage, type ListColumn } from '../../components/ListPage.tsx';
import { ImportPanel } from '../../components/FileUpload.tsx';
import { Money } from '../../components/Money.tsx';
import type { IndicatorList, Institution, InstitutionImportAnswer, InstitutionKind, InstitutionList, InstitutionStatus, QuotaImportAnswer, SettlementImportAnswer } from './types.ts';

const BudgetChart = lazy(() => import('./BudgetChart.tsx'));

const kinds: InstitutionKind[] = ['hospital_3', 'hospital_2', 'hospital_1', 'pharmacy'];
const statuses: InstitutionStatus[] = ['active', 'suspended', 'terminated'];
const statusColor: Record<InstitutionStatus, string> = { active: 'green', suspended: 'orange', terminated: 'default' };
const currentYear = () => dayjs().year();

/** settled ÷ quota as a whole percentage for the bar (display only); null without a quota. */
const usedPercent = (institution: Institution) => {
  if (institution.quota === null || toFen(institution.quota) === 0n) return null;
  return Number((toFen(institution.settled) * 1000n) / toFen(institution.quota)) / 10;
};

function QuotasByYear({ institution }: { institution: Institution }) {
  const { t } = useI18n();
  return (
    <Table
      size="small" pagination={false} rowKey="year" dataSource={institution.quotas} style={{ maxWidth: 520 }} data-testid={`quotas-${institution.code}`}
      columns={[
        { key: 'year', title: t('institutions.year'), dataIndex: 'year', width: 90 },
        { key: 'annualQuota', title: t('institutions.annualQuota'), dataIndex: 'annualQuota', align: 'right', render: (value: string) => <Money value={value} /> },
        { key: 'reserveShare', title: t('institutions.reserveShare'), dataIndex: 'reserveShare', align: 'right', width: 120 },
      ]}
    />
  );
}

function Imports({ onApplied }: { onApplied(): void }) {
  const { t } = useI18n();
  const panel = <R,>(name: 'institutions' | 'quotas' | 'settlements', render: (result: R) => string) => ({
    key: name, label: t(`institutions.import.${name}`),
    children: (
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t(`institutions.import.${name}.columns`)}</Typography.Text>
        <ImportPanel<R>
          path={`/api/medical/${name}/import`} testId={`medical-import-${name}`} prompt={t('institutions.import.choose')}
          renderResult={(result) => <Typography.Text data-testid={`medical-import-${name}-result`}>{render(result)}</Typography.Text>} onApplied={onApplied}
        />
      </Space>
    ),
  });
  return (
    <Collapse size="small" style={{ marginTop: 16 }} data-testid="medical-imports" items={[
      panel<InstitutionImportAnswer>('institutions', (r) => t('institutions.import.institutionsDone', { count: r.institutions })),
      panel<QuotaImportAnswer>('quotas', (r) => t('institutions.import.quotasDone', { count: r.quotas, total: r.total })),
      panel<SettlementImportAnswer>('settlements', (r) => t('institutions.import.settlementsDone', { rows: r.rows, months: r.institutionMonths, fundPayable: r.fundPayable })),
    ]} />
  );
}

export default function InstitutionsPage() {
  const { t } = useI18n();
  const can = useCan();
  const regionLabel = useRegionLabel();
  const [search] = useSearchParams();
  const year = Number(search.get('year') || currentYear());
  const region = search.get('region') || undefined;
  const [refresh, setRefresh] = useState(0);
  const lastMonth = year === currentYear() ? dayjs().format('YYYY-MM') : `${year}-12`;
  const indicators = useLoad(
    (signal) => api.get<IndicatorList>('/api/medical/indicators', { from: `${year}-01`, to: lastMonth, region, flaggedOnly: true }, signal), [year, region, refresh],
  );
  const flaggedOf = (code: string) => [...new Set((indicators.data?.items ?? []).filter((item) => item.code === code).flatMap((item) => item.flagged))];

  const columns: Array<ListColumn<Institution>> = [
    { key: 'code', title: t('institutions.code'), dataIndex: 'code', width: 100 },
    {
      key: 'name', title: t('institutions.nameFlagged'), dataIndex: 'name', width: 240,
      render: (name: string, row) => (
        <Space direction="vertical" size={2}>
          {name}
          <span data-testid={`flagged-${row.code}`}>
            {flaggedOf(row.code).map((flag) => <Tag key={flag} color="red">{t(`institutions.indicator.${flag}`)}</Tag>)}
          </span>
        </Space>
      ),
    },
    { key: 'kind', title: t('institutions.kind'), dataIndex: 'kind', width: 100, render: (kind: InstitutionKind) => t(`institutions.kind.${kind}`) },
    { key: 'region', title: t('common.region'), dataIndex: 'regionCode', render: (code: string) => regionLabel(code) },
    { key: 'status', title: t('common.status'), dataIndex: 'status', width: 90, render: (status: InstitutionStatus) => <Tag color={statusColor[status]}>{t(`institutions.status.${status}`)}</Tag> },
    { key: 'quota', title: t('institutions.quota'), dataIndex: 'quota', money: true },
    { key: 'settled', title: t('institutions.settled'), dataIndex: 'settled', money: true },
    {
      key: 'used', title: t('institutions.used'), width: 120,
      render: (_, row) => { const percent = usedPercent(row); return percent === null ? '—' : <Progress percent={percent} size="small" status={percent > 100 ? 'exception' : 'normal'} />; },
    },
  ];

  return (
    <ListPage<Institution, InstitutionList>
      listId="medical-institutions" title={t('institutions.title')} testId="medical-institutions-page" tableTestId="medical-institutions" endpoint="/api/medical/institutions"
      rowKey="code" columns={columns} refresh={refresh} exports={['xlsx', 'csv']} maxLimit={1000}
      defaults={{ year: String(currentYear()) }}
      filters={[
        { kind: 'enum', param: 'year', label: t('institutions.year'), options: Array.from({ length: 6 }, (_, index) => String(currentYear() - index)).map((value) => ({ value, label: value })), testId: 'institutions-year' },
        { kind: 'region', param: 'region', label: t('institutions.poolingRegion') },
        { kind: 'enum', param: 'kind', label: t('institutions.kind'), options: kinds.map((value) => ({ value, label: t(`institutions.kind.${value}`) })), testId: 'institutions-kind' },
        { kind: 'enum', param: 'status', label: t('common.status'), options: statuses.map((value) => ({ value, label: t(`institutions.status.${value}`) })) },
      ]}
      table={{ expandable: { expandedRowRender: (row) => <QuotasByYear institution={row} /> } }}
      header={(answer) => answer.items.length > 0 && (
        <Card size="small" title={t('budget.title', { year: answer.year })} style={{ marginBottom: 16 }} data-testid="budget-execution">
          <Suspense fallback={null}>
            <BudgetChart institutions={answer.items} labels={{ quota: t('institutions.quota'), settled: t('institutions.settled'), monthly: t('budget.monthly'), yuan: t('settlement.yuan') }} />
          </Suspense>
        </Card>
      )}
    >
      {can('medical.manage') && <Imports onApplied={() => setRefresh((n) => n + 1)} />}
    </ListPage>
  );
}
