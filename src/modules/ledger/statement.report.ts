/** The ledger's statements as reports (R10.2): trial balance, 基金收支表, 银行存款余额调节表. */
import { formatYuan, parseYuan } from '../../platform/money.ts';
import { reportSection, type Report } from '../../platform/reports/report.ts';
import type { TrialBalanceLine, TrialBalanceView } from './balance.service.ts';
import type { IncomeExpenditureView, StatementLineView } from './statement.service.ts';
import type { ReconciliationStatementText } from './bank/reconciliation.service.ts';
import { balanceSums, directedBalance, directionWords, type Side } from './direction.calc.ts';

/** Cash-basis fund accounting: the chart of accounts and the statements of 《社会保险基金会计制度》. */
const ACCOUNTING_BASIS = '《社会保险基金会计制度》（财会〔2017〕28号）';

/** A signed balance (yuan text) as its 方向 word and a positive amount. */
function directed(signedYuan: string, positiveSide: Side = 'debit'): { direction: string; amount: string } {
  const balance = directedBalance(parseYuan(signedYuan), positiveSide);
  return { direction: directionWords[balance.direction], amount: formatYuan(balance.amount) };
}

interface TrialBalanceRow {
  code: string; name: string; openingDirection: string | null; opening: string | null; debit: string | null; credit: string | null;
  closingDirection: string | null; closing: string | null; strong: boolean;
}

const hasNothing = (line: TrialBalanceLine) => [line.opening, line.debit, line.credit, line.closing].every((value) => value === '0.00');

/**
 * 科目余额表 as the page shows it: each balance as 方向 and a positive amount, the movements as 借方 and 贷方; accounts
 * with no balance and no movement left out unless `zero`; a 合计 row (the balances' net, 平 when the ledger balances;
 * 借方合计 = 贷方合计) and the sums of the debit and of the credit balances.
 */
export function trialBalanceReport(tb: TrialBalanceView, options: { zero?: boolean } = {}): Report<TrialBalanceView> {
  const accounts = options.zero ? tb.accounts : tb.accounts.filter((line) => !hasNothing(line));
  const balanceRow = (code: string, name: string, opening: string, closing: string, movements: { debit: string; credit: string } | null, strong: boolean): TrialBalanceRow => {
    const open = directed(opening);
    const close = directed(closing);
    return {
      code, name, openingDirection: open.direction, opening: open.amount, debit: movements?.debit ?? null, credit: movements?.credit ?? null,
      closingDirection: close.direction, closing: close.amount, strong,
    };
  };
  const sideSums = (pick: (line: TrialBalanceLine) => string) => balanceSums(tb.accounts.map((line) => parseYuan(pick(line))));
  const opening = sideSums((line) => line.opening);
  const closing = sideSums((line) => line.closing);
  const rows: TrialBalanceRow[] = [
    ...accounts.map((line) => balanceRow(line.code, line.name, line.opening, line.closing, line, false)),
    balanceRow('', '合计', tb.totals.opening, tb.totals.closing, tb.totals, true),
    balanceRow('', '借方余额合计', formatYuan(opening.debit), formatYuan(closing.debit), null, true),
    balanceRow('', '贷方余额合计', formatYuan(-opening.credit), formatYuan(-closing.credit), null, true),
  ];
  return {
    title: '科目余额表', titleEnglish: 'Trial balance', fileName: `科目余额表-${tb.fund}-${tb.period}`,
    parameters: [{ label: '基金', value: tb.fund }, { label: '会计期间', value: tb.period }, { label: '金额单位', value: '元' }],
    legalBasis: ACCOUNTING_BASIS, landscape: true, data: tb,
    sections: [reportSection<TrialBalanceRow>({
      name: '科目余额表', rows, strong: (row) => row.strong,
      columns: [
        { key: 'code', title: '科目编码', titleEnglish: 'Code', unit: 'text', width: 14 },
        { key: 'name', title: '科目名称', titleEnglish: 'Account', unit: 'text', width: 34 },
        { key: 'openingDirection', title: '期初方向', titleEnglish: 'Opening side', unit: 'text', width: 8 },
        { key: 'opening', title: '期初余额', titleEnglish: 'Opening', unit: 'money', width: 18 },
        { key: 'debit', title: '本期借方', titleEnglish: 'Debit', unit: 'money', width: 18 },
        { key: 'credit', title: '本期贷方', titleEnglish: 'Credit', unit: 'money', width: 18 },
        { key: 'closingDirection', title: '期末方向', titleEnglish: 'Closing side', unit: 'text', width: 8 },
        { key: 'closing', title: '期末余额', titleEnglish: 'Closing', unit: 'money', width: 18 },
      ],
    })],
  };
}

/** A line of 基金收支表: flows signed as they are; the 滚存结余 balances with their direction (credit-positive). */
interface AmountRow { line: string; period: string | null; direction: string | null; yearToDate: string | null; strong: boolean }

