/**
 * A budget version as a report (R10.2): the JSON answer of `sifund budget show` unchanged and, for people, the
 * standard layout — 社预01 (the tables summed line by line), then each fund's table: income lines, 收入合计, expense
 * lines with their 其中 rows, 支出合计, 本年收支结余, 上年滚存结余, 年末滚存结余, each line beside its drafted amount,
 * the reason of its adjustment and the reviewers' comments — and the performance targets. Amounts on paper in 万元 with
 * two decimals as the standard layout shows them (each cell rounded on its own from the fen, as the draft's paper:
 * ../draft/draft.report.ts); the JSON stays in yuan to the fen. The diff of two versions too, in yuan: a change of a
 * few yuan must show.
 */
import { fieldLabel, render, type Language, type Said } from '../../../platform/messages.ts';
import { formatYuan, parseYuan, tenThousandYuan } from '../../../platform/money.ts';
import { reportSection, type Report } from '../../../platform/reports/report.ts';
import { dimensionSaid, versionSaid as say } from './versions.messages.ts';
import { draftPaper } from '../draft/draft.messages.ts';
import type { LineView, VersionDiff, VersionView } from './versions.service.ts';

interface LayoutRow { label: string; subject: string | null; amount: string; draftedAmount: string | null; reason: string | null; comments: string | null; strong: boolean }

type TableView = VersionView['tables'][number];
type Totals = Pick<TableView, 'totalIncome' | 'totalExpense' | 'balance' | 'previousAccumulatedBalance' | 'accumulatedBalance'>;

/** 社预01: every table's lines summed by subject (a line only some schemes have is summed where it appears). */
function summaryLines(tables: readonly TableView[], side: 'income' | 'expense'): { subject: string; name: string; amount: string }[] {
  const sums = new Map<string, { subject: string; name: string; amount: bigint }>();
  for (const table of tables) for (const line of table[side]) {
    const row = sums.get(line.subject) ?? { subject: line.subject, name: line.name, amount: 0n };
    row.amount += parseYuan(line.amount);
    sums.set(line.subject, row);
  }
  return [...sums.values()].map((row) => ({ ...row, amount: formatYuan(row.amount) }));
}

