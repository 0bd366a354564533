/**
 * Uploading one file to an import endpoint that takes all rows or none: the chosen file, the drop zone, the start
 * button, the outcome (the result, or the API's message with every rejected row) and the rejected rows as a table.
 */
import { useState, type ReactNode } from 'react';
import { Alert, Button, Table, Upload } from 'antd';
import { InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { ApiError, type RowProblem } from '../api.ts';
import { useI18n } from '../i18n.ts';

export type UploadOutcome<R> = { ok: true; result: R } | { ok: false; message: string; rows: RowProblem[] };

export interface FileUploadState<R> {
  file: File | undefined;
  busy: boolean;
  outcome: UploadOutcome<R> | undefined;
  /** a file chosen (or removed): the previous outcome no longer applies */
  choose(file: File | undefined): void;
  clearOutcome(): void;
  /** forgets the chosen file, keeping the outcome shown */
  clearFile(): void;
  /** uploads the chosen file with `send`; `onSuccess` runs after the result is shown */
  run(send: (file: File) => Promise<R>, onSuccess?: (result: R) => void): Promise<void>;
}

export function useFileUpload<R>(): FileUploadState<R> {
  const [file, setFile] = useState<File>();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<UploadOutcome<R>>();
  return {
    file, busy, outcome,
    choose(chosen) { setFile(chosen); setOutcome(undefined); },
    clearOutcome() { setOutcome(undefined); },
    clearFile() { setFile(undefined); },
    async run(send, onSuccess) {
      if (!file) return;
      setBusy(true);
      setOutcome(undefined);
      try {
        const result = await send(file);
        setOutcome({ ok: true, result });
        onSuccess?.(result);
      } catch (error) {
        setOutcome({ ok: false, message: (error as Error).message, rows: error instanceof ApiError ? error.rows ?? [] : [] });
      } finally {
        setBusy(false);
      }
    },
  };
}

/** The drop zone for one file (kept in the browser until the upload starts); `children` is the prompt. */
export function FileDropzone<R>({ upload, accept, testId, children }: { upload: FileUploadState<R>; accept: string; testId: string; children: ReactNode }) {
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
export function UploadButton<R>({ upload, onClick, testId, children }: { upload: FileUploadState<R>; onClick(): void; testId: string; children: ReactNode }) {
  return <Button type="primary" icon={<UploadOutlined />} disabled={!upload.file} loading={upload.busy} onClick={onClick} data-testid={testId}>{children}</Button>;
}

/**
 * A rejected upload: the number of bad rows (or the API's message when there are none) and every bad row in a
 * table; test ids `${testId}-rejected` and `${testId}-errors`.
 */
export function RejectedRows({ message, rows, testId, fieldWidth = 200 }: { message: string; rows: RowProblem[]; testId: string; fieldWidth?: number }) {
  const { t } = useI18n();
  return (
    <>
      <Alert type="error" showIcon data-testid={`${testId}-rejected`} message={rows.length ? t('import.rejected', { n: rows.length }) : message} description={rows.length ? message : undefined} />
      {rows.length > 0 && (
        <Table<RowProblem>
          data-testid={`${testId}-errors`} size="small" dataSource={rows} rowKey={(row) => `${row.row}:${row.field}:${row.message}`}
          pagination={rows.length > 50 ? { pageSize: 50 } : false}
          columns={[
            { title: t('import.row'), dataIndex: 'row', width: 80 },
            { title: t('import.field'), dataIndex: 'field', width: fieldWidth, render: (field: string) => <code>{field}</code> },
            { title: t('import.message'), dataIndex: 'message' },
          ]}
        />
      )}
    </>
  );
}
