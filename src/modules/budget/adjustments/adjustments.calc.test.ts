/** Budget adjustment, pure: requested lines checked against a version and the chart, and the version an approval creates. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from '../../../platform/messages.ts';
import { budgetChartFor, schemeTable } from '../draft/budget-chart.ts';
import { tableProblems, type VersionContent, type VersionLine } from '../versions/versions.calc.ts';
import { adjustedContent, chartSubjects, checkedChanges, type RequestedLine } from './adjustments.calc.ts';

const fund = 'medical-990100';
const line = (side: 'income' | 'expense', subject: string, lineNumber: number, amount: bigint, parentSubject: string | null = null): VersionLine => ({
  fund, side, subject, parentSubject, lineNumber, name: subject, amount, draftedAmount: amount, forecast: null, reason: null, adjustedBy: null, adjustedAt: null,
});
/** 收入 1,000 + 200; 支出 900 (住院 600 + 门诊 300) + 10; 上年滚存 5,000 */
const content: VersionContent = {
  tables: [{ fund, scheme: 'medical', tableCode: '社预05', tableName: '职工医保', totalIncome: 1200_00n, totalExpense: 910_00n, balance: 290_00n, previousAccumulatedBalance: 5000_00n, accumulatedBalance: 5290_00n }],
  lines: [
    line('income', 'premium_income', 1, 1000_00n), line('income', 'fiscal_subsidy_income', 2, 200_00n),
    line('expense', 'benefit_expense', 3, 900_00n), line('expense', 'benefit_expense.inpatient', 4, 600_00n, 'benefit_expense'),
    line('expense', 'benefit_expense.outpatient', 5, 300_00n, 'benefit_expense'), line('expense', 'other_expense', 6, 10_00n),
  ],
};
const chart = chartSubjects(schemeTable(budgetChartFor(2018), 'medical')!);
const chartOf = () => chart;
const order = (entry: { side: string; subject: string }) => {
  const position = chart.findIndex((subject) => subject.side === entry.side && subject.subject === entry.subject);
  return position < 0 ? undefined : position;
};

test('the chart\'s subjects of a table in the layout\'s order, 其中 rows after their line', () => {
  const subjects = chart.map((subject) => subject.subject);
  assert.deepEqual(subjects.slice(0, 2), ['premium_income', 'fiscal_subsidy_income']);
  const benefit = subjects.indexOf('benefit_expense');
  assert.deepEqual(subjects.slice(benefit, benefit + 3), ['benefit_expense', 'benefit_expense.inpatient', 'benefit_expense.outpatient']);
  assert.equal(chart[benefit].hasItems, true);
  assert.equal(chart.find((subject) => subject.subject === 'benefit_expense.maternity_medical')!.parentSubject, 'benefit_expense');
});

test('a change or a new amount gives the same line change; a new chart row starts from nothing', () => {
  const cases: { request: RequestedLine; from: bigint | null; to: bigint }[] = [
    { request: { fund, side: 'income', subject: 'premium_income', amount: '1100.00', reason: '扩面' }, from: 1000_00n, to: 1100_00n },
    { request: { fund, side: 'income', subject: 'premium_income', change: '100', reason: '扩面' }, from: 1000_00n, to: 1100_00n },
    { request: { fund, side: 'expense', subject: 'benefit_expense.outpatient', change: '-300.00', reason: '取消' }, from: 300_00n, to: 0n },
    { request: { fund, side: 'income', subject: 'interest_income', amount: '5.5', reason: '存款利息' }, from: null, to: 5_50n },
  ];
  for (const { request, from, to } of cases) {
    const { changes, problems } = checkedChanges(content, chartOf, [request]);
    assert.deepEqual(problems, [], JSON.stringify(request));
    assert.deepEqual([changes[0].from, changes[0].to, changes[0].reason], [from, to, request.reason], JSON.stringify(request));
  }
});

test('each bad line is named by its row and field', () => {
  const cases: { request: Partial<RequestedLine>; field: string; message: RegExp }[] = [
    { request: { fund: 'pension-990100', side: 'income', subject: 'premium_income', amount: '1' }, field: 'fund', message: /no table of fund pension-990100/ },
    { request: { side: 'up', subject: 'premium_income', amount: '1' }, field: 'side', message: /income or expense/ },
    { request: { side: 'expense', subject: 'benefit_expense', amount: '1' }, field: 'subject', message: /sum of its rows/ },
    { request: { side: 'expense', subject: 'premium_income', amount: '1' }, field: 'subject', message: /neither a line of the version nor a subject of the medical table's expense/ },
    { request: { side: 'income', subject: 'premium_income', amount: '1.234' }, field: 'amount', message: /at most two decimals/ },
    { request: { side: 'income', subject: 'premium_income', amount: '1000.00' }, field: 'amount', message: /already 1000.00/ },
    { request: { side: 'income', subject: 'interest_income', amount: '0' }, field: 'amount', message: /already 0.00/ },
    { request: { side: 'income', subject: 'premium_income' }, field: 'amount', message: /either the new amount or the change/ },
    { request: { side: 'income', subject: 'premium_income', amount: '1', reason: 'x' }, field: 'reason', message: /needs a reason/ },
  ];
  for (const { request, field, message } of cases) {
    const { changes, problems } = checkedChanges(content, chartOf, [{ fund, reason: '理由', ...request } as RequestedLine]);
    assert.deepEqual([changes.length, problems.length, problems[0]?.row, problems[0]?.field], [0, 1, 1, field], JSON.stringify(request));
    assert.match(render(problems[0].message, 'en'), message);
  }
});

test('the version an approval creates: the changes, the chart row in its place, the line the sum of its rows, the totals and identities', () => {
  const { changes } = checkedChanges(content, chartOf, [
    { fund, side: 'expense', subject: 'benefit_expense.maternity_medical', amount: '20.00', reason: '单列' },
    { fund, side: 'expense', subject: 'benefit_expense.inpatient', change: '-50.00', reason: '人次下降' },
    { fund, side: 'income', subject: 'premium_income', amount: '1100.00', reason: '扩面' },
  ]);
  const at = new Date('2028-06-30T02:00:00Z');
  const next = adjustedContent(content, changes, order, { username: 'op.990100', at });
  assert.deepEqual(next.lines.map((entry) => [entry.lineNumber, entry.subject, entry.amount]), [
    [1, 'premium_income', 1100_00n], [2, 'fiscal_subsidy_income', 200_00n],
    [3, 'benefit_expense', 870_00n], [4, 'benefit_expense.inpatient', 550_00n], [5, 'benefit_expense.outpatient', 300_00n],
    [6, 'benefit_expense.maternity_medical', 20_00n], [7, 'other_expense', 10_00n],
  ]);
  const table = next.tables[0];
  assert.deepEqual([table.totalIncome, table.totalExpense, table.balance, table.previousAccumulatedBalance, table.accumulatedBalance], [1300_00n, 880_00n, 420_00n, 5000_00n, 5420_00n]);
  assert.deepEqual(tableProblems(table, next.lines), []);
  const premium = next.lines.find((entry) => entry.subject === 'premium_income')!;
  assert.deepEqual([premium.reason, premium.adjustedBy, premium.adjustedAt, premium.draftedAmount], ['扩面', 'op.990100', at, 1000_00n]);
  assert.deepEqual(next.lines.find((entry) => entry.subject === 'benefit_expense.maternity_medical')!.draftedAmount, 0n);
  assert.equal(content.lines[0].amount, 1000_00n, 'the version adjusted is left as it was');
});
