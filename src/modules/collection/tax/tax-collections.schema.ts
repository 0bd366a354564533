/**
 * The tax bureau's collection file (税务征收明细), read by the import pipeline (src/platform/imports): CSV (UTF-8 with
 * or without BOM, or GB18030/GBK) or XLSX, one row per person, insurance and voucher, header
 * `date,period,creditCode,idNumber,insurance,amount,taxVoucher` or the Chinese titles (入库日期, 费款所属期,
 * 统一社会信用代码, 公民身份号码, 征收品目, 金额, 电子税票号码). A row's identity is its tax voucher, ID number and
 * insurance: the same again is the same money (docs/collection.md "税务征收模式").
 */
import { registerFields, type ImportSchema } from '../../../platform/imports/index.ts';

registerFields({
  date: { titles: ['入库日期'] },
  // 费款所属期: the month the contributions are for (the ledger's import names it 会计期间 / 期间)
  period: { titles: ['费款所属期', '所属期'] },
  insurance: {
    titles: ['征收品目', '费种', '征收险种'],
    values: {
      养老保险: 'pension', 基本养老保险: 'pension', 企业职工基本养老保险: 'pension', 基本养老保险费: 'pension',
      医疗保险: 'medical', 基本医疗保险: 'medical', 职工基本医疗保险: 'medical', 基本医疗保险费: 'medical',
      失业保险: 'unemployment', 失业保险费: 'unemployment',
      工伤保险: 'work_injury', 工伤保险费: 'work_injury',
      生育保险: 'maternity', 生育保险费: 'maternity',
      职业年金: 'occupational_annuity',
    },
  },
  taxVoucher: { titles: ['电子税票号码', '完税凭证号', '税票号码'] },
});

export const taxCollectionsSchema: ImportSchema = {
  kind: 'tax_collections',
  columns: [
    { field: 'date', required: true, type: 'date', example: '2026-02-10' },
    { field: 'period', required: true, example: '2026-01' },
    { field: 'creditCode', required: true, example: '91110000600037341L' },
    { field: 'idNumber', required: true, example: '11010519491231002X' },
    { field: 'insurance', required: true, type: 'code', example: 'pension' },
    { field: 'amount', required: true, type: 'amount', example: '1234.56' },
    { field: 'taxVoucher', required: true, example: '326016260100012345' },
  ],
};
