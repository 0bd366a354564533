/** The penalty of a case: the multiple within its provision's range, both ends allowed, the amount rounded once. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDecimal } from '../../../platform/money.ts';
import { penaltyOf, type PenaltyRanges } from './penalty.calc.ts';

const ranges: PenaltyRanges = { social_insurance_law_88: { min: '2', max: '5' }, medical_fund_regulation_38: { min: '1', max: '2' } };

test('a multiple at and around each end of its range, and the amount rounded once', () => {
  const cases: [string, bigint, string, bigint | string][] = [
    // provision, amount at stake (fen), multiple, penalty (fen) or the problem
    ['social_insurance_law_88', 120_001n, '2', 240_002n],
    ['social_insurance_law_88', 120_001n, '5', 600_005n],
    ['social_insurance_law_88', 120_001n, '1.99', 'multiple_outside_range'],
    ['social_insurance_law_88', 120_001n, '5.01', 'multiple_outside_range'],
    ['social_insurance_law_88', 120_001n, '2.5', 300_003n], // 300,002.5 fen, half up
    ['social_insurance_law_88', 120_001n, '3.333', 399_963n], // 399,963.333 fen
    ['medical_fund_regulation_38', 99_999n, '1.5', 149_999n], // 149,998.5 fen, half up
    ['medical_fund_regulation_38', 99_999n, '2.000', 199_998n],
    ['medical_fund_regulation_38', 99_999n, '0.99', 'multiple_outside_range'],
    ['social_insurance_law_86', 10_000n, '2', 'unknown_provision'],
    ['toString', 10_000n, '2', 'unknown_provision'],
  ];
  for (const [provision, amount, multiple, expected] of cases) {
    const result = penaltyOf(amount, provision, parseDecimal(multiple), ranges, 'half_up');
    assert.deepEqual('amount' in result ? result.amount : result.problem, expected, `${provision} × ${multiple}`);
  }
  assert.deepEqual(penaltyOf(1n, 'social_insurance_law_88', parseDecimal('6'), ranges, 'half_up'), { problem: 'multiple_outside_range', range: { min: '2', max: '5' } });
  assert.deepEqual(penaltyOf(99_999n, 'medical_fund_regulation_38', parseDecimal('1.5'), ranges, 'down'), { amount: 149_998n });
});
