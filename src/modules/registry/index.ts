/** The registry module's public face: what other modules and the composition root may use. */
import type { ModuleManifest } from '../../platform/modules.ts';
import { registerDemoCommand } from './demo/demo.cli.ts';
import { registerImportCommand } from './import/import.cli.ts';
import { registryRoutes } from './registry.routes.ts';
import { importRoutes } from './import/import.routes.ts';
import { employerHistoryRoutes } from './employer-history.routes.ts';
import { selfPayingRoutes } from './self-paying.routes.ts';
import { registerSelfPayingCommands } from './self-paying.cli.ts';
import { baseCorrectionSignoff } from './registry.service.ts';

export { ensureHomeRegion, personView, employerView } from './registry.service.ts';
export { createPerson, hire, separate, declareBase, confirmBase, createPersonInTransaction, hireInTransaction, separateInTransaction } from './registry.service.ts';
export { validatePerson, validateHire, validateSeparation, orThrow } from './registry.validate.ts';
export { checkIdNumber, checkCreditCode, regionLevel } from './identifiers.calc.ts';
export { insurances, defaultInsurances, type Insurance } from './registry.tables.ts';
export { monthIndex, monthOfIndex, retirementCategory, retirementSchedules, statutoryRetirementAgeMonths, statutoryRetirementMonth, type RetirementCategory } from './retirement-age.calc.ts';
export { Employer, BaseDeclaration, BaseDeclarationAnswers } from './registry.schemas.ts';
export { answerBaseDeclaration } from './registry.routes.ts';
export type { BaseDeclarationOutcome } from './registry.service.ts';
/** The demo's seeded generator, so other modules' demo data draw from the same seed the same way. */
export { Rng, demoGoLive } from './demo/demo.calc.ts';

/** 参保登记: employers, persons, employment, enrollment, contribution bases, regions and agencies; imports; the demo city. */
export const registryModule: ModuleManifest = {
  name: 'registry',
  routes: [registryRoutes, importRoutes, employerHistoryRoutes, selfPayingRoutes],
  registerCommands(program) {
    registerDemoCommand(program);
    registerImportCommand(program);
    registerSelfPayingCommands(program);
  },
  jobs: [],
  schedules: [],
  approvalKinds: [baseCorrectionSignoff],
  permissions: [
    'registry.read', 'registry.employer.create', 'registry.person.create', 'registry.employment.write', 'registry.base.declare', 'registry.base.confirm', 'registry.base.correction.review',
    'registry.import', 'registry.self_paying.register', 'region.manage', 'agency.manage',
  ],
  reports: [],
  // the demo city's wages and work-injury classes; the levels of a base correction
  parameters: ['contribution.base', 'contribution.work_injury', 'wage', 'signoff.base_correction'],
};
