import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDecimal } from '../../../platform/money.ts';
import { render } from '../../../platform/messages.ts';
import { AppError } from '../../../platform/errors.ts';
import { getParameters } from '../../../platform/params/index.ts';
import { deathProbability, projectPensionFund, type ProjectionAssumptions, type StartingPoint, type YearAssumptions } from './projection.calc.ts';
import { projectionAssumptions } from './projection.parameters.ts';
import { checkProjectionRequest } from './projection.service.ts';
import { readOverrides, scenarioNamesInOrder, scenarios, type BuiltInScenario } from './projection.scenarios.ts';

const rate = (text: string) => parseDecimal(text);
const year2026: YearAssumptions = {
  year: 2026, contributionRate: rate('0.24'), collectionRate: rate('0.95'), wageGrowth: rate('0.05'), pensionIndexation: rate('0.02'),
  interestRate: rate('0.02'), entrantRate: 0, fiscalSubsidyRule: 'none', fiscalSubsidyShare: rate('0'),
};
const noDeaths = { A: 0, B: 0, c: 1.1 };
const assumptionsOf = (changes: Partial<ProjectionAssumptions> = {}, year: Partial<YearAssumptions> = {}): ProjectionAssumptions => ({
  mortality: { M: noDeaths, F: noDeaths }, entrantAges: [{ sex: 'M', age: 20, share: 1 }], retirementAges: 'reform',
  newPensionRatio: rate('0.45'), years: [{ ...year2026, ...year }], ...changes,
});
// men born in 1966 (every month) who pay; 30 women born in 1950 drawing 3000.00 a month; 10 000 000.00 in the fund
const startOf = (men: number): StartingPoint => ({
  baseYear: 2025,
  contributors: [{ category: 'male', birthYear: 1966, count: men }],
  pensioners: [{ sex: 'F', birthYear: 1950, count: 30, monthlyTotal: 30n * 300_000n }],
  averageBase: 600_000n, accumulatedBalance: 1_000_000_000n,
});

/*
 * One year by hand. Men born 1966-01 … 1966-12 retire at 60 plus 4, 4, 4, 4, 5, 5, 5, 5, 6, 6, 6, 6 months (the reform:
 * one month for every 4 months of birth from 1965-01), in 2026-05 … 2026-11, 2026-12, then 2027-01 … 2027-06: 7 of
 * the 12 birth months retire in 2026. Base 6000.00 × 1.05 = 6300.00; a new pension 6300.00 × 0.45 = 2835.00; the old
 * pensions 3000.00 × 1.02 = 3060.00; interest 10 000 000.00 × 2% = 200 000.00.
 */
const cases = [
  {
    name: 'no deaths, no entrants: 7/12 of 120 men retire',
    start: startOf(120), assumptions: assumptionsOf(),
    // 50 × 6300.00 × 12 × 0.24 × 0.95 = 861 840.00; average pension (30 × 3060 + 70 × 2835) / 100 = 2902.50
    expected: { contributors: 50, pensioners: 100, averagePension: 290_250n, contributionIncome: 86_184_000n, interestIncome: 20_000_000n,
      expense: 348_300_000n, balance: -242_116_000n, accumulatedBalance: 757_884_000n, dependencyRatio: 2, monthsOfPaymentCapacity: 26.1 },
  },
  {
    name: 'q = 1 − e^−0.01 at every age, entrants 10% of last year\'s contributors, all men aged 20',
    start: startOf(1200), assumptions: assumptionsOf({ mortality: { M: { A: 0.01, B: 0, c: 1.1 }, F: { A: 0.01, B: 0, c: 1.1 } } }, { entrantRate: 0.1 }),
    // contributors 1200 e^−0.01 × 5/12 + 120 = 615.02 → 615; pensioners 30 e^−0.01 + 1200 e^−0.01 × 7/12 = 722.74 → 723;
    // average pension (29.70 × 3060 + 693.03 × 2835) / 722.74 = 2844.25; the fund runs dry in the year
    expected: { contributors: 615, pensioners: 723, averagePension: 284_425n, contributionIncome: 1_060_063_200n, interestIncome: 20_000_000n,
      expense: 2_467_671_300n, balance: -1_387_608_100n, accumulatedBalance: -387_608_100n, dependencyRatio: 1.1756, monthsOfPaymentCapacity: -1.9 },
  },
  {
    name: 'the former ages: every man born in 1966 retires at 60, in 2026',
    start: startOf(120), assumptions: assumptionsOf({ retirementAges: 'former' }),
    expected: { contributors: 0, pensioners: 150, averagePension: 288_000n, contributionIncome: 0n, interestIncome: 20_000_000n,
      expense: 518_400_000n, balance: -498_400_000n, accumulatedBalance: 501_600_000n, dependencyRatio: null, monthsOfPaymentCapacity: 11.6 },
  },
];

