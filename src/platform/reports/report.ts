/**
 * One report definition for every export (R10.2: finance staff live in Excel, and print): a title, the parameters
 * and the legal basis printed under it, sections (a sheet each in XLSX) of rows under typed columns, optional
 * grouping and a totals row. The renderers (JSON, XLSX, CSV, the printable page and its PDF, the terminal table)
 * read only this; a module describes its report once, in its `*.report.ts`.
 */
import { formatYuan, parseYuan } from '../money.ts';

/** What a column holds, which decides how every format shows it. */
export type ColumnUnit =
  | 'money' //  bigint fen or a yuan string "1234.56": two decimals; XLSX `#,##0.00`
  | 'rate' //   an exact decimal string "0.0262": a percentage on paper, the decimal in CSV
  | 'count' //  an integer (persons, employers, days)
  | 'date' //   YYYY-MM-DD
  | 'period' // YYYY-MM (a month), YYYY-Qn or YYYY
  | 'text';

export type CellValue = string | number | bigint | null | undefined;

export interface ReportColumn<Row> {
  key: keyof Row & string;
  /** The column's title in Chinese (CSV header, XLSX header, the printed table). */
  title: string;
  titleEnglish?: string;
  unit: ColumnUnit;
  /** Characters, for XLSX (a default by unit otherwise). */
  width?: number;
  /** Summed in the totals row and the group subtotals (money and count columns only). */
  sum?: boolean;
}

export interface ReportSection<Row = any> {
  /** The XLSX sheet's name (at most 31 characters, none of []:*?/\). */
  name: string;
  /** A heading above the table on paper (the sheet name otherwise). */
  title?: string;
  columns: ReportColumn<Row>[];
  rows: Row[];
  /** Rows printed in bold: headings and subtotals a statement carries itself. */
  strong?: (row: Row) => boolean;
  /** Consecutive rows with the same group label get a heading row and, with `totals`, a subtotal row. */
  groupBy?: (row: Row) => string;
  /** The label of a totals row summing the `sum` columns (and of each group's subtotal row). */
  totals?: string;
  /** The table a CSV holds: this section (the first section when none is marked). */
  main?: boolean;
}

export interface ReportParameter { label: string; value: string }

export interface Report<Data = unknown> {
  title: string;
  titleEnglish?: string;
  /** The download's name without its extension (Chinese is fine: sent as UTF-8). Never an ID number. */
  fileName: string;
  parameters: ReportParameter[];
  /** The rule the report follows, printed under the title (e.g. 社会保险法 第八十六条). */
  legalBasis?: string;
  /** Wide tables print on landscape A4. */
  landscape?: boolean;
  sections: ReportSection[];
  /**
   * A document with a paper layout of its own (a notice, a receipt): its printable page (A4 HTML, no script), which
   * the PDF prints instead of the sections' tables; XLSX and CSV still hold the sections.
   */
  printablePage?: () => string;
  /** The JSON answer: the route's and the command's own shape, unchanged by the report layer. */
  data: Data;
}

/** Keeps a section's column keys checked against its row type. */
export function reportSection<Row>(section: ReportSection<Row>): ReportSection<Row> {
  for (const column of section.columns) {
    if (column.sum && column.unit !== 'money' && column.unit !== 'count') throw new Error(`report column ${column.key}: only money and count columns are summed`);
  }
  if (section.name.length > 31 || /[[\]:*?/\\]/.test(section.name)) throw new Error(`report section "${section.name}": a sheet name has at most 31 characters and none of []:*?/\\`);
  return section;
}

export const reportFormats = ['json', 'xlsx', 'csv', 'pdf'] as const;
export type ReportFormat = (typeof reportFormats)[number];

/** A money cell in fen: bigint as is, a yuan string parsed exactly; null when empty. */
export function moneyFen(value: CellValue, field: string): bigint | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'bigint') return value;
  return parseYuan(String(value), field);
}

/** A money cell as yuan text with two decimals ("1234.50"), or '' when empty. */
export function moneyText(value: CellValue, field: string): string {
  const fen = moneyFen(value, field);
  return fen === null ? '' : formatYuan(fen);
}

/** "0.0262" → "2.62%", "0.005" → "0.5%": the decimal point moved two places, exactly (no binary float). */
export function percentText(rate: string): string {
  const negative = rate.startsWith('-');
  const [whole, fraction = ''] = (negative ? rate.slice(1) : rate).split('.');
  const padded = fraction.padEnd(2, '0');
  const rest = padded.slice(2).replace(/0+$/, '');
  return `${negative ? '-' : ''}${BigInt(whole + padded.slice(0, 2))}${rest ? `.${rest}` : ''}%`;
}

/** One line of a rendered section: a record, a group heading, a group subtotal or the totals row. */
export type SectionLine<Row> =
  | { kind: 'record'; row: Row; strong: boolean }
  | { kind: 'group'; label: string }
  | { kind: 'subtotal' | 'totals'; label: string; sums: Map<string, bigint> };

function sumsOf<Row>(section: ReportSection<Row>, rows: Row[]): Map<string, bigint> {
  const sums = new Map<string, bigint>();
  for (const column of section.columns.filter((c) => c.sum)) {
    let sum = 0n;
    for (const row of rows) {
      const value = row[column.key] as CellValue;
      if (column.unit === 'money') sum += moneyFen(value, column.key) ?? 0n;
      else if (value !== null && value !== undefined && value !== '') sum += BigInt(value);
    }
    sums.set(column.key, sum);
  }
  return sums;
}

/**
 * The lines every paper-like format shows, in order: records, with group headings and subtotals when grouped,
 * and the totals row last. Sums are exact (fen as bigint). CSV takes the records only.
 */
export function sectionLines<Row>(section: ReportSection<Row>): SectionLine<Row>[] {
  const lines: SectionLine<Row>[] = [];
  const record = (row: Row): SectionLine<Row> => ({ kind: 'record', row, strong: section.strong?.(row) ?? false });
  if (section.groupBy) {
    let group: { label: string; rows: Row[] } | undefined;
    const closeGroup = () => {
      if (group && section.totals) lines.push({ kind: 'subtotal', label: `${group.label} 小计`, sums: sumsOf(section, group.rows) });
    };
    for (const row of section.rows) {
      const label = section.groupBy(row);
      if (group?.label !== label) {
        closeGroup();
        group = { label, rows: [] };
        lines.push({ kind: 'group', label });
      }
      group!.rows.push(row);
      lines.push(record(row));
    }
    closeGroup();
  } else lines.push(...section.rows.map(record));
  if (section.totals) lines.push({ kind: 'totals', label: section.totals, sums: sumsOf(section, section.rows) });
  return lines;
}

/** The section a one-table format (CSV) holds. */
export function mainSection(report: Report): ReportSection {
  return report.sections.find((section) => section.main) ?? report.sections[0];
}

/** Where a totals label goes: the first column that is not summed (the first column when all are). */
export function labelColumnIndex(section: ReportSection): number {
  return Math.max(0, section.columns.findIndex((c) => !c.sum));
}

/** The parameters as one line under the title: "区划 990100 · 截至 2026-02-25 · 单位：元". */
export function parametersLine(report: Report): string {
  return report.parameters.map((p) => `${p.label} ${p.value}`).join(' · ');
}
