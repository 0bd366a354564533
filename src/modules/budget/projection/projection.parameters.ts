/**
 * The projection's assumptions from the dated parameters: each projected year reads the values in force on its
 * 1 January in the pooling region (a rate dated in a future year takes effect in that year), then the scenario's
 * overrides replace what they name. Mortality and the entrants' ages are read once, on the first projected year.
 */
import { parseDecimal, type Decimal } from '../../../platform/money.ts';
import type { ParameterStore, TableValue } from '../../../platform/params/index.ts';
import type { FiscalSubsidyRule, MortalityLaw, ProjectionAssumptions, Sex, YearAssumptions } from './projection.calc.ts';
import type { ScenarioOverrides } from './projection.scenarios.ts';

const PREFIX = 'budget.projection';
export const MINIMUM_YEARS = 10, MAXIMUM_YEARS = 50;

const addRates = (a: Decimal, b: Decimal): Decimal => {
  const scale = Math.max(a.scale, b.scale);
  return { units: a.units * 10n ** BigInt(scale - a.scale) + b.units * 10n ** BigInt(scale - b.scale), scale };
};

const numberOf = (value: unknown, path: string): number => {
  const number = Number(value);
  if (typeof value !== 'string' || !Number.isFinite(number)) throw new Error(`${path}: ${String(value)} is not a decimal`);
  return number;
};

function mortalityLaw(table: TableValue, sex: Sex): MortalityLaw {
  const law = (table as Record<string, Record<string, unknown>>)[sex];
  if (!law) throw new Error(`${PREFIX}.mortality has no law for ${sex}`);
  return { A: numberOf(law.A, `${PREFIX}.mortality.${sex}.A`), B: numberOf(law.B, `${PREFIX}.mortality.${sex}.B`), c: numberOf(law.c, `${PREFIX}.mortality.${sex}.c`) };
}

function entrantAges(table: TableValue): ProjectionAssumptions['entrantAges'] {
  return (['M', 'F'] as const).flatMap((sex) => Object.entries((table as Record<string, Record<string, unknown>>)[sex] ?? {})
    .map(([age, share]) => ({ sex, age: Number(age), share: numberOf(share, `${PREFIX}.entrant_ages.${sex}.${age}`) })));
}

/** Every assumption of the years after `baseYear`, in the pooling region, with the scenario's overrides (built-in or saved). */
export function projectionAssumptions(
  store: ParameterStore, options: { poolingRegion: string; baseYear: number; years: number; overrides: ScenarioOverrides; newPensionRatio: Decimal },
): ProjectionAssumptions {
  const { overrides } = options;
  const overridden = (value: string | undefined, path: string, date: string) => (value !== undefined ? parseDecimal(value) : store.rate(path, date, options.poolingRegion));
  const region = options.poolingRegion;
  const first = `${options.baseYear + 1}-01-01`;
  const years: YearAssumptions[] = Array.from({ length: options.years }, (_, offset) => {
    const year = options.baseYear + 1 + offset, date = `${year}-01-01`;
    const rate = (path: string) => store.rate(path, date, region);
    return {
      year,
      // 统账结合: the employee's 8% is credited to the individual account, yet all of it is the pooled fund's income (财会〔2017〕28号)
      contributionRate: addRates(rate('contribution.pension.employer_rate'), rate('contribution.pension.employee_rate')),
      collectionRate: overridden(overrides.collectionRate, `${PREFIX}.collection_rate`, date),
      wageGrowth: overridden(overrides.wageGrowth, `${PREFIX}.wage_growth`, date),
      pensionIndexation: overridden(overrides.pensionIndexation, `${PREFIX}.pension_indexation`, date),
      interestRate: overridden(overrides.interestRate, `${PREFIX}.interest_rate`, date),
      entrantRate: numberOf(store.lookup(`${PREFIX}.entrant_rate`, date, region).value, `${PREFIX}.entrant_rate`),
      fiscalSubsidyRule: overrides.fiscalSubsidyRule ?? store.text(`${PREFIX}.fiscal_subsidy_rule`, date, region) as FiscalSubsidyRule,
      fiscalSubsidyShare: overridden(overrides.fiscalSubsidyShare, `${PREFIX}.fiscal_subsidy_share`, date),
    };
  });
  const mortality = store.table(`${PREFIX}.mortality`, first, region);
  return {
    mortality: { M: mortalityLaw(mortality, 'M'), F: mortalityLaw(mortality, 'F') },
    entrantAges: entrantAges(store.table(`${PREFIX}.entrant_ages`, first, region)),
    retirementAges: overrides.retirementAges ?? 'reform',
    newPensionRatio: options.newPensionRatio,
    years,
  };
}

/** The new retirees' pension ratio when the pool has awarded none lately: the parameter of the first projected year. */
export const defaultNewPensionRatio = (store: ParameterStore, poolingRegion: string, baseYear: number) =>
  store.rate(`${PREFIX}.new_pension_ratio`, `${baseYear + 1}-01-01`, poolingRegion);
