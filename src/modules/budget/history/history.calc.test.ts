/** The past final accounts' subjects and identities on the 2018 chart's work injury table (社预07), by hand. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { budgetChartFor, schemeTable } from '../draft/budget-chart.ts';
import { fundYearTable, historySubjects, identityProblems, storedAmount, type GivenValue } from './history.calc.ts';

const subjects = historySubjects(schemeTable(budgetChartFor(2020), 'work_injury')!);
const given = (rows: [string, bigint][]): GivenValue[] => rows.map(([subject, amount], index) => ({ subject, amount, row: index + 2 }));

test('the subjects of a table: its lines, 其中 rows as <line>.<row>, the totals and the base data, in the layout\'s order', () => {
  const codes = subjects.map((subject) => subject.subject);
  assert.deepEqual(codes.slice(0, 9), ['premium_income', 'fiscal_subsidy_income', 'interest_income', 'investment_income', 'transfer_income',
    'higher_level_subsidy_income', 'lower_level_remittance_income', 'other_income', 'total_income']);
  assert.deepEqual(codes.slice(9, 16), ['benefit_expense', 'benefit_expense.medical_treatment', 'benefit_expense.disability', 'benefit_expense.work_related_death',
    'benefit_expense.injury_prevention', 'benefit_expense.other_benefit', 'work_capacity_appraisal_expense']);
  assert.deepEqual(codes.slice(-6), ['other_expense', 'total_expense', 'balance', 'contributors', 'retirees', 'average_base']);
  assert.equal(subjects.find((subject) => subject.subject === 'retirees')!.name, '享受工伤待遇人数');
});

test('a consistent fund-year has no problem; its table sums the lines (a 社会保险待遇支出 not given is the sum of its rows)', () => {
  const values = given([
    ['premium_income', 1000_00n], ['interest_income', 50_00n], ['total_income', 1050_00n],
    ['benefit_expense.medical_treatment', 300_00n], ['benefit_expense.disability', 200_00n], ['work_capacity_appraisal_expense', 10_00n],
    ['total_expense', 510_00n], ['balance', 540_00n], ['contributors', 1200_00n],
  ]);
  assert.deepEqual(identityProblems(subjects, values), []);
  const table = fundYearTable(subjects, new Map(values.filter((value) => !['total_income', 'total_expense', 'balance', 'contributors'].includes(value.subject)).map((value) => [value.subject, value.amount])));
  assert.deepEqual([table.totalIncome, table.totalExpense, table.balance], [1050_00n, 510_00n, 540_00n]);
  assert.equal(table.expense.find((line) => line.subject === 'benefit_expense')!.amount, 500_00n);
  assert.equal(storedAmount(subjects.find((subject) => subject.subject === 'contributors')!, 1200_00n), 1200n, 'a count arrives as fen of the amount column');
});

test('each identity broken is reported once, on the row of the figure checked, with the expected amount', () => {
  const problems = identityProblems(subjects, given([
    ['premium_income', 1000_00n], // row 2
    ['total_income', 999_00n], // row 3: Σ income 1000.00
    ['benefit_expense', 600_00n], // row 4: its rows sum to 500.00
    ['benefit_expense.medical_treatment', 500_00n], // row 5
    ['total_expense', 600_00n], // row 6: right (the line as given counts)
    ['balance', 401_00n], // row 7: 999.00 − 600.00 as given = 399.00
    ['retirees', 12_50n], // row 8: half a person
    ['average_base', -1_00n], // row 9: negative
  ]));
  assert.deepEqual(problems.map((problem) => [problem.row, problem.rule, problem.expected]), [
    [8, 'whole_persons', undefined], [9, 'not_negative', undefined], [4, 'benefit_items_sum', 500_00n], [3, 'total_income', 1000_00n], [7, 'balance', 399_00n],
  ]);
});
