import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatYuan, parseDecimal } from '../../../platform/money.ts';
import { adjustmentIncrease, ageInYear, ageTilt } from './adjustment.calc.ts';

const cite = <T>(value: T) => ({ value, reference: 'test [local]', parameter: 'test' });
const rules = {
  overallRate: cite(parseDecimal('0.02')), fixedAmount: cite(2000n), perContributionYear: cite(100n), levelRate: cite(parseDecimal('0.007')),
  ageTilts: cite({ '70': 2000n, '75': 3000n, '80': 5000n }),
};

test('the increase: fixed + completed years × amount + own pension × rate + the highest age band reached, rounded once', () => {
  const cases = [
    // 20 + 30 × 1 + 3000 × 0.7% (21.00) + 0 (age 65) = 71.00
    { award: { amountBefore: 300000n, contributionMonths: 360, birthDate: '1960-06-15' }, increase: '71.00', parts: ['20.00', '30.00', '21.00', '0.00', 30, 65] },
    // 35 years 11 months count 35; 2999.99 × 0.7% = 20.99993 → the total rounds once: 20 + 35 + 20.99993 + 20 (age 70 on 31 December) = 95.99993 → 96.00
    { award: { amountBefore: 299999n, contributionMonths: 431, birthDate: '1955-12-31' }, increase: '96.00', parts: ['20.00', '35.00', '21.00', '20.00', 35, 70] },
    // born 1 January 1956: 69 on 31 December 2025 — below the first band
    { award: { amountBefore: 100000n, contributionMonths: 180, birthDate: '1956-01-01' }, increase: '42.00', parts: ['20.00', '15.00', '7.00', '0.00', 15, 69] },
    // 80 and over: the highest band only; no N kept: the years part is 0
    { award: { amountBefore: 250050n, contributionMonths: null, birthDate: '1940-03-01' }, increase: '87.50', parts: ['20.00', '0.00', '17.50', '50.00', 0, 85] },
  ];
  for (const { award, increase, parts } of cases) {
    const result = adjustmentIncrease(award, rules, 2025);
    assert.equal(formatYuan(result.increase), increase, award.birthDate);
    const p = result.parts;
    assert.deepEqual([formatYuan(p.fixed), formatYuan(p.years), formatYuan(p.level), formatYuan(p.ageTilt), p.contributionYears, p.age], parts, award.birthDate);
  }
});

test('ages on 31 December and the tilt bands at their edges', () => {
  assert.equal(ageInYear('1955-12-31', 2025), 70);
  assert.equal(ageInYear('1956-01-01', 2025), 69);
  for (const [age, tilt] of [[69, 0n], [70, 2000n], [74, 2000n], [75, 3000n], [79, 3000n], [80, 5000n], [99, 5000n]] as const) assert.equal(ageTilt(age, rules.ageTilts.value), tilt, String(age));
});
