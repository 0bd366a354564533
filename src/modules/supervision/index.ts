/** The supervision module's public face: inspections (稽核) — external data imports, detection rules as jobs, findings; cases and recoveries; credit grades and the blacklist; risk-graded controls and audit samples; responsibility sharing and its settlement. */
import type { ModuleManifest } from '../../platform/modules.ts';
import { registerSupervisionCommands } from './supervision.cli.ts';
import { supervisionRoutes } from './supervision.routes.ts';
import { detectionJob } from './detection.service.ts';
import { registerReplayCommand } from './replay/replay.cli.ts';
import { controlsRoutes } from './controls/controls.routes.ts';
import { registerEvaluationCommand } from './evaluation/evaluation.cli.ts';
import { evaluationRoutes } from './evaluation/evaluation.routes.ts';
import { registerSharingCommand } from './sharing/sharing.cli.ts';
import { sharingRoutes } from './sharing/sharing.routes.ts';
import { sharingSettlementSignoff } from './sharing/sharing-settlement.service.ts';
import { casesRoutes } from './cases/cases.routes.ts';
import { supervisionCaseSignoff } from './cases/cases.service.ts';
import { creditRoutes } from './credit/credit.routes.ts';
import { supervisionBlacklistSignoff } from './credit/credit.service.ts';

/** The credit grades other modules read (the medical year-end settlement ties its rules to an institution's grade). */
export { creditOfSubjects, type SubjectCredit } from './credit/credit.service.ts';

/** 稽核监督: tax wages and medical claim details compared with the system's records by detection rules, findings with evidence. */
export const supervisionModule: ModuleManifest = {
  name: 'supervision',
  routes: [supervisionRoutes, controlsRoutes, evaluationRoutes, casesRoutes, creditRoutes, sharingRoutes],
  registerCommands(program) {
    registerSupervisionCommands(program);
    registerReplayCommand(program);
    registerEvaluationCommand(program);
    registerSharingCommand(program);
  },
  jobs: [detectionJob],
  schedules: [],
  approvalKinds: [supervisionCaseSignoff, supervisionBlacklistSignoff, sharingSettlementSignoff],
  // the budget's own permissions submit (budget.draft) and sign (budget.review, budget.approve) the responsibility-sharing settlement
  permissions: ['supervision.read', 'supervision.import', 'supervision.run', 'supervision.case', 'supervision.case.review', 'supervision.case.approve', 'supervision.evaluate', 'budget.draft', 'budget.review', 'budget.approve'],
  reports: [],
  // signoff: the grades of the register's kinds
  parameters: ['supervision', 'contribution.base', 'contribution.rounding', 'signoff'],
};
