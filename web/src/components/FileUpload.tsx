/**
 * Importing a file through the server's import pipeline (src/platform/imports), the one way every import page works:
 * choose a CSV or XLSX file and its encoding (自动识别 / UTF-8 / GB18030 / GBK → `?encoding=`), upload; the outcome is
 * the module's result, a notice that the same file was imported before (its first import's time and counts, nothing
 * changed), a refused file (the number of problems, the first rows as 行号 / 列 / 字段 / 规则 / 值 / 原因, and the error
 * workbook to download), or a file above the size limit (the limit). An import that moves money answers a preview
 * first and applies only when 确认 is confirmed. Below it, <ImportHistory> lists the imports recorded.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { Static } from '@sinclair/typebox';
import { ListPage } from './ListPage.tsx';
import type { ImportAnswerFields, ImportRecord as ImportRecordSchema } from '../../../src/platform/imports/imports.schemas.ts';
import { Alert, Button, Popconfirm, Radio, Space, Table, Tag, Typography, Upload } from 'antd';
import { CheckOutlined, DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { api, ApiError, withQuery, type Query, type RowProblem } from '../api.ts';
import { formatDateTime } from '../format.ts';
import { useI18n } from '../i18n.ts';

type UploadOutcome<R> = { ok: true; result: R } | { ok: false; error: ApiError };

interface FileUploadState<R> {
  file: File | undefined;
  busy: boolean;
  outcome: UploadOutcome<R> | undefined;
  /** a file chosen (or removed): the previous outcome no longer applies */
  choose(file: File | undefined): void;
  /** forgets the chosen file, keeping the outcome shown */
  clearFile(): void;
  /** uploads the chosen file with `send`; `onSuccess` runs after the result is shown */
  run(send: (file: File) => Promise<R>, onSuccess?: (result: R) => void): Promise<void>;
}

const asApiError = (error: unknown) => (error instanceof ApiError ? error : new ApiError(0, 'client', String((error as Error)?.message ?? error)));

function useFileUpload<R>(): FileUploadState<R> {
  const [file, setFile] = useState<File>();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<UploadOutcome<R>>();
  return {
    file, busy, outcome,
    choose(chosen) { setFile(chosen); setOutcome(undefined); },
    clearFile() { setFile(undefined); },
    async run(send, onSuccess) {
      if (!file) return;
      setBusy(true);
      setOutcome(undefined);
      try {
        const result = await send(file);
        setOutcome({ ok: true, result });
        onSuccess?.(result);
      } catch (failure) {
        setOutcome({ ok: false, error: asApiError(failure) });
      } finally {
        setBusy(false);
      }
    },
  };
}

/** The drop zone for one file (kept in the browser until the upload starts); `children` is the prompt. */
function FileDropzone<R>({ upload, accept, testId, children }: { upload: FileUploadState<R>; accept: string; testId: string; children: ReactNode }) {
  return (
    <Upload.Dragger
      accept={accept} maxCount={1} data-testid={testId}
      beforeUpload={(chosen) => { upload.choose(chosen); return false; }}
      onRemove={() => upload.choose(undefined)}
      fileList={upload.file ? [{ uid: 'file', name: upload.file.name, status: 'done' }] : []}
    >
      <p className="ant-upload-drag-icon"><InboxOutlined /></p>
      <p className="ant-upload-text">{children}</p>
    </Upload.Dragger>
  );
}

/** Starts the upload; enabled once a file is chosen. */
function UploadButton<R>({ upload, onClick, testId, children }: { upload: FileUploadState<R>; onClick(): void; testId: string; children: ReactNode }) {
  return <Button type="primary" icon={<UploadOutlined />} disabled={!upload.file} loading={upload.busy} onClick={onClick} data-testid={testId}>{children}</Button>;
}

/** What every import answer carries beside its own result (the server's ImportAnswerFields). */
export type ImportAnswer = { [Field in keyof typeof ImportAnswerFields]: Static<(typeof ImportAnswerFields)[Field]> };

/** An import's record, GET /api/imports and /api/imports/:id. */
export type ImportRecord = Static<typeof ImportRecordSchema>;

