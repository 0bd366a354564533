/**
 * 预算预测: a budget line's series (annual or monthly) forecast by several models, each judged by a rolling-origin
 * backtest against naive, the best one chosen, with a prediction interval (docs/budget.md explains the method to a
 * budget officer; docs/decisions.md why it is this one).
 *
 * - Models: naive (last value), seasonal naive (same month last year, monthly only), drift (last value plus the average
 *   change), linear trend (least squares on time), driver regression (least squares on the file's driver columns, e.g.
 *   contributors, whose values are given for the periods to forecast) and exponential smoothing (augurs, ./ets.model.ts);
 *   a caller may add models of its own line (the budget draft's actuarial models, ../draft/actuarial.calc.ts), judged
 *   the same way after these.
 * - Backtest: expanding window, one step ahead: at each origin t every model sees the values before t (and the drivers
 *   up to t, known in advance by definition) and forecasts t. Every model is judged on the same origins.
 * - Metrics (Hyndman & Koehler 2006; M4): MAPE and sMAPE in percent; MASE = mean absolute error ÷ the in-sample
 *   one-step error of (seasonal) naive on the observed history; OWA = mean of sMAPE and MASE relative to naive's.
 * - Choice: the lowest MASE (scale-free, defined when values are near zero or change sign, symmetric in over- and
 *   under-forecast, and below naive's exactly when the model beats naive); a tie keeps the simpler model, naive first,
 *   so a model is chosen over naive only when it beats it.
 * - Interval: 80%, value ± z(0.9) × RMSE of the chosen model's backtest errors × √h for the h-th period ahead; its
 *   empirical coverage is the share of origins whose actual fell inside the interval built from earlier errors only.
 */
import { ETS_MINIMUM_ANNUAL, ETS_MINIMUM_SEASONS, exponentialSmoothingForecast } from './ets.model.ts';

export type Frequency = 'annual' | 'monthly';
export type ModelName = 'naive' | 'seasonal-naive' | 'drift' | 'linear-trend' | 'driver-regression' | 'ets' | 'actuarial';

/** A driver column: one value per period, the observed periods first, then the periods to forecast. */
export interface Driver { name: string; values: readonly number[] }

export interface Series {
  frequency: Frequency;
  /** Observed values, oldest first. */
  values: readonly number[];
  /** Every driver has a value for each observed period and each period to forecast. */
  drivers: readonly Driver[];
}

/** What a model sees: the history, and each driver's values over the history and the next `horizon` periods. */
export interface ModelInput { history: readonly number[]; drivers: readonly (readonly number[])[]; horizon: number; seasonLength: number }

export interface ForecastModel {
  name: ModelName;
  /** Whether the model fits this kind of series at all (seasonal naive: monthly; driver regression: with drivers). */
  applies(series: Series): boolean;
  /** The shortest history it forecasts from. */
  minimumHistory(seasonLength: number, driverCount: number): number;
  /** The next `horizon` values; undefined when it cannot (a driver that never varies). */
  forecast(input: ModelInput): number[] | undefined;
  /** Costly to fit (ETS): with `choiceOnly`, backtested after the others and only until it can no longer be chosen. */
  costly?: true;
}

export const seasonLengthOf = (frequency: Frequency) => (frequency === 'monthly' ? 12 : 1);
const steps = (horizon: number) => Array.from({ length: horizon }, (_, index) => index + 1);
const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/**
 * Ordinary least squares with an intercept: the coefficients of y ~ 1 + columns (their first y.length values), by the normal equations on centred
 * columns (Gaussian elimination with partial pivoting); undefined when the columns are collinear or constant.
 */
