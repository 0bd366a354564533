/**
 * The built-in scenarios (情景): named sets of assumption overrides, as data. Each replaces the named assumption in
 * every projected year and leaves the others to the dated parameters (budget.projection.*, contribution.pension.*).
 * Saving scenarios of one's own is not built yet.
 */
import type { RetirementAges } from './projection.calc.ts';

export interface ScenarioOverrides {
  retirementAges?: RetirementAges;
  /** Exact decimals, as a parameter file writes them. */
  wageGrowth?: string;
  collectionRate?: string;
}

export const scenarios = {
  // the law in force: the baseline, and what a projection without --scenario runs
  reform: { retirementAges: 'reform' },
  'no-reform': { retirementAges: 'former' },
  'low-wage': { wageGrowth: '0.03' },
  'high-wage': { wageGrowth: '0.07' },
  'low-compliance': { collectionRate: '0.85' },
} as const satisfies Record<string, ScenarioOverrides>;

export type ScenarioName = keyof typeof scenarios;
export const scenarioNamesInOrder = Object.keys(scenarios) as ScenarioName[];
export const BASELINE_SCENARIO: ScenarioName = 'reform';
export const isScenarioName = (name: string): name is ScenarioName => Object.hasOwn(scenarios, name);