/** The encodings a CSV may be read in (src/platform/imports/decode.ts); `auto`: valid UTF-8 is UTF-8, anything else GB18030. */
const encodingChoices = ['auto', 'utf-8', 'gb18030', 'gbk'] as const;
type EncodingChoice = (typeof encodingChoices)[number];

export const spreadsheetFiles = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** "20 MB", "64 KB" */
const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${Number((bytes / 1024 / 1024).toFixed(1))} MB` : `${Math.round(bytes / 1024)} KB`);

export interface ImportPanelProps<Result, Preview> {
  /** the import route; `query` is sent with it (e.g. a default region), and the chosen encoding as `encoding` */
  path: string;
  query?: Query;
  testId: string;
  /** the drop zone's prompt */
  prompt: ReactNode;
  accept?: string;
  /** the module's labels of fields the server has no label for (the problems table shows labels, never codes) */
  fieldLabels?: Record<string, string>;
  /** what an applied import shows (an import confirmed elsewhere is never applied here) */
  renderResult?(result: Result & ImportAnswer): ReactNode;
  /**
   * An import that moves money: the upload answers a preview (rendered by `render`), and the import is applied only
   * when confirmed: here (`confirm`: POST its path with the preview's sha256, exactly the file previewed), or by
   * another person elsewhere (no `confirm`).
   */
  preview?: { render(preview: Preview & ImportAnswer): ReactNode; confirm?: { path(importId: string): string; label: string; question: string } };
  /** after an import was applied (lists may reload) */
  onApplied?(result: Result & ImportAnswer): void;
  /** after every answer of the server, applied or not (an import history may reload: refused and previewed files are recorded too) */
  onAnswered?(): void;
}

type Stage<Result, Preview> =
  | { kind: 'none' }
  | { kind: 'applied'; answer: Result & ImportAnswer }
  | { kind: 'previewed'; answer: Preview & ImportAnswer }
  | { kind: 'repeat'; answer: ImportAnswer }
  | { kind: 'failed'; error: ApiError };

/** Upload, outcome and (for money) preview and confirmation of one import; see the file comment. */
export function ImportPanel<Result, Preview = never>(props: ImportPanelProps<Result, Preview>) {
  const { path, query, testId, prompt, accept = spreadsheetFiles, fieldLabels, renderResult, preview, onApplied, onAnswered } = props;
  const { t } = useI18n();
  const upload = useFileUpload<ImportAnswer>();
  const [encoding, setEncoding] = useState<EncodingChoice>('auto');
  const [stage, setStage] = useState<Stage<Result, Preview>>({ kind: 'none' });
  const [confirming, setConfirming] = useState(false);

  const answered = (answer: ImportAnswer, previewed: boolean) => {
    if (answer.alreadyImported) setStage({ kind: 'repeat', answer });
    else if (previewed) setStage({ kind: 'previewed', answer: answer as Preview & ImportAnswer });
    else {
      setStage({ kind: 'applied', answer: answer as Result & ImportAnswer });
      upload.clearFile();
      onApplied?.(answer as Result & ImportAnswer);
    }
    onAnswered?.();
  };
  const start = () => {
    setStage({ kind: 'none' });
    return upload.run(
      (file) => api.upload<ImportAnswer>(withQuery(path, { ...query, encoding: encoding === 'auto' ? undefined : encoding }), file),
      (answer) => answered(answer, preview !== undefined),
    );
  };
  // a refused upload: its outcome is the problem shown
  const { outcome } = upload;
  useEffect(() => {
    if (outcome && !outcome.ok) { setStage({ kind: 'failed', error: outcome.error }); onAnswered?.(); }
    // onAnswered is the page's callback of the moment; only a new outcome calls it
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [outcome]);

  const confirm = async (previewed: Preview & ImportAnswer) => {
    if (!preview?.confirm) return;
    setConfirming(true);
    try {
      answered(await api.post<ImportAnswer>(preview.confirm.path(previewed.importId), { sha256: previewed.sha256 }), false);
    } catch (failure) {
      setStage({ kind: 'failed', error: asApiError(failure) });
      onAnswered?.();
    } finally { setConfirming(false); }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid={testId}>
      <FileDropzone upload={{ ...upload, choose: (file) => { upload.choose(file); setStage({ kind: 'none' }); } }} accept={accept} testId={`${testId}-file`}>{prompt}</FileDropzone>
      <Space wrap>
        <Typography.Text strong>{t('fileImport.encoding')}</Typography.Text>
        <Radio.Group
          value={encoding} onChange={(event) => setEncoding(event.target.value)} optionType="button" size="small" data-testid={`${testId}-encoding`}
          options={encodingChoices.map((value) => ({ value, label: t(`fileImport.encoding.${value}`) }))}
        />
        <UploadButton upload={upload} onClick={start} testId={`${testId}-start`}>{preview ? t('fileImport.previewStart') : t('fileImport.start')}</UploadButton>
      </Space>
      {stage.kind === 'applied' && renderResult?.(stage.answer)}
      {stage.kind === 'repeat' && <AlreadyImported answer={stage.answer} testId={testId} />}
      {stage.kind === 'failed' && <ImportFailure error={stage.error} fieldLabels={fieldLabels} testId={testId} />}
      {stage.kind === 'previewed' && preview && (
        <Space direction="vertical" style={{ width: '100%' }} data-testid={`${testId}-preview`}>
          <Alert
            type="warning" showIcon message={t('fileImport.previewed')}
            description={t('fileImport.previewedFile', { file: stage.answer.sha256.slice(0, 12) })}
          />
          {preview.render(stage.answer)}
          {preview.confirm && (
            <Popconfirm
              title={preview.confirm.question} description={t('fileImport.irreversible')} okText={preview.confirm.label} cancelText={t('common.cancel')}
              okButtonProps={{ danger: true, 'data-testid': `${testId}-confirm-ok` }} cancelButtonProps={{ 'data-testid': `${testId}-confirm-cancel` }} onConfirm={() => confirm(stage.answer)}
            >
              <Button type="primary" icon={<CheckOutlined />} loading={confirming} data-testid={`${testId}-confirm`}>{preview.confirm.label}</Button>
            </Popconfirm>
          )}
        </Space>
      )}
    </Space>
  );
}

/** The same file was imported before: its first import (when, by whom, its counts); nothing was changed now. */
function AlreadyImported({ answer, testId }: { answer: ImportAnswer; testId: string }) {
  const { t } = useI18n();
  const [record, setRecord] = useState<ImportRecord | 'loading' | 'unreadable'>('loading');
  useEffect(() => {
    const controller = new AbortController();
    setRecord('loading');
    api.get<ImportRecord>(`/api/imports/${answer.importId}`, undefined, controller.signal).then(setRecord, () => { if (!controller.signal.aborted) setRecord('unreadable'); });
    return () => controller.abort();
  }, [answer.importId]);
  return (
    <Alert
      type="info" showIcon data-testid={`${testId}-already`} data-loaded={record !== 'loading'} message={t('fileImport.already')}
      description={record === 'loading' ? t('common.loading') : record === 'unreadable' ? t('fileImport.alreadyUnreadable')
        : t('fileImport.alreadyDetail', { at: formatDateTime(record.appliedAt ?? record.at), by: record.by, file: record.fileName, rows: record.rows, applied: record.applied })}
    />
  );
}

/**
 * A refused row's field as people call it: the server's label in the user's language; a field the server has no
 * label for comes back as its code, and the page's own label (`fieldLabels`) takes its place.
 */
function fieldLabelOf(row: RowProblem, fieldLabels: Record<string, string> | undefined): string {
  const serverLabel = row.fieldLabel && row.fieldLabel !== row.field ? row.fieldLabel : undefined;
  return serverLabel ?? fieldLabels?.[row.field] ?? row.field;
}

/** Why nothing was imported: the refused rows (and the error workbook), the size limit, or the server's message. */
export function ImportFailure({ error, fieldLabels, testId }: { error: ApiError; fieldLabels?: Record<string, string>; testId: string }) {
  const { t } = useI18n();
  if (error.status === 413) {
    const limit = typeof error.details.limitBytes === 'number' ? sizeText(error.details.limitBytes) : undefined;
    return <Alert type="error" showIcon data-testid={`${testId}-too-large`} message={limit ? t('fileImport.tooLarge', { limit }) : t('fileImport.tooLargeNoLimit')} description={error.message} />;
  }
  const rows = error.rows ?? [];
  if (error.status !== 422 || rows.length === 0) {
    return <Alert type="error" showIcon data-testid={`${testId}-failed`} message={t('fileImport.failed')} description={error.message} />;
  }
  const errorCount = typeof error.details.errorCount === 'number' ? error.details.errorCount : rows.length;
  const errorRows = typeof error.details.errorRowCount === 'number' ? error.details.errorRowCount : new Set(rows.map((r) => r.row)).size;
  const workbook = typeof error.details.errorWorkbook === 'string' ? error.details.errorWorkbook : undefined;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert
        type="error" showIcon data-testid={`${testId}-rejected`}
        message={t('fileImport.rejected', { rows: errorRows, n: errorCount })}
        description={errorCount > rows.length ? t('fileImport.firstShown', { shown: rows.length, n: errorCount }) : undefined}
        action={workbook && (
          <Button icon={<DownloadOutlined />} href={workbook} download data-testid={`${testId}-error-workbook`}>{t('fileImport.errorWorkbook')}</Button>
        )}
      />
      <Table<RowProblem>
        data-testid={`${testId}-errors`} size="small" dataSource={rows} rowKey={(row, index) => `${row.row}:${row.field}:${index}`}
        pagination={rows.length > 20 ? { pageSize: 20 } : false}
        columns={[
          { title: t('fileImport.row'), dataIndex: 'row', width: 70 },
          { title: t('fileImport.column'), dataIndex: 'column', width: 140 },
          { title: t('fileImport.field'), dataIndex: 'field', width: 150, render: (_: string, row) => fieldLabelOf(row, fieldLabels) },
          { title: t('fileImport.rule'), dataIndex: 'rule', width: 130, render: (rule: string | undefined) => (rule ? t(`importRule.${rule}`) : '') },
          { title: t('fileImport.value'), dataIndex: 'value', width: 180, ellipsis: true },
          { title: t('fileImport.reason'), dataIndex: 'message' },
        ]}
      />
    </Space>
  );
}

const statusColors: Record<string, string> = { applied: 'green', previewed: 'orange', rejected: 'red' };

/**
 * The imports recorded (GET /api/imports) on the list page, newest first, paged by the API's cursor and exported
 * whole: who, when, what, the file and its hash, the counts, the status, the error workbook of a refused one.
 */
export function ImportHistory({ kind, kindLabel, refresh, testId }: { kind?: string; kindLabel(kind: string): string; refresh: number; testId: string }) {
  const { t } = useI18n();
  return (
    <ListPage<ImportRecord>
      embedded listId="import-history" tableTestId={testId} endpoint="/api/imports" query={{ kind }} rowKey="id" refresh={refresh} exports={['xlsx', 'csv']}
      table={{ size: 'small' }}
      columns={[
        { key: 'at', title: t('fileImport.history.at'), dataIndex: 'at', width: 170, render: formatDateTime },
        { key: 'by', title: t('fileImport.history.by'), dataIndex: 'by', width: 110 },
        { key: 'kind', title: t('fileImport.history.kind'), dataIndex: 'kind', width: 100, render: kindLabel },
        { key: 'file', title: t('fileImport.history.file'), dataIndex: 'fileName', ellipsis: true },
        { key: 'hash', title: t('fileImport.history.hash'), dataIndex: 'sha256', width: 120, render: (hash: string) => <Typography.Text code title={hash}>{hash.slice(0, 12)}</Typography.Text> },
        { key: 'rows', title: t('fileImport.history.rows'), dataIndex: 'rows', width: 70, align: 'right' },
        { key: 'applied', title: t('fileImport.history.applied'), dataIndex: 'applied', width: 70, align: 'right' },
        { key: 'errors', title: t('fileImport.history.errors'), dataIndex: 'errors', width: 70, align: 'right' },
        { key: 'status', title: t('common.status'), dataIndex: 'status', width: 90, render: (status: string) => <Tag color={statusColors[status]}>{t(`fileImport.status.${status}`)}</Tag> },
        {
          key: 'workbook', title: t('fileImport.errorWorkbook'), width: 130,
          render: (_: unknown, record) => record.status === 'rejected' && (
            <a href={`/api/imports/${record.id}/errors.xlsx`} download data-testid="import-history-workbook"><DownloadOutlined /> XLSX</a>
          ),
        },
      ]}
    />
  );
}