export function incomeExpenditureReport(s: IncomeExpenditureView): Report<IncomeExpenditureView> {
  const rows: AmountRow[] = [];
  const heading = (line: string, period: string | null, yearToDate: string | null) => rows.push({ line, period, direction: null, yearToDate, strong: true });
  const lines = (items: StatementLineView[]) => {
    for (const l of items) {
      rows.push({ line: `  ${l.name}`, period: l.period, direction: null, yearToDate: l.yearToDate, strong: false });
      for (const d of l.detail ?? []) rows.push({ line: `      ${d.name}`, period: d.period, direction: null, yearToDate: d.yearToDate, strong: false });
    }
  };
  // 滚存结余 is the fund balance (基金结余): credit-positive, a deficit on the debit side
  const balance = (line: string, signed: string, strong: boolean) => {
    const { direction, amount } = directed(signed, 'credit');
    rows.push({ line, period: null, direction, yearToDate: amount, strong });
  };
  heading('一、本年收入', s.totalIncome.period, s.totalIncome.yearToDate);
  lines(s.income);
  heading('二、本年支出', s.totalExpenditure.period, s.totalExpenditure.yearToDate);
  lines(s.expenditure);
  heading('三、本年收支结余', s.surplus.period, s.surplus.yearToDate);
  balance('四、上年滚存结余', s.balanceBroughtForward, false);
  balance('五、年末滚存结余', s.balanceCarriedForward, true);
  return {
    title: `${s.fundName} 基金收支表`, titleEnglish: 'Income and expenditure statement', fileName: `基金收支表-${s.fund}-${s.range}`,
    parameters: [{ label: '基金', value: s.fund }, { label: '期间', value: `${s.range}（${s.from} 至 ${s.to}）` }, { label: '金额单位', value: '元' }],
    legalBasis: ACCOUNTING_BASIS, data: s,
    sections: [reportSection<AmountRow>({
      name: '基金收支表', rows, strong: (row) => row.strong,
      columns: [
        { key: 'line', title: '项目', titleEnglish: 'Line', unit: 'text', width: 40 },
        { key: 'period', title: '本期数', titleEnglish: 'Period', unit: 'money', width: 20 },
        { key: 'direction', title: '方向', titleEnglish: 'Side', unit: 'text', width: 8 },
        { key: 'yearToDate', title: '本年累计', titleEnglish: 'Year to date', unit: 'money', width: 20 },
      ],
    })],
  };
}

/** A line of 银行存款余额调节表: a balance with its direction (debit-positive: a bank deposit), or an adjusting item. */
interface ReconciliationRow { item: string; direction: string | null; amount: string | null; date: string | null; ageDays: number | null; strong: boolean }
type ReconciliationItems = ReconciliationStatementText['bankReceivedNotInLedger'];

export function reconciliationReport(r: ReconciliationStatementText): Report<ReconciliationStatementText> {
  const rows: ReconciliationRow[] = [];
  const balance = (item: string, signed: string | null) => {
    const shown = signed === null ? { direction: null, amount: null } : directed(signed);
    rows.push({ item, ...shown, date: null, ageDays: null, strong: true });
  };
  const items = (label: string, list: ReconciliationItems) => {
    rows.push({ item: label, direction: null, amount: formatYuan(list.reduce((sum, i) => sum + parseYuan(i.amount), 0n)), date: null, ageDays: null, strong: false });
    for (const i of list) rows.push({ item: `    ${i.reference ?? ''} ${i.description ?? ''}`.trimEnd(), direction: null, amount: i.amount, date: i.date, ageDays: i.ageDays, strong: false });
  };
  balance('企业账面余额 Ledger balance', r.ledgerBalance);
  items('加：银行已收、企业未收', r.bankReceivedNotInLedger);
  items('减：银行已付、企业未付', r.bankPaidNotInLedger);
  balance('调节后的存款余额 Adjusted ledger balance', r.adjustedLedgerBalance);
  balance('银行对账单余额 Bank balance', r.bankBalance);
  items('加：企业已收、银行未收', r.ledgerReceivedNotInBank);
  items('减：企业已付、银行未付', r.ledgerPaidNotInBank);
  balance('调节后的存款余额 Adjusted bank balance', r.adjustedBankBalance);
  rows.push({ item: r.agrees ? '调节后余额相符 The adjusted balances agree' : `调节后余额不符 Not reconciled: ${r.reason ?? ''}`, direction: null, amount: null, date: null, ageDays: null, strong: true });
  return {
    title: '银行存款余额调节表', titleEnglish: 'Bank reconciliation statement', fileName: `银行存款余额调节表-${r.fund}-${r.account}-${r.period}`,
    parameters: [{ label: '基金', value: r.fundName }, { label: '账户', value: `${r.account} ${r.accountName}` }, { label: '截至', value: r.asOf }, { label: '金额单位', value: '元' }],
    legalBasis: ACCOUNTING_BASIS, data: r,
    sections: [reportSection<ReconciliationRow>({
      name: '银行存款余额调节表', rows, strong: (row) => row.strong,
      columns: [
        { key: 'item', title: '项目', titleEnglish: 'Item', unit: 'text', width: 44 },
        { key: 'direction', title: '方向', titleEnglish: 'Side', unit: 'text', width: 8 },
        { key: 'amount', title: '金额', titleEnglish: 'Amount', unit: 'money', width: 18 },
        { key: 'date', title: '日期', titleEnglish: 'Date', unit: 'date' },
        { key: 'ageDays', title: '账龄(天)', titleEnglish: 'Age in days', unit: 'count' },
      ],
    })],
  };
}