for (const { name, start, assumptions, expected } of cases) {
  test(`one cohort year by hand: ${name}`, () => {
    const { years: [year], depletionYear } = projectPensionFund(start, assumptions);
    assert.equal(year.year, 2026);
    assert.equal(year.averageBase, 630_000n);
    assert.deepEqual({
      contributors: year.contributors, pensioners: year.pensioners, averagePension: year.averagePension, contributionIncome: year.contributionIncome,
      interestIncome: year.interestIncome, expense: year.expense, balance: year.balance, accumulatedBalance: year.accumulatedBalance,
      dependencyRatio: year.dependencyRatio, monthsOfPaymentCapacity: year.monthsOfPaymentCapacity,
    }, expected);
    assert.equal(year.income, year.contributionIncome + year.interestIncome + year.fiscalSubsidy);
    assert.equal(depletionYear, expected.accumulatedBalance < 0n ? 2026 : null);
  });
}

/** A city-sized population: contributors of every age 20–59 by category (men, women cadres, women workers), pensioners 60–89 by sex. */
function cityStart(accumulatedBalance: bigint, perAge = { men: 600, women: 250, pensioners: 300 }): StartingPoint {
  const contributors: StartingPoint['contributors'] = [], pensioners: StartingPoint['pensioners'] = [];
  for (let age = 20; age < 60; age++) {
    contributors.push({ category: 'male', birthYear: 2025 - age, count: perAge.men }, { category: 'female_cadre', birthYear: 2025 - age, count: perAge.women },
      { category: 'female_worker', birthYear: 2025 - age, count: perAge.women });
  }
  for (let age = 60; age < 90; age++) {
    for (const sex of ['M', 'F'] as const) pensioners.push({ sex, birthYear: 2025 - age, count: perAge.pensioners, monthlyTotal: BigInt(perAge.pensioners) * 320_000n });
  }
  return { baseYear: 2025, contributors, pensioners, averageBase: 750_000n, accumulatedBalance };
}

const shipped = (scenario: BuiltInScenario, years = 30) =>
  projectionAssumptions(getParameters(), { poolingRegion: '990000', baseYear: 2025, years, overrides: scenarios[scenario], newPensionRatio: rate('0.45') });

test('identities over 30 years with the shipped parameters: balance = income − expense, accumulated = last year\'s + balance', () => {
  const start = cityStart(5_000_000_000_00n);
  const { years, depletionYear } = projectPensionFund(start, shipped('reform'));
  assert.equal(years.length, 30);
  assert.deepEqual([years[0].year, years[29].year], [2026, 2055]);
  let previous = start.accumulatedBalance;
  for (const year of years) {
    assert.equal(year.income, year.contributionIncome + year.interestIncome + year.fiscalSubsidy, `${year.year} income`);
    assert.equal(year.balance, year.income - year.expense, `${year.year} balance`);
    assert.equal(year.accumulatedBalance, previous + year.balance, `${year.year} accumulated`);
    assert.equal(year.expense, BigInt(year.pensioners) * year.averagePension * 12n, `${year.year} expense`);
    assert.equal(year.fiscalSubsidy, 0n, 'no subsidy by default');
    previous = year.accumulatedBalance;
  }
  const firstNegative = years.find((year) => year.accumulatedBalance < 0n)?.year ?? null;
  assert.equal(depletionYear, firstNegative);
  assert.ok(years[29].pensioners > years[0].pensioners, 'an ageing population: more pensioners after 30 years');
});

test('a fund set to run out: the depletion year is the first year below zero, and a subsidy filling the gap prevents it', () => {
  // an old city: 12 000 contributors, 36 000 pensioners, 5 000 000 000.00 in the fund
  const start = cityStart(5_000_000_000_00n, { men: 150, women: 75, pensioners: 600 });
  const { years, depletionYear } = projectPensionFund(start, shipped('reform'));
  assert.ok(depletionYear !== null, 'it runs out');
  const index = years.findIndex((year) => year.year === depletionYear);
  assert.ok(index > 0 && years[index].accumulatedBalance < 0n && years[index - 1].accumulatedBalance >= 0n, `depletion in ${depletionYear}`);
  assert.ok(years[index].monthsOfPaymentCapacity! < 0);

  const subsidised = shipped('reform');
  subsidised.years = subsidised.years.map((year) => ({ ...year, fiscalSubsidyRule: 'current_gap' }));
  const withSubsidy = projectPensionFund(start, subsidised);
  assert.equal(withSubsidy.depletionYear, null);
  for (const year of withSubsidy.years) assert.ok(year.balance >= 0n, `${year.year}: the subsidy fills the gap`);
});

