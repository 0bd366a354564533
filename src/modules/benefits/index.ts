/** The benefits module's public face: pension and unemployment quotes (and the awards and payroll that build on them). */
import type { ModuleManifest } from '../../platform/modules.ts';
import { registerPensionCommands } from './pension/pension.cli.ts';
import { registerUnemploymentCommands } from './unemployment/unemployment.cli.ts';
import { quoteRoutes } from './quote.routes.ts';

export { pensionCommand } from './pension/pension.cli.ts';

/** 待遇: pension quotes and awards, the monthly payroll, unemployment benefit. */
export const benefitsModule: ModuleManifest = {
  name: 'benefits',
  routes: [
    quoteRoutes,
  ],
  registerCommands(program) {
    registerPensionCommands(program);
    registerUnemploymentCommands(program);
  },
  jobs: [],
  schedules: [],
  approvalKinds: [],
  permissions: [
    'benefits.read',
  ],
  reports: [],
  parameters: [
    'benefits', 'pension.annuity_divisor', 'pension.minimum_contribution_months', 'contribution.base.average_wage', 'unemployment.benefit', 'wage',
  ],
};
