/**
 * The past final accounts as an answer (amounts as yuan strings) and for people: one sheet per fund, the years as
 * columns and the lines as rows (收入 lines, 收入合计, 支出 lines with their 其中 rows, 支出合计, 本年收支结余, then
 * the base data), amounts in yuan.
 */
import { formatYuan } from '../../../platform/money.ts';
import { render, type Language } from '../../../platform/messages.ts';
import { reportSection, type Report } from '../../../platform/reports/report.ts';
import { historyRules as say } from './history.messages.ts';
import type { FundHistory } from './history.service.ts';

export function historyAnswer(history: { region: string; funds: FundHistory[] }) {
  const line = (entry: { subject: string; name: string; amount: bigint; parent?: string }) => ({ ...entry, amount: formatYuan(entry.amount) });
  return {
    region: history.region,
    funds: history.funds.map((fund) => ({
      ...fund,
      years: fund.years.map((year) => ({
        year: year.year, version: year.version, importId: String(year.importId), importedAt: year.importedAt.toISOString(), chartYear: year.chartYear,
        income: year.income.map(line), expense: year.expense.map(line),
        totalIncome: formatYuan(year.totalIncome), totalExpense: formatYuan(year.totalExpense), balance: formatYuan(year.balance),
        base: { contributors: year.base.contributors, retirees: year.base.retirees, averageBase: year.base.averageBase === null ? null : formatYuan(year.base.averageBase) },
      })),
    })),
  };
}

type Row = { label: string; subject: string; strong: boolean } & Record<string, string | boolean | null>;

export function historyReport(history: { region: string; funds: FundHistory[] }, language: Language = 'zh-CN'): Report<ReturnType<typeof historyAnswer>> {
  const text = (said: Parameters<typeof render>[0]) => render(said, language);
  const sections = history.funds.map((fund) => {
    const years = fund.years;
    const row = (label: string, subject: string, strong: boolean, value: (year: FundHistory['years'][number]) => string | null): Row =>
      ({ label, subject, strong, ...Object.fromEntries(years.map((year) => [`y${year.year}`, value(year)])) });
    const lines = (side: 'income' | 'expense') => (years[0]?.[side] ?? []).map((line) => row(line.parent ? text(say.itemOf({ name: line.name })) : line.name, line.subject, false,
      (year) => formatYuan(year[side].find((entry) => entry.subject === line.subject)?.amount ?? 0n)));
    return reportSection<Row>({
      name: fund.fund, title: `${fund.table} ${fund.fundName}`, strong: (entry) => entry.strong,
      rows: [
        ...lines('income'), row('收入合计', 'total_income', true, (year) => formatYuan(year.totalIncome)),
        ...lines('expense'), row('支出合计', 'total_expense', true, (year) => formatYuan(year.totalExpense)),
        row('本年收支结余', 'balance', true, (year) => formatYuan(year.balance)),
        row('参保缴费人数', 'contributors', false, (year) => (year.base.contributors === null ? null : String(year.base.contributors))),
        row('离退休（享受待遇）人数', 'retirees', false, (year) => (year.base.retirees === null ? null : String(year.base.retirees))),
        row('平均缴费基数（元/月）', 'average_base', false, (year) => (year.base.averageBase === null ? null : formatYuan(year.base.averageBase))),
      ],
      columns: [
        { key: 'label', title: text(say.line()), unit: 'text', width: 30 },
        { key: 'subject', title: text(say.subject()), unit: 'text', width: 30 },
        ...years.map((year) => ({ key: `y${year.year}`, title: `${year.year}`, unit: 'text' as const, width: 16 })),
      ],
    });
  });
  return {
    title: text(say.title()), fileName: `${text(say.title())}-${history.region}`, landscape: true, legalBasis: '财社〔2017〕144号 社会保险基金财务制度',
    parameters: [{ label: text(say.region()), value: history.region }, { label: '金额单位', value: '元' }],
    sections, data: historyAnswer(history),
  };
}
