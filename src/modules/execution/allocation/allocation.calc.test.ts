/** The largest-remainder split and the hand checks as tables: sums to the fen, no month beyond a fen of its share. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allocatedToMonth, evenMonths, manualDifference, seasonalMonths } from './allocation.calc.ts';

const sum = (months: bigint[]) => months.reduce((total, fen) => total + fen, 0n);

test('even: 1/12 each, the fen left over to the first months', () => {
  const cases: [bigint, bigint[]][] = [
    [1200n, Array(12).fill(100n)],
    [1205n, [101n, 101n, 101n, 101n, 101n, 100n, 100n, 100n, 100n, 100n, 100n, 100n]],
    [11n, [1n, 1n, 1n, 1n, 1n, 1n, 1n, 1n, 1n, 1n, 1n, 0n]],
    [0n, Array(12).fill(0n)],
  ];
  for (const [amount, expected] of cases) assert.deepEqual(evenMonths(amount), expected, `${amount} fen`);
  for (const amount of [1n, 7n, 999_999_999_99n, 60000100n]) assert.equal(sum(evenMonths(amount)), amount);
});

test('seasonal: the basis year\'s monthly shares; negative months weigh nothing; no movement falls back to even', () => {
  const actuals = [100n, 0n, 300n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, -50n];
  const seasonal = seasonalMonths(60000100n, actuals, 2024);
  assert.deepEqual(seasonal.months, [15000025n, 0n, 45000075n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n]);
  assert.deepEqual([seasonal.split, seasonal.basisYear], ['seasonal', 2024]);
  const without = seasonalMonths(1205n, Array(12).fill(0n), 2024);
  assert.deepEqual([without.months, without.split, without.basisYear], [evenMonths(1205n), 'even', null]);
});

test('by hand: the difference and what December would have to be; allocated to a month sums January to it', () => {
  const months = Array<bigint>(12).fill(100n);
  assert.equal(manualDifference(1200n, months), null);
  assert.deepEqual(manualDifference(1199n, months), { difference: 1n, december: 99n });
  assert.deepEqual(manualDifference(1300n, months), { difference: -100n, december: 200n });
  assert.equal(allocatedToMonth([1n, 2n, 3n, 4n], 3), 6n);
  assert.equal(allocatedToMonth([1n, 2n, 3n, 4n], 0), 0n);
});
