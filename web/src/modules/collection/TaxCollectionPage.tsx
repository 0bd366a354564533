/**
 * 税务征收: the tax-authority collection model (docs/collection.md 税务征收模式) in three tabs, each shown to holders of
 * the permission its route asks for: 核定信息传递 (GET /api/tax/assessment?format=csv, billing.read), 征收明细导入 (the
 * shared import panel on /api/tax/collections/import, previewed then confirmed, payment.record) and 征收对账
 * (GET /api/tax/reconciliation: 已核未征 and 已征未核, payment.read).
 */
import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Collapse, Descriptions, Space, Table, Tabs, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { Static } from '@sinclair/typebox';
import { api, downloadFile, type ApiError } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useI18n, type Translate } from '../../i18n.ts';
import { formatYuan } from '../../format.ts';
import { useCan, type Permission } from '../../permissions.ts';
import { Page } from '../../components/Page.tsx';
import { ApiErrorView } from '../../components/ApiErrorView.tsx';
import { ImportHistory, ImportPanel } from '../../components/FileUpload.tsx';
import { MonthPicker } from '../../components/MonthPicker.tsx';
import { Money, moneyColumn } from '../../components/Money.tsx';
import { lastMonth, useUrlFilters } from './shared.tsx';
import type * as TaxSchemas from '../../../../src/modules/collection/tax/tax.schemas.ts';

type TaxCollectionsPreview = Static<typeof TaxSchemas.TaxCollectionsPreview>;
type TaxCollectionsResult = Static<typeof TaxSchemas.TaxCollectionsResult>;
type TaxReconciliation = Static<typeof TaxSchemas.TaxReconciliation>;
type TaxReconciliationItem = TaxReconciliation['assessedNotCollected'][number];

function AssessmentTab({ period }: { period: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const download = async () => {
    setBusy(true); setError(undefined);
    try { message.success(t('tax.downloaded', { file: await downloadFile('/api/tax/assessment', { period, format: 'csv' }, `assessment-${period}.csv`) })); } catch (failure) { setError(failure as ApiError); } finally { setBusy(false); }
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="tax-assessment">
      <Typography.Text type="secondary">{t('tax.assessmentExplain')}</Typography.Text>
      <Button type="primary" icon={<DownloadOutlined />} loading={busy} onClick={download} data-testid="tax-assessment-download">{t('tax.download')}</Button>
      {error && <Alert type="error" showIcon message={t('tax.downloadFailed')} description={error.message} data-testid="tax-assessment-error" />}
    </Space>
  );
}

/** The fields of the tax collection file (src/modules/collection/tax/tax-collections.schema.ts) as this page labels them. */
const fileFields = (t: Translate) => ({
  date: t('payment.date'), period: t('tax.period'), creditCode: t('employer.creditCode'), idNumber: t('tax.idNumber'),
  insurance: t('enrollment.insurance'), amount: t('payment.amount'), taxVoucher: t('tax.taxVoucher'),
});

function CollectionsTab() {
  const { t } = useI18n();
  const [answers, setAnswers] = useState(0);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('tax.importRule')}</Typography.Text>
      <ImportPanel<TaxCollectionsResult, TaxCollectionsPreview>
        path="/api/tax/collections/import" testId="tax-import" prompt={t('tax.choose')} fieldLabels={fileFields(t)}
        preview={{
          render: (preview) => (
            <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} data-testid="tax-preview">
              <Descriptions.Item label={t('payment.preview.rows')}>{preview.rows}</Descriptions.Item>
              <Descriptions.Item label={t('payment.preview.toRecord')}><span data-testid="tax-preview-to-record">{preview.toRecord}</span></Descriptions.Item>
              <Descriptions.Item label={t('payment.preview.alreadyRecorded')}>{preview.alreadyRecorded}</Descriptions.Item>
              <Descriptions.Item label={t('payment.preview.total')}><Money value={preview.amount} testId="tax-preview-total" /></Descriptions.Item>
              <Descriptions.Item label={t('tax.preview.employers')}>{preview.employers}</Descriptions.Item>
            </Descriptions>
          ),
          confirm: { path: (importId) => `/api/tax/collections/import/${importId}/confirm`, label: t('payment.confirmImport'), question: t('tax.confirmQuestion') },
        }}
        renderResult={(result) => (
          <Alert
            type="success" showIcon data-testid="tax-import-success"
            message={t('tax.imported', { rows: result.rows, n: result.recorded, amount: formatYuan(result.amount), payments: result.payments })}
            description={result.alreadyRecorded > 0 && t('payment.alreadyRecorded', { n: result.alreadyRecorded })}
          />
        )}
        onAnswered={() => setAnswers((n) => n + 1)}
      />
      <Collapse
        size="small" items={[{
          key: 'history', label: t('fileImport.history'),
          children: <ImportHistory kind="tax_collections" kindLabel={() => t('tax.fileKind')} refresh={answers} testId="tax-import-history" />,
        }]}
      />
    </Space>
  );
}

