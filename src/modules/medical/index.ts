/** The medical module's public face: settlement with designated institutions (年终清算, DIP). */
import type { ModuleManifest } from '../../platform/modules.ts';
import { registerMedicalCommands } from './medical.cli.ts';
import { medicalRoutes } from './medical.routes.ts';

export { settleYear, type YearEndRules, type InstitutionYear, type InstitutionSettlement } from './settlement/year-end.calc.ts';
export {
  dipRulesOn, groupPoints, budgetPointValue, casePoints, settleDipYear, projectPointValue,
  type DipRules, type GroupHistory, type GroupPoints, type InstitutionCases, type InstitutionDip, type PointValueProjection,
} from './dip/dip.calc.ts';

/** 医保结算: year-end settlement of designated institutions under total budget control, DIP point values. */
export const medicalModule: ModuleManifest = {
  name: 'medical',
  routes: [medicalRoutes],
  registerCommands: registerMedicalCommands,
  jobs: [],
  schedules: [],
  approvalKinds: [],
  permissions: ['medical.read'],
  reports: [],
  parameters: ['medical'],
};
