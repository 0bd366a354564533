import { test } from 'node:test';
import assert from 'node:assert/strict';
import { retirementCategory, retirementDelayMonths, statutoryRetirementMonth } from './retirement-age.calc.ts';

// The decision's annexed tables (对照表), row by row: birth month → retirement month.
const cases: [string, 'M' | 'F', 'male' | 'female_cadre' | 'female_worker', string][] = [
  ['1964-12-31', 'M', 'male', '2024-12'],            // before the reform: 60
  ['1965-01-15', 'M', 'male', '2025-02'],            // 60 + 1 month
  ['1965-04-30', 'M', 'male', '2025-05'],            // same step: 60 + 1
  ['1965-05-01', 'M', 'male', '2025-07'],            // next step: 60 + 2
  ['1970-01-10', 'M', 'male', '2031-05'],            // 60 + 16 months: 61 years 4 months
  ['1976-08-20', 'M', 'male', '2039-07'],            // 60 + 35: 62 years 11 months
  ['1976-09-01', 'M', 'male', '2039-09'],            // 60 + 36, the cap: 63 from here on
  ['1990-03-03', 'M', 'male', '2053-03'],
  ['1969-12-31', 'F', 'female_cadre', '2024-12'],    // before the reform: 55
  ['1970-01-01', 'F', 'female_cadre', '2025-02'],    // 55 + 1
  ['1981-09-09', 'F', 'female_cadre', '2039-09'],    // 58
  ['1974-12-31', 'F', 'female_worker', '2024-12'],   // before the reform: 50
  ['1975-01-31', 'F', 'female_worker', '2025-02'],   // 50 + 1
  ['1975-03-01', 'F', 'female_worker', '2025-05'],   // 50 + 2 (a month per 2 months of birth)
  ['1984-10-10', 'F', 'female_worker', '2039-09'],   // 50 + 59: 54 years 11 months
  ['1984-11-11', 'F', 'female_worker', '2039-11'],   // 50 + 60, the cap: 55
];

test('the statutory retirement month follows the 2024 decision\'s tables', () => {
  for (const [birth, gender, category, expected] of cases) {
    assert.equal(statutoryRetirementMonth(birth, gender, category), expected, `${birth} ${category}`);
  }
});

test('the delay grows one month per step and stops at the cap', () => {
  assert.equal(retirementDelayMonths('1964-12', 'male'), 0);
  assert.equal(retirementDelayMonths('1968-12', 'male'), 12);
  assert.equal(retirementDelayMonths('1976-09', 'male'), 36);
  assert.equal(retirementDelayMonths('1999-01', 'male'), 36);
  assert.equal(retirementDelayMonths('1976-12', 'female_worker'), 12);
  assert.equal(retirementDelayMonths('1995-01', 'female_worker'), 60);
});

test('a woman\'s post is read from the occupation; a man is a man; anything else counts as a cadre post', () => {
  assert.equal(retirementCategory('M', '生产制造及有关人员'), 'male');
  assert.equal(retirementCategory('F', '生产制造及有关人员'), 'female_worker');
  assert.equal(retirementCategory('F', '农、林、牧、渔业生产及辅助人员'), 'female_worker');
  assert.equal(retirementCategory('F', '装配工人'), 'female_worker');
  assert.equal(retirementCategory('F', '专业技术人员'), 'female_cadre');
  assert.equal(retirementCategory('F', '会计'), 'female_cadre');
  assert.equal(retirementCategory('F', null), 'female_cadre');
  assert.equal(statutoryRetirementMonth('1960-06-15', 'F'), '2015-06', 'no category: a woman retires at the cadre age');
});
