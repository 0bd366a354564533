import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDecimal, formatYuan } from '../../../platform/money.ts';
import { demoQuoteInput, quotedRetirementDate } from './demo-awards.calc.ts';

const context = { minimumMonths: 180, averageWage: 800_000n, region: '990102' };

test('a demo retiree\'s quote input: the job\'s months, deemed months up to the minimum, the index from the ID number, the account balance', () => {
  const cases = [
    // 10 years in the job: 60 deemed months; index 0.600 + 7 ‰ (99010319500510607 mod 1400 = 7); account years min(N 15, 2010 − 1996 = 14): 8000 × 0.607 × 8% × 12 × 14
    { facts: { idNumber: '990103195005106071', birthDate: '1950-05-10', gender: 'M' as const, hiredOn: '2000-05-10', retiredOn: '2010-05-10' },
      want: { contributionMonths: 120, deemedMonths: 60, averageIndex: '0.607', accountBalance: '65264.64', category: null, gender: 'male' } },
    // a woman retired at 55 was a cadre; 20 years: no deemed months; account years capped by 1996: 2019 − 1996 = 23 > 20
    { facts: { idNumber: '990102196403012001', birthDate: '1964-03-01', gender: 'F' as const, hiredOn: '1999-03-01', retiredOn: '2019-03-01' },
      want: { contributionMonths: 240, deemedMonths: 0, averageIndex: '0.6', accountBalance: '92160.00', category: 'cadre', gender: 'female' } },
    // at 50 a worker; retired in 1998: two account years only
    { facts: { idNumber: '990102194807012025', birthDate: '1948-07-01', gender: 'F' as const, hiredOn: '1990-07-01', retiredOn: '1998-07-01' },
      want: { contributionMonths: 96, deemedMonths: 84, averageIndex: '0.602', accountBalance: '9246.72', category: 'worker', gender: 'female' } },
  ];
  for (const { facts, want } of cases) {
    const input = demoQuoteInput(facts, context);
    assert.deepEqual({
      contributionMonths: input.contributionMonths, deemedMonths: input.deemedMonths, averageIndex: formatDecimal(input.averageIndex),
      accountBalance: formatYuan(input.accountBalance), category: input.category, gender: input.gender,
    }, want, facts.birthDate);
  }
});

test('29 February births reach their age on 1 March of a common year', () => {
  assert.equal(quotedRetirementDate('1960-02-29', '2015-02-28'), '2015-03-01');
  assert.equal(quotedRetirementDate('1960-02-29', '2020-02-29'), '2020-02-29');
  assert.equal(quotedRetirementDate('1960-03-01', '2015-03-01'), '2015-03-01');
});
