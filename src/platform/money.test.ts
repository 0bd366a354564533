import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { divideRounded, formatDecimal, formatYuan, multiplyFen, parseDecimal, parseYuan } from './money.ts';

test('yuan strings ↔ fen', () => {
  const cases: [string, bigint, string][] = [
    ['0', 0n, '0.00'], ['1234.56', 123456n, '1234.56'], ['1234.5', 123450n, '1234.50'], ['-0.01', -1n, '-0.01'],
    ['100', 10000n, '100.00'], ['999999999999999.99', 99999999999999999n, '999999999999999.99'],
  ];
  for (const [text, fen, formatted] of cases) {
    assert.equal(parseYuan(text), fen, text);
    assert.equal(formatYuan(fen), formatted, text);
  }
  for (const bad of ['1.234', 'abc', '', '1,000.00', '1e3', '.5']) assert.throws(() => parseYuan(bad, 'monthlyWage'), /monthlyWage/, bad);
});

test('exact decimals keep every digit', () => {
  assert.deepEqual(parseDecimal('0.0005'), { units: 5n, scale: 4 });
  assert.equal(formatDecimal(parseDecimal('0.16')), '0.16');
  assert.equal(formatDecimal(parseDecimal('0.0005')), '0.0005');
  assert.equal(formatDecimal(parseDecimal('3.00')), '3');
  assert.equal(formatDecimal(parseDecimal('-1.50')), '-1.5');
});

test('rounding once, half-up to the fen', () => {
  // base 5,000.05 yuan × 16% = 800.008 → 800.01; × 8% = 400.004 → 400.00; × 0.5% = 25.00025 → 25.00
  assert.equal(multiplyFen(500005n, parseDecimal('0.16')), 80001n);
  assert.equal(multiplyFen(500005n, parseDecimal('0.08')), 40000n);
  assert.equal(multiplyFen(500005n, parseDecimal('0.005')), 2500n);
  // exactly half: 0.125 yuan-fen boundaries
  assert.equal(divideRounded(5n, 10n, 'half_up'), 1n);
  assert.equal(divideRounded(5n, 10n, 'half_even'), 0n);
  assert.equal(divideRounded(15n, 10n, 'half_even'), 2n);
  assert.equal(divideRounded(-5n, 10n, 'half_up'), -1n);
  assert.equal(divideRounded(19n, 10n, 'down'), 1n);
});

test('property: half-up rounding is within half a fen of the exact product', () => {
  fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 10_000 }), (fen, basisPoints) => {
    const rounded = multiplyFen(fen, { units: BigInt(basisPoints), scale: 4 });
    const exactTimes10000 = fen * BigInt(basisPoints);
    const diff = rounded * 10000n - exactTimes10000;
    return diff > -5000n && diff <= 5000n;   // an exact half rounds up
  }));
});
