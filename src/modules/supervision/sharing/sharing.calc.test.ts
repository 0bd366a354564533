/** Responsibility sharing at its edges, as a table: zero gap, surplus, rounding to the fen, the county's own gap, bad shares. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shareCountyGap, type SharingRule } from './sharing.calc.ts';

const rule: SharingRule = { province: '0.50', city: '0.30', county: '0.20', collectionTarget: '0.95' };

test('a county\'s gap and its shares, each gap adding up to the fen', () => {
  const cases: [string, { billed: bigint; collected: bigint; paid: bigint }, SharingRule, [bigint, bigint, bigint, bigint, bigint, bigint]][] = [
    // name, year, rule → [gap, own, surplus, province, city, county]
    ['balanced: no gap', { billed: 1000n, collected: 1000n, paid: 1000n }, rule, [0n, 0n, 0n, 0n, 0n, 0n]],
    ['surplus: nothing shared', { billed: 1000n, collected: 1000n, paid: 700n }, rule, [0n, 0n, 300n, 0n, 0n, 0n]],
    ['a gap, collection on target', { billed: 1000n, collected: 950n, paid: 1950n }, rule, [1000n, 0n, 0n, 500n, 300n, 200n]],
    // 0.01 yuan: 0.5 / 0.3 / 0.2 fen — the one fen to the largest remainder (province)
    ['one fen', { billed: 0n, collected: 0n, paid: 1n }, rule, [1n, 0n, 0n, 1n, 0n, 0n]],
    // 7 fen: 3.5 / 2.1 / 1.4 → 3 / 2 / 1, one fen left to the .5
    ['seven fen', { billed: 0n, collected: 0n, paid: 7n }, rule, [7n, 0n, 0n, 4n, 2n, 1n]],
    // collected 900 of 1000 billed, target 950: 50 is the county's own; the other 150 shared 75 / 45 / 30
    ['collection below target: the county\'s own', { billed: 1000n, collected: 900n, paid: 1100n }, rule, [200n, 50n, 0n, 75n, 45n, 80n]],
    ['the shortfall larger than the gap: all the county\'s', { billed: 1000n, collected: 500n, paid: 520n }, rule, [20n, 20n, 0n, 0n, 0n, 20n]],
    // target 1000 × 0.955 = 955.0; 1001 × 0.955 = 955.955 → 956 (half up, once)
    ['the target rounded once', { billed: 1001n, collected: 950n, paid: 1050n }, { ...rule, collectionTarget: '0.955' }, [100n, 6n, 0n, 47n, 28n, 25n]],
    ['the province takes it all', { billed: 0n, collected: 0n, paid: 333n }, { province: '1', city: '0', county: '0', collectionTarget: '0.95' }, [333n, 0n, 0n, 333n, 0n, 0n]],
    ['thirds', { billed: 0n, collected: 0n, paid: 100n }, { province: '0.3334', city: '0.3333', county: '0.3333', collectionTarget: '0' }, [100n, 0n, 0n, 34n, 33n, 33n]],
  ];
  for (const [name, year, sharing, [gap, own, surplus, province, city, county]] of cases) {
    const result = shareCountyGap(year, sharing, 'half_up');
    assert.deepEqual(result, { gap, ownGap: own, surplus, shares: { province, city, county } }, name);
    assert.equal(result.shares.province + result.shares.city + result.shares.county, result.gap, `${name}: adds up`);
  }
});

test('shares that do not add up to 1 are refused', () => {
  assert.throws(() => shareCountyGap({ billed: 0n, collected: 0n, paid: 10n }, { ...rule, county: '0.30' }, 'half_up'), /must be non-negative and add up to 1/);
  assert.throws(() => shareCountyGap({ billed: 0n, collected: 0n, paid: 10n }, { ...rule, city: '-0.10', county: '0.60' }, 'half_up'), /add up to 1/);
});
