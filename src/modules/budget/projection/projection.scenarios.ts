/**
 * The projection's scenarios (情景): named sets of assumption overrides. Each override replaces the named assumption in
 * every projected year and leaves the others to the dated parameters (budget.projection.*, contribution.pension.*).
 * The built-in ones are data here; a pension pool's own are saved (projection-scenarios.service.ts, migration 0078)
 * with the same overrides, checked by `readOverrides`.
 */
import type { Said } from '../../../platform/messages.ts';
import { parseDecimal, type Decimal } from '../../../platform/money.ts';
import type { FiscalSubsidyRule, RetirementAges } from './projection.calc.ts';
import { projectionRules as say } from './projection.messages.ts';

/** What a scenario may replace; rates are exact decimals as a parameter file writes them. */
export interface ScenarioOverrides {
  retirementAges?: RetirementAges;
  wageGrowth?: string;
  pensionIndexation?: string;
  collectionRate?: string;
  interestRate?: string;
  fiscalSubsidyRule?: FiscalSubsidyRule;
  fiscalSubsidyShare?: string;
}

export const scenarios = {
  // the law in force: the baseline, and what a projection without --scenario runs
  reform: { retirementAges: 'reform' },
  'no-reform': { retirementAges: 'former' },
  'low-wage': { wageGrowth: '0.03' },
  'high-wage': { wageGrowth: '0.07' },
  'low-compliance': { collectionRate: '0.85' },
} as const satisfies Record<string, ScenarioOverrides>;

export type BuiltInScenario = keyof typeof scenarios;
export const scenarioNamesInOrder = Object.keys(scenarios) as BuiltInScenario[];
export const BASELINE_SCENARIO: BuiltInScenario = 'reform';
export const isBuiltInScenario = (name: string): name is BuiltInScenario => Object.hasOwn(scenarios, name);

/** The rates a scenario may set, each with the range a year's assumption can sensibly take. */
const rateRanges = {
  wageGrowth: ['-0.1', '0.2'],
  pensionIndexation: ['-0.05', '0.2'],
  collectionRate: ['0.5', '1'],
  interestRate: ['0', '0.1'],
  fiscalSubsidyShare: ['0', '1'],
} as const satisfies Partial<Record<keyof ScenarioOverrides, readonly [string, string]>>;
const retirementAgesValues: readonly RetirementAges[] = ['reform', 'former'];
const subsidyRules: readonly FiscalSubsidyRule[] = ['none', 'current_gap', 'share_of_expense'];
export const overrideFields = ['retirementAges', ...Object.keys(rateRanges), 'fiscalSubsidyRule'] as (keyof ScenarioOverrides)[];

const compare = (a: Decimal, b: Decimal) => {
  const scale = Math.max(a.scale, b.scale);
  const units = (d: Decimal) => d.units * 10n ** BigInt(scale - d.scale);
  return units(a) < units(b) ? -1 : units(a) > units(b) ? 1 : 0;
};

/**
 * A saved scenario's overrides read from a request: only the fields above, at least one, each in its range; a share
 * of the expense without a subsidy rule that uses it is refused. Every problem names `overrides.<field>`.
 */
export function readOverrides(raw: unknown): { overrides: ScenarioOverrides; problems: { field: string; message: Said }[] } {
  const problems: { field: string; message: Said }[] = [];
  const overrides: ScenarioOverrides = {};
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { overrides, problems: [{ field: 'overrides', message: say.overridesShape({ fields: overrideFields.join(', ') }) }] };
  for (const [field, value] of Object.entries(raw as Record<string, unknown>)) {
    if (value === undefined || value === null || value === '') continue;
    const at = `overrides.${field}`;
    if (field === 'retirementAges') {
      if (retirementAgesValues.includes(value as RetirementAges)) overrides.retirementAges = value as RetirementAges;
      else problems.push({ field: at, message: say.oneOf({ values: retirementAgesValues.join(', ') }) });
    } else if (field === 'fiscalSubsidyRule') {
      if (subsidyRules.includes(value as FiscalSubsidyRule)) overrides.fiscalSubsidyRule = value as FiscalSubsidyRule;
      else problems.push({ field: at, message: say.oneOf({ values: subsidyRules.join(', ') }) });
    } else if (Object.hasOwn(rateRanges, field)) {
      const [low, high] = rateRanges[field as keyof typeof rateRanges];
      const text = String(value).trim();
      let rate: Decimal | undefined;
      try { rate = /^-?\d+(\.\d{1,6})?$/.test(text) ? parseDecimal(text) : undefined; } catch { rate = undefined; }
      if (!rate || compare(rate, parseDecimal(low)) < 0 || compare(rate, parseDecimal(high)) > 0) problems.push({ field: at, message: say.rateRange({ low, high, value: text }) });
      else overrides[field as keyof typeof rateRanges] = text;
    } else {
      problems.push({ field: at, message: say.overridesShape({ fields: overrideFields.join(', ') }) });
    }
  }
  if (!problems.length && Object.keys(overrides).length === 0) problems.push({ field: 'overrides', message: say.noOverrides() });
  return { overrides, problems };
}
