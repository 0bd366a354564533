import { test } from 'node:test';
import assert from 'node:assert/strict';
import { balanceSums, directedBalance, directionWords } from './direction.calc.ts';

test('a signed balance as 借/贷/平 and a positive amount, on either positive side', () => {
  const cases: [bigint, 'debit' | 'credit', string, bigint][] = [
    [1_110_000n, 'debit', '借', 1_110_000n],
    [-1_000_050n, 'debit', '贷', 1_000_050n],
    [0n, 'debit', '平', 0n],
    [500n, 'credit', '贷', 500n],      // a fund balance (credit-positive) in surplus
    [-500n, 'credit', '借', 500n],     // … in deficit
  ];
  for (const [signed, positiveSide, word, amount] of cases) {
    const balance = directedBalance(signed, positiveSide);
    assert.deepEqual([directionWords[balance.direction], balance.amount], [word, amount], `${signed} ${positiveSide}`);
  }
});

test('the sums of debit and of credit balances are each positive', () => {
  assert.deepEqual(balanceSums([1000n, -300n, 0n, -700n, 250n]), { debit: 1250n, credit: 1000n });
});
