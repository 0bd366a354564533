/** The registry module's public face: what other modules and the composition root may use. */
import type { Command } from 'commander';
import { registerDemoCommand } from './demo/demo.cli.ts';
import { registerImportCommand } from './import/import.cli.ts';

export { registryRoutes } from './registry.routes.ts';
export { importRoutes } from './import/import.routes.ts';
export { ensureHomeRegion, personView, employerView } from './registry.service.ts';
export { createPerson, searchPersons, hire, separate, declareBase, confirmBase, createPersonInTransaction, hireInTransaction, separateInTransaction } from './registry.service.ts';
export { validatePerson, validateHire, validateSeparation, orThrow } from './registry.validate.ts';
export { checkIdNumber, checkCreditCode, regionLevel } from './identifiers.calc.ts';
export { insurances, defaultInsurances, type Insurance } from './registry.tables.ts';

export function registerRegistryCommands(program: Command) {
  registerDemoCommand(program);
  registerImportCommand(program);
}
