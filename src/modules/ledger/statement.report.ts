/** The ledger's statements as reports (R10.2): trial balance, 基金收支表, 银行存款余额调节表. */
import { formatYuan, parseYuan } from '../../platform/money.ts';
import { reportSection, type Report } from '../../platform/reports/report.ts';
import type { TrialBalanceLine, TrialBalanceView } from './balance.service.ts';
import type { IncomeExpenditureView, StatementLineView } from './statement.service.ts';
import type { ReconciliationStatementText } from './bank/reconciliation.service.ts';

/** Cash-basis fund accounting: the chart of accounts and the statements of 《社会保险基金会计制度》. */
const ACCOUNTING_BASIS = '《社会保险基金会计制度》（财会〔2017〕28号）';

export function trialBalanceReport(tb: TrialBalanceView): Report<TrialBalanceView> {
  return {
    title: '试算平衡表', titleEnglish: 'Trial balance', fileName: `试算平衡表-${tb.fund}-${tb.period}`,
    parameters: [{ label: '基金', value: tb.fund }, { label: '会计期间', value: tb.period }, { label: '金额单位', value: '元' }],
    legalBasis: ACCOUNTING_BASIS, landscape: true, data: tb,
    sections: [reportSection<TrialBalanceLine>({
      name: '试算平衡表', rows: tb.accounts, totals: '合计',
      columns: [
        { key: 'code', title: '科目编码', titleEnglish: 'Code', unit: 'text', width: 14 },
        { key: 'name', title: '科目名称', titleEnglish: 'Account', unit: 'text', width: 34 },
        { key: 'role', title: '类别', titleEnglish: 'Role', unit: 'text', width: 14 },
        { key: 'opening', title: '期初余额', titleEnglish: 'Opening', unit: 'money', width: 18, sum: true },
        { key: 'debit', title: '本期借方', titleEnglish: 'Debit', unit: 'money', width: 18, sum: true },
        { key: 'credit', title: '本期贷方', titleEnglish: 'Credit', unit: 'money', width: 18, sum: true },
        { key: 'closing', title: '期末余额', titleEnglish: 'Closing', unit: 'money', width: 18, sum: true },
      ],
    })],
  };
}

interface AmountRow { line: string; period: string | null; yearToDate: string | null; strong: boolean }

export function incomeExpenditureReport(s: IncomeExpenditureView): Report<IncomeExpenditureView> {
  const rows: AmountRow[] = [];
  const heading = (line: string, period: string | null, yearToDate: string | null) => rows.push({ line, period, yearToDate, strong: true });
  const lines = (items: StatementLineView[]) => {
    for (const l of items) {
      rows.push({ line: `  ${l.name}`, period: l.period, yearToDate: l.yearToDate, strong: false });
      for (const d of l.detail ?? []) rows.push({ line: `      ${d.name}`, period: d.period, yearToDate: d.yearToDate, strong: false });
    }
  };
  heading('一、本年收入', s.totalIncome.period, s.totalIncome.yearToDate);
  lines(s.income);
  heading('二、本年支出', s.totalExpenditure.period, s.totalExpenditure.yearToDate);
  lines(s.expenditure);
  heading('三、本年收支结余', s.surplus.period, s.surplus.yearToDate);
  rows.push({ line: '四、上年滚存结余', period: null, yearToDate: s.balanceBroughtForward, strong: false });
  heading('五、年末滚存结余', null, s.balanceCarriedForward);
  return {
    title: `${s.fundName} 基金收支表`, titleEnglish: 'Income and expenditure statement', fileName: `基金收支表-${s.fund}-${s.range}`,
    parameters: [{ label: '基金', value: s.fund }, { label: '期间', value: `${s.range}（${s.from} 至 ${s.to}）` }, { label: '金额单位', value: '元' }],
    legalBasis: ACCOUNTING_BASIS, data: s,
    sections: [reportSection<AmountRow>({
      name: '基金收支表', rows, strong: (row) => row.strong,
      columns: [
        { key: 'line', title: '项目', titleEnglish: 'Line', unit: 'text', width: 40 },
        { key: 'period', title: '本期数', titleEnglish: 'Period', unit: 'money', width: 20 },
        { key: 'yearToDate', title: '本年累计', titleEnglish: 'Year to date', unit: 'money', width: 20 },
      ],
    })],
  };
}

interface ReconciliationRow { item: string; amount: string | null; date: string | null; ageDays: number | null; strong: boolean }
type ReconciliationItems = ReconciliationStatementText['bankReceivedNotInLedger'];

export function reconciliationReport(r: ReconciliationStatementText): Report<ReconciliationStatementText> {
  const rows: ReconciliationRow[] = [];
  const total = (item: string, amount: string | null) => rows.push({ item, amount, date: null, ageDays: null, strong: true });
  const items = (label: string, list: ReconciliationItems) => {
    rows.push({ item: label, amount: formatYuan(list.reduce((sum, i) => sum + parseYuan(i.amount), 0n)), date: null, ageDays: null, strong: false });
    for (const i of list) rows.push({ item: `    ${i.reference ?? ''} ${i.description ?? ''}`.trimEnd(), amount: i.amount, date: i.date, ageDays: i.ageDays, strong: false });
  };
  total('企业账面余额 Ledger balance', r.ledgerBalance);
  items('加：银行已收、企业未收', r.bankReceivedNotInLedger);
  items('减：银行已付、企业未付', r.bankPaidNotInLedger);
  total('调节后的存款余额 Adjusted ledger balance', r.adjustedLedgerBalance);
  total('银行对账单余额 Bank balance', r.bankBalance);
  items('加：企业已收、银行未收', r.ledgerReceivedNotInBank);
  items('减：企业已付、银行未付', r.ledgerPaidNotInBank);
  total('调节后的存款余额 Adjusted bank balance', r.adjustedBankBalance);
  total(r.agrees ? '调节后余额相符 The adjusted balances agree' : `调节后余额不符 Not reconciled: ${r.reason ?? ''}`, null);
  return {
    title: '银行存款余额调节表', titleEnglish: 'Bank reconciliation statement', fileName: `银行存款余额调节表-${r.fund}-${r.account}-${r.period}`,
    parameters: [{ label: '基金', value: r.fundName }, { label: '账户', value: `${r.account} ${r.accountName}` }, { label: '截至', value: r.asOf }, { label: '金额单位', value: '元' }],
    legalBasis: ACCOUNTING_BASIS, data: r,
    sections: [reportSection<ReconciliationRow>({
      name: '银行存款余额调节表', rows, strong: (row) => row.strong,
      columns: [
        { key: 'item', title: '项目', titleEnglish: 'Item', unit: 'text', width: 44 },
        { key: 'amount', title: '金额', titleEnglish: 'Amount', unit: 'money', width: 18 },
        { key: 'date', title: '日期', titleEnglish: 'Date', unit: 'date' },
        { key: 'ageDays', title: '账龄(天)', titleEnglish: 'Age in days', unit: 'count' },
      ],
    })],
  };
}
