/** The analysis's pure figures: comparisons with last year, side totals against budget, the largest deviations, drivers. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { timeProgressOf, type ExecutionLine } from '../execution.calc.ts';
import { compared, driversOf, largestDeviations, sideBudget } from './analysis.calc.ts';
import { driverText } from './analysis.report.ts';

const progress = timeProgressOf(2025, 6, '2025-12-01');   // 181 of 365 days
const line = (subject: string, budget: bigint, actual: bigint, side: 'income' | 'expense' = 'income', parentSubject: string | null = null): ExecutionLine =>
  ({ subject, name: subject, side, parentSubject, budget, actual, rate: null, deviation: null });

test('a comparison with last year: change and % change; none when last year has no figures; no rate over zero', () => {
  const cases: [bigint, bigint | undefined, ReturnType<typeof compared>][] = [
    [12_000_00n, 10_000_00n, { current: '12000.00', lastYear: '10000.00', change: '2000.00', changeRate: '0.2000' }],
    [9_000_00n, 12_000_00n, { current: '9000.00', lastYear: '12000.00', change: '-3000.00', changeRate: '-0.2500' }],
    [5_00n, undefined, { current: '5.00', lastYear: null, change: null, changeRate: null }],
    [5_00n, 0n, { current: '5.00', lastYear: '0.00', change: '5.00', changeRate: null }],
    // a deficit that narrows is a rise against last year's magnitude
    [-1_000_00n, -4_000_00n, { current: '-1000.00', lastYear: '-4000.00', change: '3000.00', changeRate: '0.7500' }],
  ];
  for (const [current, lastYear, expected] of cases) assert.deepEqual(compared(current, lastYear), expected, `${current} against ${lastYear}`);
});

test('a side\'s budget total: 其中 rows not added again; no rate without a budget', () => {
  const lines = [line('premium_income', 1_000n, 600n), line('subsidy', 400n, 100n), line('premium_income.x', 500n, 300n, 'income', 'premium_income'), line('benefit', 0n, 50n, 'expense')];
  // 700 of 1,400: rate 0.5, deviation 0.5 − 181/365
  assert.deepEqual(sideBudget(lines, 'income', progress), { budget: 1_400n, rate: '0.5000', deviation: '0.0041' });
  assert.deepEqual(sideBudget(lines, 'expense', progress), { budget: 0n, rate: null, deviation: null });
});

test('the largest deviations: exact by size either way, lines with a budget and no 其中 rows, at most five', () => {
  const entries = [
    line('on_track', 365_00n, 181_00n), line('behind', 1_000n, 0n), line('ahead', 1_000n, 900n), line('no_budget', 0n, 5_000n),
    line('item', 10n, 0n, 'income', 'behind'), line('a', 1_000n, 400n), line('b', 1_000n, 450n), line('c', 1_000n, 550n), line('d', 1_000n, 600n),
  ].map((entry) => ({ line: entry }));
  // |rate − 0.4959|: behind 0.4959, ahead 0.4041, a 0.0959, d 0.1041, b 0.0459, c 0.0541, on_track 0
  assert.deepEqual(largestDeviations(entries, progress).map((entry) => entry.line.subject), ['behind', 'ahead', 'd', 'a', 'c']);
});

test('drivers: persons and the average per line against the same month last year; none without data', () => {
  assert.deepEqual(driversOf('contributors', 'averageBase', { persons: 3, lines: 3, total: 18_000_00n }, { persons: 2, lines: 2, total: 9_000_00n }), [
    { driver: 'contributors', unit: 'count', current: '3', lastYear: '2', change: '1', changeRate: '0.5000' },
    { driver: 'averageBase', unit: 'money', current: '6000.00', lastYear: '4500.00', change: '1500.00', changeRate: '0.3333' },
  ]);
  assert.deepEqual(driversOf('pensioners', 'averagePension', undefined, { persons: 2, lines: 2, total: 1n }), [], 'nothing this month: no driver');
  const [pensioners, average] = driversOf('pensioners', 'averagePension', { persons: 4, lines: 4, total: 10_000_01n }, undefined);
  assert.deepEqual([pensioners.current, pensioners.lastYear, average.current, average.change], ['4', null, '2500.00', null]);
  assert.equal(driverText(pensioners), '领取待遇人数 4人（上年同月无数据）');
  assert.equal(driverText({ driver: 'averageBase', unit: 'money', current: '4500.00', lastYear: '6000.00', change: '-1500.00', changeRate: '-0.2500' }), '人均缴费基数 4500.00元（上年同月 6000.00元，减少 25%）');
});
