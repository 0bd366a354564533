/** What the tax-authority collection model says to people (税务征收模式: assessment file, collection file, reconciliation). */
import { defineFieldLabels, defineMessages } from '../../../platform/messages.ts';

export const taxSaid = defineMessages('collection.tax', {
  noTaxRegion: [
    '{period} 所属期 {region} 辖区内没有实行税务征收的区划（参数 collection.model）：社会保险费由经办机构征收，无需向税务部门传递核定信息',
    'no region under {region} has the tax authority collect for {period} (parameter collection.model): the agency collects there, so there is nothing to send the tax bureau',
  ],
  agencyCollects: [
    '单位 {creditCode} 所在区划 {region} 的 {period} 所属期由经办机构征收（参数 collection.model），不接收税务征收明细',
    'the agency, not the tax authority, collects in region {region} of employer {creditCode} for {period} (parameter collection.model)',
  ],
  unknownPerson: ['公民身份号码 {idNumber} 未参保登记：请先办理参保登记', 'no insured person with ID number {idNumber}: register the person first'],
  duplicateInFile: ['与第 {row} 行重复（同一电子税票号码、公民身份号码、险种）', 'repeats row {row} (the same tax voucher, ID number and insurance)'],
  recordedDifferently: [
    '电子税票号码 {taxVoucher}、公民身份号码 {idNumber}、{insurance} 已于此前导入，但单位、所属期、日期或金额不同（已导入：{creditCode} {period} {date} {amount}）',
    'tax voucher {taxVoucher}, ID number {idNumber}, {insurance} was imported before with another employer, period, date or amount ({creditCode} {period} {date} {amount})',
  ],
  formatCsvOrJson: ['须为 csv 或 json', 'must be csv or json'],
});

defineFieldLabels({
  insurance: ['险种', 'insurance'],
  taxVoucher: ['电子税票号码', 'tax voucher'],
});
