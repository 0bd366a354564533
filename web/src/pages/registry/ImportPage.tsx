/** 批量导入: CSV or XLSX, all or nothing; on rejection every bad row is listed and nothing was applied. */
import { useState } from 'react';
import { Alert, Button, Radio, Space, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { api, ApiError, withQuery, type RowProblem } from '../../api.ts';
import { useI18n } from '../../i18n.ts';
import { Page } from '../../components/Page.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import type { ImportKind, ImportResult } from '../../types.ts';

const kinds: ImportKind[] = ['employers', 'persons', 'employments'];
type Outcome = { ok: true; result: ImportResult } | { ok: false; message: string; rows: RowProblem[] };

export default function ImportPage() {
  const { t } = useI18n();
  const [kind, setKind] = useState<ImportKind>('persons');
  const [file, setFile] = useState<File>();
  const [region, setRegion] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();

  const run = async () => {
    if (!file) return;
    setBusy(true);
    setOutcome(undefined);
    try {
      setOutcome({ ok: true, result: await api.upload<ImportResult>(withQuery(`/api/imports/${kind}`, { region }), file) });
    } catch (error) {
      const rows = error instanceof ApiError ? error.rows ?? [] : [];
      setOutcome({ ok: false, message: (error as Error).message, rows });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('import.title')} testId="import-page">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text strong>{t('import.kind')}</Typography.Text>
          <Radio.Group
            value={kind} onChange={(event) => { setKind(event.target.value); setOutcome(undefined); }} optionType="button" buttonStyle="solid" data-testid="import-kind"
            options={kinds.map((value) => ({ value, label: t(`import.kind.${value}`) }))}
          />
          <Typography.Text strong style={{ marginInlineStart: 16 }}>{t('import.region')}</Typography.Text>
          <RegionSelect value={region} onChange={setRegion} placeholder={t('import.regionHint')} style={{ width: 240 }} />
          <Button icon={<DownloadOutlined />} href={`/api/imports/templates/${kind}.xlsx`} data-testid="import-template">{t('import.template')}</Button>
        </Space>
        <Alert type="info" showIcon message={t('import.rule')} />
        <Upload.Dragger
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" maxCount={1} data-testid="import-file"
          beforeUpload={(chosen) => { setFile(chosen); setOutcome(undefined); return false; }}
          onRemove={() => { setFile(undefined); setOutcome(undefined); }}
          fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
        >
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p className="ant-upload-text">{t('import.choose')}</p>
        </Upload.Dragger>
        <Button type="primary" icon={<UploadOutlined />} disabled={!file} loading={busy} onClick={run} data-testid="import-start">{t('import.start')}</Button>
        {outcome?.ok && <Alert type="success" showIcon data-testid="import-success" message={t('import.done', { n: outcome.result.imported })} />}
        {outcome && !outcome.ok && (
          <>
            <Alert type="error" showIcon data-testid="import-rejected" message={outcome.rows.length ? t('import.rejected', { n: outcome.rows.length }) : outcome.message} description={outcome.rows.length ? outcome.message : undefined} />
            {outcome.rows.length > 0 && (
              <Table<RowProblem>
                data-testid="import-errors" size="small" dataSource={outcome.rows} rowKey={(row) => `${row.row}:${row.field}:${row.message}`}
                pagination={outcome.rows.length > 50 ? { pageSize: 50 } : false}
                columns={[
                  { title: t('import.row'), dataIndex: 'row', width: 80 },
                  { title: t('import.field'), dataIndex: 'field', width: 200, render: (field: string) => <code>{field}</code> },
                  { title: t('import.message'), dataIndex: 'message' },
                ]}
              />
            )}
          </>
        )}
      </Space>
    </Page>
  );
}
