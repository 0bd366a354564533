/**
 * Past final accounts (历年决算) as data, pure: which subject codes a fund-year may carry (its year's budget chart),
 * the identities a fund-year must hold, and a fund-year's table as read. Amounts in fen; counts in persons.
 *
 * Identities (财社〔2017〕144号 社会保险基金财务制度, 决算 as the budget tables lay it out), exact to the fen:
 * 社会保险待遇支出 = Σ its 其中 rows (when both are given); 收入合计 = Σ income lines; 支出合计 = Σ expense lines;
 * 本年收支结余 = 收入合计 − 支出合计. A line the file leaves out is 0 (a 决算 table prints every line).
 */
import { itemSubject } from '../versions/versions.calc.ts';
import type { SchemeTable } from '../draft/budget-chart.ts';

export type HistoryKind = 'line' | 'total' | 'base';

export interface HistorySubject {
  subject: string;
  name: string;
  kind: HistoryKind;
  side?: 'income' | 'expense';
  /** A 其中 row's line (社会保险待遇支出's subject). */
  parent?: string;
  /** Base data: persons (whole) or money (fen). */
  unit?: 'persons' | 'money';
}

export const TOTAL_INCOME = 'total_income';
export const TOTAL_EXPENSE = 'total_expense';
export const BALANCE = 'balance';
export const CONTRIBUTORS = 'contributors';
export const RETIREES = 'retirees';
export const AVERAGE_BASE = 'average_base';

/**
 * Who the second base-data series counts, per scheme (社预附 base-data tables): pensioners for the pension schemes
 * (离退休人数), the retired insured for medical (退休参保人数), beneficiaries for work injury and unemployment.
 */
const beneficiaryNames: Record<string, string> = {
  pension: '离退休人数', public_pension: '离退休人数', medical: '退休参保人数', work_injury: '享受工伤待遇人数', unemployment: '领取失业保险金人数',
};

/** The subject codes a fund-year of the table may carry, in the layout's order. */
export function historySubjects(table: SchemeTable): HistorySubject[] {
  const lines = (side: 'income' | 'expense') => table[side].flatMap((line): HistorySubject[] => [
    { subject: line.line, name: line.name, kind: 'line', side },
    ...(line.items ?? []).map((item) => ({ subject: itemSubject(line.line, item.line), name: item.name, kind: 'line' as const, side, parent: line.line })),
  ]);
  return [
    ...lines('income'), { subject: TOTAL_INCOME, name: '收入合计', kind: 'total' },
    ...lines('expense'), { subject: TOTAL_EXPENSE, name: '支出合计', kind: 'total' },
    { subject: BALANCE, name: '本年收支结余', kind: 'total' },
    { subject: CONTRIBUTORS, name: '参保缴费人数', kind: 'base', unit: 'persons' },
    { subject: RETIREES, name: beneficiaryNames[table.scheme] ?? '享受待遇人数', kind: 'base', unit: 'persons' },
    { subject: AVERAGE_BASE, name: '平均缴费基数（元/月）', kind: 'base', unit: 'money' },
  ];
}

/** One value of a fund-year as the file gives it (amount in fen; persons × 100 as the amount column reads a count). */
export interface GivenValue { subject: string; amount: bigint; row: number }

export type IdentityProblem = { row: number; rule: 'benefit_items_sum' | 'total_income' | 'total_expense' | 'balance' | 'whole_persons' | 'not_negative'; expected?: bigint; given: bigint; parentName?: string };

const sum = (values: readonly bigint[]) => values.reduce((total, value) => total + value, 0n);

export interface FundYearTable {
  income: { subject: string; name: string; amount: bigint; parent?: string }[];
  expense: { subject: string; name: string; amount: bigint; parent?: string }[];
  totalIncome: bigint;
  totalExpense: bigint;
  balance: bigint;
  base: { contributors: number | null; retirees: number | null; averageBase: bigint | null };
}

