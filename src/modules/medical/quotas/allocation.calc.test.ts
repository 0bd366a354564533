import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDecimal } from '../../../platform/money.ts';
import { allocateQuotas, basisOf, type InstitutionHistory } from './allocation.calc.ts';

const rules = {
  adjustmentReserve: parseDecimal('0.05'),
  levelFactors: { hospital_3: parseDecimal('1'), hospital_2: parseDecimal('1.02'), hospital_1: parseDecimal('1.05'), pharmacy: parseDecimal('1') },
};
const history = (code: string, kind: InstitutionHistory['kind'], settled: bigint, settledMonths = 12, previousQuota: bigint | null = null): InstitutionHistory =>
  ({ code, kind, settled, settledMonths, previousQuota });

test('basis: twelve settled months as they are, fewer annualised, none the quota of the year before, else nothing', () => {
  assert.deepEqual(basisOf(history('H1', 'hospital_3', 1_200_00n)), { basis: 1_200_00n, source: 'settled', months: 12 });
  // 3 months settled 300.01 → × 12 ÷ 3 = 1200.04
  assert.deepEqual(basisOf(history('H2', 'hospital_2', 300_01n, 3, 9_999_00n)), { basis: 1_200_04n, source: 'settled', months: 3 });
  assert.deepEqual(basisOf(history('H3', 'hospital_1', 0n, 0, 5_000_00n)), { basis: 5_000_00n, source: 'previous_quota', months: 0 });
  assert.deepEqual(basisOf(history('H4', 'hospital_1', 0n, 0, null)), { basis: 0n, source: 'none', months: 0 });
});

test('two pools, each less its reserve, split by basis × level factor to the fen', () => {
  // inpatient 1,000,000.00: reserve 5% = 50,000.00, allocable 950,000.00 over the hospitals' weights
  //   H1 三级 600,000.00 × 1 = 600,000; H2 二级 300,000.00 × 1.02 = 306,000; H3 一级 100,000.00 × 1.05 = 105,000; Σ 1,011,000
  //   H1 950,000 × 600,000 / 1,011,000 = 563,798.2196 …; H2 287,537.0920 …; H3 98,664.6884 …
  // outpatient 200,000.01: reserve 10,000.0005 → 10,000.00 (half up at the fen), allocable 190,000.01 to the one pharmacy
  const { pools, quotas } = allocateQuotas({ inpatient: 1_000_000_00n, outpatient: 200_000_01n }, [
    history('H1', 'hospital_3', 600_000_00n), history('H2', 'hospital_2', 300_000_00n), history('H3', 'hospital_1', 100_000_00n), history('P1', 'pharmacy', 80_000_00n),
  ], rules);
  assert.deepEqual(pools, [
    { line: 'inpatient', budget: 1_000_000_00n, reserve: 50_000_00n, allocable: 950_000_00n, allocated: 950_000_00n, unallocated: 0n },
    { line: 'outpatient', budget: 200_000_01n, reserve: 10_000_00n, allocable: 190_000_01n, allocated: 190_000_01n, unallocated: 0n },
  ]);
  // floors 563,798.21 + 287,537.09 + 98,664.68 = 949,999.98: two fen left, to the largest remainders (H3 0.84…, H1 0.96…)
  assert.deepEqual(quotas.map((quota) => [quota.code, quota.line, quota.proposed, quota.quota]), [
    ['H1', 'inpatient', 563_798_22n, 563_798_22n], ['H2', 'inpatient', 287_537_09n, 287_537_09n], ['H3', 'inpatient', 98_664_69n, 98_664_69n],
    ['P1', 'outpatient', 190_000_01n, 190_000_01n],
  ]);
});

test('adjusted by hand: the institution keeps its quota and reason, the rest goes to the others by their weights', () => {
  const institutions = [history('H1', 'hospital_3', 600_000_00n), history('H2', 'hospital_3', 200_000_00n), history('H3', 'hospital_1', 0n, 0, null)];
  const { pools, quotas } = allocateQuotas({ inpatient: 1_000_000_00n, outpatient: 0n }, institutions, rules, new Map([['H3', { quota: 50_000_00n, reason: '新增定点，按同级机构核定' }]]));
  // allocable 950,000.00; H3 (no history: proposed 0) set to 50,000.00; 900,000.00 left over 3:1
  assert.deepEqual(quotas.map((quota) => [quota.code, quota.basisSource, quota.proposed, quota.quota, quota.reason]), [
    ['H1', 'settled', 712_500_00n, 675_000_00n, null], ['H2', 'settled', 237_500_00n, 225_000_00n, null], ['H3', 'none', 0n, 50_000_00n, '新增定点，按同级机构核定'],
  ]);
  assert.equal(pools[0].unallocated, 0n);
  assert.deepEqual(pools[1], { line: 'outpatient', budget: 0n, reserve: 0n, allocable: 0n, allocated: 0n, unallocated: 0n });
});

test('more given by hand than the pool holds is an overrun (negative unallocated); nobody to take the rest leaves it unallocated', () => {
  const over = allocateQuotas({ inpatient: 100_00n, outpatient: 0n }, [history('H1', 'hospital_3', 1n), history('H2', 'hospital_3', 1n)], rules,
    new Map([['H1', { quota: 96_00n, reason: '测试' }]]));
  // allocable 95.00, H1 given 96.00: H2 gets nothing, 1.00 over
  assert.deepEqual(over.quotas.map((quota) => quota.quota), [96_00n, 0n]);
  assert.equal(over.pools[0].unallocated, -1_00n);
  const nobody = allocateQuotas({ inpatient: 100_00n, outpatient: 50_00n }, [history('H1', 'hospital_3', 0n, 0, null)], rules);
  assert.deepEqual(nobody.pools.map((pool) => [pool.line, pool.allocable, pool.allocated, pool.unallocated]), [['inpatient', 95_00n, 0n, 95_00n], ['outpatient', 47_50n, 0n, 47_50n]]);
});
