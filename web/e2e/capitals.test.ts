/**
 * 大写金额 is written twice, once for the web (web/src/platform/capitals.ts) and once for the server's PDFs
 * (src/platform/money.ts), since the web cannot import server code: the two must write every amount alike.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { amountInCapitals } from '../src/platform/capitals.ts';
import { yuanInChineseCapitals } from '../../src/platform/money.ts';

test('the web and the server write every amount in the same Chinese capitals', () => {
  const limit = 10n ** 18n; // beyond 万亿 both refuse
  fc.assert(fc.property(fc.oneof(fc.bigInt({ min: -limit + 1n, max: limit - 1n }), fc.bigInt({ min: -100_000_000n, max: 100_000_000n })), (fen) => {
    assert.equal(amountInCapitals(fen), yuanInChineseCapitals(fen), String(fen));
  }), { numRuns: 2000 });
  assert.throws(() => amountInCapitals(limit), RangeError);
  assert.throws(() => yuanInChineseCapitals(limit), RangeError);
});