test('each scenario changes what it says it changes and nothing else', () => {
  const start = cityStart(5_000_000_000_00n);
  const baseline = projectPensionFund(start, shipped('reform')).years;
  const run = (scenario: BuiltInScenario) => projectPensionFund(start, shipped(scenario)).years;
  const heads = (years: typeof baseline) => years.map((year) => [year.contributors, year.pensioners]);

  const lowWage = run('low-wage'), highWage = run('high-wage');
  assert.deepEqual(heads(lowWage), heads(baseline), 'wages move no one');
  assert.deepEqual(heads(highWage), heads(baseline));
  baseline.forEach((year, i) => {
    assert.ok(lowWage[i].averageBase < year.averageBase && year.averageBase < highWage[i].averageBase, `${year.year} base`);
  });
  assert.equal(lowWage[0].averageBase, 772_500n, '7500.00 × 1.03');
  assert.equal(highWage[0].averageBase, 802_500n, '7500.00 × 1.07');

  const lowCompliance = run('low-compliance');
  assert.deepEqual(heads(lowCompliance), heads(baseline));
  assert.deepEqual(lowCompliance.map((year) => year.averageBase), baseline.map((year) => year.averageBase));
  const first = lowCompliance[0];
  assert.equal(first.contributionIncome * 95n / 85n - baseline[0].contributionIncome <= 1n, true, 'contributions scale by 0.85 / 0.95 (to the fen)');
  assert.ok(first.contributionIncome < baseline[0].contributionIncome);
  assert.equal(first.expense, baseline[0].expense, 'the first year pays the same pensions');

  const noReform = run('no-reform');
  assert.deepEqual(noReform.map((year) => year.averageBase), baseline.map((year) => year.averageBase), 'ages change no wage');
  assert.ok(noReform[4].pensioners > baseline[4].pensioners && noReform[4].contributors < baseline[4].contributors, 'retiring earlier: more pensioners, fewer contributors');
  assert.ok(noReform[29].accumulatedBalance < baseline[29].accumulatedBalance);
  assert.deepEqual(scenarioNamesInOrder, ['reform', 'no-reform', 'low-wage', 'high-wage', 'low-compliance']);
});

test('the shipped life table: life expectancy at birth near the 2020 census (men 75.4, women 80.8)', () => {
  const table = shipped('reform', 10).mortality;
  const expectancy = (sex: 'M' | 'F') => {
    let alive = 1, years = 0;
    for (let age = 0; age <= 105; age++) { const next = alive * (1 - deathProbability(table[sex], age)); years += (alive + next) / 2; alive = next; }
    return years;
  };
  assert.equal(expectancy('M').toFixed(1), '75.4');
  assert.equal(expectancy('F').toFixed(1), '80.8');
  assert.equal(deathProbability(table.M, 105), 1);
});

test('a request is refused naming its field: years outside 10–50, a malformed region (the scenario is looked up in the pool: projection.db.test)', () => {
  const refusal = (request: Parameters<typeof checkProjectionRequest>[0]) => {
    try { checkProjectionRequest(request); } catch (error) { return [(error as AppError).field, render((error as AppError).said, 'en')]; }
    return null;
  };
  assert.deepEqual(refusal({ region: '990100', years: '9' }), ['years', 'years: must be a whole number from 10 to 50, got "9"']);
  assert.deepEqual(refusal({ region: '990100', years: '51' })?.[0], 'years');
  assert.deepEqual(refusal({ region: '990100', years: '2.5' })?.[0], 'years');
  assert.deepEqual(refusal({ region: '9901', years: '20' })?.[0], 'region');
  assert.deepEqual(checkProjectionRequest({ region: '990100', years: '20' }), { region: '990100', years: 20, scenario: 'reform' });
});

test('a saved scenario\'s overrides: only the assumptions a scenario sets, each in its range, at least one; every problem names its field', () => {
  assert.deepEqual(readOverrides({ wageGrowth: '0.05', retirementAges: 'former', fiscalSubsidyRule: 'current_gap', interestRate: '' }),
    { overrides: { wageGrowth: '0.05', retirementAges: 'former', fiscalSubsidyRule: 'current_gap' }, problems: [] });
  const problems = (raw: unknown) => readOverrides(raw).problems.map((problem) => [problem.field, render(problem.message, 'en')]);
  assert.deepEqual(problems({ wageGrowth: '0.25', collectionRate: '1.01', pensionIndexation: 'abc', retirementAges: 'later', mortality: '1' }), [
    ['overrides.wageGrowth', 'must be a decimal from -0.1 to 0.2 (at most six places), got "0.25"'],
    ['overrides.collectionRate', 'must be a decimal from 0.5 to 1 (at most six places), got "1.01"'],
    ['overrides.pensionIndexation', 'must be a decimal from -0.05 to 0.2 (at most six places), got "abc"'],
    ['overrides.retirementAges', 'must be one of: reform, former'],
    ['overrides.mortality', 'a scenario sets only these assumptions: retirementAges, wageGrowth, pensionIndexation, collectionRate, interestRate, fiscalSubsidyShare, fiscalSubsidyRule'],
  ]);
  assert.deepEqual(problems({}), [['overrides', 'a scenario changes at least one assumption']]);
  assert.deepEqual(problems([1]).map(([field]) => field), ['overrides']);
  // at the ends of its range a rate is taken; a scenario's rates flow into every projected year
  assert.deepEqual(readOverrides({ collectionRate: '0.5', wageGrowth: '-0.1' }).problems, []);
  const assumptions = projectionAssumptions(getParameters(), { poolingRegion: '990000', baseYear: 2025, years: 12, overrides: { pensionIndexation: '0.01', interestRate: '0.05' }, newPensionRatio: rate('0.45') });
  assert.ok(assumptions.years.every((year) => year.pensionIndexation.units === 1n && year.pensionIndexation.scale === 2 && year.interestRate.units === 5n && year.interestRate.scale === 2));
});
