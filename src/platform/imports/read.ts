/**
 * File → rows, the first step of every import: CSV (UTF-8 with or without BOM, GB18030/GBK; decode.ts) or XLSX
 * (first worksheet, after the zip guard), or the text of an XML document for the formats that are XML (camt.053).
 * Row 1 is the header; rows keep the number the spreadsheet shows (first data row = 2), so an error points at
 * the right line. Long work yields to the event loop in slices, so other requests are served while a file is read.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { parse as csvParser } from 'csv-parse';
import type ExcelJS from 'exceljs';
import { newWorkbook } from '../workbook.ts';
import { AppError, fieldSaid, invalid } from '../errors.ts';
import type { Language } from '../messages.ts';
import { importMessages as said } from './imports.messages.ts';
import { decodeText, type TextEncoding } from './decode.ts';
import { checkZipInflation, type InflateLimits } from './zip-guard.ts';

export type FileFormat = 'csv' | 'xlsx' | 'xml';

export interface ImportLimits extends InflateLimits {
  /** Largest file accepted, bytes (SIFUND_IMPORT_MAX_BYTES). */
  fileBytes: number;
}

/** Default limits: a 20 MB file; a workbook inflating to 200 MiB at most (a 20 MB CSV as XLSX inflates to about 120 MiB). */
export function importLimits(fileBytes = Number(process.env.SIFUND_IMPORT_MAX_BYTES ?? 20 * 1024 * 1024)): ImportLimits {
  if (!Number.isInteger(fileBytes) || fileBytes < 1024) throw new Error(`SIFUND_IMPORT_MAX_BYTES must be a whole number of bytes ≥ 1024, got ${process.env.SIFUND_IMPORT_MAX_BYTES}`);
  const inflated = Math.max(200 * 1024 * 1024, fileBytes * 10);
  return { fileBytes, entryBytes: inflated, totalBytes: inflated, entries: 1000 };
}

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${Number((bytes / 1024 / 1024).toFixed(1))} MB` : `${Math.round(bytes / 1024)} KB`);

/** A file above the limit: 413 naming the limit, also as `limitBytes` so a page can state it in its own words. */
class FileTooLarge extends AppError {
  constructor(readonly limitBytes: number) {
    super(413, 'too_large', said.tooLarge({ field: fieldSaid('file'), limit: sizeText(limitBytes) }), 'file');
  }
  override toJSON(language: Language = 'en') {
    const base = super.toJSON(language);
    return { error: { ...base.error, limitBytes: this.limitBytes } };
  }
}

export const fileTooLarge = (limit: number): AppError => new FileTooLarge(limit);

export interface TableRow { row: number; cells: string[] }
export interface ImportTable { format: 'csv' | 'xlsx'; encoding: TextEncoding | null; header: string[]; rows: TableRow[] }

const SLICE_CHARS = 256 * 1024;

/** XLSX by name or by its zip signature; XML by a leading "<"; CSV otherwise. */
export function formatOf(fileName: string, content: Buffer): FileFormat {
  if (/\.xlsx$/i.test(fileName) || (content[0] === 0x50 && content[1] === 0x4b)) return 'xlsx';
  if (/\.xml$/i.test(fileName)) return 'xml';
  let i = content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf ? 3 : 0;
  while (i < content.length && (content[i] === 0x20 || content[i] === 0x0a || content[i] === 0x0d || content[i] === 0x09)) i++;
  return content[i] === 0x3c ? 'xml' : 'csv';
}

async function csvRows(text: string): Promise<string[][]> {
  const records: string[][] = [];
  const parser = csvParser({ relax_column_count: true, relax_quotes: true, skip_empty_lines: false, trim: false });
  let failure: Error | undefined;
  parser.on('readable', () => { for (let record = parser.read(); record !== null; record = parser.read()) records.push(record); });
  parser.on('error', (error) => { failure ??= error; });
  for (let at = 0; at < text.length && !failure; at += SLICE_CHARS) {
    parser.write(text.slice(at, at + SLICE_CHARS));
    await nextTurn();
  }
  if (!failure) await new Promise<void>((resolve) => { parser.on('end', resolve); parser.on('error', () => resolve()); parser.end(); });
  if (failure) {
    const e = failure as Error & { lines?: number };
    throw invalid('file', e.lines ? said.csvUnreadableAt({ line: e.lines, reason: e.message }) : said.csvUnreadable({ reason: e.message }));
  }
  return records;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('error' in value) return String(value.error);
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value && value.text !== undefined) return String(value.text);
    return '';
  }
  return String(value);
}

async function xlsxRows(content: Buffer, limits: ImportLimits): Promise<string[][]> {
  await checkZipInflation(content, limits);
  const workbook = await newWorkbook();
  try { await workbook.xlsx.load(content as unknown as ArrayBuffer); } catch (error) { throw invalid('file', said.xlsxUnreadable({ reason: (error as Error).message })); }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw invalid('file', said.noWorksheet());
  const matrix: string[][] = [];
  let count = 0;
  for (let number = 1; number <= sheet.rowCount; number++) {
    const row = sheet.getRow(number);
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => { cells[column - 1] = cellText(cell.value); });
    matrix.push(Array.from(cells, (cell) => cell ?? ''));
    if (++count % 5000 === 0) await nextTurn();
  }
  return matrix;
}

/** Reads a CSV or XLSX import file into a header and numbered rows (blank rows dropped). */
export async function readTable(fileName: string, content: Buffer, options: { encoding?: TextEncoding; limits?: ImportLimits } = {}): Promise<ImportTable> {
  const limits = options.limits ?? importLimits();
  if (content.length > limits.fileBytes) throw fileTooLarge(limits.fileBytes);
  if (content.length === 0) throw invalid('file', said.empty());
  const format = formatOf(fileName, content);
  if (format === 'xml') throw invalid('file', said.xmlDocument());
  let matrix: string[][];
  let encoding: TextEncoding | null = null;
  if (format === 'xlsx') matrix = await xlsxRows(content, limits);
  else {
    const decoded = decodeText(content, options.encoding);
    encoding = decoded.encoding;
    matrix = await csvRows(decoded.text);
  }
  if (matrix.length === 0 || matrix[0].every((cell) => cell.trim() === '')) throw invalid('file', said.noHeader());
  const rows: TableRow[] = [];
  for (let i = 1; i < matrix.length; i++) {
    if (matrix[i].every((cell) => cell.trim() === '')) continue;
    rows.push({ row: i + 1, cells: matrix[i] });
  }
  return { format, encoding, header: matrix[0], rows };
}

/** Reads an XML import file's text (decoded like a CSV: UTF-8 or GB18030). */
export function readXmlText(content: Buffer, options: { encoding?: TextEncoding; limits?: ImportLimits } = {}): { text: string; encoding: TextEncoding } {
  const limits = options.limits ?? importLimits();
  if (content.length > limits.fileBytes) throw fileTooLarge(limits.fileBytes);
  return decodeText(content, options.encoding);
}
