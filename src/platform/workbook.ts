/**
 * A new ExcelJS workbook. exceljs takes ~0.3 s to load, more than the rest of a CLI start together, and only the
 * spreadsheet imports and exports need it: it is loaded on the first workbook, not by every command and server start.
 */
import type ExcelJS from 'exceljs';

export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: excel } = await import('exceljs');
  return new excel.Workbook();
}
