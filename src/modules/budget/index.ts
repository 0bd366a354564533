/** The budget module's public face (预算编制): for now the forecasting engine behind each budget line. */
import type { ModuleManifest } from '../../platform/modules.ts';
import { registerForecastCommand } from './forecast/forecast.cli.ts';
import { registerBudgetCommands } from './draft/draft.cli.ts';
import { registerProjectionCommand } from './projection/projection.cli.ts';

export { forecastSeries, type ForecastResult, type Frequency, type ModelName, type Series } from './forecast/forecast.calc.ts';

/** 预算编制: forecasting (`sifund forecast`); tables, versions and approval to come (issue 13). */
export const budgetModule: ModuleManifest = {
  name: 'budget',
  routes: [],
  registerCommands: (program) => { registerForecastCommand(program); registerBudgetCommands(program); registerProjectionCommand(program); },
  jobs: [],
  schedules: [],
  approvalKinds: [],
  permissions: [],
  reports: [],
  // the pension projection's assumptions and the contribution rates it reads by year
  parameters: ['budget.projection', 'contribution.pension', 'contribution.base'],
};