export function leastSquares(y: readonly number[], columns: readonly (readonly number[])[]): { intercept: number; slopes: number[] } | undefined {
  const count = y.length;
  const yMean = mean(y);
  const observed = columns.map((column) => column.slice(0, count));
  const means = observed.map(mean);
  const centred = observed.map((column, j) => column.map((value) => value - means[j]));
  const size = columns.length;
  const matrix = centred.map((a) => [...centred.map((b) => a.reduce((sum, value, i) => sum + value * b[i], 0)), a.reduce((sum, value, i) => sum + value * (y[i] - yMean), 0)]);
  const diagonalScale = Math.max(...matrix.map((row, i) => Math.abs(row[i])));
  for (let pivot = 0; pivot < size; pivot++) {
    let best = pivot;
    for (let row = pivot + 1; row < size; row++) if (Math.abs(matrix[row][pivot]) > Math.abs(matrix[best][pivot])) best = row;
    if (!(Math.abs(matrix[best][pivot]) > 1e-12 * diagonalScale)) return undefined;
    [matrix[pivot], matrix[best]] = [matrix[best], matrix[pivot]];
    for (let row = 0; row < size; row++) {
      if (row === pivot) continue;
      const factor = matrix[row][pivot] / matrix[pivot][pivot];
      for (let column = pivot; column <= size; column++) matrix[row][column] -= factor * matrix[pivot][column];
    }
  }
  const slopes = matrix.map((row, j) => row[size] / row[j]);
  return { intercept: yMean - slopes.reduce((sum, slope, j) => sum + slope * means[j], 0), slopes };
}

const naive: ForecastModel = {
  name: 'naive',
  applies: () => true,
  minimumHistory: () => 1,
  forecast: ({ history, horizon }) => steps(horizon).map(() => history[history.length - 1]),
};

const seasonalNaive: ForecastModel = {
  name: 'seasonal-naive',
  applies: (series) => series.frequency === 'monthly',
  minimumHistory: (seasonLength) => seasonLength,
  forecast: ({ history, horizon, seasonLength }) => steps(horizon).map((step) => history[history.length - seasonLength + ((step - 1) % seasonLength)]),
};

const drift: ForecastModel = {
  name: 'drift',
  applies: () => true,
  minimumHistory: () => 2,
  forecast: ({ history, horizon }) => {
    const last = history[history.length - 1];
    const slope = (last - history[0]) / (history.length - 1);
    return steps(horizon).map((step) => last + slope * step);
  },
};

const linearTrend: ForecastModel = {
  name: 'linear-trend',
  applies: () => true,
  minimumHistory: () => 3,
  forecast: ({ history, horizon }) => {
    const fit = leastSquares(history, [history.map((_, time) => time)]);
    return fit && steps(horizon).map((step) => fit.intercept + fit.slopes[0] * (history.length - 1 + step));
  },
};

const driverRegression: ForecastModel = {
  name: 'driver-regression',
  applies: (series) => series.drivers.length > 0,
  // one more point than coefficients, so that a fit is not merely an interpolation
  minimumHistory: (_, driverCount) => driverCount + 2,
  forecast: ({ history, drivers, horizon }) => {
    const fit = leastSquares(history, drivers);
    return fit && steps(horizon).map((step) => fit.intercept + fit.slopes.reduce((sum, slope, j) => sum + slope * drivers[j][history.length - 1 + step], 0));
  },
};

const exponentialSmoothing: ForecastModel = {
  name: 'ets',
  costly: true,
  applies: () => true,
  minimumHistory: (seasonLength) => (seasonLength > 1 ? ETS_MINIMUM_SEASONS * seasonLength : ETS_MINIMUM_ANNUAL),
  forecast: ({ history, horizon, seasonLength }) => exponentialSmoothingForecast(history, horizon, seasonLength),
};

/** Every model, simplest first: on equal backtest error the earlier one is kept. */
export const MODELS: readonly ForecastModel[] = [naive, seasonalNaive, drift, linearTrend, driverRegression, exponentialSmoothing];

/** The fewest backtest origins a model is judged on; a model needing a longer history is left out. */
export const MINIMUM_ORIGINS = 3;
/** The interval's level and its normal quantile z(0.9). */
export const INTERVAL_LEVEL = 0.8;
const INTERVAL_Z = 1.2815515655446004;

export interface Accuracy {
  /** How many one-step forecasts the metrics average. */
  origins: number;
  /** Mean absolute percentage error, percent (origins whose actual is 0 left out; null when all are). */
  mape: number | null;
  /** Symmetric MAPE, percent (0 to 200). */
  smape: number;
  /** Mean absolute scaled error (null when the history never changes, so naive's in-sample error is 0). */
  mase: number | null;
  /** Overall weighted average against naive: (sMAPE/sMAPE naive + MASE/MASE naive) / 2 (null when naive is exact). */
  owa: number | null;
}

export interface BacktestPoint { origin: number; actual: number; predicted: number }

