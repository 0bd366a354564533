/**
 * The actuarial line models on exact synthetic data: 社会保险费收入 made of contributors × base × rate × collection rate
 * and 基本养老金 of pensioners × pension is recovered to the fen; a new rate dated in the budget year changes the line by
 * exactly its ratio; a model that loses to naive in the backtest is not chosen; the base data by hand.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forecastSeries } from '../forecast/forecast.calc.ts';
import { actuarialModel, contributionSteps, drift, growth } from './actuarial.calc.ts';
import { budgetChartFor, schemeTable } from './budget-chart.ts';
import { baseDataYears, draftMonths, draftTable, type FundActuals, type FundDrivers } from './draft.calc.ts';

const pension = schemeTable(budgetChartFor(2027), 'pension')!;
// 22 actual months 2025-01 … 2026-10, the bridge 2026-11 and 12, the budget year 2027: t = 0 … 35
const months = draftMonths('2025-01', '2026-10', 2027);
const observed = months.actual.length;
const all = [...months.actual, ...months.bridge, ...months.budget];

// contributors 1,000 + 10 t; average base 5,000.00 yuan growing 0.5% a month; rate 24% (16% + 8%); 95% collected
const contributors = (t: number) => 1_000 + 10 * t;
const base = (t: number) => 500_000 * 1.005 ** t;
const COLLECTION = 0.95;
// pensioners 500 + 2 t at 3,000.00 yuan a month, raised 3% from 2026-01 (t = 12) and 2% from 2027-01 (t = 24)
const pensioners = (t: number) => 500 + 2 * t;
const pension_ = (t: number) => 300_000 * (t >= 12 ? 1.03 : 1) * (t >= 24 ? 1.02 : 1);
const indexation = all.map((_, t) => (t === 12 ? 0.03 : t === 24 ? 0.02 : 0));

function fund(budgetRate: number): FundActuals {
  const rate = all.map((_, t) => (t >= observed + months.bridge.length ? budgetRate : 0.24));
  const drivers: FundDrivers = {
    contributors: months.actual.map((_, t) => contributors(t)), averageBase: months.actual.map((_, t) => base(t)), rate,
    benefit: { row: 'basic_pension', recipients: months.actual.map((_, t) => pensioners(t)), averageAmount: months.actual.map((_, t) => pension_(t)), indexation },
  };
  return {
    amounts: new Map([
      ['premium_income', new Map(months.actual.map((month, t) => [month, BigInt(Math.round(contributors(t) * base(t) * 0.24 * COLLECTION))]))],
      ['benefit_expense.basic_pension', new Map(months.actual.map((month, t) => [month, BigInt(Math.round(pensioners(t) * pension_(t)))]))],
    ]),
    balanceAtLastMonth: 0n,
    drivers,
  };
}

const budgetMonths = Array.from({ length: 12 }, (_, index) => observed + months.bridge.length + index);
const sumOver = (value: (t: number) => number) => budgetMonths.reduce((sum, t) => sum + value(t), 0);

test('drivers go forward on their own trends: drift for persons, geometric growth for the base', () => {
  assert.equal(drift([100, 110, 130], 2), 130 + 15 * 2);
  assert.ok(Math.abs(growth([100, 110], 2) - 133.1) < 1e-9);
  assert.equal(growth([0, 50], 3), 50, 'a base that started at 0 stays flat');
});

test('社会保险费收入 = contributors × average base × rate × collection rate, recovered to the fen and chosen', () => {
  const line = draftTable(pension, fund(0.24), months).income.find((entry) => entry.subject === 'premium_income')!;
  assert.equal(line.model, 'actuarial');
  assert.equal(line.beatsNaive, true);
  // the fen each month was rounded to moves the collection rate by less than 1e-9, not a fen of the year
  assert.equal(line.amount, BigInt(Math.round(sumOver((t) => contributors(t) * base(t) * 0.24 * COLLECTION))));
  assert.ok(line.backtest!.mase! < 1e-6, `actuarial MASE ${line.backtest!.mase}`);
  assert.ok(line.drivers && 'contributors' in line.drivers);
  const drivers = line.drivers as { contributors: number; averageBase: bigint; rate: number; collectionRate: number };
  // the year's mean of 1,000 + 10 t over t = 24 … 35
  assert.equal(drivers.contributors, 1_295);
  // the base weighted by the contributors of each month, as the base data weigh it
  assert.equal(drivers.averageBase, BigInt(Math.round(sumOver((t) => contributors(t) * base(t)) / sumOver(contributors))));
  assert.equal(drivers.rate, 0.24);
  assert.ok(Math.abs(drivers.collectionRate - COLLECTION) < 1e-9, `collection rate ${drivers.collectionRate}`);
});

test('a new rate dated in the budget year (24% → 26%) changes the line by exactly 26/24', () => {
  const before = draftTable(pension, fund(0.24), months).income[0];
  const after = draftTable(pension, fund(0.26), months).income[0];
  assert.equal(after.model, 'actuarial');
  // each amount rounded once to the fen: the ratio holds to a fen's rounding
  const difference = after.amount * 24n - before.amount * 26n;
  assert.ok(difference <= 26n && difference >= -26n, `${after.amount} × 24 − ${before.amount} × 26 = ${difference}`);
  assert.ok(after.amount > before.amount);
  assert.equal((after.drivers as { rate: number }).rate, 0.26);
});

test('基本养老金 = pensioners × average pension with the budget year\'s indexation, recovered to the fen', () => {
  const row = draftTable(pension, fund(0.24), months).expense[0].items!.find((item) => item.subject === 'basic_pension')!;
  assert.equal(row.model, 'actuarial', 'the 2026 step defeats drift and the trend; the drivers know it');
  assert.equal(row.amount, BigInt(Math.round(sumOver((t) => pensioners(t) * pension_(t)))));
  assert.deepEqual(row.drivers, { recipients: 559, averageAmount: BigInt(Math.round(300_000 * 1.03 * 1.02)), indexation: 0.02 });
});

test('an actuarial model that loses to naive in the backtest is not chosen', () => {
  // the income stays at 100,000.00 a month while the billed contributors grow 5% a month: the drivers mislead
  const values = months.actual.map(() => 10_000_000);
  const drivers = { kind: 'contribution' as const, contributors: months.actual.map((_, t) => 1_000 * 1.05 ** t), averageBase: months.actual.map(() => 500_000), rate: all.map(() => 0.24) };
  const result = forecastSeries({ frequency: 'monthly', values, drivers: [] }, 14, [actuarialModel(drivers)]);
  const actuarial = result.models.find((model) => model.name === 'actuarial')!;
  assert.equal(actuarial.backtest!.origins, result.models[0].backtest!.origins, 'judged on the same origins');
  assert.equal(result.models[0].backtest!.mape, 0, 'naive is exact on a flat line');
  assert.ok(actuarial.backtest!.mape! > 1, `actuarial MAPE ${actuarial.backtest!.mape}%`);
  assert.equal(actuarial.beatsNaive, false);
  assert.equal(result.chosen, 'naive');
  // the same through the draft: the line keeps naive and states no drivers
  const table = draftTable(pension, {
    amounts: new Map([['premium_income', new Map(months.actual.map((month) => [month, 10_000_000n]))]]), balanceAtLastMonth: 0n,
    drivers: { contributors: drivers.contributors, averageBase: drivers.averageBase, rate: drivers.rate, benefit: null },
  }, months);
  assert.deepEqual([table.income[0].model, table.income[0].drivers, table.income[0].amount], ['naive', undefined, 120_000_000n]);
});

test('the backtest sees no driver after its origin: poisoning later contributors changes no one-step forecast', () => {
  const honest = { kind: 'contribution' as const, contributors: months.actual.map((_, t) => contributors(t)), averageBase: months.actual.map((_, t) => base(t)), rate: all.map(() => 0.24) };
  const history = months.actual.slice(0, 15).map((_, t) => contributors(t) * base(t) * 0.24 * COLLECTION);
  const poisoned = { ...honest, contributors: honest.contributors.map((value, t) => (t >= 15 ? value * 1_000 : value)) };
  assert.deepEqual(contributionSteps(poisoned, history, 1), contributionSteps(honest, history, 1));
  assert.equal(contributionSteps({ ...honest, contributors: honest.contributors.map(() => 0) }, history, 1), undefined, 'nobody billed: no collection rate, no fit');
});

test('社预附 base data: the months\' means per year, bases weighted by persons, the budget year projected', () => {
  const short = draftMonths('2025-11', '2026-02', 2027);
  const drivers: FundDrivers = {
    contributors: [100, 300, 200, 200], averageBase: [400_000, 600_000, 500_000, 500_000], rate: null,
    benefit: { row: 'unemployment_benefit', recipients: [10, 10, 12, 14], averageAmount: [150_000, 150_000, 160_000, 160_000], indexation: [...short.actual, ...short.bridge, ...short.budget].map(() => 0) },
  };
  const years = baseDataYears(drivers, short);
  assert.deepEqual(years[0], { year: 2025, actualMonths: 2, source: 'ledger', contributors: 200, averageBase: 550_000n, recipients: 10, averageAmount: 150_000n });
  assert.deepEqual(years[1], { year: 2026, actualMonths: 2, source: 'ledger', contributors: 200, averageBase: 500_000n, recipients: 13, averageAmount: 160_000n });
  // 2027: contributors 200 + 100/3 × step for steps 11 … 22 (the bridge is 2026-03 … 12), mean at step 16.5 = 750
  const budget = years[2];
  assert.deepEqual([budget.year, budget.actualMonths, budget.contributors], [2027, 0, 750]);
  // recipients 14 + 4/3 × 16.5 = 36; the benefit flat without indexation
  assert.deepEqual([budget.recipients, budget.averageAmount], [36, 160_000n]);
  assert.ok(budget.averageBase > 500_000n, 'the base grows on its own trend from 4,000.00 to 5,000.00');
});

test('失业保险金 = claimants × average benefit: the 其中 row of the unemployment table, after the benefit standard rose', () => {
  const unemployment = schemeTable(budgetChartFor(2027), 'unemployment')!;
  // claimants 100 + 2 t; the monthly benefit 1,800.00, raised to 2,000.00 from 2026-01 (t = 12) with the minimum wage
  const claimants = (t: number) => 100 + 2 * t;
  const amount = (t: number) => (t >= 12 ? 200_000 : 180_000);
  const table = draftTable(unemployment, {
    amounts: new Map([['benefit_expense.unemployment_benefit', new Map(months.actual.map((month, t) => [month, BigInt(claimants(t) * amount(t))]))]]),
    balanceAtLastMonth: 0n,
    drivers: {
      contributors: months.actual.map(() => 0), averageBase: months.actual.map(() => 0), rate: null,
      benefit: { row: 'unemployment_benefit', recipients: months.actual.map((_, t) => claimants(t)), averageAmount: months.actual.map((_, t) => amount(t)), indexation: all.map(() => 0) },
    },
  }, months);
  const row = table.expense[0].items!.find((item) => item.subject === 'unemployment_benefit')!;
  assert.equal(row.model, 'actuarial');
  assert.equal(row.amount, BigInt(sumOver((t) => claimants(t) * 200_000)));
  assert.deepEqual(row.drivers, { recipients: 159, averageAmount: 200_000n, indexation: 0 });
  assert.equal(table.income[0].model, 'naive', 'no rate (and no income): 社会保险费收入 has no actuarial model');
});
