/** The budget execution module's public face: the execution report, early-warning alerts, public reports. */
import type { ModuleManifest } from '../../platform/modules.ts';
import { registerExecutionCommands } from './execution.cli.ts';
import { executionRoutes } from './execution.routes.ts';
import { alertEvaluationJob, alertSchedule } from './alerts.service.ts';
import { reportPublicationSignoff } from './publication.service.ts';

/** 预算执行: budget against actual live from the ledger, 基金运行预警 with their lifecycle, 基金收支情况公开 (issue 14). */
export const executionModule: ModuleManifest = {
  name: 'execution',
  routes: [executionRoutes],
  registerCommands: registerExecutionCommands,
  jobs: [alertEvaluationJob],
  schedules: [alertSchedule],
  approvalKinds: [reportPublicationSignoff],
  permissions: ['execution.read', 'alerts.manage', 'report.publish'],
  reports: [],
  // the alert levels and the evaluation hour; the deviation threshold (params/warning); the publication's sign-off levels
  parameters: ['execution', 'warning.execution_deviation_points', 'signoff.report_publication'],
};
