/**
 * The budget draft as a report: the JSON answer of `sifund budget draft` (amounts as yuan strings to the fen, each
 * forecast line with its model and backtest errors beside naive's, an actuarial line with its drivers; the base data)
 * and, for people, one sheet per table in the standard layout: 社预01 first, then each fund's table — income lines,
 * 收入合计, expense lines (其中 rows under 社会保险待遇支出), 支出合计, 本年收支结余, 上年滚存结余, 年末滚存结余 — in 万元
 * with two decimals as the standard layout shows them (金额单位：万元 under the title), then 社预附01–03, a base-data
 * sheet per fund. Every sum is done in fen before; only the display is divided, each cell rounded on its own (half
 * away from zero), so a total may differ from the sum of its rounded lines by a few 0.01 万元, never by drift.
 */
import { formatYuan, tenThousandYuan } from '../../../platform/money.ts';
import { fieldLabel, render, type Language, type Said } from '../../../platform/messages.ts';
import { reportSection, type Report } from '../../../platform/reports/report.ts';
import { draftRules as say, modelNames } from '../budget.messages.ts';
import type { ActuarialDrivers, BaseDataYear, DraftLine, LineBacktest, SummaryLine } from './draft.calc.ts';
import { draftPaper as paper } from './draft.messages.ts';
import type { BudgetDraft, FundBaseData } from './draft.service.ts';

const metric = (value: number | null) => (value === null ? null : Number(value.toFixed(4)));

/** An actuarial line's drivers in JSON: counts whole, amounts in yuan, the rate to six decimals, the collection rate to four. */
function driversAnswer(drivers: ActuarialDrivers) {
  return 'contributors' in drivers
    ? { contributors: drivers.contributors, averageBase: formatYuan(drivers.averageBase), rate: Number(drivers.rate.toFixed(6)), collectionRate: Number(drivers.collectionRate.toFixed(4)) }
    : { recipients: drivers.recipients, averageAmount: formatYuan(drivers.averageAmount), indexation: Number(drivers.indexation.toFixed(6)) };
}

const baseDataYearAnswer = (entry: BaseDataYear) => ({
  year: entry.year, actualMonths: entry.actualMonths, source: entry.source, contributors: entry.contributors, averageBase: formatYuan(entry.averageBase),
  recipients: entry.recipients, averageAmount: entry.averageAmount === null ? null : formatYuan(entry.averageAmount),
});

function lineAnswer(line: DraftLine): Record<string, unknown> {
  return {
    subject: line.subject, name: line.name, amount: formatYuan(line.amount),
    ...(line.model ? { model: line.model, frequency: line.frequency, beatsNaive: line.beatsNaive } : {}),
    ...(line.drivers ? { drivers: driversAnswer(line.drivers) } : {}),
    ...(line.backtest ? { backtest: Object.fromEntries(Object.entries(line.backtest).map(([key, value]) => [key, key === 'origins' ? value : metric(value)])) } : {}),
    history: line.history.map((annual) => ({ year: annual.year, amount: formatYuan(annual.amount), actualMonths: annual.actualMonths, source: annual.source })),
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
    baseData: draft.baseData.map((fund) => ({ fund: fund.fund, fundName: fund.fundName, table: fund.table, years: fund.years.map(baseDataYearAnswer) })),
  };
}

interface DraftRow { label: string; subject: string | null; amount: string; model: string | null; drivers: string | null; mase: string | null; naiveMase: string | null; strong: boolean }

interface BaseDataRow { year: number; basis: string; contributors: number; averageBase: bigint; recipients: number | null; averageAmount: bigint | null }

/** A rate for people: a percentage to at most two decimals (0.24 → "24%", 0.9563 → "95.63%"). */
const percent = (rate: number) => `${Number((rate * 100).toFixed(2))}%`;

const shown = (value: number | null | undefined) => (value == null ? '—' : value.toFixed(4));

/** The budget draft for people (Chinese headings), one sheet per table. */
export function draftReport(draft: BudgetDraft, language: Language = 'zh-CN'): Report<ReturnType<typeof draftAnswer>> {
  const text = (said: Said) => render(said, language);
  const driversText = (drivers: ActuarialDrivers | undefined) => {
    if (!drivers) return null;
    if ('contributors' in drivers) {
      return text(paper.contributionDrivers({
        contributors: drivers.contributors, averageBase: formatYuan(drivers.averageBase), rate: percent(drivers.rate), collectionRate: percent(drivers.collectionRate),
      }));
    }
    return text(paper.benefitDrivers({ recipients: drivers.recipients, averageAmount: formatYuan(drivers.averageAmount), indexation: percent(drivers.indexation) }));
  };
  const forecastCells = (line: { model?: DraftLine['model']; backtest?: LineBacktest | null; drivers?: ActuarialDrivers }) => (line.model
    ? { model: text(modelNames[line.model]()), drivers: driversText(line.drivers), mase: shown(line.backtest?.mase), naiveMase: shown(line.backtest?.naiveMase) }
    : { model: null, drivers: null, mase: null, naiveMase: null });
  const row = (label: string, subject: string | null, amount: bigint, strong: boolean, line: Partial<DraftLine> = {}): DraftRow => ({ label, subject, amount: tenThousandYuan(amount), strong, ...forecastCells(line) });
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
      { key: 'drivers', title: text(paper.drivers()), unit: 'text', width: 40 },
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
      { label: text(say.unit()), value: text(paper.tenThousandYuan()) },
    ],
    sections: [
      section(draft.summary.table, `${draft.summary.table} ${draft.summary.tableName}`, draft.summary),
      ...draft.tables.map((table) => section(`${table.table} ${table.fund}`, `${table.table} ${table.fundName}预算表`, table)),
      ...draft.baseData.map((fund) => baseDataSection(fund, language)),
    ],
    data: draftAnswer(draft),
  };
}

/** 社预附01–03: one fund's base data, a row per year (amounts per person in yuan, as the table's titles say). */
function baseDataSection(fund: FundBaseData, language: Language) {
  const text = (said: Said) => render(said, language);
  const pension = fund.insurance === 'pension' || fund.insurance === 'public_pension';
  const paysMonthly = fund.years.some((entry) => entry.recipients !== null);
  return reportSection<BaseDataRow>({
    name: `${fund.table} ${fund.fund}`, title: text(paper.baseDataTitle({ table: fund.table, fundName: fund.fundName })),
    rows: fund.years.map((entry) => ({
      year: entry.year,
      basis: text(entry.source === 'final_accounts' ? paper.finalAccounts() : entry.source === 'ledger' ? paper.actualMonths({ months: entry.actualMonths }) : paper.projected()),
      contributors: entry.contributors, averageBase: entry.averageBase, recipients: entry.recipients, averageAmount: entry.averageAmount,
    })),
    columns: [
      { key: 'year', title: text(paper.year()), unit: 'period', width: 8 },
      { key: 'basis', title: text(paper.basis()), unit: 'text', width: 22 },
      { key: 'contributors', title: text(paper.contributors()), unit: 'count', width: 20 },
      { key: 'averageBase', title: text(paper.averageBase()), unit: 'money', width: 18 },
      ...(paysMonthly ? [
        { key: 'recipients' as const, title: text(pension ? paper.pensioners() : paper.claimants()), unit: 'count' as const, width: 22 },
        { key: 'averageAmount' as const, title: text(pension ? paper.averagePension() : paper.averageUnemploymentBenefit()), unit: 'money' as const, width: 20 },
      ] : []),
    ],
  });
}
