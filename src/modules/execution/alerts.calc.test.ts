/** The early-warning rules at and around each threshold. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { conditionsOf, currentDeficit, executionDeviation, medicalBalanceRange, paymentCapacity, type FundFigures } from './alerts.calc.ts';
import { executionLines, timeProgressOf } from './execution.calc.ts';

const thresholds = { warningMonths: 6, criticalMonths: 3, deviationPoints: 5, medicalRange: { reasonableMax: 9, tooMuch: 15 } };
const progress = timeProgressOf(2025, 12, '2026-02-01');   // the whole year: progress 1

function figures(change: Partial<FundFigures>): FundFigures {
  return { fund: 'F', insurance: 'pension', contributionIncome: 0n, benefitExpense: 0n, balance: 0n, recentExpense: 0n, expenseMonths: 12, progress, lines: [], ...change };
}

test('current deficit: contribution income below benefit expenditure, not when equal', () => {
  assert.deepEqual(currentDeficit(figures({ contributionIncome: 100_00n, benefitExpense: 100_01n })).map((c) => [c.rule, c.conditionKey, c.severity, c.figures.gap]),
    [['current_deficit', 'F', 'warning', '0.01']]);
  assert.deepEqual(currentDeficit(figures({ contributionIncome: 100_00n, benefitExpense: 100_00n })), []);
  assert.deepEqual(currentDeficit(figures({ contributionIncome: 100_01n, benefitExpense: 100_00n })), []);
});

test('payment capacity: below 6 months a warning, below 3 critical, exactly at a level none of that level', () => {
  // twelve months of 1,200.00 expense: 100.00 a month
  const at = (balance: bigint) => paymentCapacity(figures({ balance, recentExpense: 1_200_00n }), thresholds).map((c) => [c.severity, c.figures.months]);
  assert.deepEqual(at(600_00n), []);                              // 6.0 months: not below 6
  assert.deepEqual(at(599_99n), [['warning', '5.9999']]);
  assert.deepEqual(at(300_00n), [['warning', '3.0000']]);         // 3.0: not below 3
  assert.deepEqual(at(299_99n), [['critical', '2.9999']]);
  assert.deepEqual(at(-10_00n), [['critical', '-0.1000']]);
  // fewer months since go-live: 3 months of 300.00 → 100.00 a month
  assert.deepEqual(paymentCapacity(figures({ balance: 500_00n, recentExpense: 300_00n, expenseMonths: 3 }), thresholds).map((c) => [c.severity, c.figures.averageMonthlyExpense]), [['warning', '100.00']]);
  assert.deepEqual(paymentCapacity(figures({ balance: 0n, recentExpense: 0n }), thresholds), [], 'no expense, no capacity figure');
});

test('execution deviation: more than 5 points off the time progress either way, lines of the table only', () => {
  const table = [
    { subject: 'premium_income', name: '社会保险费收入', side: 'income' as const, parentSubject: null, ledgerSubjects: ['premium_income'] },
    { subject: 'benefit_expense', name: '社会保险待遇支出', side: 'expense' as const, parentSubject: null, ledgerSubjects: ['benefit_expense.a'] },
    { subject: 'benefit_expense.a', name: '其中', side: 'expense' as const, parentSubject: 'benefit_expense', ledgerSubjects: ['benefit_expense.a'] },
  ];
  const deviating = (premium: bigint, benefit: bigint) => executionDeviation(figures({
    lines: executionLines(table, [
      { subject: 'premium_income', side: 'income', parentSubject: null, amount: 100_000n },
      { subject: 'benefit_expense', side: 'expense', parentSubject: null, amount: 100_000n },
      { subject: 'benefit_expense.a', side: 'expense', parentSubject: 'benefit_expense', amount: 50_000n },
    ], new Map([['income|premium_income', premium], ['expense|benefit_expense.a', benefit]]), progress),
  }), thresholds).map((c) => [c.conditionKey, c.figures.deviation]);
  // progress is 1: 95% executed is exactly 5 points off (no alert), 94.999% is beyond; 105.001% too
  assert.deepEqual(deviating(95_000n, 105_000n), []);
  assert.deepEqual(deviating(94_999n, 105_001n), [['F/income/premium_income', '-0.0500'], ['F/expense/benefit_expense', '0.0500']]);
  // the 其中 row (budget 50,000, actual 105,001: 210%) raises nothing of its own
  assert.equal(deviating(100_000n, 105_001n).length, 1);
});

test('medical balance range (人社部发〔2009〕67号): above 9 months a warning, above 15 critical, exactly at a level none of that level; medical funds only', () => {
  // twelve months of 1,200.00 expense: 100.00 a month
  const at = (balance: bigint, insurance = 'medical') => medicalBalanceRange(figures({ insurance, balance, recentExpense: 1_200_00n }), thresholds).map((c) => [c.rule, c.severity, c.figures.months]);
  assert.deepEqual(at(900_00n), []);                               // 9.0 months: in the range
  assert.deepEqual(at(900_01n), [['medical_balance_range', 'warning', '9.0001']]);
  assert.deepEqual(at(1_500_00n), [['medical_balance_range', 'warning', '15.0000']]);   // 15.0: not above 15
  assert.deepEqual(at(1_500_01n), [['medical_balance_range', 'critical', '15.0001']]);
  assert.deepEqual(at(2_000_00n, 'pension'), [], 'a pension fund has no upper bound');
  assert.deepEqual(medicalBalanceRange(figures({ insurance: 'medical', balance: 1_000_00n, recentExpense: 0n }), thresholds), [], 'no expense, no months');
  // below the range is payment_capacity's: 5 months raises that rule's warning and nothing of this one
  assert.deepEqual(conditionsOf(figures({ insurance: 'medical', contributionIncome: 1n, balance: 500_00n, recentExpense: 1_200_00n }), thresholds).map((c) => c.rule), ['payment_capacity']);
});

test('every rule at once', () => {
  const found = conditionsOf(figures({ contributionIncome: 1n, benefitExpense: 2n, balance: 1n, recentExpense: 12n }), thresholds);
  assert.deepEqual(found.map((c) => `${c.rule}:${c.severity}`), ['current_deficit:warning', 'payment_capacity:critical']);
});