/**
 * A fund-year's table from its values (fen; base counts in persons): every line of the chart, a line not given 0, a
 * 社会保险待遇支出 not given the sum of its 其中 rows; totals computed from the lines.
 */
export function fundYearTable(subjects: readonly HistorySubject[], values: ReadonlyMap<string, bigint>): FundYearTable {
  const amountOf = (subject: HistorySubject): bigint => {
    const given = values.get(subject.subject);
    if (given !== undefined) return given;
    const items = subjects.filter((entry) => entry.parent === subject.subject);
    return sum(items.map((item) => values.get(item.subject) ?? 0n));
  };
  const side = (which: 'income' | 'expense') => subjects.filter((entry) => entry.kind === 'line' && entry.side === which)
    .map((entry) => ({ subject: entry.subject, name: entry.name, amount: amountOf(entry), ...(entry.parent ? { parent: entry.parent } : {}) }));
  const income = side('income'), expense = side('expense');
  const total = (lines: typeof income) => sum(lines.filter((line) => !line.parent).map((line) => line.amount));
  const totalIncome = total(income), totalExpense = total(expense);
  const persons = (subject: string) => { const value = values.get(subject); return value === undefined ? null : Number(value); };
  return {
    income, expense, totalIncome, totalExpense, balance: totalIncome - totalExpense,
    base: { contributors: persons(CONTRIBUTORS), retirees: persons(RETIREES), averageBase: values.get(AVERAGE_BASE) ?? null },
  };
}

/**
 * The identities a fund-year's given values break, each on the row that gives the figure checked. `given` values of
 * persons are read from the amount column, so a count of 104 arrives as 10400 (fen of 104 yuan): it must be whole.
 */
export function identityProblems(subjects: readonly HistorySubject[], given: readonly GivenValue[]): IdentityProblem[] {
  const problems: IdentityProblem[] = [];
  const bySubject = new Map(given.map((value) => [value.subject, value]));
  const catalogue = new Map(subjects.map((subject) => [subject.subject, subject]));
  const values = new Map<string, bigint>();
  for (const value of given) {
    const subject = catalogue.get(value.subject)!;
    if (subject.unit === 'persons' && value.amount % 100n !== 0n) problems.push({ row: value.row, rule: 'whole_persons', given: value.amount });
    else if (subject.kind === 'base' && value.amount < 0n) problems.push({ row: value.row, rule: 'not_negative', given: value.amount });
    if (subject.kind === 'line') values.set(value.subject, value.amount);
  }
  for (const parent of subjects.filter((subject) => subjects.some((entry) => entry.parent === subject.subject))) {
    const line = bySubject.get(parent.subject);
    const items = given.filter((value) => catalogue.get(value.subject)?.parent === parent.subject);
    if (line && items.length) {
      const expected = sum(items.map((item) => item.amount));
      if (expected !== line.amount) problems.push({ row: line.row, rule: 'benefit_items_sum', expected, given: line.amount, parentName: parent.name });
    }
  }
  const table = fundYearTable(subjects, values);
  const check = (subject: string, rule: 'total_income' | 'total_expense' | 'balance', expected: bigint) => {
    const value = bySubject.get(subject);
    if (value && value.amount !== expected) problems.push({ row: value.row, rule, expected, given: value.amount });
  };
  check(TOTAL_INCOME, 'total_income', table.totalIncome);
  check(TOTAL_EXPENSE, 'total_expense', table.totalExpense);
  // 本年收支结余 against the totals as given (a wrong total is reported on its own row, not twice)
  check(BALANCE, 'balance', (bySubject.get(TOTAL_INCOME)?.amount ?? table.totalIncome) - (bySubject.get(TOTAL_EXPENSE)?.amount ?? table.totalExpense));
  return problems;
}

/** The stored form of a given value: base counts as persons, everything else as fen. */
export const storedAmount = (subject: HistorySubject, amount: bigint): bigint => (subject.unit === 'persons' ? amount / 100n : amount);
