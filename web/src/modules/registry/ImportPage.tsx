/** 批量导入: CSV or XLSX, all or nothing; on rejection every bad row is listed and nothing was applied. */
import { useState } from 'react';
import { Alert, Button, Radio, Space, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { api, withQuery } from '../../api.ts';
import { useI18n } from '../../i18n.ts';
import { Page } from '../../components/Page.tsx';
import { FileDropzone, RejectedRows, UploadButton, useFileUpload } from '../../components/FileUpload.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import type { ImportKind, ImportResult } from '../../types.ts';

const kinds: ImportKind[] = ['employers', 'persons', 'employments'];

export default function ImportPage() {
  const { t } = useI18n();
  const [kind, setKind] = useState<ImportKind>('persons');
  const [region, setRegion] = useState<string>();
  const upload = useFileUpload<ImportResult>();
  const { outcome } = upload;
  const run = () => upload.run((file) => api.upload<ImportResult>(withQuery(`/api/imports/${kind}`, { region }), file));

  return (
    <Page title={t('import.title')} testId="import-page">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text strong>{t('import.kind')}</Typography.Text>
          <Radio.Group
            value={kind} onChange={(event) => { setKind(event.target.value); upload.clearOutcome(); }} optionType="button" buttonStyle="solid" data-testid="import-kind"
            options={kinds.map((value) => ({ value, label: t(`import.kind.${value}`) }))}
          />
          <Typography.Text strong style={{ marginInlineStart: 16 }}>{t('import.region')}</Typography.Text>
          <RegionSelect value={region} onChange={setRegion} placeholder={t('import.regionHint')} style={{ width: 240 }} />
          <Button icon={<DownloadOutlined />} href={`/api/imports/templates/${kind}.xlsx`} data-testid="import-template">{t('import.template')}</Button>
        </Space>
        <Alert type="info" showIcon message={t('import.rule')} />
        <FileDropzone upload={upload} accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" testId="import-file">
          {t('import.choose')}
        </FileDropzone>
        <UploadButton upload={upload} onClick={run} testId="import-start">{t('import.start')}</UploadButton>
        {outcome?.ok && <Alert type="success" showIcon data-testid="import-success" message={t('import.done', { n: outcome.result.imported })} />}
        {outcome && !outcome.ok && <RejectedRows message={outcome.message} rows={outcome.rows} testId="import" />}
      </Space>
    </Page>
  );
}
