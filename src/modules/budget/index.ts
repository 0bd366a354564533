/** The budget module's public face (预算编制): for now the forecasting engine behind each budget line. */
import type { ModuleManifest } from '../../platform/modules.ts';
import { registerForecastCommand } from './forecast/forecast.cli.ts';
import { registerBudgetCommands } from './draft/draft.cli.ts';
import { registerProjectionCommand } from './projection/projection.cli.ts';
import { registerVersionCommands } from './versions/versions.cli.ts';
import { versionRoutes } from './versions/versions.routes.ts';
import { draftRoutes } from './draft/draft.routes.ts';
import { projectionRoutes } from './projection/projection.routes.ts';
import { budgetVersionSignoff } from './versions/versions.service.ts';
import { adjustmentRoutes } from './adjustments/adjustments.routes.ts';
import { budgetAdjustmentSignoff } from './adjustments/adjustments.service.ts';
import { historyRoutes } from './history/history.routes.ts';
import { registerHistoryCommands } from './history/history.cli.ts';

export { forecastSeries, type ForecastResult, type Frequency, type ModelName, type Series } from './forecast/forecast.calc.ts';
/** For budget execution: the lines of a region's latest approved budget version of a year, or null. */
export { approvedBudget, budgetSignoffLevels, createVersion, submitVersion, type ApprovedLine } from './versions/versions.service.ts';
/** For budget execution: the subject chart's fund tables (the ledger subjects each line sums) and a 其中 row's subject. */
export { budgetChartFor, schemeTable, type BudgetLine, type SchemeTable } from './draft/budget-chart.ts';
export { itemSubject } from './versions/versions.calc.ts';
/** For budget execution: what an adjustment may not lower a line below (its indicators' paid and committed). */
export { registerExecutedOfLines, type ExecutedOfLines } from './adjustments/adjustments.service.ts';
/** For the draft and the demo: past final accounts (历年决算) joined with the ledger's complete years, and their import. */
export { annualHistory, importFinalAccounts, type AnnualHistory } from './history/history.service.ts';
export { loadDemoFinalAccounts, readDemoEnrollment } from './history/history.demo.ts';

/** 预算编制: forecasting (`sifund forecast`), the draft, the projection, budget versions with their sign-off (issue 13) and their adjustment (issue 14). */
export const budgetModule: ModuleManifest = {
  name: 'budget',
  routes: [versionRoutes, adjustmentRoutes, draftRoutes, projectionRoutes, historyRoutes],
  registerCommands: (program) => { registerForecastCommand(program); registerBudgetCommands(program); registerVersionCommands(program); registerProjectionCommand(program); registerHistoryCommands(program); },
  jobs: [],
  schedules: [],
  approvalKinds: [budgetVersionSignoff, budgetAdjustmentSignoff],
  permissions: ['budget.read', 'budget.draft', 'budget.review', 'budget.approve', 'budget.scenario'],
  reports: [],
  // the pension projection's assumptions and the contribution rates it reads by year
  // and the levels of a budget version's and a budget adjustment's sign-off
  parameters: ['budget.projection', 'contribution.pension', 'contribution.base', 'signoff.budget_version', 'signoff.budget_adjustment'],
};
