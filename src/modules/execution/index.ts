/** The budget execution module's public face: the execution report, early-warning alerts, public reports. */
import type { ModuleManifest } from '../../platform/modules.ts';
import { registerExecutionCommands } from './execution.cli.ts';
import { executionRoutes } from './execution.routes.ts';
import { alertEvaluationJob, alertSchedule, changedAlertSchedule, markFundsChanged } from './alerts.service.ts';
import { reportPublicationSignoff } from './publication.service.ts';
import { indicatorRoutes } from './indicators/indicators.routes.ts';
import { budgetControl, executedOfLines } from './indicators/indicators.service.ts';
import { registerExecutedOfLines } from '../budget/index.ts';
import { registerBudgetControl } from '../../platform/signoff/index.ts';
import { allocationRoutes } from './allocation/allocation.routes.ts';
import { analysisRoutes } from './analysis/analysis.routes.ts';
import { notificationRoutes } from './notifications/notifications.routes.ts';
import { registerNotificationCommands } from './notifications/notifications.cli.ts';
import { webhookJob, webhookRetrySchedule } from './notifications/notifications.service.ts';
import { monthlyAnalysisJob, queueMonthlyAnalysis } from './notifications/monthly-analysis.service.ts';
import { registerPeriodCloseEffect, registerPostingEffect } from '../ledger/index.ts';
import { allocationPlanSignoff } from './allocation/allocation.service.ts';
import { settlementRoutes } from './settlement/settlement.routes.ts';
import { yearEndSettlementSignoff } from './settlement/settlement.service.ts';
import { dutyRoutes } from './duty/duty.routes.ts';

// every payment signed off draws on its budget indicator (R7.1): the sign-off engine runs this check before the effect
registerBudgetControl(budgetControl);
// and a budget adjustment may not lower a line below what it has paid and committed (预算调整不得低于已执行数)
registerExecutedOfLines(executedOfLines);
// the month's analysis is queued in the transaction that closes the last fund of a region (notifications/monthly-analysis.service.ts)
registerPeriodCloseEffect('execution.monthly_analysis', queueMonthlyAnalysis);
// a posting marks its funds' alerts for evaluation once the postings pause (alerts.service.ts createChangedEvaluations)
registerPostingEffect('execution.alerts', markFundsChanged);

/**
 * 预算执行: budget against actual live from the ledger, 预算指标 checked on every payment's sign-off, 分月用款计划 behind
 * their allocated figure, 基金运行预警 with their lifecycle, 基金收支情况公开 (issue 14).
 */
export const executionModule: ModuleManifest = {
  name: 'execution',
  routes: [executionRoutes, indicatorRoutes, allocationRoutes, analysisRoutes, notificationRoutes, settlementRoutes, dutyRoutes],
  registerCommands: (program) => { registerExecutionCommands(program); registerNotificationCommands(program); },
  jobs: [alertEvaluationJob, webhookJob, monthlyAnalysisJob],
  schedules: [alertSchedule, changedAlertSchedule, webhookRetrySchedule],
  approvalKinds: [reportPublicationSignoff, allocationPlanSignoff, yearEndSettlementSignoff],
  // the budget's own permissions propose (budget.draft) and sign (budget.review, budget.approve) the monthly allocation plan
  // and the year-end settlement
  permissions: ['execution.read', 'alerts.manage', 'report.publish', 'budget.draft', 'budget.review', 'budget.approve', 'notifications.manage', 'execution.duty.manage'],
  reports: ['fund-analysis'],
  // the alert levels, the evaluation hour, the indicator rules and the final accounts' causes; the deviation and the
  // collection thresholds (params/warning); the publication's, the monthly allocation plan's and the year-end settlement's sign-off levels
  parameters: ['execution', 'warning.execution_deviation_points', 'warning.collection', 'signoff.report_publication', 'signoff.allocation_plan', 'signoff.year_end_settlement'],
};
