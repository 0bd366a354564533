import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compareDecimals, divideRounded, formatDecimal, formatYuan, multiplyFen, parseDecimal, parseYuan, splitByLargestRemainder, yuanInChineseCapitals } from './money.ts';

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

test('大写金额 (《正确填写票据和结算凭证的基本规定》): 整 without 角 and 分, one 零 for a run of zeros, 负 for a credit', () => {
  const cases: [string, string][] = [
    ['0', '零元整'],
    ['0.05', '伍分'],
    ['0.50', '伍角整'],
    ['10.00', '壹拾元整'],
    ['100.10', '壹佰元壹角整'],
    ['1001.01', '壹仟零壹元零壹分'],
    ['10000000.00', '壹仟万元整'],
    ['1234567890.12', '壹拾贰亿叁仟肆佰伍拾陆万柒仟捌佰玖拾元壹角贰分'],
    // the rule's own examples
    ['1409.50', '壹仟肆佰零玖元伍角整'],
    ['6007.14', '陆仟零柒元壹角肆分'],
    ['1680.32', '壹仟陆佰捌拾元叁角贰分'],
    ['107000.53', '壹拾万柒仟元伍角叁分'],
    ['16409.02', '壹万陆仟肆佰零玖元零贰分'],
    ['325.04', '叁佰贰拾伍元零肆分'],
    // zeros across 万 and 亿 are one 零
    ['100700.00', '壹拾万零柒佰元整'],
    ['100000001.00', '壹亿零壹元整'],
    ['100010000.00', '壹亿零壹万元整'],
    ['1000000000000.00', '壹万亿元整'],
    // negatives (a credit note)
    ['-0.05', '负伍分'],
    ['-10.00', '负壹拾元整'],
    ['-1234567890.12', '负壹拾贰亿叁仟肆佰伍拾陆万柒仟捌佰玖拾元壹角贰分'],
  ];
  for (const [yuan, words] of cases) assert.equal(yuanInChineseCapitals(parseYuan(yuan)), words, yuan);
  assert.equal(yuanInChineseCapitals(999999999999999999n), '玖仟玖佰玖拾玖万亿玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分');
  assert.throws(() => yuanInChineseCapitals(10n ** 18n), RangeError);
});

test('大写金额 never has two 零 in a row, never starts or ends (before 元) with 零, and ends in 整 or 分', () => {
  fc.assert(fc.property(fc.bigInt({ min: 1n, max: 10n ** 18n - 1n }), (fen) => {
    const words = yuanInChineseCapitals(fen);
    assert.doesNotMatch(words, /零零|^零|零元|零[万亿]/, words);
    assert.match(words, /(整|分)$/, words);
  }));
});

test('compareDecimals orders decimals of any scales exactly, as their fractions do', () => {
  assert.equal(compareDecimals(parseDecimal('2'), parseDecimal('2.000')), 0);
  assert.equal(compareDecimals(parseDecimal('1.99'), parseDecimal('2')), -1);
  assert.equal(compareDecimals(parseDecimal('5.01'), parseDecimal('5')), 1);
  assert.equal(compareDecimals(parseDecimal('-0.1'), parseDecimal('0.01')), -1);
  fc.assert(fc.property(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.nat(6), fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.nat(6),
    (a, aScale, b, bScale) => {
      // a / 10^aScale against b / 10^bScale, cross-multiplied
      const expected = Math.sign(Number(a * 10n ** BigInt(bScale) - b * 10n ** BigInt(aScale)));
      assert.equal(compareDecimals({ units: a, scale: aScale }, { units: b, scale: bScale }), expected);
    }));
});

test('largest remainder: each part the floor of its exact share, the rest to the largest remainders (earlier first on a tie)', () => {
  // 100 fen by 1:1:1 → 33.33 each: one fen left, to the first
  assert.deepEqual(splitByLargestRemainder(100n, [1n, 1n, 1n]), [34n, 33n, 33n]);
  // 10 fen by 1:2:3 → 1.67, 3.33, 5.00: one fen left, to the largest remainder (0.67, the first)
  assert.deepEqual(splitByLargestRemainder(10n, [1n, 2n, 3n]), [2n, 3n, 5n]);
  // 7 fen by 5:5:0:2 → 2.92, 2.92, 0, 1.17: two fen left, to the two 0.92s
  assert.deepEqual(splitByLargestRemainder(7n, [5n, 5n, 0n, 2n]), [3n, 3n, 0n, 1n]);
  assert.throws(() => splitByLargestRemainder(10n, [0n, 0n]), /positive sum/);
});
