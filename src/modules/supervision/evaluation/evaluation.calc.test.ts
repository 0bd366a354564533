/** The evaluation by hand on a small tree: leaf rules at their edges, weights of what counts, ranks, and the reward split to the fen. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { competitionRanks, leafScore, measuresOf, rankScore, rewardsByScore, scoreRegions, splitByWeights } from './evaluation.calc.ts';
import { leavesOf, loadIndicatorTree, parseIndicatorTree, type Indicator } from './indicator-tree.ts';

test('a leaf by its rule: target and band at their edges', () => {
  const target = { rule: 'target', target: 0.98, better: 'higher' } as const;
  const fewer = { rule: 'target', target: 2, better: 'lower' } as const;
  const bands = { rule: 'band', better: 'lower', bands: [{ limit: 0.05, score: 100 }, { limit: 0.1, score: 80 }], otherwise: 0 } as const;
  const rising = { rule: 'band', better: 'higher', bands: [{ limit: 0.95, score: 100 }, { limit: 0.9, score: 85 }], otherwise: 40 } as const;
  const cases: [string, Parameters<typeof leafScore>[0], number | null, number | null][] = [
    ['target met exactly', target, 0.98, 100], ['target beaten', target, 1, 100], ['short of the target', target, 0.49, 50],
    ['nothing collected', target, 0, 0], ['no value', target, null, null],
    ['lower is better, met', fewer, 2, 100], ['lower is better, twice the target', fewer, 4, 50],
    ['first band, on its limit', bands, 0.05, 100], ['second band', bands, 0.0500001, 80], ['beyond the bands', bands, 0.1000001, 0],
    ['rising bands, on a limit', rising, 0.9, 85], ['rising bands, under all', rising, 0.5, 40],
  ];
  for (const [name, scoring, value, expected] of cases) assert.equal(leafScore(scoring, value), expected, name);
});

test('ranks: ties share the better rank; the rank score runs from 100 to 0', () => {
  assert.deepEqual(competitionRanks([0.3, 0.1, 0.3, 0.2], 'lower'), [3, 1, 3, 2]);
  assert.deepEqual(competitionRanks([5, 7, 7], 'higher'), [3, 1, 1]);
  assert.deepEqual([rankScore(1, 4), rankScore(2, 4), rankScore(4, 4), rankScore(1, 1)], [100, 66.67, 0, 100]);
});

// Two groups: A (0.6) = a1 target 0.9 (0.5) + a2 rank lower (0.5); B (0.4) = b1 band lower.
const tree: Indicator[] = [
  { code: 'a', name: 'A', weight: 0.6, children: [
    { code: 'a1', name: 'A1', weight: 0.5, measure: 'collection_rate', scoring: { rule: 'target', target: 0.9, better: 'higher' } },
    { code: 'a2', name: 'A2', weight: 0.5, measure: 'arrears_growth', scoring: { rule: 'rank', better: 'lower' } },
  ] },
  { code: 'b', name: 'B', weight: 0.4, children: [
    { code: 'b1', name: 'B1', weight: 1, measure: 'execution_deviation', scoring: { rule: 'band', better: 'lower', bands: [{ limit: 0.05, score: 100 }, { limit: 0.2, score: 60 }], otherwise: 0 } },
  ] },
];

test('scores by hand: weighted sums, a leaf without a value gives its weight to what counts, ranks', () => {
  const scored = scoreRegions(tree, [
    // a1 100, a2 rank 1 of 3 → 100; b1 0.03 → 100: 100
    { region: '990102', values: { collection_rate: 0.95, arrears_growth: -0.01, execution_deviation: 0.03 } },
    // a1 0.72/0.9 = 80, a2 rank 3 → 0: A = 40; b1 0.1 → 60: 0.6 × 40 + 0.4 × 60 = 48
    { region: '990103', values: { collection_rate: 0.72, arrears_growth: 0.05, execution_deviation: 0.1 } },
    // a1 90/0.9 … 0.81 → 90, a2 rank 2 → 50: A = 70; no budget: B does not count → 70
    { region: '990104', values: { collection_rate: 0.81, arrears_growth: 0.02, execution_deviation: null } },
    // no value at all: 0, last
    { region: '990111', values: {} },
  ]);
  assert.deepEqual(scored.map((s) => [s.region, s.score, s.rank]), [['990102', 100, 1], ['990104', 70, 2], ['990103', 48, 3], ['990111', 0, 4]]);
  assert.deepEqual(scored[1].indicators, [{ code: 'a1', value: 0.81, score: 90 }, { code: 'a2', value: 0.02, score: 50 }, { code: 'b1', value: null, score: null }]);
  // equal scores share a rank; the next rank is skipped
  const tied = scoreRegions(tree, [{ region: 'x', values: { collection_rate: 0.9 } }, { region: 'y', values: { collection_rate: 0.95 } }, { region: 'z', values: { collection_rate: 0.45 } }]);
  assert.deepEqual(tied.map((s) => [s.region, s.score, s.rank]), [['x', 100, 1], ['y', 100, 1], ['z', 50, 3]]);
});

test('the pool split: whole fen by weight, the fen left to the largest remainders, always the pool', () => {
  const cases: [string, bigint, bigint[], bigint[]][] = [
    ['even', 100n, [1n, 1n], [50n, 50n]],
    ['a fen left to the larger remainder', 100n, [1n, 2n], [33n, 67n]],
    ['thirds: the earlier part on a tie', 100n, [1n, 1n, 1n], [34n, 33n, 33n]],
    ['two fen left over', 200n, [1n, 1n, 1n], [67n, 67n, 66n]],
    ['a zero score gets nothing', 1000n, [0n, 3n, 1n], [0n, 750n, 250n]],
    ['nobody scored: equal parts', 10n, [0n, 0n, 0n], [4n, 3n, 3n]],
    ['an empty pool', 0n, [5n, 7n], [0n, 0n]],
    ['one region takes it all', 12345n, [9000n], [12345n]],
  ];
  for (const [name, total, weights, expected] of cases) {
    const parts = splitByWeights(total, weights);
    assert.deepEqual(parts, expected, name);
    assert.equal(parts.reduce((a, b) => a + b, 0n), total, `${name}: adds up`);
  }
  assert.throws(() => splitByWeights(-1n, [1n]), /must not be negative/);
  // scores in hundredths: 1,000,000.00 yuan over 8735 + 8735 + 6010 = 23480 → 37,201,873.93, 37,201,873.93, 25,596,252.13 fen:
  // the two fen left over go to the .93 remainders
  const rewards = rewardsByScore(100_000_000n, [{ score: 87.35 }, { score: 87.35 }, { score: 60.1 }]);
  assert.deepEqual(rewards, [37_201_874n, 37_201_874n, 25_596_252n]);
  assert.equal(rewards.reduce((a, b) => a + b, 0n), 100_000_000n);
});

test('the shipped tree loads: four first-level groups, weights adding up, every leaf measured or entered; a broken tree names its problems', () => {
  const shipped = loadIndicatorTree();
  assert.equal(shipped.indicators.length, 4);
  const leaves = leavesOf(shipped.indicators);
  assert.deepEqual(leaves.filter((l) => l.measure).map((l) => l.measure).sort(),
    ['arrears_growth', 'collection_rate', 'declared_base_share', 'execution_deviation', 'findings_per_10000', 'on_time_share']);
  assert.deepEqual(leaves.filter((l) => l.entered).map((l) => [l.code, l.entered!.min, l.entered!.max]), [['rectification_rate', 0, 1], ['internal_control_score', 0, 100]]);
  assert.throws(() => parseIndicatorTree(`title: t
reference: r
indicators:
  - { code: a, name: A, weight: 0.5, measure: collection_rate, scoring: { rule: target, target: 0.9, better: higher } }
  - { code: b, name: B, weight: 0.4, measure: wages, scoring: { rule: band, better: lower, bands: [{ limit: 2, score: 100 }, { limit: 1, score: 50 }], otherwise: 0 } }
`, 'broken.yaml'), (error: Error) => {
    assert.match(error.message, /broken\.yaml: indicators: the weights must add up to 1/);
    assert.match(error.message, /indicators\[1\]\.measure must be one of/);
    assert.match(error.message, /indicators\[1\]\.scoring\.bands: limits must rise/);
    return true;
  });
  assert.throws(() => parseIndicatorTree(`title: t
reference: r
indicators:
  - { code: a, name: A, weight: 0.5, measure: collection_rate, entered: { min: 0, max: 1, hint: h }, scoring: { rule: target, target: 1, better: higher } }
  - { code: b, name: B, weight: 0.5, entered: { min: 5, max: 1 }, scoring: { rule: target, target: 1, better: higher } }
`, 'entered.yaml'), (error: Error) => {
    assert.match(error.message, /indicators\[0\]: an entered indicator has no measure/);
    assert.match(error.message, /indicators\[1\]\.entered: min and max must be numbers, min below max/);
    assert.match(error.message, /indicators\[1\]\.entered\.hint .* is required/);
    return true;
  });
});

test('an entered leaf is scored on the value kept under its own code, beside the measured ones', () => {
  const tree = parseIndicatorTree(`title: t
reference: r
indicators:
  - { code: rate, name: R, weight: 0.6, measure: collection_rate, scoring: { rule: target, target: 1, better: higher } }
  - { code: review, name: V, weight: 0.4, entered: { min: 0, max: 100, hint: h }, scoring: { rule: target, target: 100, better: higher } }
`);
  const [first, second] = scoreRegions(tree.indicators, [
    { region: '990102', values: { collection_rate: 0.9, review: 70 } },
    { region: '990103', values: { collection_rate: 0.9 } },
  ]);
  // 990103 has nothing entered: only the measured leaf counts, 90; 990102: 0.6 × 90 + 0.4 × 70 = 82
  assert.deepEqual([first.region, first.score, first.rank, first.indicators[1]], ['990103', 90, 1, { code: 'review', value: null, score: null }]);
  assert.deepEqual([second.region, second.score, second.rank, second.indicators[1]], ['990102', 82, 2, { code: 'review', value: 70, score: 70 }]);
});

test('a county\'s measures from its records; nothing to divide by: no value', () => {
  const record = { billed: 1_000_000n, paid: 950_000n, paidOnTime: 900_000n, lines: 400, assessedLines: 10, insured: 100,
    arrearsStart: 20_000n, arrearsEnd: 50_000n, findings: 3, budgetedPremium: 1_000_000n };
  assert.deepEqual(measuresOf(record), {
    collection_rate: 0.95, on_time_share: 0.9, declared_base_share: 0.975, arrears_growth: 0.03, findings_per_10000: 300, execution_deviation: 0.05,
  });
  assert.deepEqual(measuresOf({ ...record, arrearsEnd: 10_000n, paid: 1_100_000n, budgetedPremium: 1_000_000n }).arrears_growth, -0.01);
  assert.equal(measuresOf({ ...record, paid: 1_100_000n }).execution_deviation, 0.1);
  assert.deepEqual(measuresOf({ ...record, billed: 0n, lines: 0, insured: 0, budgetedPremium: null }), {
    collection_rate: null, on_time_share: null, declared_base_share: null, arrears_growth: null, findings_per_10000: null, execution_deviation: null,
  });
});
