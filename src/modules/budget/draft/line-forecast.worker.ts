/** A forecasting worker of the budget draft (./line-forecast.pool.ts): a fund's lines in, their forecasts out. */
import { serveTasks } from '../../../platform/worker-pool.ts';
import { forecastFundLines } from './line-forecast.calc.ts';

serveTasks(forecastFundLines);
