/**
 * The draft's forecasts on the worker pool are those made in this thread, and those of every model fitted at every
 * origin: a fund with seasonal, noisy, quarterly, all-zero and actuarial lines drafts to the same table (every amount,
 * model, backtest figure and history) each way;
 * a fund just gone live sends no line; a line the engine refuses rejects the run, and the pool goes on afterwards.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forecastSeries } from '../forecast/forecast.calc.ts';
import { actuarialModel } from './actuarial.calc.ts';
import { budgetChartFor, schemeTable } from './budget-chart.ts';
import { draftMonths, draftTable, tableSeries, type FundActuals } from './draft.calc.ts';
import { forecastFundLines } from './line-forecast.calc.ts';
import { forecastFundsLines } from './line-forecast.pool.ts';

const chart = budgetChartFor(2027);
const pension = schemeTable(chart, 'pension')!;
const medical = schemeTable(chart, 'medical')!;
// 34 actual months 2024-01 … 2026-10: two seasons and more, so ETS (MSTL) is fitted at every origin
const months = draftMonths('2024-01', '2026-10', 2027);
const all = [...months.actual, ...months.bridge, ...months.budget];

/** A reproducible noise in [−1, 1) per subject and month (no Math.random: the two runs must see the same data). */
const noise = (subject: string, t: number) => (((subject.length * 7919 + t * 104_729) % 1_000) / 500) - 1;
const WINTER = [1.12, 0.85, 1.02, 0.97, 0.95, 0.96, 1.0, 1.01, 0.97, 0.98, 1.03, 1.14];

function fundOf(lines: Record<string, (t: number) => number>, withDrivers: boolean): FundActuals {
  return {
    amounts: new Map(Object.entries(lines).map(([subject, amount]) => [subject, new Map(months.actual.map((month, t) => [month, BigInt(Math.round(amount(t)))]))])),
    balanceAtLastMonth: 5_000_000_000n,
    ...(withDrivers ? {
      drivers: {
        contributors: months.actual.map((_, t) => 1_000 + 9 * t), averageBase: months.actual.map((_, t) => 500_000 * 1.004 ** t), rate: all.map(() => 0.24),
        benefit: { row: 'basic_pension', recipients: months.actual.map((_, t) => 500 + 2 * t), averageAmount: months.actual.map(() => 300_000), indexation: all.map((_, t) => (t === 31 ? 0.02 : 0)) },
      },
    } : {}),
  };
}

const pensionFund = fundOf({
  premium_income: (t) => (1_000 + 9 * t) * 500_000 * 1.004 ** t * 0.24 * (0.95 + 0.02 * noise('premium', t)),
  interest_income: (t) => (t % 3 === 2 ? 9_000_000 * (1 + 0.05 * noise('interest', t)) : 0),
  transfer_income: (t) => 40_000_000 * (1 + 0.4 * noise('transfer', t)),
  'benefit_expense.basic_pension': (t) => (500 + 2 * t) * 300_000 * (t % 12 === 7 ? 1.07 : 1),
  'benefit_expense.funeral_and_survivor_grant': (t) => 80_000_000 * (1 + 0.25 * noise('funeral', t)),
}, true);
const medicalFund = fundOf({
  premium_income: (t) => 1_500_000_000 * 1.005 ** t * (1 + 0.03 * noise('premium', t)),
  'benefit_expense.inpatient': (t) => 700_000_000 * 1.006 ** t * WINTER[t % 12] * (1 + 0.06 * noise('inpatient', t)),
  'benefit_expense.outpatient': (t) => 400_000_000 * 1.008 ** t * WINTER[t % 12] * (1 + 0.05 * noise('outpatient', t)),
}, false);

test('a fund\'s draft from the pool\'s forecasts is the draft made in this thread, to the last figure', async () => {
  const funds = [{ table: pension, actuals: pensionFund }, { table: medical, actuals: medicalFund }];
  const series = funds.map(({ table, actuals }) => tableSeries(table, actuals, months));
  const pooled = await forecastFundsLines(series);
  assert.deepEqual(pooled, series.map(forecastFundLines), 'every model\'s backtest points and forecast alike');
  funds.forEach(({ table, actuals }, index) => assert.deepEqual(draftTable(table, actuals, months, pooled[index]), draftTable(table, actuals, months)));
  // ETS stopped once beaten (choiceOnly) drafts what every model fitted at every origin drafts
  const everyFit = series.map((lines) => lines.map((line) => line && forecastSeries({ frequency: 'monthly', values: line.values, drivers: [] }, line.horizon, line.drivers ? [actuarialModel(line.drivers)] : [])));
  funds.forEach(({ table, actuals }, index) => assert.deepEqual(draftTable(table, actuals, months, pooled[index]), draftTable(table, actuals, months, everyFit[index])));
  assert.ok(pooled.flat().some((result) => result?.models.some((model) => model.leftOut === 'beaten')), 'some line\'s ETS was stopped early');
  const premium = draftTable(pension, pensionFund, months, pooled[0]).income[0];
  assert.equal(premium.model, 'actuarial', 'the actuarial model travels to the worker as its drivers');
  const etsFitted = pooled.flat().filter((result) => result?.models.find((model) => model.name === 'ets')?.backtest?.origins === 10);
  assert.ok(etsFitted.length >= 5, `ETS fitted at the 10 origins 24 … 33 in the workers, on ${etsFitted.length} lines`);
});

test('a fund just gone live has no line to forecast: the pool gets nulls and the draft carries its last month forward', async () => {
  const short = draftMonths('2026-09', '2026-10', 2027);
  const actuals: FundActuals = { amounts: new Map([['premium_income', new Map([['2026-09', 1_000_00n], ['2026-10', 2_000_00n]])]]), balanceAtLastMonth: 0n };
  const series = tableSeries(pension, actuals, short);
  assert.ok(series.length > 0 && series.every((line) => line === null));
  const [forecasts] = await forecastFundsLines([series]);
  const premium = draftTable(pension, actuals, short, forecasts).income[0];
  assert.deepEqual([premium.model, premium.backtest, premium.amount], ['naive', null, 12n * 2_000_00n]);
});

test('a forecast the engine refuses rejects the run with its reason; the pool answers the next run', async () => {
  await assert.rejects(forecastFundsLines([[{ values: [1, 2], horizon: 3 }]]), /at least 4 observed values are needed, got 2/);
  const [[result]] = await forecastFundsLines([[{ values: [5, 5, 5, 5, 5], horizon: 2 }]]);
  assert.deepEqual(result!.forecast.map((point) => point.value), [5, 5]);
});

test('forecasts given for another table are refused rather than drafted against the wrong lines', () => {
  assert.throws(() => draftTable(pension, pensionFund, months, []), /社预02: 0 forecasts for \d+ lines/);
});
