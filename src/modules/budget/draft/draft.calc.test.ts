/** The draft of a fund's table from known monthly actuals: the forecast of a straight line by hand, the annualised history, the identities. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { budgetChartFor, schemeTable } from './budget-chart.ts';
import { draftMonths, draftTable, summaryTable, type FundActuals } from './draft.calc.ts';
import { tenThousandYuan } from '../../../platform/money.ts';

const pension = schemeTable(budgetChartFor(2027), 'pension')!;

/** Monthly fen per subject from 2025-01 on, by month index t. */
function actuals(series: Record<string, (t: number) => bigint>, months: string[], balanceAtLastMonth: bigint): FundActuals {
  return {
    amounts: new Map(Object.entries(series).map(([subject, amount]) => [subject, new Map(months.map((month, t) => [month, amount(t)]))])),
    balanceAtLastMonth,
  };
}

// 社会保险费收入 200,000.00 + 1,500.00 × t a month; 基本养老金 100,000.00 a month; 22 months of actuals, 2025-01 to 2026-10
const premium = (t: number) => 20_000_000n + 150_000n * BigInt(t);
const months = draftMonths('2025-01', '2026-10', 2027);
const fund = actuals({ premium_income: premium, 'benefit_expense.basic_pension': () => 10_000_000n }, months.actual, 900_000_000n);

test('the months: actuals from go-live to the last complete month, the bridge to the end of Y−1, the twelve of Y', () => {
  assert.equal(months.actual.length, 22);
  assert.deepEqual(months.bridge, ['2026-11', '2026-12']);
  assert.deepEqual([months.budget[0], months.budget[11], months.budget.length], ['2027-01', '2027-12', 12]);
  assert.deepEqual(draftMonths('2025-01', '2026-12', 2027).bridge, [], 'actuals up to December: no bridge');
});

test('a linear income line is drafted as the line continued: Σ over t = 24…35 of 200,000.00 + 1,500.00 t', () => {
  const table = draftTable(pension, fund, months);
  const line = table.income.find((entry) => entry.subject === 'premium_income')!;
  // 12 × 200,000.00 + 1,500.00 × (24 + … + 35 = 354) = 2,931,000.00
  assert.equal(line.amount, 293_100_000n);
  assert.equal(line.model, 'drift', 'drift forecasts a straight line exactly and is simpler than the linear trend');
  assert.equal(line.beatsNaive, true);
  assert.equal(line.backtest!.mase, 0);
  // naive is one month behind (1,500.00) where MASE's scale is the change over twelve months (18,000.00)
  assert.ok(Math.abs(line.backtest!.naiveMase! - 1 / 12) < 1e-12, `naive MASE ${line.backtest!.naiveMase}`);
  // 2025: t = 0…11, all actual; 2026: t = 12…21 actual plus the bridge t = 22, 23
  assert.deepEqual(line.history.map((annual) => [annual.year, annual.amount, annual.actualMonths]), [
    [2025, 12n * 20_000_000n + 150_000n * 66n, 12],
    [2026, 12n * 20_000_000n + 150_000n * 210n, 10],
  ]);
});

test('a constant expense line keeps naive; 社会保险待遇支出 is the sum of its 其中 rows; lines without history are zero', () => {
  const table = draftTable(pension, fund, months);
  const benefit = table.expense.find((entry) => entry.subject === 'benefit_expense')!;
  assert.equal(benefit.amount, 120_000_000n);
  assert.deepEqual(benefit.items!.map((item) => [item.subject, item.amount, item.model]), [
    ['basic_pension', 120_000_000n, 'naive'], ['medical_subsidy', 0n, 'naive'], ['funeral_and_survivor_grant', 0n, 'naive'],
    ['disability_allowance', 0n, 'naive'], ['other_benefit', 0n, 'naive'],
  ]);
  assert.equal(table.income.find((entry) => entry.subject === 'interest_income')!.amount, 0n);
});

test('identities to the fen: totals, 本年收支结余, 上年滚存结余 = balance now + the bridge\'s income − expense, 年末滚存结余', () => {
  const table = draftTable(pension, fund, months);
  assert.equal(table.totalIncome, 293_100_000n);
  assert.equal(table.totalExpense, 120_000_000n);
  assert.equal(table.balance, 173_100_000n);
  // bridge: income t = 22, 23 (23,300,000 + 23,450,000 fen), expense 2 × 10,000,000 fen
  assert.equal(table.previousAccumulatedBalance, 900_000_000n + 46_750_000n - 20_000_000n);
  assert.equal(table.accumulatedBalance, table.previousAccumulatedBalance + 173_100_000n);
  const summary = summaryTable([table, table]);
  assert.equal(summary.totalIncome, 2n * 293_100_000n);
  assert.equal(summary.income.find((line) => line.subject === 'premium_income')!.amount, 2n * 293_100_000n);
  assert.equal(summary.accumulatedBalance, 2n * table.accumulatedBalance);
});

test('a forecast below zero drafts zero: a falling line does not turn into negative income', () => {
  const falling = actuals({ other_income: (t) => 2_100_000n - 100_000n * BigInt(t) }, months.actual, 0n);
  const line = draftTable(pension, falling, months).income.find((entry) => entry.subject === 'other_income')!;
  // drift: 2,100,000 − 100,000 t reaches zero at t = 21; every month of 2027 (t ≥ 24) would be negative
  assert.equal(line.amount, 0n);
});

test('a fund just gone live (three months, fewer than a backtest needs): each line carries its last month forward, unjudged', () => {
  const young = draftMonths('2025-10', '2025-12', 2026);
  const table = draftTable(pension, actuals({ premium_income: premium, 'benefit_expense.basic_pension': () => 10_000_000n }, young.actual, 50_000_000n), young);
  const line = table.income.find((entry) => entry.subject === 'premium_income')!;
  // the last month, t = 2: 203,000.00 × 12
  assert.deepEqual([line.amount, line.model, line.beatsNaive, line.backtest], [12n * premium(2), 'naive', false, null]);
  assert.equal(table.expense.find((entry) => entry.subject === 'benefit_expense')!.amount, 120_000_000n);
  assert.equal(table.accumulatedBalance, table.previousAccumulatedBalance + table.totalIncome - table.totalExpense);
});

test('万元 on paper: fen divided only for display, two decimals, half away from zero, each cell on its own', () => {
  // 1,234,567.89 yuan = 123.456789 万元
  assert.equal(tenThousandYuan(123_456_789n), '123.46');
  assert.equal(tenThousandYuan(123_449_999n), '123.45');
  assert.equal(tenThousandYuan(5_000n), '0.01', '50 yuan is half a hundredth of 万元: rounded away from zero');
  assert.equal(tenThousandYuan(-5_000n), '-0.01');
  assert.equal(tenThousandYuan(4_999n), '0.00');
  // two lines of 0.004 万元 each show 0.00, their total (summed in fen first) 0.01: no drift, the total is not the sum of the cells
  assert.equal(tenThousandYuan(4_000n + 4_000n), '0.01');
});
