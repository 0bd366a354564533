/**
 * Budget benchmark (`npm run bench -- budget`): a 30-year cohort projection of the pension fund (issue 13, goal
 * ≤ 200 ms) on a province-sized starting point — contributors of every age 16–64 in the three retirement categories,
 * pensioners of every age 45–104 — with the shipped parameters. No database: the projection is pure; the starting
 * point's queries are not timed here. Reports the first (cold) run and the median of the next ten.
 */
import { getParameters } from '../src/platform/params/index.ts';
import { parseDecimal } from '../src/platform/money.ts';
import { projectPensionFund, type StartingPoint } from '../src/modules/budget/projection/projection.calc.ts';
import { projectionAssumptions } from '../src/modules/budget/projection/projection.parameters.ts';

const YEARS = 30, BASE_YEAR = 2025, GOAL_MS = 200;

function provinceStart(): StartingPoint {
  const contributors: StartingPoint['contributors'] = [], pensioners: StartingPoint['pensioners'] = [];
  for (let age = 16; age <= 64; age++) {
    for (const category of ['male', 'female_cadre', 'female_worker'] as const) contributors.push({ category, birthYear: BASE_YEAR - age, count: 4_000 + age * 37 });
  }
  for (let age = 45; age <= 104; age++) {
    for (const sex of ['M', 'F'] as const) {
      const count = Math.max(10, 9_000 - (age - 45) * 140);
      pensioners.push({ sex, birthYear: BASE_YEAR - age, count, monthlyTotal: BigInt(count) * 330_000n });
    }
  }
  return { baseYear: BASE_YEAR, contributors, pensioners, averageBase: 780_000n, accumulatedBalance: 60_000_000_000_00n };
}

export async function run() {
  const start = provinceStart();
  const assumptions = projectionAssumptions(getParameters(), { poolingRegion: '990000', baseYear: BASE_YEAR, years: YEARS, scenario: 'reform', newPensionRatio: parseDecimal('0.45') });
  const time = () => { const began = performance.now(); const projection = projectPensionFund(start, assumptions); return { ms: performance.now() - began, projection }; };
  const cold = time();
  const warm = Array.from({ length: 10 }, () => time().ms).sort((a, b) => a - b);
  const median = (warm[4] + warm[5]) / 2;
  const last = cold.projection.years[YEARS - 1];
  return {
    projection: {
      years: YEARS,
      contributors: start.contributors.reduce((total, row) => total + row.count, 0),
      pensioners: start.pensioners.reduce((total, row) => total + row.count, 0),
      coldMs: Math.round(cold.ms * 10) / 10,
      medianMs: Math.round(median * 10) / 10,
      goalMs: GOAL_MS,
      meetsGoal: cold.ms <= GOAL_MS,
      depletionYear: cold.projection.depletionYear,
      lastYear: { year: last.year, contributors: last.contributors, pensioners: last.pensioners, accumulatedBalance: last.accumulatedBalance },
    },
  };
}