export interface ModelResult {
  name: ModelName;
  /** Null when the model could not be judged on this series (history too short for it, or no fit at some origin). */
  backtest: (Accuracy & { points: BacktestPoint[] }) | null;
  beatsNaive: boolean;
  /** Its forecast of the periods to forecast (null when it has none). */
  forecast: number[] | null;
  /** Why it was left out; 'beaten' (with `choiceOnly`): its backtest errors so far already lose to another model's. */
  leftOut?: 'history' | 'fit' | 'beaten';
}

export interface ForecastPoint { value: number; lower: number; upper: number }

export interface ForecastResult {
  chosen: ModelName;
  /** Whether the chosen model beats naive (false when naive is chosen). */
  beatsNaive: boolean;
  /** The first origin (index into the values) of the backtest. */
  firstOrigin: number;
  forecast: ForecastPoint[];
  interval: { level: number; rmse: number; coverage: number | null };
  models: ModelResult[];
}

/** The shortest history a backtest needs: naive's one point plus the minimum number of origins. */
export const MINIMUM_HISTORY = naive.minimumHistory(1, 0) + MINIMUM_ORIGINS;

function inputAt(series: Series, length: number, horizon: number): ModelInput {
  return {
    history: series.values.slice(0, length),
    drivers: series.drivers.map((driver) => driver.values.slice(0, length + horizon)),
    horizon,
    seasonLength: seasonLengthOf(series.frequency),
  };
}

/**
 * One-step forecasts of `model` at every origin from `firstOrigin` to the last observed period. It is given only the
 * values before the origin (and the drivers up to it): what lies after cannot change what it forecast. `stop` is told
 * the absolute errors' running sum after each origin and ends the backtest (null) when it answers true.
 */
export function backtestPoints(series: Series, model: ForecastModel, firstOrigin: number, stop?: (errorSum: number) => boolean): BacktestPoint[] | undefined | null {
  const points: BacktestPoint[] = [];
  let errorSum = 0;
  for (let origin = firstOrigin; origin < series.values.length; origin++) {
    const predicted = model.forecast(inputAt(series, origin, 1))?.[0];
    if (predicted === undefined || !Number.isFinite(predicted)) return undefined;
    points.push({ origin, actual: series.values[origin], predicted });
    // the same additions, in the same order, as accuracyOf's mean: a running sum never exceeds the whole
    errorSum += Math.abs(series.values[origin] - predicted);
    if (stop?.(errorSum)) return null;
  }
  return points;
}

/** The in-sample mean absolute error of (seasonal) naive on the observed history: MASE's denominator. */
export function naiveScale(values: readonly number[], seasonLength: number): number {
  const lag = values.length > seasonLength ? seasonLength : 1;
  const errors = values.slice(lag).map((value, index) => Math.abs(value - values[index]));
  return mean(errors);
}

/** MAPE, sMAPE and MASE of backtest points (OWA is set against naive afterwards). */
export function accuracyOf(points: readonly BacktestPoint[], scale: number): Omit<Accuracy, 'owa'> {
  const absoluteErrors = points.map((point) => Math.abs(point.actual - point.predicted));
  const percentages = points.filter((point) => point.actual !== 0).map((point) => (100 * Math.abs(point.actual - point.predicted)) / Math.abs(point.actual));
  const symmetric = points.map((point, index) => {
    const denominator = Math.abs(point.actual) + Math.abs(point.predicted);
    return denominator === 0 ? 0 : (200 * absoluteErrors[index]) / denominator;
  });
  const meanAbsoluteError = mean(absoluteErrors);
  return {
    origins: points.length,
    mape: percentages.length ? mean(percentages) : null,
    smape: mean(symmetric),
    mase: scale > 0 ? meanAbsoluteError / scale : meanAbsoluteError === 0 ? 0 : null,
  };
}

const rootMeanSquare = (errors: readonly number[]) => Math.sqrt(mean(errors.map((error) => error * error)));

/** Share of origins (from the third on) whose actual lies within ± z × RMSE of the errors before it. */
export function intervalCoverage(errors: readonly number[]): number | null {
  let checked = 0;
  let inside = 0;
  for (let index = 2; index < errors.length; index++) {
    checked++;
    if (Math.abs(errors[index]) <= INTERVAL_Z * rootMeanSquare(errors.slice(0, index))) inside++;
  }
  return checked ? inside / checked : null;
}

/** A lower error wins; unknown errors never do. */
const lower = (candidate: number | null | undefined, best: number | null | undefined) => candidate != null && (best == null || candidate < best);

