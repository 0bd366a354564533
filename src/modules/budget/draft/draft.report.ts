/**
 * The budget draft as a report: the JSON answer of `sifund budget draft` (amounts as yuan strings, each forecast line
 * with its model and backtest errors beside naive's) and, for people, one sheet per table in the standard layout:
 * 社预01 first, then each fund's table — income lines, 收入合计, expense lines (其中 rows under 社会保险待遇支出),
 * 支出合计, 本年收支结余, 上年滚存结余, 年末滚存结余.
 */
import { formatYuan } from '../../../platform/money.ts';
import { fieldLabel, render, type Language, type Said } from '../../../platform/messages.ts';
import { reportSection, type Report } from '../../../platform/reports/report.ts';
import { draftRules as say, modelNames } from '../budget.messages.ts';
import type { DraftLine, LineBacktest, SummaryLine } from './draft.calc.ts';
import type { BudgetDraft } from './draft.service.ts';

const metric = (value: number | null) => (value === null ? null : Number(value.toFixed(4)));

function lineAnswer(line: DraftLine): Record<string, unknown> {
  return {
    subject: line.subject, name: line.name, amount: formatYuan(line.amount),
    ...(line.model ? { model: line.model, beatsNaive: line.beatsNaive } : {}),
    ...(line.backtest ? { backtest: Object.fromEntries(Object.entries(line.backtest).map(([key, value]) => [key, key === 'origins' ? value : metric(value)])) } : {}),
    history: line.history.map((annual) => ({ year: annual.year, amount: formatYuan(annual.amount), actualMonths: annual.actualMonths })),
    ...(line.items ? { items: line.items.map(lineAnswer) } : {}),
  };
}

const totals = (table: Pick<BudgetDraft['summary'], 'totalIncome' | 'totalExpense' | 'balance' | 'previousAccumulatedBalance' | 'accumulatedBalance'>) => ({
  totalIncome: formatYuan(table.totalIncome), totalExpense: formatYuan(table.totalExpense), balance: formatYuan(table.balance),
  previousAccumulatedBalance: formatYuan(table.previousAccumulatedBalance), accumulatedBalance: formatYuan(table.accumulatedBalance),
});

/** The command's JSON answer. */
export function draftAnswer(draft: BudgetDraft) {
  const summaryLine = (line: SummaryLine) => ({ subject: line.subject, name: line.name, amount: formatYuan(line.amount) });
  return {
    year: draft.year, region: draft.region, regionName: draft.regionName, lastActualMonth: draft.lastActualMonth, chart: draft.chart,
    tables: draft.tables.map((table) => ({
      fund: table.fund, fundName: table.fundName, region: table.region, scheme: table.scheme, table: table.table, tableName: table.tableName,
      income: table.income.map(lineAnswer), expense: table.expense.map(lineAnswer), ...totals(table),
    })),
    summary: { table: draft.summary.table, tableName: draft.summary.tableName, income: draft.summary.income.map(summaryLine), expense: draft.summary.expense.map(summaryLine), ...totals(draft.summary) },
  };
}

interface DraftRow { label: string; subject: string | null; amount: bigint; model: string | null; mase: string | null; naiveMase: string | null; strong: boolean }

const shown = (value: number | null | undefined) => (value == null ? '—' : value.toFixed(4));

/** The budget draft for people (Chinese headings), one sheet per table. */
export function draftReport(draft: BudgetDraft, language: Language = 'zh-CN'): Report<ReturnType<typeof draftAnswer>> {
  const text = (said: Said) => render(said, language);
  const forecastCells = (line: { model?: DraftLine['model']; backtest?: LineBacktest | null }) => (line.model
    ? { model: text(modelNames[line.model]()), mase: shown(line.backtest?.mase), naiveMase: shown(line.backtest?.naiveMase) }
    : { model: null, mase: null, naiveMase: null });
  const row = (label: string, subject: string | null, amount: bigint, strong: boolean, line: Partial<DraftLine> = {}): DraftRow => ({ label, subject, amount, strong, ...forecastCells(line) });
  const lines = (list: readonly (DraftLine | SummaryLine)[]) => list.flatMap((line) => [
    row(line.name, line.subject, line.amount, false, line),
    ...('items' in line && line.items ? line.items.map((item) => row(text(say.itemOf({ name: item.name })), item.subject, item.amount, false, item)) : []),
  ]);
  const section = (name: string, title: string, table: { income: readonly (DraftLine | SummaryLine)[]; expense: readonly (DraftLine | SummaryLine)[] } & Parameters<typeof totals>[0]) => reportSection<DraftRow>({
    name, title, strong: (entry) => entry.strong,
    rows: [
      ...lines(table.income), row(text(say.totalIncome()), null, table.totalIncome, true),
      ...lines(table.expense), row(text(say.totalExpense()), null, table.totalExpense, true),
      row(text(say.balance()), null, table.balance, true),
      row(text(say.previousAccumulatedBalance()), null, table.previousAccumulatedBalance, true),
      row(text(say.accumulatedBalance()), null, table.accumulatedBalance, true),
    ],
    columns: [
      { key: 'label', title: text(say.line()), unit: 'text', width: 30 },
      { key: 'subject', title: text(say.subject()), unit: 'text', width: 30 },
      { key: 'amount', title: text(say.amount()), unit: 'money', width: 20 },
      { key: 'model', title: text(say.model()), unit: 'text', width: 26 },
      { key: 'mase', title: text(say.mase()), unit: 'text', width: 12 },
      { key: 'naiveMase', title: text(say.naiveMase()), unit: 'text', width: 12 },
    ],
  });
  return {
    title: text(say.title()), fileName: `${text(say.title())}-${draft.region}-${draft.year}`, landscape: true, legalBasis: draft.chart.reference,
    parameters: [
      { label: text(say.budgetYear()), value: String(draft.year) },
      { label: fieldLabel('region', language), value: `${draft.regionName ?? ''} ${draft.region}`.trim() },
      { label: text(say.actualsUpTo()), value: draft.lastActualMonth },
      { label: text(say.unit()), value: text(say.yuan()) },
    ],
    sections: [
      section(draft.summary.table, `${draft.summary.table} ${draft.summary.tableName}`, draft.summary),
      ...draft.tables.map((table) => section(`${table.table} ${table.fund}`, `${table.table} ${table.fundName}预算表`, table)),
    ],
    data: draftAnswer(draft),
  };
}
