/**
 * A report as an XLSX workbook: a sheet per section; the title, the parameters and the legal basis above a frozen
 * header row of Chinese column titles; money as numbers formatted `#,##0.00`, rates as percentages, dates as dates.
 */
import type ExcelJS from 'exceljs';
import { newWorkbook } from '../workbook.ts';
import { labelColumnIndex, moneyFen, parametersLine, sectionLines, type CellValue, type ColumnUnit, type Report, type ReportColumn, type ReportSection } from './report.ts';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const numberFormats: Partial<Record<ColumnUnit, string>> = {
  money: '#,##0.00;[Red]-#,##0.00',
  rate: '0.00##%',
  count: '#,##0',
  date: 'yyyy-mm-dd',
};
const defaultWidths: Record<ColumnUnit, number> = { money: 16, rate: 10, count: 10, date: 12, period: 10, text: 20 };

/**
 * A cell's value for Excel. Money becomes a number of yuan only for display (exact to the fen below 2^53 fen,
 * about 90 trillion yuan); a date becomes a date at midnight UTC, which Excel shows as that day.
 */
export function excelValue(unit: ColumnUnit, value: CellValue, field: string): ExcelJS.CellValue {
  if (value === null || value === undefined || value === '') return null;
  switch (unit) {
    case 'money': return Number(moneyFen(value, field)) / 100;
    case 'rate': return Number(value);
    case 'count': return Number(value);
    case 'date': return new Date(`${String(value)}T00:00:00Z`);
    default: return String(value);
  }
}

/** The rows above a sheet's table (title, English title, parameters, legal basis, a blank row), each with its font. */
export function headingRows(report: Report, sectionTitle?: string): Array<{ cells: string[]; font?: Partial<ExcelJS.Font> }> {
  return [
    { cells: [sectionTitle && sectionTitle !== report.title ? `${report.title} — ${sectionTitle}` : report.title], font: { bold: true, size: 14 } },
    ...(report.titleEnglish ? [{ cells: [report.titleEnglish], font: { italic: true } }] : []),
    ...(report.parameters.length ? [{ cells: [parametersLine(report)] }] : []),
    ...(report.legalBasis ? [{ cells: [`依据：${report.legalBasis}`], font: { italic: true, size: 9 } }] : []),
    { cells: [] },
  ];
}

/** The header row of column titles, bold on grey (the sheet's views freeze it). */
export function styleHeaderRow(header: ExcelJS.Row): void {
  header.font = { bold: true };
  header.eachCell((cell) => { cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } }; });
}

/** Each column's width and number format by its unit. */
export function layColumns(sheet: ExcelJS.Worksheet, columns: readonly ReportColumn<any>[]): void {
  columns.forEach((column, index) => {
    const sheetColumn = sheet.getColumn(index + 1);
    sheetColumn.width = column.width ?? Math.max(defaultWidths[column.unit], column.title.length * 2 + 2);
    const format = numberFormats[column.unit];
    if (format) sheetColumn.numFmt = format;
  });
}

function addSectionSheet(workbook: ExcelJS.Workbook, report: Report, section: ReportSection) {
  const sheet = workbook.addWorksheet(section.name);
  for (const { cells, font } of headingRows(report, section.title)) {
    const row = sheet.addRow(cells);
    if (font) row.font = font;
  }
  const header = sheet.addRow(section.columns.map((c) => c.title));
  styleHeaderRow(header);
  sheet.views = [{ state: 'frozen', ySplit: header.number }];
  layColumns(sheet, section.columns);
  const labelAt = labelColumnIndex(section);
  for (const line of sectionLines(section)) {
    if (line.kind === 'record') {
      const row = sheet.addRow(section.columns.map((c) => excelValue(c.unit, line.row[c.key] as CellValue, c.key)));
      if (line.strong) row.font = { bold: true };
    } else if (line.kind === 'group') {
      sheet.addRow([line.label]).font = { bold: true };
    } else {
      const cells = section.columns.map((c, index) => (line.sums.has(c.key) ? excelValue(c.unit, line.sums.get(c.key)!, c.key) : index === labelAt ? line.label : null));
      sheet.addRow(cells).font = { bold: true };
    }
  }
}

/** Every section of the report, a sheet each, as an XLSX file. */
export async function renderXlsx(report: Report): Promise<Buffer> {
  const workbook = await newWorkbook();
  workbook.creator = 'sifund';
  workbook.title = report.title;
  for (const section of report.sections) addSectionSheet(workbook, report, section);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
