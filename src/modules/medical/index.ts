/** The medical module's public face: settlement with designated institutions (年终清算, DIP). */
import type { ModuleManifest } from '../../platform/modules.ts';
import { registerMedicalCommands } from './medical.cli.ts';
import { medicalRoutes } from './medical.routes.ts';
import { prepaymentJob, prepaymentSignoff } from './prepayment/prepayment.service.ts';
import { yearEndSignoff } from './settlement/year-end-run.service.ts';
import { quotaAllocationSignoff } from './quotas/allocation.service.ts';

export { settleYear, type YearEndRules, type InstitutionYear, type InstitutionSettlement } from './settlement/year-end.calc.ts';
export {
  dipRulesOn, groupPoints, budgetPointValue, casePoints, settleDipYear, projectPointValue,
  type DipRules, type GroupHistory, type GroupPoints, type InstitutionCases, type InstitutionDip, type PointValueProjection,
} from './dip/dip.calc.ts';
export { loadDemoInstitutions, type DemoInstitutionsLoaded } from './demo/demo.service.ts';
export { runPrepayment, payPrepayment } from './prepayment/prepayment.service.ts';

/** 医保结算: designated institutions, their quotas and monthly data, pre-allocation, indicators, DIP, the year-end settlement. */
export const medicalModule: ModuleManifest = {
  name: 'medical',
  routes: [medicalRoutes],
  registerCommands: registerMedicalCommands,
  jobs: [prepaymentJob],
  schedules: [],
  approvalKinds: [prepaymentSignoff, yearEndSignoff, quotaAllocationSignoff],
  permissions: ['medical.read', 'medical.manage', 'medical.settle', 'medical.review', 'medical.approve'],
  reports: [],
  parameters: ['medical', 'signoff.medical_prepayment', 'signoff.medical_year_end', 'signoff.medical_quota_allocation'],
};
