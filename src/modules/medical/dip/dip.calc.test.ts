/** DIP on the hand-worked case of docs/medical.md, with the rules the shipped parameters give. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDecimal, formatYuan, parseDecimal, parseYuan } from '../../../platform/money.ts';
import { loadParameters } from '../../../platform/params/index.ts';
import { projectRoot } from '../../../platform/config.ts';
import {
  budgetPointValue, casePoints, dipRulesOn, groupPoints, projectPointValue, settleDipYear, type GroupHistory,
} from './dip.calc.ts';

const rules = dipRulesOn(loadParameters(`${projectRoot}/params`), '2026-12-31', '990102');
const yuan = parseYuan;
const points = (text: string) => parseDecimal(text);

/** The reference period: 200 cases costing 2000000.00 in all, so the average case costs 10000.00. */
const history: GroupHistory[] = [
  { group: 'A', cases: 100, totalCost: yuan('500000.00') },   // average 5000.00
  { group: 'B', cases: 50, totalCost: yuan('1000000.00') },   // average 20000.00
  { group: 'C', cases: 50, totalCost: yuan('500000.00') },    // average 10000.00
];
const groups = groupPoints(history, rules);
const group = (code: string) => groups.find((entry) => entry.group === code)!;

test('the shipped parameters: scale 100, four places, weights 1:2:7, abnormal below 0.5, above 2 and 5', () => {
  assert.deepEqual(
    [rules.pointsScale, rules.pointsPlaces, rules.pointValuePlaces, rules.budgetYearWeights, formatDecimal(rules.lowBelowShare), formatDecimal(rules.highAboveMultiple), formatDecimal(rules.reviewAboveMultiple)],
    [100, 4, 4, [1, 2, 7], '0.5', '2', '5']);
});

test('group points = group average cost ÷ average cost of all cases × 100', () => {
  assert.deepEqual(groups.map((entry) => [entry.group, formatYuan(entry.standardCost), formatDecimal(entry.points)]), [
    ['A', '5000.00', '50'], ['B', '20000.00', '200'], ['C', '10000.00', '100'],
  ]);
  // a third of the average: 100 ÷ 3 = 33.3333… kept to four places
  const thirds = groupPoints([{ group: 'X', cases: 3, totalCost: yuan('10.00') }, { group: 'Y', cases: 1, totalCost: yuan('10.00') }, { group: 'Z', cases: 2, totalCost: yuan('40.00') }], rules);
  // all: 6 cases, 60.00 → average 10.00; X 3.3333… → 33.3333; Y 10.00 → 100; Z 20.00 → 200
  assert.deepEqual(thirds.map((entry) => formatDecimal(entry.points)), ['33.3333', '100', '200']);
});

test('budget point value: the prior three years weighted 1:2:7', () => {
  const value = budgetPointValue([
    { totalCost: yuan('1800000.00'), totalPoints: points('18000') },
    { totalCost: yuan('1900000.00'), totalPoints: points('19500') },
    { totalCost: yuan('2000000.00'), totalPoints: points('20000') },
  ], rules);
  // (1 × 1800000 + 2 × 1900000 + 7 × 2000000) ÷ (1 × 18000 + 2 × 19500 + 7 × 20000) = 19600000 ÷ 197000 = 99.492385…
  assert.equal(formatDecimal(value), '99.4924');
});

test('abnormal-cost cases: at and across 50%, 2× and 5× of the standard cost (group B: 200 points, standard 20000.00)', () => {
  const cases: [cost: string, points: string, band: string][] = [
    ['0.00', '0', 'low'],
    ['8000.00', '80', 'low'],              // 200 × 0.4
    ['9999.99', '99.9999', 'low'],         // 200 × 0.4999995
    ['10000.00', '200', 'normal'],         // exactly 50%: not below it
    ['20000.00', '200', 'normal'],
    ['40000.00', '200', 'normal'],         // exactly 2×: not above it
    ['40000.01', '200.0001', 'high'],      // 200 × ((2.0000005 − 2) + 1)
    ['60000.00', '400', 'high'],           // 200 × ((3 − 2) + 1)
    ['100000.00', '800', 'high'],          // exactly 5×: high, not yet for review
    ['100000.01', '800.0001', 'review'],   // beyond 5×: the same formula, and expert review
  ];
  for (const [cost, expected, band] of cases) {
    const earned = casePoints(group('B'), yuan(cost), rules);
    assert.deepEqual([formatDecimal(earned.points), earned.band], [expected, band], `cost ${cost}`);
  }
});

