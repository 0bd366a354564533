/**
 * `sifund projection` and GET /api/budget/projection: the pension fund's cohort projection from the system's own facts.
 *
 * Region: pension is pooled at a level (the province in the demo, 990000) and the accumulated balance belongs to the
 * pool, not to a city. A region at or below the pool projects the pool's fund as a whole (its contributors,
 * pensioners and balance), and the answer names the fund and the pooling region. A region above several pools is
 * refused naming them.
 *
 * Starting point (today, in China): contributors as projection.repository counts them; the average base of their
 * declarations of the latest declared year, clamped to that year's limits (the average wage when nobody declared);
 * the fund's active awards with their amounts this month; the accumulated balance = the fund's assets less its
 * liabilities in the ledger this month (基金结余 plus this year's surplus, 财会〔2017〕28号); new retirees' pension as a
 * share of the average base from the awards of the last three years (budget.projection.new_pension_ratio without any).
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, scopePrefix, type Actor } from '../../../platform/actor.ts';
import { invalid } from '../../../platform/errors.ts';
import { divideRounded, formatDecimal, formatYuan, parseYuan, type Decimal, type RoundingMode } from '../../../platform/money.ts';
import { getParameters, isRegionCode, todayInChina, type ParameterStore } from '../../../platform/params/index.ts';
import type { Language } from '../../../platform/messages.ts';
import { addMonths, getTrialBalance } from '../../ledger/index.ts';
import { baseLimits, publicPensionEmployerTypes } from '../../collection/index.ts';
import { retirementCategory } from '../../registry/index.ts';
import * as repository from './projection.repository.ts';
import { projectPensionFund, type Projection, type StartingPoint } from './projection.calc.ts';
import { MAXIMUM_YEARS, MINIMUM_YEARS, defaultNewPensionRatio, projectionAssumptions } from './projection.parameters.ts';
import { BASELINE_SCENARIO } from './projection.scenarios.ts';
import { projectionRules as say } from './projection.messages.ts';
import { poolOf, scenarioFor, scenarioNamesOf } from './projection-scenarios.service.ts';

export interface ProjectionRequest { region: string; years: number | string; scenario?: string }

/** Checks the request's form (the scenario is looked up in the region's pool later); every refusal names its field. */
export function checkProjectionRequest(request: ProjectionRequest): { region: string; years: number; scenario: string } {
  if (!isRegionCode(request.region ?? '')) throw invalid('region', say.regionShape({ value: String(request.region ?? '') }));
  const years = Number(request.years);
  if (!/^\d+$/.test(String(request.years)) || years < MINIMUM_YEARS || years > MAXIMUM_YEARS) {
    throw invalid('years', say.yearsRange({ minimum: MINIMUM_YEARS, maximum: MAXIMUM_YEARS, value: String(request.years) }));
  }
  return { region: request.region, years, scenario: request.scenario ?? BASELINE_SCENARIO };
}

/** The exact ratio a ÷ b to four decimals (b > 0). */
const ratio = (a: bigint, b: bigint): Decimal => ({ units: divideRounded(a * 10_000n, b), scale: 4 });

export interface PensionStart {
  poolingRegion: string; fund: string; asOf: string; start: StartingPoint;
  newPensionRatio: Decimal; newPensionRatioFrom: 'awards' | 'parameter';
}

