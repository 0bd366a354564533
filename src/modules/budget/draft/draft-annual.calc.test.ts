/**
 * The draft of a fund with past final accounts (历年决算): its lines' annual series (the imported years, then the
 * ledger's), a known straight annual line recovered, the go-live year completed, a gap, the history by source, and
 * backtests that never see a later year.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { budgetChartFor, schemeTable } from './budget-chart.ts';
import { baseDataYears, draftMonths, draftTable, tableAnnualSeries, tableSeries, type FundActuals, type FundDrivers, type PastYear } from './draft.calc.ts';
import { forecastFundLines, forecastLineSeries } from './line-forecast.calc.ts';

const pension = schemeTable(budgetChartFor(2027), 'pension')!;

// 社会保险费收入 1,200,000.00 + 12,000.00 × (year − 2015) a year: 2015 … 2024 imported, 2025 and 2026 in the ledger, a
// twelfth of the year's amount each month; 基本养老金 600,000.00 a year throughout
const premiumOf = (year: number) => 120_000_000n + 1_200_000n * BigInt(year - 2015);
const pastYear = (year: number, premium = premiumOf(year)): PastYear => ({
  year, amounts: new Map([['premium_income', premium], ['benefit_expense', 60_000_000n], ['benefit_expense.basic_pension', 60_000_000n]]),
});
const pastYears = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => pastYear(from + index));

function ledger(months: readonly string[], pastYearsGiven: readonly PastYear[], balanceAtLastMonth = 500_000_000n): FundActuals {
  const monthly = (amount: (year: number) => bigint) => new Map(months.map((month) => [month, amount(Number(month.slice(0, 4))) / 12n]));
  return {
    amounts: new Map([['premium_income', monthly(premiumOf)], ['benefit_expense.basic_pension', monthly(() => 60_000_000n)]]),
    balanceAtLastMonth, pastYears: pastYearsGiven,
  };
}

// actuals to December 2026: no bridge, so every annual point is known exactly
const wholeYears = draftMonths('2025-01', '2026-12', 2027);
const premiumLine = (actuals: FundActuals, months = wholeYears) => draftTable(pension, actuals, months).income.find((line) => line.subject === 'premium_income')!;

test('a straight annual line over ten imported years and two ledger years is continued: 2027 = 1,200,000.00 + 12 × 12,000.00', () => {
  const line = premiumLine(ledger(wholeYears.actual, pastYears(2015, 2024)));
  assert.equal(line.amount, 134_400_000n);
  assert.deepEqual([line.frequency, line.model, line.beatsNaive], ['annual', 'drift', true], 'drift draws the straight line exactly and is simpler than the trend');
  assert.equal(line.backtest!.mase, 0);
  assert.equal(line.backtest!.naiveMase, 1, 'naive is one year\'s step behind, MASE\'s own scale');
  // the monthly series alone (a step each January) would not give it
  const monthlyOnly = premiumLine(ledger(wholeYears.actual, []));
  assert.equal(monthlyOnly.frequency, 'monthly');
  assert.notEqual(monthlyOnly.amount, 134_400_000n);
});

test('the line\'s history lists the imported years, marked, then the ledger\'s', () => {
  const line = premiumLine(ledger(wholeYears.actual, pastYears(2015, 2024)));
  assert.deepEqual(line.history.map((annual) => [annual.year, annual.amount, annual.actualMonths, annual.source]), [
    ...Array.from({ length: 10 }, (_, index) => [2015 + index, premiumOf(2015 + index), 12, 'final_accounts']),
    [2025, premiumOf(2025), 12, 'ledger'], [2026, premiumOf(2026), 12, 'ledger'],
  ]);
  // 社会保险待遇支出 sums its 其中 rows year by year, the imported years too
  const benefit = draftTable(pension, ledger(wholeYears.actual, pastYears(2015, 2024)), wholeYears).expense.find((entry) => entry.subject === 'benefit_expense')!;
  assert.deepEqual(benefit.history.map((annual) => [annual.year, annual.amount, annual.source]).slice(8), [
    [2023, 60_000_000n, 'final_accounts'], [2024, 60_000_000n, 'final_accounts'], [2025, 60_000_000n, 'ledger'], [2026, 60_000_000n, 'ledger'],
  ]);
  assert.equal(benefit.amount, 60_000_000n, 'a constant year keeps naive');
});

test('identities to the fen with annual lines: totals, 本年收支结余, 年末滚存结余 = 上年滚存结余 + it', () => {
  const table = draftTable(pension, ledger(wholeYears.actual, pastYears(2015, 2024)), wholeYears);
  assert.equal(table.totalIncome, 134_400_000n);
  assert.equal(table.totalExpense, 60_000_000n);
  assert.equal(table.balance, 74_400_000n);
  assert.equal(table.previousAccumulatedBalance, 500_000_000n, 'no bridge: the balance at the last month');
  assert.equal(table.accumulatedBalance, 574_400_000n);
});

test('the go-live year neither holds whole: its ledger months plus the months before go-live at the previous year\'s monthly average', () => {
  // live from 2024-07: six months of 2024 in the ledger, 2023 the last imported year
  const months = draftMonths('2024-07', '2026-12', 2027);
  const actuals = ledger(months.actual, pastYears(2015, 2023));
  const [premium] = tableAnnualSeries(pension, actuals, months, forecastFundLines(tableSeries(pension, actuals, months)));
  const goLiveYear = 6n * (premiumOf(2024) / 12n) + premiumOf(2023) / 2n;
  assert.deepEqual(premium!.values, [...Array.from({ length: 9 }, (_, index) => premiumOf(2015 + index)), goLiveYear, premiumOf(2025), premiumOf(2026)].map(Number));
  assert.deepEqual([premium!.horizon, premium!.frequency], [1, 'annual']);
  // the go-live year imported after all: its final accounts count, in the series and in the history
  const imported = ledger(months.actual, pastYears(2015, 2024));
  const [whole] = tableAnnualSeries(pension, imported, months, forecastFundLines(tableSeries(pension, imported, months)));
  assert.equal(whole!.values[9], Number(premiumOf(2024)));
  assert.deepEqual(premiumLine(imported, months).history.slice(9).map((annual) => [annual.year, annual.actualMonths, annual.source]), [
    [2024, 12, 'final_accounts'], [2025, 12, 'ledger'], [2026, 12, 'ledger'],
  ]);
  assert.equal(premiumLine(imported, months).amount, 134_400_000n);
});

test('a year that neither the final accounts nor the ledger hold breaks the series: three years after it are too few, the line stays monthly', () => {
  // imported 2015 … 2020, live from 2024-01: 2021 … 2023 missing
  const months = draftMonths('2024-01', '2026-12', 2027);
  const actuals = ledger(months.actual, pastYears(2015, 2020));
  const series = tableAnnualSeries(pension, actuals, months, forecastFundLines(tableSeries(pension, actuals, months)));
  assert.ok(series.every((line) => line === null));
  const line = premiumLine(actuals, months);
  assert.equal(line.frequency, 'monthly');
  const { history: _imported, ...drafted } = line;
  const { history: _ledgerOnly, ...monthlyDraft } = premiumLine(ledger(months.actual, []), months);
  assert.deepEqual(drafted, monthlyDraft);
  assert.deepEqual(line.history.map((annual) => [annual.year, annual.source]).slice(5), [[2020, 'final_accounts'], [2024, 'ledger'], [2025, 'ledger'], [2026, 'ledger']]);
});

test('a fund without past final accounts drafts exactly as before: no annual series, every line monthly', () => {
  const months = draftMonths('2025-01', '2026-10', 2027);
  const without = ledger(months.actual, []);
  const { pastYears: _none, ...noField } = without;
  assert.deepEqual(draftTable(pension, without, months), draftTable(pension, noField, months));
  assert.ok(tableAnnualSeries(pension, noField, months, forecastFundLines(tableSeries(pension, noField, months))).every((line) => line === null));
});

test('the annual backtest never sees a later year: poisoning 2023 and 2024 leaves every forecast made before 2023 unchanged', () => {
  const clean = ledger(wholeYears.actual, pastYears(2015, 2024));
  const poisoned = ledger(wholeYears.actual, [...pastYears(2015, 2022), pastYear(2023, premiumOf(2023) * 1000n), pastYear(2024, premiumOf(2024) * 1000n)]);
  const series = (actuals: FundActuals) => tableAnnualSeries(pension, actuals, wholeYears, forecastFundLines(tableSeries(pension, actuals, wholeYears)))[0]!;
  const [cleanSeries, poisonedSeries] = [series(clean), series(poisoned)];
  assert.deepEqual(poisonedSeries.values.slice(0, 8), cleanSeries.values.slice(0, 8));
  assert.notDeepEqual(poisonedSeries.values.slice(8), cleanSeries.values.slice(8));
  // twelve points: the backtest's first origin is 7 (ETS needs seven years), the forecast of 2022 from 2015 … 2021
  const before2023 = (result: ReturnType<typeof forecastLineSeries>, names: readonly string[]) => result.models.filter((model) => names.includes(model.name))
    .flatMap((model) => model.backtest!.points.filter((point) => point.origin < 8).map((point) => [model.name, point.origin, point.predicted]));
  const [cleanResult, poisonedResult] = [forecastLineSeries(cleanSeries), forecastLineSeries(poisonedSeries)];
  const judgedInBoth = cleanResult.models.filter((model) => model.backtest && poisonedResult.models.find((other) => other.name === model.name)?.backtest).map((model) => model.name);
  assert.ok((['naive', 'drift', 'linear-trend'] as const).every((name) => judgedInBoth.includes(name)), judgedInBoth.join());
  const cleanPoints = before2023(cleanResult, judgedInBoth);
  assert.deepEqual(cleanPoints.filter(([name]) => name === 'drift'), [['drift', 7, Number(premiumOf(2022))]], 'drift foresaw 2022 exactly');
  assert.deepEqual(before2023(poisonedResult, judgedInBoth), cleanPoints);
  assert.notEqual(poisonedResult.forecast[0].value, cleanResult.forecast[0].value, 'the poison does reach the forecast of 2027');
});

test('社预附 base data: the imported years before go-live that give contributors and the average base come first, marked; the ledger\'s and the budget year\'s follow', () => {
  const months = wholeYears;
  const drivers: FundDrivers = {
    contributors: months.actual.map(() => 1_000), averageBase: months.actual.map(() => 700_000), rate: [...months.actual, ...months.budget].map(() => 0.01),
    benefit: { row: 'unemployment_benefit', recipients: months.actual.map(() => 50), averageAmount: months.actual.map(() => 180_000), indexation: [...months.actual, ...months.budget].map(() => 0) },
  };
  const base = (year: number, contributors: number | null) => ({ ...pastYear(year), base: { contributors, retirees: 40, averageBase: 600_000n } });
  // 2022 gives no contributors; 2025 is the ledger's
  const years = baseDataYears(drivers, months, [base(2022, null), base(2023, 900), base(2024, 950), base(2025, 990)]);
  assert.deepEqual(years.map((entry) => [entry.year, entry.source, entry.actualMonths, entry.contributors, entry.averageBase, entry.recipients, entry.averageAmount]), [
    [2023, 'final_accounts', 12, 900, 600_000n, 40, null], [2024, 'final_accounts', 12, 950, 600_000n, 40, null],
    [2025, 'ledger', 12, 1_000, 700_000n, 50, 180_000n], [2026, 'ledger', 12, 1_000, 700_000n, 50, 180_000n],
    [2027, 'projected', 0, 1_000, 700_000n, 50, 180_000n],
  ]);
  assert.deepEqual(baseDataYears({ ...drivers, benefit: null }, months, [base(2024, 950)])[0].recipients, null, 'no monthly benefit: no recipients, imported or not');
});
