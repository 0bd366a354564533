/** The early-warning rules at and around each threshold. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { arrearsGrowth, collectionRateDrop, conditionsOf, currentDeficit, executionDeviation, medicalBalanceRange, paymentCapacity, type FundFigures } from './alerts.calc.ts';
import { executionLines, timeProgressOf } from './execution.calc.ts';

const thresholds = {
  warningMonths: 6, criticalMonths: 3, deviationPoints: 5, medicalRange: { reasonableMax: 9, tooMuch: 15 },
  collectionRateDropPoints: 5, arrearsGrowth: { percent: 20, minimumFen: 100_000_00 },
};
const progress = timeProgressOf(2025, 12, '2026-02-01');   // the whole year: progress 1

function figures(change: Partial<FundFigures>): FundFigures {
  return {
    fund: 'F', insurance: 'pension', contributionIncome: 0n, benefitExpense: 0n, balance: 0n, recentExpense: 0n, expenseMonths: 12, progress, lines: [],
    collected: { billed: 0n, paid: 0n }, collectedLastYear: { billed: 0n, paid: 0n }, arrears: 0n, arrearsLastYear: 0n, ...change,
  };
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

test('collection rate: more than 5 points below last year\'s same months a warning, exactly 5 none; none without bills in either year', () => {
  // last year 95.00% (9,500.00 of 10,000.00); this year billed 20,000.00
  const lastYear = { billed: 10_000_00n, paid: 9_500_00n };
  const at = (paid: bigint) => collectionRateDrop(figures({ collected: { billed: 20_000_00n, paid }, collectedLastYear: lastYear }), thresholds)
    .map((c) => [c.rule, c.conditionKey, c.severity, c.figures.rate, c.figures.rateLastYear, c.figures.dropPoints]);
  assert.deepEqual(at(18_000_00n), []);                                                    // 90.00%: exactly 5 points
  assert.deepEqual(at(17_999_99n), [['collection_rate', 'F', 'warning', '0.9000', '0.9500', '5.0001']]);   // 89.99995%
  assert.deepEqual(at(20_000_00n), [], 'a rise raises nothing');
  assert.deepEqual(at(0n).map((c) => c.at(-1)), ['95.0000']);
  assert.deepEqual(collectionRateDrop(figures({ collected: { billed: 20_000_00n, paid: 0n }, collectedLastYear: { billed: 0n, paid: 0n } }), thresholds), [], 'no bill last year');
  assert.deepEqual(collectionRateDrop(figures({ collected: { billed: 0n, paid: 0n }, collectedLastYear: lastYear }), thresholds), [], 'nothing billed this year: no rate');
  const found = collectionRateDrop(figures({ collected: { billed: 20_000_00n, paid: 10_000_00n }, collectedLastYear: lastYear }), thresholds)[0].figures;
  assert.deepEqual([found.billed, found.paid, found.billedLastYear, found.paidLastYear, found.thresholdPoints], ['20000.00', '10000.00', '10000.00', '9500.00', 5]);
});

test('arrears growth: more than 20% and more than 100,000.00 up on last year a warning, at either line none', () => {
  const at = (arrears: bigint, arrearsLastYear: bigint) => arrearsGrowth(figures({ arrears, arrearsLastYear }), thresholds).map((c) => [c.rule, c.conditionKey, c.figures.growth, c.figures.growthRate]);
  // 1,000,000.00 last year: 20% is 200,000.00
  assert.deepEqual(at(1_200_000_00n, 1_000_000_00n), []);                                  // exactly 20%
  assert.deepEqual(at(1_200_000_01n, 1_000_000_00n), [['arrears_growth', 'F', '200000.01', '0.2000']]);
  // 100,000.00 last year: 200% growth, but the amount decides at 100,000.00
  assert.deepEqual(at(200_000_00n, 100_000_00n), []);                                      // grew by exactly the minimum
  assert.deepEqual(at(200_000_01n, 100_000_00n), [['arrears_growth', 'F', '100000.01', '1.0000']]);
  // from no arrears: any growth beyond the minimum, without a rate
  assert.deepEqual(at(100_000_01n, 0n), [['arrears_growth', 'F', '100000.01', undefined]]);
  assert.deepEqual(at(100_000_00n, 0n), []);
  assert.deepEqual(at(50_000_00n, 1_000_000_00n), [], 'a fall raises nothing');
  const found = arrearsGrowth(figures({ arrears: 3_000_000_00n, arrearsLastYear: 1_000_000_00n }), thresholds)[0].figures;
  assert.deepEqual([found.arrears, found.arrearsLastYear, found.thresholdPercent, found.minimum], ['3000000.00', '1000000.00', 20, '100000.00']);
});

test('every rule at once', () => {
  const found = conditionsOf(figures({
    contributionIncome: 1n, benefitExpense: 2n, balance: 1n, recentExpense: 12n,
    collected: { billed: 100n, paid: 50n }, collectedLastYear: { billed: 100n, paid: 100n }, arrears: 200_000_01n, arrearsLastYear: 0n,
  }), thresholds);
  assert.deepEqual(found.map((c) => `${c.rule}:${c.severity}`), ['current_deficit:warning', 'payment_capacity:critical', 'collection_rate:warning', 'arrears_growth:warning']);
});
