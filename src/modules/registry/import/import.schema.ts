/**
 * What the registry imports read (R1.5): the columns of each kind, their types and template examples, the registry's
 * own headers and coded values in the one import dictionary, and the XLSX templates. Files are read by the import
 * pipeline (src/platform/imports): CSV in UTF-8 or GB18030/GBK, or XLSX; English or Chinese headers.
 */
import { newWorkbook } from '../../../platform/workbook.ts';
import { registerFields, titleOf, type ImportSchema } from '../../../platform/imports/index.ts';

export const importKinds = ['employers', 'persons', 'employments'] as const;
export type ImportKind = (typeof importKinds)[number];

registerFields({
  industryCode: { titles: ['行业门类', '行业代码'] },
  workInjuryClass: { titles: ['工伤风险类别', '行业风险类别'] },
  employerType: {
    titles: ['单位类型'],
    values: { 企业: 'enterprise', 机关: 'government', 机关单位: 'government', 全额拨款事业单位: 'institution_full', 差额拨款事业单位: 'institution_partial', 自收自支事业单位: 'institution_self', 其他: 'other' },
  },
  hiredOn: { titles: ['用工日期', '入职日期', '参工日期'] },
  insurances: { titles: ['参保险种', '险种'] },
  monthlyWage: { titles: ['月缴费工资', '缴费工资', '月工资'] },
});

export const importSchemas: Record<ImportKind, ImportSchema> = {
  employers: { kind: 'employers', columns: [
    { field: 'creditCode', required: true, example: '91110000600037341L' },
    { field: 'name', required: true, example: '示范市某某有限公司' },
    { field: 'regionCode', example: '990102' },
    { field: 'industryCode', example: 'C' },
    { field: 'workInjuryClass', example: '3' },
    { field: 'employerType', type: 'code', example: '企业' },
  ] },
  persons: { kind: 'persons', columns: [
    { field: 'idNumber', required: true, example: '11010519491231002X' },
    { field: 'name', required: true, example: '张三' },
    { field: 'gender', type: 'code', example: '女' },
    { field: 'birthDate', type: 'date', example: '1949-12-31' },
    { field: 'hukouType', type: 'code', example: '城镇' },
    { field: 'occupation', example: '会计' },
    { field: 'phone', example: '13800000000' },
    { field: 'regionCode', example: '990102' },
  ] },
  employments: { kind: 'employments', columns: [
    { field: 'creditCode', required: true, example: '91110000600037341L' },
    { field: 'idNumber', required: true, example: '11010519491231002X' },
    { field: 'hiredOn', required: true, type: 'date', example: '2025-03-01' },
    { field: 'insurances', example: 'pension,medical,unemployment,work_injury' },
    { field: 'monthlyWage', type: 'amount', example: '8000.00' },
  ] },
};

/**
 * The XLSX template of a kind: the Chinese titles (required ones marked *) and one example row, in grey italics with
 * a note. The pipeline never imports a row equal to the example row, so a template sent back as is imports nothing.
 */
export async function importTemplate(kind: ImportKind): Promise<Buffer> {
  const workbook = await newWorkbook();
  const sheet = workbook.addWorksheet(kind);
  const columns = importSchemas[kind].columns;
  sheet.addRow(columns.map((c) => (c.required ? `${titleOf(c.field)}*` : titleOf(c.field))));
  sheet.addRow(columns.map((c) => c.example));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(2).font = { italic: true, color: { argb: 'FF808080' } };
  sheet.getCell(2, 1).note = '示例行：导入时忽略 (example row: never imported)';
  columns.forEach((_c, i) => { sheet.getColumn(i + 1).width = 22; sheet.getColumn(i + 1).numFmt = '@'; });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
