/** XLSX of the individual account statement (个人账户对账单), for the counter and for the insured person. */
import { newWorkbook } from '../../../platform/workbook.ts';
import type { AccountStatement } from './accounts.service.ts';

const MONEY = '#,##0.00;[Red]-#,##0.00';
/** Yuan strings become numbers only for display in Excel (exact to the fen below 10^13 yuan). */
const yuan = (text: string) => Number(text);

const kindLabels: Record<string, string> = {
  contribution: '缴费记账 Contribution', opening: '建账余额 Opening balance', transfer_in: '转入 Transfer in', transfer_out: '转出 Transfer out',
};

export async function accountStatementXlsx(statement: AccountStatement): Promise<Buffer> {
  const workbook = await newWorkbook();
  const ws = workbook.addWorksheet('个人账户对账单');
  ws.addRow([`个人账户对账单 Individual account statement — ${statement.year}`]).font = { bold: true, size: 14 };
  ws.addRow([`${statement.name}  公民身份号码 ${statement.idNumber}（单位：元）`]);
  ws.addRow([]);
  const header = ws.addRow(['所属期 Period', '摘要 Item', '缴费通知单 Bill', '参保单位 Employer', '金额 Amount']);
  header.font = { bold: true };
  [12, 28, 24, 34, 18].forEach((width, index) => { ws.getColumn(index + 1).width = width; });
  ws.getColumn(5).numFmt = MONEY;
  ws.addRow(['', '上年末余额 Opening balance', '', '', yuan(statement.opening)]).font = { bold: true };
  for (const credit of statement.credits) {
    ws.addRow([credit.period ?? '', kindLabels[credit.kind] ?? credit.kind, credit.billNumber ?? '', credit.employerName ?? '', yuan(credit.amount)]);
  }
  ws.addRow(['', '本年记账合计 Credits', '', '', yuan(statement.creditsTotal)]);
  ws.addRow(['', `本年利息 Interest${statement.rate === null ? '（未计息 not yet credited）' : `（记账利率 ${statement.rate}）`}`, '', '', yuan(statement.interest)]);
  ws.addRow(['', '年末余额 Closing balance', '', '', yuan(statement.closing)]).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
