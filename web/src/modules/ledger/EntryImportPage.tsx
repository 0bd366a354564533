/**
 * 凭证导入: migrated entries (opening balances, history) from a CSV (UTF-8 or GBK/GB18030) or XLSX file, one row per
 * line. Whoever drafts entries previews the file (entries, lines and totals per fund; nothing posted); another person
 * who approves entries confirms a previewed file from the list below (the previews the API finds waiting, paged by its
 * cursor) and only then is it posted (不相容岗位相互分离: the server refuses the previewer's own confirmation).
 */
import { useState } from 'react';
import { Alert, App, Button, Descriptions, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import type { Static } from '@sinclair/typebox';
import type { LedgerImportPreview as LedgerImportPreviewSchema, LedgerImportResult as LedgerImportResultSchema } from '../../../../src/modules/ledger/ledger-import.schemas.ts';
import { api, ApiError } from '../../api.ts';
import { formatDateTime } from '../../format.ts';
import { useI18n, type Translate } from '../../i18n.ts';
import { useMe } from '../../session.tsx';
import { useCan } from '../../permissions.ts';
import { Page } from '../../components/Page.tsx';
import { ListPage } from '../../components/ListPage.tsx';
import { Money, moneyColumn } from '../../components/Money.tsx';
import { ImportFailure, ImportHistory, ImportPanel, type ImportRecord } from '../../components/FileUpload.tsx';

type LedgerImportPreview = Static<typeof LedgerImportPreviewSchema>;
type LedgerImportResult = Static<typeof LedgerImportResultSchema>;

const KIND = 'ledger_entries';

/** The columns of an entry file (src/modules/ledger/ledger-entries.schema.ts) as the ledger pages label them. */
const entryFields = (t: Translate): Record<string, string> => ({
  entryKey: t('ledger.import.key'), fund: t('ledger.fund'), period: t('ledger.period'), date: t('ledger.date'), memo: t('ledger.memo'),
  account: t('ledger.account.code'), debit: t('ledger.debit'), credit: t('ledger.credit'), reference: t('ledger.reference'),
});

/** What posting the file would do: in total, per fund, and its first entries. */
function EntryPreview({ preview }: { preview: LedgerImportPreview }) {
  const { t } = useI18n();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Descriptions size="small" bordered column={{ xs: 1, md: 4 }} data-testid="ledger-import-summary">
        <Descriptions.Item label={t('ledger.import.entries')}>{preview.entries}</Descriptions.Item>
        <Descriptions.Item label={t('ledger.import.toPost')}><span data-testid="ledger-import-to-post">{preview.toPost}</span></Descriptions.Item>
        <Descriptions.Item label={t('ledger.import.lines')}>{preview.lines}</Descriptions.Item>
        <Descriptions.Item label={t('ledger.import.amount')}><Money value={preview.amount} testId="ledger-import-amount" /></Descriptions.Item>
      </Descriptions>
      <Table<LedgerImportPreview['funds'][number]>
        size="small" rowKey="fund" dataSource={preview.funds} pagination={false} data-testid="ledger-import-funds"
        columns={[
          { title: t('ledger.fund'), dataIndex: 'fund' },
          { title: t('ledger.import.toPost'), dataIndex: 'toPost', width: 100, align: 'right' },
          { title: t('ledger.import.lines'), dataIndex: 'lines', width: 100, align: 'right' },
          moneyColumn(t('ledger.import.amount'), 'amount'),
        ]}
      />
      <Table<LedgerImportPreview['sample'][number]>
        size="small" rowKey="key" dataSource={preview.sample} pagination={preview.sample.length > 10 ? { pageSize: 10 } : false}
        columns={[
          { title: t('ledger.import.key'), dataIndex: 'key', width: 120 },
          { title: t('ledger.fund'), dataIndex: 'fund', width: 150 },
          { title: t('ledger.date'), dataIndex: 'date', width: 110 },
          { title: t('ledger.memo'), dataIndex: 'memo', ellipsis: true },
          { title: t('ledger.import.lines'), dataIndex: 'lines', width: 70, align: 'right' },
          moneyColumn(t('ledger.amount'), 'amount', 130),
          { title: '', dataIndex: 'status', width: 90, render: (status: string) => (status === 'already_posted' ? <Tag>{t('ledger.import.alreadyPosted')}</Tag> : null) },
        ]}
      />
    </Space>
  );
}

