/**
 * A report as CSV for other programs and for Excel: UTF-8 with a byte order mark (without it Excel in a Chinese
 * office reads the file as GBK and garbles every Chinese character), a header row of the Chinese column titles,
 * then one row per record — no title, group or totals rows, which a program would take for records. RFC 4180:
 * CRLF line ends; a field with a comma, a quote or a line break is quoted, its quotes doubled. Money is plain
 * yuan ("1234.56", no thousands separator), rates the exact decimal.
 *
 * A CSV holds one table: the report's main section (the first unless another is marked `main`). The other sections
 * (an ageing summary, say) are in the XLSX and the PDF.
 */
import { mainSection, moneyText, type CellValue, type Report, type ReportColumn } from './report.ts';

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
export const CSV_BOM = '\uFEFF';

export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record as a CSV line (without its line end): money as plain yuan, the rest as text. */
export function csvRecord<Row>(columns: readonly ReportColumn<Row>[], row: Row): string {
  return columns.map((c) => {
    const value = row[c.key] as CellValue;
    if (c.unit === 'money') return moneyText(value, c.key);
    return value === null || value === undefined ? '' : csvField(String(value));
  }).join(',');
}

export function renderCsv(report: Report): Buffer {
  const section = mainSection(report);
  const lines = [section.columns.map((c) => csvField(c.title)).join(',')];
  for (const row of section.rows) lines.push(csvRecord(section.columns, row));
  return Buffer.from(CSV_BOM + lines.join('\r\n') + '\r\n', 'utf8');
}