export function versionReport(view: VersionView, language: Language = 'zh-CN'): Report<VersionView> {
  const text = (said: Said) => render(said, language);
  const paper = (yuan: string) => tenThousandYuan(parseYuan(yuan));
  const row = (label: string, subject: string | null, amount: string, strong: boolean, line?: LineView): LayoutRow => ({
    label, subject, amount: paper(amount), strong, draftedAmount: line ? paper(line.draftedAmount) : null, reason: line?.adjustment?.reason ?? null,
    comments: line?.comments.length ? line.comments.map((comment) => `${comment.by}：${comment.comment}`).join('；') : null,
  });
  const lines = (list: readonly (LineView | { subject: string; name: string; amount: string })[]): LayoutRow[] => list.flatMap((line) => [
    row(line.name, line.subject, line.amount, false, 'comments' in line ? line : undefined),
    ...('items' in line && line.items ? line.items.map((item) => row(text(say.itemOf({ name: item.name })), item.subject, item.amount, false, item)) : []),
  ]);
  const section = (name: string, title: string, income: Parameters<typeof lines>[0], expense: Parameters<typeof lines>[0], totals: Totals) => reportSection<LayoutRow>({
    name, title, strong: (entry) => entry.strong,
    rows: [
      ...lines(income), row(text(say.totalIncome()), null, totals.totalIncome, true),
      ...lines(expense), row(text(say.totalExpense()), null, totals.totalExpense, true),
      row(text(say.balance()), null, totals.balance, true),
      row(text(say.previousAccumulatedBalance()), null, totals.previousAccumulatedBalance, true),
      row(text(say.accumulatedBalance()), null, totals.accumulatedBalance, true),
    ],
    columns: [
      { key: 'label', title: text(say.line()), unit: 'text', width: 30 },
      { key: 'subject', title: text(say.subject()), unit: 'text', width: 30 },
      { key: 'amount', title: text(say.amount()), unit: 'money', width: 20 },
      { key: 'draftedAmount', title: text(say.draftedAmount()), unit: 'money', width: 20 },
      { key: 'reason', title: text(say.reason()), unit: 'text', width: 30 },
      { key: 'comments', title: text(say.comments()), unit: 'text', width: 40 },
    ],
  });
  const targets = reportSection({
    name: render(say.targetsTitle(), 'zh-CN'), title: text(say.targetsTitle()),
    rows: view.tables.flatMap((table) => table.targets.map((target) => ({
      fund: table.fund, dimension: text(dimensionSaid[target.dimension]()), name: target.name,
      target: `${text(target.comparison === 'at_least' ? say.atLeast() : say.atMost())} ${target.value}${target.unit}`, reason: target.reason,
    }))),
    columns: [
      { key: 'fund', title: text(say.fund()), unit: 'text', width: 22 },
      { key: 'dimension', title: text(say.dimension()), unit: 'text', width: 10 },
      { key: 'name', title: text(say.indicator()), unit: 'text', width: 26 },
      { key: 'target', title: text(say.targetValue()), unit: 'text', width: 14 },
      { key: 'reason', title: text(say.reason()), unit: 'text', width: 30 },
    ],
  });
  const basis = say[view.basis]();
  const missing = view.sources?.missing.length ? [{ label: text(say.missing()), value: view.sources.missing.map((entry) => `${entry.name ?? ''} ${entry.region}`.trim()).join('、') }] : [];
  return {
    title: text(say.title()), fileName: `${text(say.title())}-${view.region}-${view.year}-${view.number}`, landscape: true,
    legalBasis: '财社〔2017〕144号 社会保险基金财务制度；财社〔2022〕65号（绩效目标）',
    parameters: [
      { label: text(say.budgetYear()), value: String(view.year) },
      { label: fieldLabel('region', language), value: view.region },
      { label: text(say.versionNumber()), value: String(view.number) },
      { label: text(say.status()), value: text(say[view.status]()) },
      { label: text(say.basis()), value: text(basis) },
      ...missing,
      { label: text(say.unit()), value: text(draftPaper.tenThousandYuan()) },
    ],
    sections: [
      section('社预01', `社预01 ${text(say.title())}`, summaryLines(view.tables, 'income'), summaryLines(view.tables, 'expense'), view.summary),
      ...view.tables.map((table) => section(`${table.table} ${table.fund}`.slice(0, 31), `${table.table} ${table.tableName}（${table.fund}）`, table.income, table.expense, table)),
      targets,
    ],
    data: view,
  };
}

/** Two versions compared line by line, for people. */
export function diffReport(diff: VersionDiff, language: Language = 'zh-CN'): Report<VersionDiff> {
  const text = (said: Said) => render(said, language);
  return {
    title: text(say.diffTitle()), fileName: `${text(say.diffTitle())}-${diff.region}-${diff.year}-${diff.from.number}-${diff.to.number}`,
    parameters: [
      { label: text(say.budgetYear()), value: String(diff.year) },
      { label: fieldLabel('region', language), value: diff.region },
      { label: text(say.versionNumber()), value: `${diff.from.number} → ${diff.to.number}` },
      { label: text(say.unit()), value: text(say.yuan()) },
    ],
    sections: [reportSection({
      name: render(say.diffTitle(), 'zh-CN').slice(0, 31),
      rows: diff.lines,
      columns: [
        { key: 'fund', title: text(say.fund()), unit: 'text', width: 22 },
        { key: 'name', title: text(say.line()), unit: 'text', width: 26 },
        { key: 'subject', title: text(say.subject()), unit: 'text', width: 30 },
        { key: 'from', title: text(say.from()), unit: 'money', width: 18 },
        { key: 'to', title: text(say.to()), unit: 'money', width: 18 },
        { key: 'change', title: text(say.change()), unit: 'money', width: 18 },
      ],
    })],
    data: diff,
  };
}
