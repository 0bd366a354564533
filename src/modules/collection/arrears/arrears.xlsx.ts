/** XLSX of collection reports (finance and collection staff work in Excel): the dunning list and the collection KPIs. */
import type ExcelJS from 'exceljs';
import { newWorkbook } from '../../../platform/workbook.ts';
import type { DunningView } from './arrears.service.ts';

const MONEY = '#,##0.00;[Red]-#,##0.00';
const RATE = '0.00%';
/** Yuan strings become numbers only for display in Excel (exact to the fen below 10^13 yuan). */
export const yuan = (text: string) => Number(text);
export const rate = (text: string | null) => (text === null ? null : Number(text));

export interface ReportColumn { header: string; width: number; format?: 'money' | 'rate' }

/** A worksheet with a title, a subtitle, and a bold header row; money and rate columns formatted. */
export function reportSheet(workbook: ExcelJS.Workbook, name: string, title: string, subtitle: string, columns: ReportColumn[]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name);
  sheet.addRow([title]).font = { bold: true, size: 14 };
  sheet.addRow([subtitle]);
  sheet.addRow([]);
  sheet.addRow(columns.map((c) => c.header)).font = { bold: true };
  columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = c.width;
    if (c.format) sheet.getColumn(i + 1).numFmt = c.format === 'money' ? MONEY : RATE;
  });
  return sheet;
}

export async function workbookBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function dunningXlsx(list: DunningView): Promise<Buffer> {
  const workbook = await newWorkbook();
  const items = reportSheet(workbook, '催缴清单', '社会保险费催缴清单 Dunning list', `区划 ${list.regionCode}，截至 ${list.asOf}（单位：元）`, [
    { header: '统一社会信用代码 Credit code', width: 22 }, { header: '单位名称 Employer', width: 34 }, { header: '区划 Region', width: 10 },
    { header: '欠费本金 Principal', width: 16, format: 'money' }, { header: '滞纳金 Late fee', width: 14, format: 'money' },
    { header: '最早欠费期 Oldest period', width: 14 }, { header: '逾期天数 Days overdue', width: 12 }, { header: '账龄 Bucket', width: 10 },
  ]);
  for (const i of list.items) items.addRow([i.creditCode, i.employerName, i.regionCode, yuan(i.principal), yuan(i.lateFee), i.oldestPeriod, i.daysOverdue, i.bucket]);
  const ageing = reportSheet(workbook, '账龄分析', '欠费账龄分析 Ageing of arrears', `区划 ${list.regionCode}，截至 ${list.asOf}（单位：元）`, [
    { header: '逾期天数 Days overdue', width: 16 }, { header: '单位数 Employers', width: 14 }, { header: '欠费本金 Principal', width: 18, format: 'money' },
  ]);
  for (const b of list.buckets) ageing.addRow([b.bucket, b.employers, yuan(b.principal)]);
  return workbookBuffer(workbook);
}
