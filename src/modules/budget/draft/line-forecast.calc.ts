/**
 * One budget line's forecast (pure): its monthly (or, with past final accounts, annual) series through the forecasting
 * engine (../forecast/forecast.calc.ts), with the line's actuarial model (./actuarial.calc.ts) where it has drivers. Apart from draft.calc.ts so that the
 * draft's forecasting workers (./line-forecast.worker.ts) load the engine only, not the budget chart and the ledger.
 */
import { forecastSeries, type ForecastResult, type Frequency } from '../forecast/forecast.calc.ts';
import { actuarialModel, type LineDrivers } from './actuarial.calc.ts';

/**
 * What a line's forecast is made from: its amounts (fen) per month, or per year when `frequency` is annual, the periods
 * to forecast, its actuarial drivers (monthly only).
 */
export interface LineSeries { values: number[]; horizon: number; frequency?: Frequency; drivers?: LineDrivers }

/** The line's forecast: the draft reads the chosen model and naive only, so ETS stops fitting once it cannot be chosen. */
export function forecastLineSeries(series: LineSeries): ForecastResult {
  return forecastSeries({ frequency: series.frequency ?? 'monthly', values: series.values, drivers: [] }, series.horizon, series.drivers ? [actuarialModel(series.drivers)] : [], { choiceOnly: true });
}

/** A fund's lines forecast one after the other: a worker's task (a fund's lines, not a line each, to keep messages few). */
export const forecastFundLines = (lines: readonly (LineSeries | null)[]): (ForecastResult | null)[] => lines.map((series) => series && forecastLineSeries(series));
