/**
 * Fund income and expenditure statement (基金收支表, R5.5 / R10.2) in the standard layout of the budget tables
 * (财社〔2017〕144号; domain.md "Budget tables"): 本年收入 by line, 本年支出 by line (benefits by type),
 * 本年收支结余 = income − expenditure, 年末滚存结余 = last year's 滚存结余 + this year's 收支结余. Monthly, quarterly
 * or yearly; each line shows the reporting period and the year to date. Read from balances, never the journal.
 */
import type { DatabaseHandle } from '../../platform/database.ts';
import { inScope, type Actor } from '../../platform/actor.ts';
import { invalid } from '../../platform/errors.ts';
import { formatYuan } from '../../platform/money.ts';
import * as repository from './ledger.repository.ts';
import { ledgerMessages } from './ledger.messages.ts';
import { accountsOf, fundByCode } from './fund.service.ts';
import { chartFor, subjectLine } from './chart.ts';
import { reportingRange, trialBalance, yearStartPeriod, type AccountInfo, type Movement } from './journal.calc.ts';

export interface StatementLineView { subject: string; name: string; period: string; yearToDate: string; detail?: StatementLineView[] }

export interface IncomeExpenditureView {
  fund: string; fundName: string; range: string; from: string; to: string;
  income: StatementLineView[]; totalIncome: { period: string; yearToDate: string };
  expenditure: StatementLineView[]; totalExpenditure: { period: string; yearToDate: string };
  /** 本期/本年收支结余 */
  surplus: { period: string; yearToDate: string };
  /** 上年滚存结余: the fund balance at the start of the year (earlier years' results carried forward). */
  balanceBroughtForward: string;
  /** 年末（期末）滚存结余 = 上年滚存结余 + 本年收支结余 */
  balanceCarriedForward: string;
  /** Assets − liabilities at the end of the range; equals the carried-forward balance when the books are whole. */
  netAssets: string;
}

interface Amounts { period: bigint; yearToDate: bigint }

/** Pure: the statement's figures from the accounts and their movements (tested without a database). */
export function incomeExpenditure(accounts: AccountInfo[], movements: Movement[], from: string, to: string, subjectNames: { code: string; name: string; kind: 'income' | 'expense' }[]) {
  const yearStart = yearStartPeriod(to);
  const perAccount = new Map<bigint, Amounts>();
  const byId = new Map(accounts.map((a) => [a.id, a]));
  for (const m of movements) {
    const account = byId.get(m.accountId);
    if (!account || (account.role !== 'revenue' && account.role !== 'expense') || m.period < yearStart || m.period > to) continue;
    // income is a credit movement, expenditure a debit movement
    const amount = account.role === 'revenue' ? m.credit - m.debit : m.debit - m.credit;
    const row = perAccount.get(account.id) ?? { period: 0n, yearToDate: 0n };
    row.yearToDate += amount;
    if (m.period >= from) row.period += amount;
    perAccount.set(account.id, row);
  }
  const lineOf = (kind: 'income' | 'expense') => subjectNames.filter((s) => s.kind === kind).map((subject) => {
    const members = accounts.filter((a) => a.subject && subjectLine(a.subject) === subject.code && a.role === (kind === 'income' ? 'revenue' : 'expense'));
    const amounts = members.map((a) => perAccount.get(a.id) ?? { period: 0n, yearToDate: 0n });
    const total = amounts.reduce((s, a) => ({ period: s.period + a.period, yearToDate: s.yearToDate + a.yearToDate }), { period: 0n, yearToDate: 0n });
    const detail = members.length > 1 || members.some((a) => a.subject !== subject.code)
      ? members.map((a, i) => ({ subject: a.subject!, name: a.name, ...amounts[i] })) : undefined;
    return { subject: subject.code, name: subject.name, ...total, detail };
  });
  const income = lineOf('income');
  const expenditure = lineOf('expense');
  const sum = (lines: Amounts[]) => lines.reduce((s, l) => ({ period: s.period + l.period, yearToDate: s.yearToDate + l.yearToDate }), { period: 0n, yearToDate: 0n });
  const totalIncome = sum(income);
  const totalExpenditure = sum(expenditure);
  const surplus = { period: totalIncome.period - totalExpenditure.period, yearToDate: totalIncome.yearToDate - totalExpenditure.yearToDate };
  const opening = trialBalance(accounts, movements, yearStart);
  const fundBalance = opening.find((r) => r.account.role === 'fund_balance');
  const balanceBroughtForward = -(fundBalance?.opening ?? 0n);
  const closing = trialBalance(accounts, movements, to);
  const netAssets = closing.filter((r) => !['fund_balance', 'revenue', 'expense'].includes(r.account.role)).reduce((s, r) => s + r.closing, 0n);
  return { income, expenditure, totalIncome, totalExpenditure, surplus, balanceBroughtForward, balanceCarriedForward: balanceBroughtForward + surplus.yearToDate, netAssets };
}

const view = (a: Amounts) => ({ period: formatYuan(a.period), yearToDate: formatYuan(a.yearToDate) });

export async function incomeExpenditureStatement(database: DatabaseHandle, actor: Actor, fundCode: string, rangeText: string): Promise<IncomeExpenditureView> {
  const range = reportingRange(rangeText);
  if (!range) throw invalid('period', ledgerMessages.reportingPeriodShape({ value: rangeText }));
  return inScope(database, actor, async (tx) => {
    const fund = await fundByCode(tx, fundCode);
    const accounts = await accountsOf(tx, fund.id);
    const movements = await repository.movementsUpTo(tx, fund.id, range.to);
    const chart = chartFor(Number(range.to.slice(0, 4)));
    const figures = incomeExpenditure(accounts, movements, range.from, range.to, chart.subjects);
    const line = (l: (typeof figures.income)[number]): StatementLineView => ({
      subject: l.subject, name: l.name, ...view(l), ...(l.detail ? { detail: l.detail.map((d) => ({ subject: d.subject, name: d.name, ...view(d) })) } : {}),
    });
    return {
      fund: fund.code, fundName: fund.name, range: range.label, from: range.from, to: range.to,
      income: figures.income.map(line), totalIncome: view(figures.totalIncome),
      expenditure: figures.expenditure.map(line), totalExpenditure: view(figures.totalExpenditure),
      surplus: view(figures.surplus), balanceBroughtForward: formatYuan(figures.balanceBroughtForward),
      balanceCarriedForward: formatYuan(figures.balanceCarriedForward), netAssets: formatYuan(figures.netAssets),
    };
  });
}
