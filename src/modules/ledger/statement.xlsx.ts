/** XLSX of every ledger statement (R10.2: finance staff live in Excel): trial balance, 基金收支表, 银行存款余额调节表. */
import type ExcelJS from 'exceljs';
import { newWorkbook } from '../../platform/workbook.ts';
import type { TrialBalanceView } from './balance.service.ts';
import type { IncomeExpenditureView, StatementLineView } from './statement.service.ts';
import type { ReconciliationStatementView } from './bank/reconciliation.service.ts';

const MONEY = '#,##0.00;[Red]-#,##0.00';
/** Yuan strings become numbers only for display in Excel (exact to the fen below 10^13 yuan). */
const yuan = (text: string | null) => (text === null ? null : Number(text));

function sheet(workbook: ExcelJS.Workbook, name: string, title: string, subtitle: string, columns: { header: string; width: number; money?: boolean }[]) {
  const ws = workbook.addWorksheet(name);
  ws.addRow([title]).font = { bold: true, size: 14 };
  ws.addRow([subtitle]);
  ws.addRow([]);
  const header = ws.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  columns.forEach((c, i) => { ws.getColumn(i + 1).width = c.width; if (c.money) ws.getColumn(i + 1).numFmt = MONEY; });
  return ws;
}

async function buffer(workbook: ExcelJS.Workbook) {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function trialBalanceXlsx(tb: TrialBalanceView): Promise<Buffer> {
  const workbook = await newWorkbook();
  const ws = sheet(workbook, '试算平衡表', `试算平衡表 Trial balance — ${tb.fund}`, `会计期间 ${tb.period}（单位：元）`, [
    { header: '科目编码 Code', width: 14 }, { header: '科目名称 Account', width: 34 }, { header: '类别 Role', width: 14 },
    { header: '期初余额 Opening', width: 18, money: true }, { header: '本期借方 Debit', width: 18, money: true },
    { header: '本期贷方 Credit', width: 18, money: true }, { header: '期末余额 Closing', width: 18, money: true },
  ]);
  for (const a of tb.accounts) ws.addRow([a.code, a.name, a.role, yuan(a.opening), yuan(a.debit), yuan(a.credit), yuan(a.closing)]);
  ws.addRow(['', '合计 Total', '', yuan(tb.totals.opening), yuan(tb.totals.debit), yuan(tb.totals.credit), yuan(tb.totals.closing)]).font = { bold: true };
  return buffer(workbook);
}

export async function incomeExpenditureXlsx(s: IncomeExpenditureView): Promise<Buffer> {
  const workbook = await newWorkbook();
  const ws = sheet(workbook, '基金收支表', `${s.fundName} 基金收支表`, `${s.range}（${s.from} 至 ${s.to}，单位：元）`, [
    { header: '项目 Line', width: 40 }, { header: '本期数 Period', width: 20, money: true }, { header: '本年累计 Year to date', width: 20, money: true },
  ]);
  const lines = (items: StatementLineView[], indent = '  ') => {
    for (const l of items) {
      ws.addRow([`${indent}${l.name}`, yuan(l.period), yuan(l.yearToDate)]);
      if (l.detail) for (const d of l.detail) ws.addRow([`${indent}    ${d.name}`, yuan(d.period), yuan(d.yearToDate)]);
    }
  };
  ws.addRow(['一、本年收入', yuan(s.totalIncome.period), yuan(s.totalIncome.yearToDate)]).font = { bold: true };
  lines(s.income);
  ws.addRow(['二、本年支出', yuan(s.totalExpenditure.period), yuan(s.totalExpenditure.yearToDate)]).font = { bold: true };
  lines(s.expenditure);
  ws.addRow(['三、本年收支结余', yuan(s.surplus.period), yuan(s.surplus.yearToDate)]).font = { bold: true };
  ws.addRow(['四、上年滚存结余', null, yuan(s.balanceBroughtForward)]);
  ws.addRow(['五、年末滚存结余', null, yuan(s.balanceCarriedForward)]).font = { bold: true };
  return buffer(workbook);
}

export async function reconciliationXlsx(r: ReconciliationStatementView): Promise<Buffer> {
  const workbook = await newWorkbook();
  const ws = sheet(workbook, '银行存款余额调节表', `银行存款余额调节表 — ${r.fundName}`, `${r.account} ${r.accountName}，截至 ${r.asOf}（单位：元）`, [
    { header: '项目 Item', width: 44 }, { header: '金额 Amount', width: 18, money: true }, { header: '日期 Date', width: 12 }, { header: '账龄(天) Age', width: 10 },
  ]);
  const items = (label: string, list: ReconciliationStatementView['bankReceivedNotInLedger']) => {
    const total = list.reduce((s, i) => s + Number(i.amount), 0);
    ws.addRow([label, Math.round(total * 100) / 100]);
    for (const i of list) ws.addRow([`    ${i.reference ?? ''} ${i.description ?? ''}`.trimEnd(), yuan(i.amount), i.date, i.ageDays]);
  };
  ws.addRow(['企业账面余额 Ledger balance', yuan(r.ledgerBalance)]).font = { bold: true };
  items('加：银行已收、企业未收', r.bankReceivedNotInLedger);
  items('减：银行已付、企业未付', r.bankPaidNotInLedger);
  ws.addRow(['调节后的存款余额 Adjusted ledger balance', yuan(r.adjustedLedgerBalance)]).font = { bold: true };
  ws.addRow([]);
  ws.addRow(['银行对账单余额 Bank balance', yuan(r.bankBalance)]).font = { bold: true };
  items('加：企业已收、银行未收', r.ledgerReceivedNotInBank);
  items('减：企业已付、银行未付', r.ledgerPaidNotInBank);
  ws.addRow(['调节后的存款余额 Adjusted bank balance', yuan(r.adjustedBankBalance)]).font = { bold: true };
  ws.addRow([]);
  ws.addRow([r.agrees ? '调节后余额相符 The adjusted balances agree' : `调节后余额不符 Not reconciled: ${r.reason ?? ''}`]).font = { bold: true, color: { argb: r.agrees ? 'FF006100' : 'FF9C0006' } };
  return buffer(workbook);
}
