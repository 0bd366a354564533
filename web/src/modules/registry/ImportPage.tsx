/**
 * 批量导入: employers, persons or employments from a CSV (UTF-8 or GB18030/GBK) or XLSX file, all or nothing, through
 * the import pipeline (the shared <ImportPanel>); the templates come from the server; below, the import history.
 */
import { useState } from 'react';
import { Alert, Button, Radio, Space, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useI18n, type Translate } from '../../i18n.ts';
import { Page } from '../../components/Page.tsx';
import { ImportHistory, ImportPanel } from '../../components/FileUpload.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import type { ImportKind, ImportResult } from '../../types.ts';

const kinds: ImportKind[] = ['employers', 'persons', 'employments'];

/** The fields of each kind (src/modules/registry/import/import.schema.ts) with the labels the registry pages use. */
function fieldLabels(t: Translate): Record<string, string> {
  return {
    creditCode: t('employer.creditCode'), name: t('common.name'), regionCode: t('common.region'), industryCode: t('employer.industry'),
    workInjuryClass: t('employer.workInjuryClass'), employerType: t('employer.type'),
    idNumber: t('person.idNumber'), gender: t('person.gender'), birthDate: t('person.birthDate'), hukouType: t('person.hukouType'),
    occupation: t('person.occupation'), phone: t('person.phone'),
    hiredOn: t('employment.hiredOn'), insurances: t('employment.insurances'), monthlyWage: t('base.monthlyWage'),
  };
}

export default function ImportPage() {
  const { t } = useI18n();
  const [kind, setKind] = useState<ImportKind>('persons');
  const [region, setRegion] = useState<string>();
  const [answers, setAnswers] = useState(0);
  const labels = fieldLabels(t);

  return (
    <Page title={t('import.title')} testId="import-page">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text strong>{t('import.kind')}</Typography.Text>
          <Radio.Group
            value={kind} onChange={(event) => setKind(event.target.value)} optionType="button" buttonStyle="solid" data-testid="import-kind"
            options={kinds.map((value) => ({ value, label: t(`import.kind.${value}`) }))}
          />
          <Typography.Text strong style={{ marginInlineStart: 16 }}>{t('import.region')}</Typography.Text>
          <RegionSelect value={region} onChange={setRegion} placeholder={t('import.regionHint')} style={{ width: 240 }} />
          <Button icon={<DownloadOutlined />} href={`/api/imports/templates/${kind}.xlsx`} data-testid="import-template">{t('import.template')}</Button>
        </Space>
        <Alert type="info" showIcon message={t('import.rule')} />
        <ImportPanel<ImportResult>
          key={kind} path={`/api/imports/${kind}`} query={{ region }} testId="import" prompt={t('import.choose')} fieldLabels={labels}
          renderResult={(result) => <Alert type="success" showIcon data-testid="import-success" message={t('import.done', { n: result.imported })} />}
          onAnswered={() => setAnswers((n) => n + 1)}
        />
        <Typography.Title level={5} style={{ margin: 0 }}>{t('fileImport.history')}</Typography.Title>
        <ImportHistory kind={kind} kindLabel={(value) => t(`import.kind.${value}`)} refresh={answers} testId="import-history" />
      </Space>
    </Page>
  );
}
