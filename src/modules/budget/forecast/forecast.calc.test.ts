import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backtestPoints, forecastSeries, INTERVAL_LEVEL, leastSquares, MODELS, type Series } from './forecast.calc.ts';

const close = (actual: number, expected: number, tolerance: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} is not within ${tolerance} of ${expected}`);

/** budget.sh's first series: a line 1000 + 55 per year from 2008 to 2025 with noise within ±2.4. */
const noisyLine = Array.from({ length: 18 }, (_, t) => Number((1000 + 55 * t + (((2008 + t) * 7919) % 13 - 6) * 0.4).toFixed(2)));
/** budget.sh's second series: income = contributors × 12 × 0.5, contributors falling in 2015, 2020 and 2024 and in 2026. */
const contributors = [100, 104, 109, 115, 118, 117, 121, 128, 136, 140, 139, 145, 152, 160, 158];
const drivenSeries: Series = { frequency: 'annual', values: contributors.map((count) => count * 6), drivers: [{ name: 'contributors', values: [...contributors, 171, 150] }] };

test('backtest metrics by hand on a tiny series; naive is chosen when nothing beats it', () => {
  // values 10 12 11 15 14: naive, drift judged (linear trend needs 3 points + 3 origins); origins at the 3rd, 4th, 5th value
  const result = forecastSeries({ frequency: 'annual', values: [10, 12, 11, 15, 14], drivers: [] }, 1);
  assert.deepEqual(result.models.map((model) => [model.name, model.backtest?.origins ?? null, model.leftOut ?? null]),
    [['naive', 3, null], ['drift', 3, null], ['linear-trend', null, 'history'], ['ets', null, 'history']]);
  const [naive, drift] = result.models;
  // naive forecasts 12, 11, 15 for 11, 15, 14: errors 1, 4, 1; in-sample naive error (2 + 1 + 4 + 1) / 4 = 2
  assert.deepEqual(naive.backtest!.points.map((point) => point.predicted), [12, 11, 15]);
  close(naive.backtest!.mape!, 9910 / 693, 1e-9, 'naive MAPE = (1/11 + 4/15 + 1/14) / 3 × 100');
  close(naive.backtest!.smape, (200 / 23 + 800 / 26 + 200 / 29) / 3, 1e-9, 'naive sMAPE');
  assert.equal(naive.backtest!.mase, 1);
  assert.equal(naive.backtest!.owa, 1);
  // drift forecasts 12 + 2 = 14, 11 + 0.5 = 11.5, 15 + 5/3: errors 3, 3.5, 8/3; MASE = (55/6 / 3) / 2
  drift.backtest!.points.forEach((point, index) => close(point.predicted, [14, 11.5, 15 + 5 / 3][index], 1e-12, `drift at origin ${point.origin}`));
  close(drift.backtest!.mape!, (3 / 11 + 3.5 / 15 + (8 / 3) / 14) / 3 * 100, 1e-9, 'drift MAPE');
  close(drift.backtest!.mase!, 55 / 36, 1e-12, 'drift MASE');
  assert.equal(drift.beatsNaive, false);
  assert.equal(result.chosen, 'naive');
  assert.equal(result.beatsNaive, false);
  // naive's errors −1, 4, −1: RMSE √6; 80% interval 14 ± 1.2816 × √6; the third error lies within ± z × RMSE(−1, 4)
  assert.equal(result.interval.level, INTERVAL_LEVEL);
  close(result.interval.rmse, Math.sqrt(6), 1e-12, 'RMSE');
  assert.equal(result.interval.coverage, 1);
  assert.equal(result.forecast[0].value, 14);
  close(result.forecast[0].lower, 10.860852585350777, 1e-9, 'lower');
  close(result.forecast[0].upper, 17.139147414649223, 1e-9, 'upper');
});

test('a known straight line is recovered exactly', () => {
  const result = forecastSeries({ frequency: 'annual', values: Array.from({ length: 12 }, (_, t) => 300 + 25 * t), drivers: [] }, 3);
  assert.ok(result.beatsNaive);
  assert.deepEqual(result.forecast.map((point) => Number(point.value.toFixed(9))), [600, 625, 650]);
  // a perfect backtest leaves no error, hence no width
  assert.deepEqual(result.forecast.map((point) => point.upper - point.lower), [0, 0, 0]);
});

test('a line with noise: the chosen model beats naive and forecasts within 2% of the line, inside its interval', () => {
  const result = forecastSeries({ frequency: 'annual', values: noisyLine, drivers: [] }, 2);
  assert.ok(result.beatsNaive);
  assert.ok(['drift', 'linear-trend', 'ets'].includes(result.chosen), result.chosen);
  close(result.forecast[0].value, 1990, 1990 * 0.02, '2026');
  close(result.forecast[1].value, 2045, 2045 * 0.02, '2027');
  for (const point of result.forecast) assert.ok(point.lower < point.value && point.value < point.upper);
  assert.ok(result.forecast[1].upper - result.forecast[1].lower > result.forecast[0].upper - result.forecast[0].lower, 'the interval widens with the horizon');
  const naive = result.models.find((model) => model.name === 'naive')!;
  assert.ok(naive.backtest!.mase! > 0.9, 'naive trails a trend by about one step');
  assert.ok(result.models.every((model) => model.backtest?.origins === 11), 'every model on the same 11 origins (ETS needs 7 points)');
});

test('a series driven by contributors with breaks in trend: the driver model follows it exactly, the others cannot', () => {
  const result = forecastSeries(drivenSeries, 2);
  assert.equal(result.chosen, 'driver-regression');
  close(result.forecast[0].value, 1026, 1e-6, '2025: 171 contributors');
  close(result.forecast[1].value, 900, 1e-6, '2026: 150 contributors');
  const trend = result.models.find((model) => model.name === 'linear-trend')!;
  assert.ok(Math.abs(trend.forecast![1] - 900) / 900 > 0.05, 'a trend misses the fall of 2026');
  assert.equal(result.models.find((model) => model.name === 'driver-regression')!.backtest!.mase, 0);
});

test('the backtest never peeks: poisoning every value after an origin leaves that origin\'s forecast unchanged', () => {
  const series = drivenSeries;
  const count = series.values.length;
  for (const model of MODELS.filter((candidate) => candidate.applies(series))) {
    const honest = backtestPoints(series, model, 7)!;
    for (const point of honest) {
      const poisoned: Series = {
        frequency: 'annual',
        values: series.values.map((value, index) => (index >= point.origin ? 1e9 : value)),
        drivers: series.drivers.map((driver) => ({ name: driver.name, values: driver.values.map((value, index) => (index > point.origin ? -1e9 : value)) })),
      };
      assert.equal(backtestPoints(poisoned, model, point.origin)![0].predicted, point.predicted, `${model.name} at origin ${point.origin}`);
    }
    assert.equal(honest.length, count - 7);
  }
});

test('a seasonal monthly series: seasonal models beat naive, the forecast follows the season', () => {
  // 4 years of months: 1000 + 8 per month, ±150 over the year, noise within ±6
  const truth = (month: number) => 1000 + 8 * month + 150 * Math.sin((2 * Math.PI * month) / 12);
  const values = Array.from({ length: 48 }, (_, month) => Number((truth(month) + (((month * 7919) % 13) - 6)).toFixed(2)));
  const result = forecastSeries({ frequency: 'monthly', values, drivers: [] }, 12);
  assert.ok(result.beatsNaive);
  assert.ok(['seasonal-naive', 'ets'].includes(result.chosen), result.chosen);
  const naive = result.models.find((model) => model.name === 'naive')!;
  const chosen = result.models.find((model) => model.name === result.chosen)!;
  assert.ok(chosen.backtest!.mase! < naive.backtest!.mase! / 2, `${chosen.backtest!.mase} against naive ${naive.backtest!.mase}`);
  result.forecast.forEach((point, step) => close(point.value, truth(48 + step), truth(48 + step) * 0.03, `month ${step + 1}`));
});

test('a line that never moved (months of zero) or stays constant: every model forecasts it exactly, ETS without a fit, naive kept', () => {
  for (const level of [0, 400_000_00]) {
    const result = forecastSeries({ frequency: 'monthly', values: Array.from({ length: 36 }, () => level), drivers: [] }, 13);
    assert.equal(result.chosen, 'naive', `level ${level}`);
    const ets = result.models.find((model) => model.name === 'ets')!;
    assert.deepEqual(ets.forecast, Array.from({ length: 13 }, () => level), `level ${level}`);
    assert.equal(ets.backtest!.mase, 0, `level ${level}`);
    assert.deepEqual(result.forecast.map((point) => point.value), Array.from({ length: 13 }, () => level));
  }
});

test('least squares: two drivers recovered exactly; collinear drivers give no fit', () => {
  const first = [3, 5, 2, 8, 7, 4];
  const second = [1, 0, 4, 2, 6, 3];
  const y = first.map((value, index) => 10 + 2 * value - 3 * second[index]);
  const fit = leastSquares(y, [first, second])!;
  close(fit.intercept, 10, 1e-9, 'intercept');
  close(fit.slopes[0], 2, 1e-9, 'first slope');
  close(fit.slopes[1], -3, 1e-9, 'second slope');
  assert.equal(leastSquares(y, [first, first.map((value) => value * 2)]), undefined);
  assert.equal(leastSquares(y, [[4, 4, 4, 4, 4, 4]]), undefined);
});

test('choiceOnly: ETS left out once it cannot win, and the choice, its forecast, interval and backtest and naive\'s unchanged', () => {
  // 60 monthly series of 36 months, reproducible: levels, trends, a winter season, quarter-end and occasional months, noise
  let state = 13;
  const uniform = () => { state = (state * 16_807) % 2_147_483_647; return state / 2_147_483_647; };
  const season = [1.12, 0.85, 1.02, 0.97, 0.95, 0.96, 1.0, 1.01, 0.97, 0.98, 1.03, 1.14];
  const monthly = Array.from({ length: 60 }, (_, k) => Array.from({ length: 36 }, (_, month) => {
    const noise = 1 + [0.01, 0.05, 0.2, 0.5][k % 4] * (uniform() * 2 - 1);
    if (k % 5 === 1 && month % 3 !== 2) return 0;
    if (k % 5 === 2 && uniform() < 0.4) return 0;
    return Math.round(1e7 * (1 + [0, 0.06, -0.03][k % 3]) ** (month / 12) * (k % 5 === 3 ? season[month % 12] : 1) * noise);
  }));
  const what = (result: ReturnType<typeof forecastSeries>) => ({
    ...result, models: undefined, chosenModel: result.models.find((model) => model.name === result.chosen), naive: result.models[0],
  });
  let beaten = 0, etsChosen = 0;
  for (const values of monthly) {
    const series: Series = { frequency: 'monthly', values, drivers: [] };
    const full = forecastSeries(series, 14);
    const fast = forecastSeries(series, 14, [], { choiceOnly: true });
    assert.deepEqual(what(fast), what(full));
    const ets = fast.models.find((model) => model.name === 'ets')!;
    if (ets.leftOut === 'beaten') {
      beaten++;
      assert.notEqual(full.chosen, 'ets');
      assert.equal(ets.backtest, null);
    }
    if (full.chosen === 'ets') etsChosen++;
  }
  assert.ok(beaten >= 20, `ETS left out as beaten on ${beaten} series`);
  assert.ok(etsChosen >= 1, `ETS chosen (fitted at every origin) on ${etsChosen} series`);
});