/**
 * Forecasts the next `horizon` periods of the series: every model backtested, the best chosen, its interval.
 * `lineModels` (the line's own, e.g. actuarial) come after the general ones, so a tie keeps a general model.
 * `choiceOnly` (a caller that reads the chosen model and naive only, as the budget draft does): a costly model is
 * backtested after the others and left out ('beaten') as soon as its running MASE can no longer win — what is chosen,
 * its forecast, interval and backtest and naive's are those of the full run (forecast.calc.test.ts checks it).
 */
export function forecastSeries(series: Series, horizon: number, lineModels: readonly ForecastModel[] = [], options: { choiceOnly?: boolean } = {}): ForecastResult {
  const seasonLength = seasonLengthOf(series.frequency);
  const count = series.values.length;
  if (count < MINIMUM_HISTORY) throw new RangeError(`at least ${MINIMUM_HISTORY} observed values are needed, got ${count}`);
  const applicable = [...MODELS, ...lineModels].filter((model) => model.applies(series));
  const judged = applicable.filter((model) => model.minimumHistory(seasonLength, series.drivers.length) <= count - MINIMUM_ORIGINS);
  const firstOrigin = Math.max(...judged.map((model) => model.minimumHistory(seasonLength, series.drivers.length)));
  const scale = naiveScale(series.values, seasonLength);
  const origins = count - firstOrigin;

  const judge = (model: ForecastModel, stop?: (errorSum: number) => boolean): ModelResult => {
    if (!judged.includes(model)) return { name: model.name, backtest: null, beatsNaive: false, forecast: null, leftOut: 'history' };
    const points = backtestPoints(series, model, firstOrigin, stop);
    if (points === null) return { name: model.name, backtest: null, beatsNaive: false, forecast: null, leftOut: 'beaten' };
    const forecast = model.forecast(inputAt(series, count, horizon));
    if (!points || !forecast) return { name: model.name, backtest: null, beatsNaive: false, forecast: null, leftOut: 'fit' };
    return { name: model.name, backtest: { ...accuracyOf(points, scale), owa: null, points }, beatsNaive: false, forecast };
  };
  const deferred = (model: ForecastModel) => options.choiceOnly === true && model.costly === true && scale > 0;
  const results: (ModelResult | undefined)[] = applicable.map((model) => (deferred(model) ? undefined : judge(model)));
  applicable.forEach((model, index) => {
    if (results[index]) return;
    // chosen only with a MASE below every earlier model's and not above any later one's (the choice keeps the first
    // of equals); MASE = (Σ|error| ÷ origins) ÷ scale, as accuracyOf computes it, and never falls as errors add up
    const mases = (from: number, to: number) => results.slice(from, to).flatMap((result) => (result?.backtest?.mase != null ? [result.backtest.mase] : []));
    const before = Math.min(...mases(0, index)), after = Math.min(...mases(index + 1, results.length));
    results[index] = judge(model, (errorSum) => {
      const mase = errorSum / origins / scale;
      return mase >= before || mase > after;
    });
  });
  const models = results as ModelResult[];
  const naiveAccuracy = models[0].backtest!;
  for (const result of models) {
    if (!result.backtest) continue;
    const relativeSmape = naiveAccuracy.smape > 0 ? result.backtest.smape / naiveAccuracy.smape : null;
    const relativeMase = naiveAccuracy.mase && result.backtest.mase != null ? result.backtest.mase / naiveAccuracy.mase : null;
    result.backtest.owa = relativeSmape != null && relativeMase != null ? (relativeSmape + relativeMase) / 2 : null;
    result.beatsNaive = result.name !== 'naive' && lower(result.backtest.mase, naiveAccuracy.mase);
  }
  const chosen = models.reduce((best, result) => (lower(result.backtest?.mase, best.backtest?.mase) ? result : best), models[0]);

  const errors = chosen.backtest!.points.map((point) => point.actual - point.predicted);
  const rmse = rootMeanSquare(errors);
  return {
    chosen: chosen.name,
    beatsNaive: chosen.beatsNaive,
    firstOrigin,
    forecast: chosen.forecast!.map((value, index) => {
      const halfWidth = INTERVAL_Z * rmse * Math.sqrt(index + 1);
      return { value, lower: value - halfWidth, upper: value + halfWidth };
    }),
    interval: { level: INTERVAL_LEVEL, rmse, coverage: intervalCoverage(errors) },
    models,
  };
}
