/**
 * The draft's line forecasts on every core (docs/decisions.md, "The budget draft's forecasts on every core"): each
 * fund's lines a task of the platform's worker pool, the results in the funds' order, the same as forecasting them here
 * (./line-forecast.calc.ts is pure and ETS's WebAssembly deterministic).
 */
import type { ForecastResult } from '../forecast/forecast.calc.ts';
import { workerPool } from '../../../platform/worker-pool.ts';
import type { LineSeries } from './line-forecast.calc.ts';

const pool = workerPool<readonly (LineSeries | null)[], (ForecastResult | null)[]>(new URL('./line-forecast.worker.ts', import.meta.url));

/** Each fund's lines' forecasts (null where a line has too short a history to forecast), fund by fund. */
export const forecastFundsLines = (funds: readonly (readonly (LineSeries | null)[])[]) => pool.run(funds);
