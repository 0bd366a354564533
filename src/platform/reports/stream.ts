/**
 * A report of one table too long to hold in memory (a list's export of every matching row, ../http/lists.ts): its
 * rows come page by page and leave as they come, as CSV or as an XLSX sheet written by exceljs's streaming writer,
 * so memory stays flat at a million rows. The cells are the ones renderCsv and renderXlsx write; the XLSX has the same
 * heading, frozen header and, with `totals`, a totals row summed as the rows pass.
 */
import { PassThrough, Readable } from 'node:stream';
import { CSV_BOM, csvField, csvRecord } from './csv.ts';
import { labelColumnIndex, moneyFen, reportSection, type CellValue, type Report, type ReportColumn } from './report.ts';
import { excelValue, headingRows, layColumns, styleHeaderRow } from './xlsx.ts';

export interface ReportStream<Row> extends Omit<Report, 'sections' | 'data'> {
  /** The sheet's name (at most 31 characters, none of []:*?/\). */
  sheetName: string;
  columns: ReportColumn<Row>[];
  /** The label of a totals row summing the `sum` columns (XLSX only: a CSV holds records). */
  totals?: string;
  pages: AsyncIterable<Row[]>;
}

export function streamCsv<Row>(report: ReportStream<Row>): Readable {
  async function* lines() {
    yield CSV_BOM + report.columns.map((c) => csvField(c.title)).join(',') + '\r\n';
    for await (const rows of report.pages) {
      if (rows.length) yield rows.map((row) => csvRecord(report.columns, row)).join('\r\n') + '\r\n';
    }
  }
  return Readable.from(lines());
}

export function streamXlsx<Row>(report: ReportStream<Row>): Readable {
  reportSection({ name: report.sheetName, columns: report.columns, rows: [] });
  const out = new PassThrough();
  void (async () => {
    const { default: excel } = await import('exceljs');
    const workbook = new excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    workbook.creator = 'sifund';
    workbook.title = report.title;
    const heading = headingRows({ ...report, sections: [], data: null });
    const sheet = workbook.addWorksheet(report.sheetName, { views: [{ state: 'frozen', ySplit: heading.length + 1 }] });
    layColumns(sheet, report.columns);
    for (const { cells, font } of heading) {
      const row = sheet.addRow(cells);
      if (font) row.font = font;
      row.commit();
    }
    const header = sheet.addRow(report.columns.map((c) => c.title));
    styleHeaderRow(header);
    header.commit();
    const summed = report.columns.filter((c) => c.sum);
    const sums = new Map(summed.map((c) => [c.key, 0n]));
    for await (const rows of report.pages) {
      for (const row of rows) {
        sheet.addRow(report.columns.map((c) => excelValue(c.unit, row[c.key] as CellValue, c.key))).commit();
        for (const column of summed) {
          const value = row[column.key] as CellValue;
          const amount = column.unit === 'money' ? moneyFen(value, column.key) : value === null || value === undefined || value === '' ? null : BigInt(value);
          sums.set(column.key, sums.get(column.key)! + (amount ?? 0n));
        }
      }
    }
    if (report.totals) {
      const labelAt = labelColumnIndex({ name: report.sheetName, columns: report.columns, rows: [] });
      const totals = sheet.addRow(report.columns.map((c, index) => (sums.has(c.key) ? excelValue(c.unit, sums.get(c.key)!, c.key) : index === labelAt ? report.totals! : null)));
      totals.font = { bold: true };
      totals.commit();
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}
