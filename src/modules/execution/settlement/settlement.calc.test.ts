/** The final accounts' and the settlement's pure figures: lines, largest gaps, the causes' text, the unspent balance. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { executionLines, timeProgressOf } from '../execution.calc.ts';
import { driversOf } from '../analysis/analysis.calc.ts';
import { causeText, finalAccountLines, largestGaps, settlementFigures, yearIsOver, type FinalAccountLine } from './settlement.calc.ts';

const line = (subject: string, budget: bigint, actual: bigint, parentSubject: string | null = null, side: 'income' | 'expense' = 'income'): FinalAccountLine =>
  ({ subject, name: subject, side, parentSubject, budget, actual, completionRate: null, gap: actual - budget });

test('final accounts lines: 完成预算% is the December rate (four places, half up), null without a budget; gap = actual − budget', () => {
  const table = [
    { subject: 'premium_income', name: '社会保险费收入', side: 'income' as const, parentSubject: null, ledgerSubjects: ['premium_income'] },
    { subject: 'other_income', name: '其他收入', side: 'income' as const, parentSubject: null, ledgerSubjects: ['other_income'] },
    { subject: 'benefit_expense', name: '社会保险待遇支出', side: 'expense' as const, parentSubject: null, ledgerSubjects: ['benefit_expense'] },
  ];
  const budget = [{ subject: 'premium_income', side: 'income' as const, parentSubject: null, amount: 300_000n }, { subject: 'benefit_expense', side: 'expense' as const, parentSubject: null, amount: 90_000n }];
  const actuals = new Map([['income|premium_income', 200_001n], ['income|other_income', 5_00n], ['expense|benefit_expense', 90_000n]]);
  const lines = finalAccountLines(executionLines(table, budget, actuals, timeProgressOf(2025, 12, '2026-03-01')));
  assert.deepEqual(lines.map((entry) => [entry.subject, entry.completionRate, entry.gap]), [
    ['premium_income', '0.6667', -99_999n],   // 200,001 ÷ 300,000 = 0.66667 → 0.6667
    ['other_income', null, 5_00n],            // no budget: no rate, the whole actual is the gap
    ['benefit_expense', '1.0000', 0n],
  ]);
});

test('the largest gaps: by absolute gap either way, 其中 rows and lines on budget left out, ties in table order, as many as asked', () => {
  const lines = [
    line('premium_income', 1_000n, 1_300n),          // +300
    line('premium_income.x', 500n, 1_500n, 'premium_income'),   // a 其中 row: inside its line
    line('subsidy', 400n, 100n),                      // −300, ties with premium_income
    line('interest', 50n, 50n),                       // on budget
    line('benefit', 2_000n, 1_500n, null, 'expense'), // −500
    line('other', 0n, 20n, null, 'expense'),          // +20, no budget
  ];
  const subjects = (count: number) => largestGaps(lines, count).map((entry) => entry.subject);
  assert.deepEqual(subjects(3), ['benefit', 'premium_income', 'subsidy']);
  assert.deepEqual(subjects(10), ['benefit', 'premium_income', 'subsidy', 'other']);
  assert.deepEqual(subjects(0), []);
});

test('the causes text: actual against budget, 完成预算%, the drivers the data holds or that it holds none', () => {
  const over: FinalAccountLine = { subject: 'premium_income', name: '社会保险费收入', side: 'income', parentSubject: null, budget: 1_200_000_00n, actual: 1_300_000_00n, completionRate: '1.0833', gap: 100_000_00n };
  const drivers = driversOf('contributors', 'averageBase', { persons: 3, lines: 3, total: 18_000_00n }, { persons: 2, lines: 2, total: 9_000_00n });
  assert.equal(causeText(over, drivers),
    '社会保险费收入决算数1,300,000.00元，比预算数1,200,000.00元增加100,000.00元，完成预算108.33%。主要因素：缴费人数 3人（上年同月 2人，增长 50%）；人均缴费基数 6000.00元（上年同月 4500.00元，增长 33.33%）。');
  const under: FinalAccountLine = { subject: 'benefit_expense', name: '社会保险待遇支出', side: 'expense', parentSubject: null, budget: 900_000_00n, actual: 600_000_00n, completionRate: '0.6667', gap: -300_000_00n };
  assert.equal(causeText(under, []), '社会保险待遇支出决算数600,000.00元，比预算数900,000.00元减少300,000.00元，完成预算66.67%。暂无缴费人数、缴费基数或待遇发放数据可供分析，原因由经办机构另行说明。');
  const unbudgeted: FinalAccountLine = { subject: 'other_expense', name: '其他支出', side: 'expense', parentSubject: null, budget: 0n, actual: 1_234_56n, completionRate: null, gap: 1_234_56n };
  assert.match(causeText(unbudgeted, []), /^其他支出未列预算，决算数1,234.56元。/);
});

test('the settlement: the 支出户 at 31 December less the committed amount is returned, never more than it holds free now, never below zero', () => {
  const year = { opening: 10_000n, fromSpecial: 500_000n, otherDebits: 1_000n, toSpecial: 10_000n, otherCredits: 420_000n };
  // 10,000 + 500,000 + 1,000 − 10,000 − 420,000 = 81,000 at 31 December; 30,000 signed off and unpaid stay
  assert.deepEqual(settlementFigures(year, 81_000n, 30_000n), {
    openingBalance: 10_000n, transferred: 500_000n, otherReceipts: 1_000n, paid: 420_000n, returnedInYear: 10_000n, closingBalance: 81_000n,
    currentBalance: 81_000n, committed: 30_000n, unspent: 51_000n,
  });
  assert.equal(settlementFigures(year, 81_000n, 81_000n).unspent, 0n, 'all of it spoken for');
  assert.equal(settlementFigures(year, 81_000n, 90_000n).unspent, 0n, 'more spoken for than held: nothing returned, nothing asked back');
  // in January 20,000 of December's committed payments were paid (committed now 10,000): 51,000 is still free, not 71,000
  assert.equal(settlementFigures(year, 61_000n, 10_000n).unspent, 51_000n);
  // a transfer in January for a January payroll signed off (committed 30,000 + 25,000): the year's balance bounds it
  assert.equal(settlementFigures(year, 106_000n, 55_000n).unspent, 26_000n);
});

test('a year is over once its 31 December has passed', () => {
  assert.deepEqual([yearIsOver(2025, '2025-12-31'), yearIsOver(2025, '2026-01-01'), yearIsOver(2026, '2025-06-30')], [false, true, false]);
});