function DifferencesTable({ items, title, hint, testId }: { items: TaxReconciliationItem[]; title: string; hint: string; testId: string }) {
  const { t } = useI18n();
  return (
    <Card size="small" title={title}>
      <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>
      <Table<TaxReconciliationItem>
        data-testid={testId} size="small" dataSource={items} rowKey={(item) => `${item.creditCode}/${item.idNumber}/${item.insurance}`}
        pagination={items.length > 20 ? { pageSize: 20 } : false} locale={{ emptyText: t('tax.allAgree') }}
        columns={[
          { title: t('employer.creditCode'), dataIndex: 'creditCode', width: 190 },
          { title: t('tax.idNumber'), dataIndex: 'idNumber', width: 190 },
          { title: t('enrollment.insurance'), dataIndex: 'insurance', render: (insurance: string) => t(`insurance.${insurance}`) },
          moneyColumn(t('tax.assessed'), 'assessed'),
          moneyColumn(t('tax.collected'), 'collected'),
          { title: t('tax.difference'), dataIndex: 'difference', align: 'right', width: 150, render: (value: string) => <Typography.Text type="danger"><Money value={value} /></Typography.Text> },
        ]}
      />
    </Card>
  );
}

function ReconciliationTab({ period }: { period: string }) {
  const { t } = useI18n();
  const answer = useLoad((signal) => api.get<TaxReconciliation>('/api/tax/reconciliation', { period }, signal), [period]);
  if (answer.error) return <ApiErrorView error={answer.error} retry={answer.reload} />;
  const data = answer.data;
  if (!data) return <Card loading size="small" />;
  if (data.regions.length === 0) return <Alert type="info" showIcon message={t('tax.noTaxRegions', { period: data.period })} data-testid="tax-no-regions" />;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="tax-reconciliation">
      <Typography.Text type="secondary">{t('tax.taxRegions', { regions: data.regions.join('、') })}</Typography.Text>
      <DifferencesTable
        items={data.assessedNotCollected} title={t('tax.assessedNotCollected', { n: data.assessedNotCollected.length })}
        hint={t('tax.assessedNotCollectedHint')} testId="tax-assessed-not-collected"
      />
      <DifferencesTable
        items={data.collectedNotAssessed} title={t('tax.collectedNotAssessed', { n: data.collectedNotAssessed.length })}
        hint={t('tax.collectedNotAssessedHint')} testId="tax-collected-not-assessed"
      />
    </Space>
  );
}

const tabs: { key: string; permission: Permission }[] = [
  { key: 'assessment', permission: 'billing.read' },
  { key: 'collections', permission: 'payment.record' },
  { key: 'reconciliation', permission: 'payment.read' },
];

export default function TaxCollectionPage() {
  const { t } = useI18n();
  const can = useCan();
  const { params, update } = useUrlFilters();
  const period = params.get('period') ?? lastMonth();
  const shown = tabs.filter((tab) => can(tab.permission));
  const active = shown.find((tab) => tab.key === params.get('tab'))?.key ?? shown[0]?.key;
  const content: Record<string, ReactNode> = {
    assessment: <AssessmentTab period={period} />,
    collections: <CollectionsTab />,
    reconciliation: <ReconciliationTab period={period} />,
  };
  return (
    <Page title={t('tax.title')} testId="tax-collection-page">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('tax.explain')}</Typography.Text>
        {active !== 'collections' && (
          <Space>
            <Typography.Text strong>{t('tax.period')}</Typography.Text>
            <MonthPicker value={period} onChange={(value) => update({ period: value })} testId="tax-period" />
          </Space>
        )}
        <Tabs
          activeKey={active} onChange={(key) => update({ tab: key })} data-testid="tax-tabs"
          items={shown.map((tab) => ({ key: tab.key, label: <span data-testid={`tax-tab-${tab.key}`}>{t(`tax.tab.${tab.key}`)}</span>, children: content[tab.key] }))}
        />
      </Space>
    </Page>
  );
}
