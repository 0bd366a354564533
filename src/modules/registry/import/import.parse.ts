/**
 * Reading import files: CSV (UTF-8, with or without BOM) and XLSX (first worksheet). Row 1 is the header; its
 * cells may be the English field names or the Chinese column labels of the template. Rows are numbered as the
 * spreadsheet shows them (first data row = 2), so an error report points at the right line.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { newWorkbook } from '../../../platform/workbook.ts';
import { AppError, invalid } from '../../../platform/errors.ts';

export const importKinds = ['employers', 'persons', 'employments'] as const;
export type ImportKind = (typeof importKinds)[number];

export interface Column { field: string; label: string; required: boolean; example: string }

export const columns: Record<ImportKind, Column[]> = {
  employers: [
    { field: 'creditCode', label: '统一社会信用代码', required: true, example: '91110000600037341L' },
    { field: 'name', label: '单位名称', required: true, example: '示范市某某有限公司' },
    { field: 'regionCode', label: '行政区划代码', required: false, example: '990102' },
    { field: 'industryCode', label: '行业门类', required: false, example: 'C' },
    { field: 'workInjuryClass', label: '工伤风险类别', required: false, example: '3' },
    { field: 'employerType', label: '单位类型', required: false, example: 'enterprise' },
  ],
  persons: [
    { field: 'idNumber', label: '公民身份号码', required: true, example: '11010519491231002X' },
    { field: 'name', label: '姓名', required: true, example: '张三' },
    { field: 'gender', label: '性别', required: false, example: '女' },
    { field: 'birthDate', label: '出生日期', required: false, example: '1949-12-31' },
    { field: 'hukouType', label: '户口性质', required: false, example: 'urban' },
    { field: 'occupation', label: '职业', required: false, example: '会计' },
    { field: 'phone', label: '联系电话', required: false, example: '13800000000' },
    { field: 'regionCode', label: '行政区划代码', required: false, example: '990102' },
  ],
  employments: [
    { field: 'creditCode', label: '统一社会信用代码', required: true, example: '91110000600037341L' },
    { field: 'idNumber', label: '公民身份号码', required: true, example: '11010519491231002X' },
    { field: 'hiredOn', label: '用工日期', required: true, example: '2025-03-01' },
    { field: 'insurances', label: '参保险种', required: false, example: 'pension,medical,unemployment,work_injury' },
    { field: 'monthlyWage', label: '月缴费工资', required: false, example: '8000.00' },
  ],
};

export interface ParsedRow { row: number; values: Record<string, string> }

function headerMap(kind: ImportKind, header: string[]): Map<number, string> {
  const byName = new Map<string, string>();
  for (const column of columns[kind]) { byName.set(column.field.toLowerCase(), column.field); byName.set(column.label, column.field); }
  const map = new Map<number, string>();
  const unknown: string[] = [];
  header.forEach((cell, index) => {
    const name = cell.trim().replace(/^\uFEFF/, '').replace(/[*＊]$/, '');
    if (!name) return;
    const field = byName.get(name) ?? byName.get(name.toLowerCase());
    if (field) map.set(index, field); else unknown.push(name);
  });
  if (unknown.length) throw invalid('file', `unknown columns: ${unknown.join(', ')} (expected ${columns[kind].map((c) => `${c.field}/${c.label}`).join(', ')})`);
  const missing = columns[kind].filter((c) => c.required && ![...map.values()].includes(c.field));
  if (missing.length) throw invalid('file', `missing required columns: ${missing.map((c) => `${c.field} (${c.label})`).join(', ')}`);
  return map;
}

function toRows(kind: ImportKind, matrix: string[][]): ParsedRow[] {
  if (matrix.length === 0) throw invalid('file', 'is empty');
  const map = headerMap(kind, matrix[0]);
  const rows: ParsedRow[] = [];
  for (let i = 1; i < matrix.length; i++) {
    const cells = matrix[i];
    if (cells.every((cell) => cell.trim() === '')) continue;
    const values: Record<string, string> = {};
    for (const [index, field] of map) values[field] = (cells[index] ?? '').trim();
    rows.push({ row: i + 1, values });
  }
  if (rows.length === 0) throw invalid('file', 'has a header but no rows');
  return rows;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('text' in value && value.text !== undefined) return String(value.text);
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    return '';
  }
  return String(value);
}

export async function parseImportFile(kind: ImportKind, fileName: string, content: Buffer): Promise<ParsedRow[]> {
  const isXlsx = /\.xlsx$/i.test(fileName) || content.subarray(0, 2).toString('latin1') === 'PK';
  if (isXlsx) {
    const workbook = await newWorkbook();
    try { await workbook.xlsx.load(content as unknown as ArrayBuffer); } catch (error) { throw invalid('file', `is not a readable XLSX workbook: ${(error as Error).message}`); }
    const sheet = workbook.worksheets[0];
    if (!sheet) throw invalid('file', 'has no worksheet');
    const matrix: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, column) => { cells[column - 1] = cellText(cell.value); });
      matrix[rowNumber - 1] = Array.from(cells, (cell) => cell ?? '');
    });
    return toRows(kind, Array.from(matrix, (cells) => cells ?? []));
  }
  let matrix: string[][];
  try {
    matrix = parseCsv(content, { bom: true, relax_column_count: true, skip_empty_lines: false, trim: false });
  } catch (error) {
    const e = error as { lines?: number; message: string };
    throw new AppError(400, 'invalid', `file: CSV cannot be read${e.lines ? ` at line ${e.lines}` : ''}: ${e.message}`, 'file');
  }
  return toRows(kind, matrix);
}

/** The XLSX template for a kind: a header of Chinese labels with one example row. */
export async function importTemplate(kind: ImportKind): Promise<Buffer> {
  const workbook = await newWorkbook();
  const sheet = workbook.addWorksheet(kind);
  sheet.addRow(columns[kind].map((c) => (c.required ? `${c.label}*` : c.label)));
  sheet.addRow(columns[kind].map((c) => c.example));
  sheet.getRow(1).font = { bold: true };
  columns[kind].forEach((_c, i) => { sheet.getColumn(i + 1).width = 22; sheet.getColumn(i + 1).numFmt = '@'; });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
