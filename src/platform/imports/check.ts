/**
 * Rows → checked values, against an import schema: the header is mapped through the dictionary, every cell is read
 * by its column's type (coded values, dates, amounts), every problem of every row is collected with its field, rule,
 * row number, column (the header title as the file writes it) and value. A template's example row is skipped.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Said } from '../messages.ts';
import { invalid, type RowProblem } from '../errors.ts';
import { fieldRules } from '../fields.messages.ts';
import { importMessages as said } from './imports.messages.ts';
import { amountOf, codeOf, codesOf, dateOf, fieldOfHeader, headersOf, titleOf } from './dictionary.ts';
import { readTable, type ImportLimits, type ImportTable, type TableRow } from './read.ts';
import type { ImportFile, ReadFile } from './imports.service.ts';

export type ColumnType = 'text' | 'code' | 'date' | 'amount';

export interface ImportColumn {
  field: string;
  required?: boolean;
  /** text (default): trimmed; code: a coded value of the dictionary; date: YYYY-MM-DD; amount: fen. */
  type?: ColumnType;
  /** The example value the template's example row shows; none when the file has no template of ours (a bank's own statement), so no row is ever taken for the example. */
  example?: string;
}

export interface ImportSchema { kind: string; columns: ImportColumn[] }

/** One problem of one row: what the error answer and the error workbook show. */
export interface ImportProblem extends RowProblem { rule: string; column: string; value: string }

export type CellValue = string | bigint | undefined;
/** A row's values by field; `valid` false when a value broke its column's rule (the module skips such a row). */
export interface CheckedRow { row: number; values: Record<string, CellValue>; cells: string[]; valid: boolean }

export interface CheckedTable {
  header: string[]; rows: CheckedRow[]; problems: ImportProblem[]; skippedExampleRows: number;
  /** Field → the column title as the file writes it, and its index. */
  titles: Map<string, string>; indexOf: Map<string, number>;
}

/** Collects problems of rows with the column titles of the file. */
export class RowProblems {
  readonly list: ImportProblem[] = [];
  constructor(private readonly titles: Map<string, string>, private readonly cellsOf: (row: number) => Record<string, string> = () => ({})) {}
  add(row: number, field: string, rule: string, message: string | Said, value?: string) {
    this.list.push({ row, field, rule, column: this.titles.get(field) ?? field, value: value ?? this.cellsOf(row)[field] ?? '', message });
  }
  get size() { return this.list.length; }
}

/** Which file column holds which field; unknown and missing columns refuse the file (400), naming them. */
export function mapHeader(schema: ImportSchema, header: string[]): Map<number, string> {
  const wanted = new Set(schema.columns.map((c) => c.field));
  const map = new Map<number, string>();
  const unknown: string[] = [];
  header.forEach((cell, index) => {
    if (cell.trim() === '') return;
    const field = fieldOfHeader(cell);
    if (field && wanted.has(field) && ![...map.values()].includes(field)) map.set(index, field);
    else unknown.push(cell.trim());
  });
  const expected = () => schema.columns.map((c) => `${c.field}/${titleOf(c.field)}`).join(', ');
  if (unknown.length) throw invalid('file', said.unknownColumns({ columns: unknown.join(', '), expected: expected() }));
  const missing = schema.columns.filter((c) => c.required && ![...map.values()].includes(c.field));
  if (missing.length) throw invalid('file', said.missingColumns({ columns: missing.map((c) => headersOf(c.field).slice(0, 2).join(' / ')).join(', ') }));
  return map;
}

function isExampleRow(schema: ImportSchema, map: Map<number, string>, row: TableRow): boolean {
  const examples = new Map(schema.columns.map((c) => [c.field, c.example]));
  let compared = 0;
  for (const [index, field] of map) {
    const cell = (row.cells[index] ?? '').trim();
    if (cell === '') continue;
    if (cell !== examples.get(field)) return false;
    compared++;
  }
  return compared > 0;
}

/** Reads every row by the schema; problems of the values themselves (required, code, date, amount) are listed. */
export async function checkTable(schema: ImportSchema, table: ImportTable): Promise<CheckedTable> {
  const map = mapHeader(schema, table.header);
  const titles = new Map([...map].map(([index, field]) => [field, table.header[index].trim()]));
  const columns = new Map(schema.columns.map((c) => [c.field, c]));
  const problems = new RowProblems(titles);
  const rows: CheckedRow[] = [];
  let skippedExampleRows = 0;
  for (let k = 0; k < table.rows.length; k++) {
    if (k % 5000 === 4999) await nextTurn();
    const source = table.rows[k];
    if (isExampleRow(schema, map, source)) { skippedExampleRows++; continue; }
    const values: Record<string, CellValue> = {};
    const before = problems.size;
    for (const [index, field] of map) {
      const column = columns.get(field)!;
      const text = (source.cells[index] ?? '').trim();
      const problem = (rule: string, message: string | Said) => problems.add(source.row, field, rule, message, text);
      if (text === '') {
        if (column.required) problem('required', fieldRules.required());
        continue;
      }
      switch (column.type ?? 'text') {
        case 'text': values[field] = text; break;
        case 'code': {
          const code = codeOf(field, text);
          if (code === undefined) problem('code', said.notACode({ text, codes: codesOf(field) })); else values[field] = code;
          break;
        }
        case 'date': {
          const date = dateOf(text, { serial: table.format === 'xlsx' });
          if (date === undefined) problem('date', table.format === 'xlsx' ? said.notADateOrExcel({ text }) : said.notADate({ text })); else values[field] = date;
          break;
        }
        case 'amount': {
          const amount = amountOf(text);
          if (amount === undefined) problem('amount', said.notAnAmount({ text })); else values[field] = amount;
          break;
        }
      }
    }
    rows.push({ row: source.row, values, cells: source.cells, valid: problems.size === before });
  }
  if (rows.length === 0) throw invalid('file', skippedExampleRows ? said.onlyExampleRow() : said.noRows());
  return { header: table.header, rows, problems: problems.list, skippedExampleRows, titles, indexOf: new Map([...map].map(([index, field]) => [field, index])) };
}

/** A problem list for the checks a module makes after the schema's (duplicates, references, scope), with the file's titles and values. */
export function moreProblems(checked: CheckedTable): RowProblems {
  const cells = new Map(checked.rows.map((r) => [r.row, r.cells]));
  return new RowProblems(checked.titles, (row) => {
    const own = cells.get(row) ?? [];
    return Object.fromEntries([...checked.indexOf].map(([field, index]) => [field, (own[index] ?? '').trim()]));
  });
}

/** The `read` step of an import of a CSV or XLSX table: the file's rows read and checked by the schema. */
export function tableReader(schema: ImportSchema) {
  return async (file: ImportFile, limits: ImportLimits): Promise<ReadFile<CheckedTable>> => {
    const table = await readTable(file.fileName, file.content, { encoding: file.encoding, limits });
    const checked = await checkTable(schema, table);
    const cells = new Map(table.rows.map((r) => [r.row, r.cells]));
    return {
      fileName: file.fileName, format: table.format, encoding: table.encoding, header: table.header, rows: checked, rowCount: checked.rows.length,
      problems: checked.problems, cellsOf: (row) => cells.get(row) ?? [],
    };
  };
}
