/** Time progress, rates and deviations, and a fund's report lines, by hand. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { executionLines, ratioText, progressText, timeProgressOf, type TableLine } from './execution.calc.ts';

test('time progress: the month\'s last day, or today in the current month; leap years have 366 days', () => {
  const cases: [number, number, string, string, string, string][] = [
    // year, month, today → asOf, basis, progress
    [2025, 3, '2026-01-10', '2025-03-31', 'month_end', '0.2466'],     // 90 / 365
    [2025, 12, '2026-01-10', '2025-12-31', 'month_end', '1.0000'],
    [2024, 2, '2024-05-01', '2024-02-29', 'month_end', '0.1639'],     // 60 / 366
    [2026, 5, '2026-05-16', '2026-05-16', 'today', '0.3726'],         // 136 / 365
    [2026, 1, '2026-01-01', '2026-01-01', 'today', '0.0027'],         // 1 / 365
  ];
  for (const [year, month, today, asOf, basis, progress] of cases) {
    const found = timeProgressOf(year, month, today);
    assert.deepEqual([found.asOf, found.basis, progressText(found)], [asOf, basis, progress], `${year}-${month} on ${today}`);
  }
});

test('a ratio is rounded once, half up, to four places, negative ones too', () => {
  assert.equal(ratioText(1n, 3n), '0.3333');
  assert.equal(ratioText(2n, 3n), '0.6667');
  assert.equal(ratioText(-1n, 8n), '-0.1250');
  assert.equal(ratioText(-1n, 20000n), '-0.0001');   // −0.00005 rounds away from zero
  assert.equal(ratioText(5n, 4n), '1.2500');
});

const table: TableLine[] = [
  { subject: 'premium_income', name: '社会保险费收入', side: 'income', parentSubject: null, ledgerSubjects: ['premium_income'] },
  { subject: 'fiscal_subsidy_income', name: '财政补贴收入', side: 'income', parentSubject: null, ledgerSubjects: ['fiscal_subsidy_income'] },
  { subject: 'benefit_expense', name: '社会保险待遇支出', side: 'expense', parentSubject: null, ledgerSubjects: ['benefit_expense.basic_pension', 'benefit_expense.other_benefit'] },
  { subject: 'benefit_expense.basic_pension', name: '基本养老金', side: 'expense', parentSubject: 'benefit_expense', ledgerSubjects: ['benefit_expense.basic_pension'] },
];

test('report lines: budget and actual per line, a line summing its subjects, no rate without a budget, an approved line the table lacks', () => {
  const progress = timeProgressOf(2025, 6, '2026-01-05');   // 181 / 365
  const actuals = new Map([
    ['income|premium_income', 600_000_00n], ['income|fiscal_subsidy_income', 50_000_00n],
    ['expense|benefit_expense.basic_pension', 400_000_00n], ['expense|benefit_expense.other_benefit', 20_000_00n],
  ]);
  const lines = executionLines(table, [
    { subject: 'premium_income', side: 'income', parentSubject: null, amount: 1_200_000_00n },
    { subject: 'benefit_expense', side: 'expense', parentSubject: null, amount: 1_000_000_00n },
    { subject: 'benefit_expense.basic_pension', side: 'expense', parentSubject: 'benefit_expense', amount: 900_000_00n },
    { subject: 'other_expense', side: 'expense', parentSubject: null, amount: 5_000_00n },
  ], actuals, progress);
  const view = lines.map((line) => [line.subject, line.budget, line.actual, line.rate, line.deviation]);
  assert.deepEqual(view, [
    // 0.5 − 181/365 = 0.5 − 0.49589 = 0.00411
    ['premium_income', 1_200_000_00n, 600_000_00n, '0.5000', '0.0041'],
    ['fiscal_subsidy_income', 0n, 50_000_00n, null, null],
    // 0.42 − 0.49589 = −0.07589
    ['benefit_expense', 1_000_000_00n, 420_000_00n, '0.4200', '-0.0759'],
    ['benefit_expense.basic_pension', 900_000_00n, 400_000_00n, '0.4444', '-0.0514'],
    ['other_expense', 5_000_00n, 0n, '0.0000', '-0.4959'],
  ]);
});
