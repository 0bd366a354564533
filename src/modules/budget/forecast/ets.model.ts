/**
 * Exponential smoothing from @bsull/augurs (Grafana's augurs compiled to WebAssembly; docs/decisions.md, "Forecasting:
 * hand-written baselines and augurs' ETS"): AutoETS picks the error/trend form by AICc on an annual series; a monthly
 * series goes through MSTL (seasonal-trend decomposition by Loess, period 12) with ETS on the deseasonalised trend.
 * The WebAssembly is compiled once, on first use, from the package's own file (it stays in node_modules: the CLI bundle
 * keeps the package external). A fit that augurs refuses (too short, degenerate) is no forecast, never a made-up one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import * as etsLibrary from '@bsull/augurs/ets';
import * as mstlLibrary from '@bsull/augurs/mstl';

/** The shortest histories augurs fits: AutoETS needs 7 points; MSTL two full seasons. */
export const ETS_MINIMUM_ANNUAL = 7;
export const ETS_MINIMUM_SEASONS = 2;

const packageDirectory = path.dirname(createRequire(import.meta.url).resolve('@bsull/augurs/ets'));
let initialised = false;
function initialise() {
  if (initialised) return;
  etsLibrary.initSync({ module: fs.readFileSync(path.join(packageDirectory, 'ets_bg.wasm')) });
  mstlLibrary.initSync({ module: fs.readFileSync(path.join(packageDirectory, 'mstl_bg.wasm')) });
  initialised = true;
}

/** The next `horizon` values by ETS (seasonLength 1) or MSTL + ETS (seasonLength > 1); undefined when augurs cannot fit. */
export function exponentialSmoothingForecast(history: readonly number[], horizon: number, seasonLength: number): number[] | undefined {
  // A constant history (a budget line a fund never had money on: every month zero) smooths to itself, level only, no
  // trend or season; augurs's optimiser would only approach it (±1e-100 around zero) at several times a normal fit's
  // cost, and a backtest fits at every origin (bench/budget.bench.ts: most of a province draft's time).
  const fits = history.length >= (seasonLength > 1 ? ETS_MINIMUM_SEASONS * seasonLength : ETS_MINIMUM_ANNUAL);
  if (fits && history.every((value) => value === history[0])) return Array.from({ length: horizon }, () => history[0]);
  initialise();
  const model = seasonLength > 1 ? mstlLibrary.MSTL.ets([seasonLength]) : new etsLibrary.AutoETS(1, 'ZZN');
  try {
    model.fit(Float64Array.from(history));
    const points = model.predict(horizon).point;
    return points.length === horizon && points.every(Number.isFinite) ? points : undefined;
  } catch {
    return undefined;
  } finally {
    model.free();
  }
}