test('the hand-worked year: points with the abnormal cases, settlement point value, what each institution is paid', () => {
  const result = settleDipYear({
    groups, rules, dipFund: yuan('930000.00'), reimbursementRatio: parseDecimal('0.8'),
    institutions: [
      { code: 'H1', prepaid: yuan('550000.00'), cases: [
        { group: 'A', cost: yuan('5000.00'), count: 60 },    // 60 × 50 = 3000
        { group: 'B', cost: yuan('20000.00'), count: 20 },   // 20 × 200 = 4000
        { group: 'B', cost: yuan('8000.00'), count: 1 },     // 40% of standard: 200 × 0.4 = 80
      ] },
      { code: 'H2', prepaid: yuan('370000.00'), cases: [
        { group: 'C', cost: yuan('10000.00'), count: 40 },   // 40 × 100 = 4000
        { group: 'C', cost: yuan('30000.00'), count: 1 },    // 3×: 100 × ((3 − 2) + 1) = 200
        { group: 'A', cost: yuan('30000.00'), count: 1 },    // 6×: 50 × ((6 − 2) + 1) = 250, for expert review
      ] },
    ],
  });
  assert.equal(formatDecimal(result.totalPoints), '11530');
  // (930000.00 ÷ 0.8) ÷ 11530 = 1162500 ÷ 11530 = 100.823937… → 100.8239 yuan per point
  assert.equal(formatDecimal(result.pointValue), '100.8239');
  assert.deepEqual(result.institutions.map((i) => [i.code, formatDecimal(i.points), formatYuan(i.due), formatYuan(i.payment)]), [
    ['H1', '7080', '571066.57', '21066.57'],     // 7080 × 100.8239 × 0.8 = 571066.5696
    ['H2', '4450', '358933.08', '-11066.92'],    // 4450 × 100.8239 × 0.8 = 358933.084; 11066.92 recovered
  ]);
  assert.deepEqual(result.institutions.map((i) => i.casesByBand), [{ low: 1, normal: 80, high: 0, review: 0 }, { low: 0, normal: 40, high: 1, review: 1 }]);
  assert.deepEqual(result.institutions[1].forReview, [{ group: 'A', cost: yuan('30000.00'), count: 1 }]);
  // the point value is published to four places: 0.35 of the fund stays unpaid (929999.65 of 930000.00)
  assert.equal(formatYuan(result.institutions.reduce((sum, i) => sum + i.due, 0n)), '929999.65');
});

test('the year-end point value foreseen after three months, with its range', () => {
  const projection = projectPointValue({
    annualDipFund: yuan('930000.00'), reimbursementRatio: parseDecimal('0.8'), rules,
    months: [{ month: '2026-01', points: points('900') }, { month: '2026-02', points: points('1000') }, { month: '2026-03', points: points('1100') }],
  });
  assert.deepEqual({
    monthsSettled: projection.monthsSettled, pointsSoFar: formatDecimal(projection.pointsSoFar), projectedPoints: formatDecimal(projection.projectedPoints),
    pointValue: formatDecimal(projection.pointValue), low: formatDecimal(projection.low), high: formatDecimal(projection.high),
    monthly: projection.monthly.map((month) => [month.month, formatDecimal(month.pointValue)]),
  }, {
    monthsSettled: 3, pointsSoFar: '3000', projectedPoints: '12000',
    pointValue: '96.875',     // 1162500 ÷ (3000 × 12 ÷ 3)
    low: '90.1163',           // the 9 months to come like the busiest (1100): 1162500 ÷ 12900
    high: '104.7297',         // like the quietest (900): 1162500 ÷ 11100
    monthly: [['2026-01', '107.6389'], ['2026-02', '96.875'], ['2026-03', '88.0682']],
  });
});

test('with every month settled the range closes on the year\'s point value', () => {
  const months = Array.from({ length: 12 }, (_, index) => ({ month: `2026-${String(index + 1).padStart(2, '0')}`, points: points(String(900 + 20 * index)) }));
  const projection = projectPointValue({ annualDipFund: yuan('930000.00'), reimbursementRatio: parseDecimal('0.8'), rules, months });
  // Σ points = 12 × 900 + 20 × 66 = 12120; 1162500 ÷ 12120 = 95.915841…
  assert.deepEqual([formatDecimal(projection.pointValue), formatDecimal(projection.low), formatDecimal(projection.high)], ['95.9158', '95.9158', '95.9158']);
  assert.throws(() => projectPointValue({ annualDipFund: yuan('1.00'), reimbursementRatio: parseDecimal('0.8'), rules, months: [] }), /the months settled must be 1 to 12/);
});