/** The pool of the region, the fund and its starting point. */
export async function pensionStartingPoint(database: DatabaseHandle, actor: Actor, region: string, store: ParameterStore = getParameters()): Promise<PensionStart> {
  const asOf = todayInChina(), period = asOf.slice(0, 7), baseYear = Number(asOf.slice(0, 4));
  const facts = await inScope(database, actor, async (tx) => {
    const poolingRegion = await poolOf(tx, region);
    const fund = `pension-${poolingRegion}`, prefix = scopePrefix(poolingRegion);
    const contributors = await repository.contributorsByCohort(tx, prefix, asOf, publicPensionEmployerTypes);
    const declarationYear = await repository.latestDeclarationYear(tx, prefix, asOf, publicPensionEmployerTypes, baseYear);
    const limitsYear = declarationYear ?? baseYear, date = `${limitsYear}-01-01`;
    const averageWage = store.money('contribution.base.average_wage', date, poolingRegion);
    const ratioText = (path: string) => store.lookup(path, date, poolingRegion).value as string;
    const limits = baseLimits(averageWage, ratioText('contribution.base.floor_ratio'), ratioText('contribution.base.ceiling_ratio'), store.text('contribution.rounding', date, poolingRegion) as RoundingMode);
    const bases = declarationYear === null ? { persons: 0, total: 0n } : await repository.declaredBases(tx, prefix, asOf, publicPensionEmployerTypes, declarationYear, limits);
    const pensioners = await repository.pensionersByCohort(tx, fund, period);
    const recent = await repository.recentAwards(tx, fund, addMonths(period, -36));
    return { poolingRegion, fund, contributors, averageBase: bases.persons > 0 ? divideRounded(bases.total, BigInt(bases.persons)) : averageWage, pensioners, recent };
  });
  const balance = await getTrialBalance(database, actor, facts.fund, period);
  // 资产 − 负债: every account that is neither 基金结余 nor this year's income and expense
  const accumulatedBalance = balance.accounts.filter((account) => !['fund_balance', 'revenue', 'expense'].includes(account.role))
    .reduce((total, account) => total + parseYuan(account.closing), 0n);
  const fromAwards = facts.recent.awards > 0 && facts.averageBase > 0n;
  return {
    poolingRegion: facts.poolingRegion, fund: facts.fund, asOf,
    start: {
      baseYear,
      contributors: facts.contributors.map((row) => ({ category: retirementCategory(row.gender, row.occupation), birthYear: row.birth_year, count: row.count })),
      pensioners: facts.pensioners.map((row) => ({ sex: row.gender, birthYear: row.birth_year, count: row.count, monthlyTotal: BigInt(row.monthly_total) })),
      averageBase: facts.averageBase,
      accumulatedBalance,
    },
    newPensionRatio: fromAwards ? ratio(divideRounded(facts.recent.total, BigInt(facts.recent.awards)), facts.averageBase) : defaultNewPensionRatio(store, facts.poolingRegion, baseYear),
    newPensionRatioFrom: fromAwards ? 'awards' : 'parameter',
  };
}

/** The answer of the CLI and the API: amounts in yuan with two decimals. */
export function projectionView(request: { region: string; scenario: string; scenarioLabel: string }, started: PensionStart, projection: Projection) {
  const { start } = started;
  return {
    region: request.region,
    poolingRegion: started.poolingRegion,
    fund: started.fund,
    scope: 'pooled_fund' as const,
    scenario: request.scenario,
    scenarioLabel: request.scenarioLabel,
    asOf: started.asOf,
    startingPoint: {
      contributors: start.contributors.reduce((total, row) => total + row.count, 0),
      pensioners: start.pensioners.reduce((total, row) => total + row.count, 0),
      averageBase: formatYuan(start.averageBase),
      monthlyPensions: formatYuan(start.pensioners.reduce((total, row) => total + row.monthlyTotal, 0n)),
      accumulatedBalance: formatYuan(start.accumulatedBalance),
      newPensionRatio: formatDecimal(started.newPensionRatio),
      newPensionRatioFrom: started.newPensionRatioFrom,
    },
    depletionYear: projection.depletionYear,
    years: projection.years.map((year) => ({
      year: year.year, contributors: year.contributors, pensioners: year.pensioners, dependencyRatio: year.dependencyRatio,
      averageBase: formatYuan(year.averageBase), averagePension: formatYuan(year.averagePension),
      contributionIncome: formatYuan(year.contributionIncome), interestIncome: formatYuan(year.interestIncome), fiscalSubsidy: formatYuan(year.fiscalSubsidy),
      income: formatYuan(year.income), expense: formatYuan(year.expense), balance: formatYuan(year.balance),
      accumulatedBalance: formatYuan(year.accumulatedBalance), monthsOfPaymentCapacity: year.monthsOfPaymentCapacity,
    })),
  };
}

export type ProjectionView = ReturnType<typeof projectionView>;

/** The whole projection for a region: checked request, starting point, assumptions of the scenario (built-in or the pool's own), the years. */
export async function projectPension(database: DatabaseHandle, actor: Actor, request: ProjectionRequest, language: Language, store: ParameterStore = getParameters()): Promise<ProjectionView> {
  const checked = checkProjectionRequest(request);
  const started = await pensionStartingPoint(database, actor, checked.region, store);
  const scenario = await inScope(database, actor, async (tx) => {
    const found = await scenarioFor(tx, started.poolingRegion, checked.scenario, language);
    if (!found) throw invalid('scenario', say.unknownScenario({ value: checked.scenario, names: (await scenarioNamesOf(tx, started.poolingRegion)).join(', ') }));
    return found;
  });
  const assumptions = projectionAssumptions(store, {
    poolingRegion: started.poolingRegion, baseYear: started.start.baseYear, years: checked.years, overrides: scenario.overrides, newPensionRatio: started.newPensionRatio,
  });
  return projectionView({ ...checked, scenarioLabel: scenario.label }, started, projectPensionFund(started.start, assumptions));
}
