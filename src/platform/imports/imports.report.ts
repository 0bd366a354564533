/** 导入记录 as a file: every import in the viewer's scope that matches, newest first, its status by name. */
import { render } from '../messages.ts';
import type { ReportColumn } from '../reports/report.ts';
import type { ReportStream } from '../reports/stream.ts';
import { importStatus } from './imports.messages.ts';
import type { ImportRecordView } from './imports.service.ts';
import type { ImportFilter } from './imports.repository.ts';

type ImportLine = ImportRecordView & { statusName: string };

export const importLine = (record: ImportRecordView): ImportLine => ({ ...record, statusName: render(importStatus(record.status), 'zh-CN') });

const columns: ReportColumn<ImportLine>[] = [
  { key: 'at', title: '导入时间', unit: 'text', width: 26 },
  { key: 'kind', title: '导入类型', unit: 'text', width: 16 },
  { key: 'fileName', title: '文件名', unit: 'text', width: 30 },
  { key: 'format', title: '文件格式', unit: 'text', width: 10 },
  { key: 'encoding', title: '文件编码', unit: 'text', width: 12 },
  { key: 'sizeBytes', title: '文件大小（字节）', unit: 'count' },
  { key: 'sha256', title: 'SHA-256', unit: 'text', width: 66 },
  { key: 'statusName', title: '状态', unit: 'text', width: 10 },
  { key: 'rows', title: '行数', unit: 'count' },
  { key: 'applied', title: '已导入行数', unit: 'count' },
  { key: 'errorRows', title: '错误行数', unit: 'count' },
  { key: 'by', title: '导入人', unit: 'text', width: 16 },
  { key: 'id', title: '导入批次号', unit: 'text' },
];

export function importsReport(filter: ImportFilter): Omit<ReportStream<ImportLine>, 'pages'> {
  return {
    title: '导入记录', titleEnglish: 'Imports', fileName: '导入记录', sheetName: '导入记录', columns, landscape: true,
    parameters: [
      ...(filter.kind ? [{ label: '导入类型', value: filter.kind }] : []),
      ...(filter.status ? [{ label: '状态', value: render(importStatus(filter.status), 'zh-CN') }] : []),
    ],
  };
}
