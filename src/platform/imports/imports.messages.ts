/** What the import pipeline says of a file and its rows (R1.5, issue 10), in Chinese and English. */
import { defineFieldLabels, defineMessages } from '../messages.ts';

defineFieldLabels({
  mode: ['导入方式', 'mode'],
  sha256: ['文件 SHA-256', 'SHA-256'],
  importId: ['导入批次', 'import'],
});

export const importMessages = defineMessages('imports', {
  // the file (read.ts, decode.ts, upload.ts, zip-guard.ts)
  empty: ['为空文件', 'is empty'],
  tooLarge: ['{field}：超过导入文件的大小上限 {limit}（SIFUND_IMPORT_MAX_BYTES），请拆分为较小的文件', '{field}: is larger than the {limit} an import accepts (SIFUND_IMPORT_MAX_BYTES); split it into smaller files'],
  notMultipart: ['请以 multipart/form-data 方式上传，文件字段名为 "file"', 'send the file as multipart/form-data in a field named "file"'],
  encodingChoice: ['须为 utf-8、gb18030 或 gbk（或 auto），实为“{value}”', 'must be utf-8, gb18030 or gbk (or auto), got "{value}"'],
  notValidEncoding: ['不是有效的 {encoding} 文本：第 {line} 行（偏移量 {offset}）的字节不是 {encoding} 字符；请将文件另存为 UTF-8 或 GB18030，或选择正确的编码',
    'is not valid {encoding} text: the bytes at offset {offset} (line {line}) are not a {encoding} character; save the file as UTF-8 or GB18030, or choose its encoding'],
  notValidUtf8: ['不是有效的 UTF-8 文本；中文版 Windows 下 Excel 保存的 CSV 为 GB18030 编码：请选择编码 gb18030（或 auto）',
    'is not valid UTF-8 text; a CSV that Excel saved in Chinese Windows is GB18030: choose encoding gb18030 (or auto)'],
  xmlDocument: ['是 XML 文档；本导入只读取 CSV 或 XLSX 文件', 'is an XML document; this import reads CSV or XLSX'],
  csvUnreadable: ['CSV 文件无法读取：{reason}', 'CSV cannot be read: {reason}'],
  csvUnreadableAt: ['CSV 文件第 {line} 行无法读取：{reason}', 'CSV cannot be read at line {line}: {reason}'],
  xlsxUnreadable: ['不是可读取的 XLSX 工作簿：{reason}', 'is not a readable XLSX workbook: {reason}'],
  noWorksheet: ['没有工作表', 'has no worksheet'],
  noHeader: ['没有表头行（第 1 行须为列名）', 'has no header row (row 1 must name the columns)'],
  zipNoDirectory: ['缺少 zip 目录', 'no zip directory'],
  zipDirectoryPastEnd: ['zip 目录指向文件末尾之外', 'the zip directory points past the end of the file'],
  zipDirectoryDamaged: ['zip 目录已损坏', 'a damaged zip directory'],
  zipEntryNotInflating: ['有一个部件无法解压：{reason}', 'an entry does not inflate: {reason}'],
  zipPartMethod: ['部件 {part} 使用 zip 压缩方式 {method}（只能读取 deflate）', 'part {part} uses zip method {method} (only deflate is read)'],
  zipPartNoLocalHeader: ['部件 {part} 缺少本地文件头', 'part {part} has no local header'],
  zip64: ['{field}：是 ZIP64 压缩包，符合大小上限的电子表格不会用到', '{field}: is a ZIP64 archive, which no spreadsheet of an accepted size needs'],
  zipTooManyEntries: ['{field}：压缩包内有 {entries} 个部件，超过工作簿允许的 {limit} 个', '{field}: has {entries} entries in its zip, more than the {limit} a workbook may have'],
  zipPartWouldInflate: ['{field}：部件 {part} 解压后将达 {size}，超过允许的 {limit}', '{field}: its part {part} would inflate to {size}, more than the {limit} allowed'],
  zipWouldInflate: ['{field}：解压后将达 {size}，超过允许的 {limit}', '{field}: would inflate to {size}, more than the {limit} allowed'],
  zipPartInflatesPast: ['{field}：部件 {part} 解压后超过 {limit}（其声明为 {declared}）', '{field}: its part {part} inflates past {limit} (it declared {declared})'],
  zipInflatesPast: ['{field}：解压后超过 {limit}', '{field}: inflates past {limit}'],
  // the table (check.ts)
  unknownColumns: ['无法识别的列：{columns}（应为 {expected}）', 'unknown columns: {columns} (expected {expected})'],
  missingColumns: ['缺少必填列：{columns}', 'missing required columns: {columns}'],
  notACode: ['“{text}”不是以下之一：{codes}', '"{text}" is not one of {codes}'],
  notADate: ['“{text}”不是日期（可写作 2026-12-09、2026/12/9、20261209）', '"{text}" is not a date (2026-12-09, 2026/12/9, 20261209)'],
  notADateOrExcel: ['“{text}”不是日期（可写作 2026-12-09、2026/12/9、20261209 或 Excel 日期）', '"{text}" is not a date (2026-12-09, 2026/12/9, 20261209 or an Excel date)'],
  notAnAmount: ['“{text}”不是以元为单位、至多两位小数的金额（如 276550.19、276,550.19、¥1,234.00）', '"{text}" is not an amount in yuan with at most two decimals (276550.19, 276,550.19, ¥1,234.00)'],
  onlyExampleRow: ['只有模板的示例行；请在示例行下方填写要导入的数据', 'has only the template\'s example row; add the rows to import below it'],
  noRows: ['只有表头，没有数据行', 'has a header but no rows'],
  // the import (imports.service.ts)
  rejected: ['共 {totalRows} 行中有 {rowsWithProblems} 行有误，未导入任何数据；错误行及原因见导入批次 {importId}：/api/imports/{importId}/errors.xlsx',
    '{rowsWithProblems} of {totalRows} rows have problems; nothing was imported; every bad row with its reason: import {importId}, /api/imports/{importId}/errors.xlsx'],
  rejectedFirstListed: ['共 {totalRows} 行中有 {rowsWithProblems} 行有误，未导入任何数据；以下列出全部 {problems} 个问题中的前 {listed} 个；错误行及原因见导入批次 {importId}：/api/imports/{importId}/errors.xlsx',
    '{rowsWithProblems} of {totalRows} rows have problems; nothing was imported; the first {listed} of {problems} problems are listed; every bad row with its reason: import {importId}, /api/imports/{importId}/errors.xlsx'],
  noPreview: ['{kind} 导入直接生效，不提供预览', 'a {kind} import is applied directly (no preview)'],
  importOfKind: ['{kind} 导入批次 {importId}', '{kind} import {importId}'],
  importById: ['导入批次 {importId}', 'import {importId}'],
  previewedOtherFile: ['导入批次 {importId} 预览的文件 SHA-256 为 {previewed}，不是 {expected}', 'import {importId} previewed a file with SHA-256 {previewed}, not {expected}'],
  notPreviewed: ['导入批次 {importId} 的状态为“{status}”；只有已预览的导入才能确认', 'import {importId} is {status}; only a previewed import can be confirmed'],
  noErrorRows: ['导入批次 {importId} 的状态为“{status}”，没有错误行', 'import {importId} is {status}: it has no error rows'],
  previewed: ['已预览', 'previewed'],
  applied: ['已导入', 'applied'],
  rejectedStatus: ['已拒绝', 'rejected'],
});

/** An import record's status as said (previewed / applied / rejected). */
export function importStatus(status: string) {
  return status === 'previewed' ? importMessages.previewed() : status === 'applied' ? importMessages.applied() : status === 'rejected' ? importMessages.rejectedStatus() : status;
}
