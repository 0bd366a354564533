/**
 * The error workbook of a refused import: the file's header and every row that has a problem, as it was written,
 * with a reason column (原因) listing the row's problems, so the sender corrects the rows in place and sends again.
 */
import { newWorkbook } from '../workbook.ts';

export interface ErrorRow { row_number: number; column_title: string; message: string; cells: string[] }

export async function errorWorkbook(header: string[], errors: ErrorRow[]): Promise<Buffer> {
  const workbook = await newWorkbook();
  const sheet = workbook.addWorksheet('错误行 errors');
  sheet.addRow(['行号 row', ...header, '原因 reason']);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const byRow = new Map<number, { cells: string[]; reasons: string[] }>();
  for (const error of errors) {
    const entry = byRow.get(error.row_number) ?? { cells: error.cells, reasons: [] };
    entry.reasons.push(`${error.column_title}: ${error.message}`);
    byRow.set(error.row_number, entry);
  }
  for (const [row, { cells, reasons }] of [...byRow].sort((a, b) => a[0] - b[0])) {
    const width = Math.max(header.length, cells.length);
    // Cells stay text (an ID number must not turn into 9.9E+17).
    sheet.addRow([row, ...Array.from({ length: width }, (_, i) => cells[i] ?? ''), reasons.join('; ')]);
  }
  for (let i = 2; i <= header.length + 1; i++) sheet.getColumn(i).numFmt = '@';
  sheet.getColumn(header.length + 2).width = 60;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