/** Previewed files waiting for a second person, as the API finds them (status=previewed): confirming one posts it (the file checked again). */
function PendingImports({ refresh, onPosted }: { refresh: number; onPosted(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const me = useMe();
  const canApprove = useCan()('ledger.entry.approve');
  const [busy, setBusy] = useState<string>();
  const [failure, setFailure] = useState<ApiError>();
  // a refused confirmation reloads the list: the file may have been confirmed or changed meanwhile
  const [refused, setRefused] = useState(0);

  const confirm = async (record: ImportRecord) => {
    setBusy(record.id); setFailure(undefined);
    try {
      const result = await api.post<LedgerImportResult>(`/api/ledger/imports/${record.id}/confirm`, { sha256: record.sha256 });
      message.success(result.alreadyImported ? t('fileImport.already') : t('ledger.import.posted', { n: result.posted, lines: result.lines }));
      onPosted();
    } catch (error) {
      setFailure(error instanceof ApiError ? error : new ApiError(0, 'client', String(error)));
      setRefused((n) => n + 1);
    } finally { setBusy(undefined); }
  };

  return (
    <ListPage<ImportRecord>
      embedded paramPrefix="pending." listId="ledger-import-pending" tableTestId="ledger-import-pending" endpoint="/api/imports" query={{ kind: KIND, status: 'previewed' }}
      rowKey="id" refresh={`${refresh}:${refused}`} table={{ size: 'small', locale: { emptyText: t('ledger.import.nonePending') } }}
      columns={[
        { key: 'at', title: t('fileImport.history.at'), dataIndex: 'at', width: 170, render: formatDateTime },
        { key: 'by', title: t('ledger.import.previewedBy'), dataIndex: 'by', width: 120 },
        { key: 'file', title: t('fileImport.history.file'), dataIndex: 'fileName', ellipsis: true },
        { key: 'toPost', title: t('ledger.import.toPost'), width: 90, align: 'right', render: (_: unknown, record) => (record.result as LedgerImportPreview).toPost },
        { key: 'lines', title: t('ledger.import.lines'), width: 80, align: 'right', render: (_: unknown, record) => (record.result as LedgerImportPreview).lines },
        { key: 'amount', title: t('ledger.import.amount'), width: 150, align: 'right', render: (_: unknown, record) => <Money value={(record.result as LedgerImportPreview).amount} /> },
        {
          key: 'confirm', title: t('common.actions'), width: 150,
          render: (_: unknown, record) => (record.by === me.username
            ? <Tag data-testid="ledger-import-own">{t('ledger.import.othersConfirm')}</Tag>
            : canApprove && (
              <Popconfirm
                title={t('ledger.import.confirmQuestion')} description={t('fileImport.irreversible')} okText={t('ledger.import.confirm')} cancelText={t('common.cancel')}
                okButtonProps={{ danger: true, 'data-testid': 'ledger-import-confirm-ok' }} onConfirm={() => confirm(record)}
              >
                <Button size="small" type="primary" icon={<CheckOutlined />} loading={busy === record.id} data-testid="ledger-import-confirm">{t('ledger.import.confirm')}</Button>
              </Popconfirm>
            )),
        },
      ]}
    >
      {failure && <ImportFailure error={failure} fieldLabels={entryFields(t)} testId="ledger-import-confirmation" />}
    </ListPage>
  );
}

export default function EntryImportPage() {
  const { t } = useI18n();
  const canDraft = useCan()('ledger.entry.draft');
  const [changes, setChanges] = useState(0);
  const changed = () => setChanges((n) => n + 1);

  return (
    <Page title={t('ledger.import.title')} testId="ledger-import-page">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {canDraft && (
          <>
            <Alert type="info" showIcon message={t('ledger.import.rule')} />
            <ImportPanel<LedgerImportResult, LedgerImportPreview>
              path="/api/ledger/imports" testId="ledger-import" prompt={t('ledger.import.choose')} fieldLabels={entryFields(t)}
              preview={{
                render: (preview) => (
                  <>
                    <EntryPreview preview={preview} />
                    <Alert type="info" showIcon data-testid="ledger-import-awaiting" message={t('ledger.import.awaiting')} />
                  </>
                ),
              }}
              onAnswered={changed}
            />
          </>
        )}
        <Typography.Title level={5} style={{ margin: 0 }}>{t('ledger.import.pending')}</Typography.Title>
        <PendingImports refresh={changes} onPosted={changed} />
        <Typography.Title level={5} style={{ margin: 0 }}>{t('fileImport.history')}</Typography.Title>
        <ImportHistory kind={KIND} kindLabel={() => t('ledger.import.kind')} refresh={changes} testId="ledger-import-history" />
      </Space>
    </Page>
  );
}
