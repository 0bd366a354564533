import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatYuan, parseDecimal, parseYuan } from '../../../platform/money.ts';
import { rulesForCredit, settleInstitution, settleYear, type YearEndRules } from './year-end.calc.ts';

const rules = (savingRewardShare: string, cap: string | null, bands: [string, string][]): YearEndRules => ({
  savingRewardShare: parseDecimal(savingRewardShare),
  savingRewardCapShareOfQuota: cap === null ? null : parseDecimal(cap),
  overrunBands: bands.map(([upTo, fundShare]) => ({ upToShareOfQuota: parseDecimal(upTo), fundShare: parseDecimal(fundShare) })),
});

/** docs/domain.md example (b): overrun ≤ 20% the fund pays 50%, beyond nothing; saving rewarded 30%, capped at 3% of the quota. */
const banded = rules('0.3', '0.03', [['0.2', '0.5']]);
/** docs/domain.md example (a): saving rewarded 40% (no cap); a reasonable overrun (demo: up to 10%) paid at 60%. */
const sharedSaving = rules('0.4', null, [['0.1', '0.6']]);

function allowedFor(rule: YearEndRules, quota: string, actual: string) {
  const settled = settleInstitution(rule, { code: 'H1', quota: parseYuan(quota), actual: parseYuan(actual), prepaid: 0n });
  return { allowed: formatYuan(settled.allowed), reward: formatYuan(settled.savingReward), overrunPaid: formatYuan(settled.overrunPaid) };
}

test('the acceptance case: 10% over a quota of 1000000.00, prepaid in full, one band {0.2, 0.5} → allowed 1050000.00, settlement 50000.00', () => {
  const result = settleYear({
    rules: rules('0.3', '0.03', [['0.2', '0.5']]),
    institutions: [{ code: 'H1', quota: parseYuan('1000000.00'), actual: parseYuan('1100000.00'), prepaid: parseYuan('1000000.00') }],
  });
  assert.equal(result.institutions.length, 1);
  assert.equal(formatYuan(result.institutions[0].allowed), '1050000.00');
  assert.equal(formatYuan(result.institutions[0].settlement), '50000.00');
});

test('rule set (b), banded overrun with a capped reward: at and across the band edge and the cap', () => {
  const cases: [actual: string, allowed: string, reward: string, overrunPaid: string, why: string][] = [
    ['1000000.00', '1000000.00', '0.00', '0.00', 'exactly the quota: neither saving nor overrun'],
    ['1000000.01', '1000000.01', '0.00', '0.01', '0.01 over: half of it is 0.005, rounded half up to 0.01'],
    ['1100000.00', '1050000.00', '0.00', '50000.00', '10% over: half of the overrun'],
    ['1199999.99', '1100000.00', '0.00', '100000.00', 'a fen below the band edge: 99999.995 rounds to 100000.00'],
    ['1200000.00', '1100000.00', '0.00', '100000.00', 'exactly at the band edge (20%)'],
    ['1200000.01', '1100000.00', '0.00', '100000.00', 'a fen beyond the edge: the fen beyond the last band is not paid'],
    ['1500000.00', '1100000.00', '0.00', '100000.00', '50% over: only the first 20% is shared'],
    ['999999.99', '999999.99', '0.00', '0.00', 'a saving of 0.01: 30% is 0.003, rounded to 0.00'],
    ['950000.00', '965000.00', '15000.00', '0.00', 'saving 50000: reward 30% = 15000, under the cap of 30000'],
    ['900000.01', '930000.01', '30000.00', '0.00', 'saving 99999.99: 29999.997 rounds half up to 30000.00, equal to the cap'],
    ['900000.00', '930000.00', '30000.00', '0.00', 'saving 100000 (10%): the reward reaches the cap exactly'],
    ['899999.99', '929999.99', '30000.00', '0.00', 'saving 100000.01: 30000.003, capped at 30000.00'],
    ['800000.00', '830000.00', '30000.00', '0.00', 'saving 200000: 60000 capped at 3% of the quota'],
    ['0.00', '30000.00', '30000.00', '0.00', 'nothing spent: the cap alone'],
  ];
  for (const [actual, allowed, reward, overrun, why] of cases) {
    assert.deepEqual(allowedFor(banded, '1000000.00', actual), { allowed, reward, overrunPaid: overrun }, `actual ${actual}: ${why}`);
  }
});

test('rule set (a), saving shared without a cap and a reasonable overrun partly compensated', () => {
  const cases: [actual: string, allowed: string, why: string][] = [
    ['800000.00', '880000.00', 'saving 200000: 40% = 80000, no cap'],
    ['0.00', '400000.00', 'nothing spent: 40% of the whole quota'],
    ['1050000.00', '1030000.00', '5% over: 60% of 50000'],
    ['1100000.00', '1060000.00', 'at the 10% edge: 60% of 100000'],
    ['1150000.00', '1060000.00', 'beyond the band: unpaid'],
  ];
  for (const [actual, allowed, why] of cases) assert.equal(allowedFor(sharedSaving, '1000000.00', actual).allowed, allowed, `actual ${actual}: ${why}`);
});

test('several bands: each slice at its own share, at and across every edge', () => {
  const threeBands = rules('0', null, [['0.1', '0.7'], ['0.2', '0.5'], ['0.3', '0.25']]);
  const cases: [actual: string, overrunPaid: string][] = [
    ['1050000.00', '35000.00'],    // inside band 1: 50000 × 0.7
    ['1100000.00', '70000.00'],    // edge 1
    ['1100000.01', '70000.01'],    // 0.01 × 0.5 = 0.005 → 0.01
    ['1150000.00', '95000.00'],    // 70000 + 50000 × 0.5
    ['1200000.00', '120000.00'],   // edge 2
    ['1250000.00', '132500.00'],   // 120000 + 50000 × 0.25
    ['1300000.00', '145000.00'],   // edge 3
    ['1300000.01', '145000.00'],   // beyond the last band
    ['1400000.00', '145000.00'],
  ];
  for (const [actual, paid] of cases) assert.equal(allowedFor(threeBands, '1000000.00', actual).overrunPaid, paid, `actual ${actual}`);
});

test('band edges that fall between two fen are kept exact and only the sum is rounded', () => {
  // quota 333.33: the 10% edge is 33.333 yuan. Overrun 50.00: 33.333 × 0.5 + 16.667 × 0.3 = 16.6665 + 5.0001 = 21.6666 → 21.67.
  const twoBands = rules('0', null, [['0.1', '0.5'], ['0.2', '0.3']]);
  assert.equal(allowedFor(twoBands, '333.33', '383.33').overrunPaid, '21.67');
  // Overrun 33.34, a fen beyond the edge: 33.333 × 0.5 + 0.007 × 0.3 = 16.6665 + 0.0021 = 16.6686 → 16.67.
  assert.equal(allowedFor(twoBands, '333.33', '366.67').overrunPaid, '16.67');
  // Overrun 33.33, just inside the edge: 16.665 → 16.67 (half up).
  assert.equal(allowedFor(twoBands, '333.33', '366.66').overrunPaid, '16.67');
  // Overrun 33.32: 16.66.
  assert.equal(allowedFor(twoBands, '333.33', '366.65').overrunPaid, '16.66');
});

test('settlement is allowed − prepaid: paid when positive, recovered when negative', () => {
  const { institutions } = settleYear({
    rules: banded,
    institutions: [
      { code: 'H1', quota: parseYuan('1000000.00'), actual: parseYuan('900000.00'), prepaid: parseYuan('1000000.00') },
      { code: 'H2', quota: parseYuan('500000.00'), actual: parseYuan('520000.00'), prepaid: parseYuan('480000.00') },
    ],
  });
  assert.deepEqual(institutions.map((i) => [i.code, formatYuan(i.allowed), formatYuan(i.settlement)]), [
    ['H1', '930000.00', '-70000.00'],   // 900000 + 30000 reward, 70000 recovered
    ['H2', '510000.00', '30000.00'],    // 500000 + half of 20000, 30000 still to pay
  ]);
});

test('properties: more spending never lowers what the fund accepts; a saving is never paid beyond the quota, an overrun never in full', () => {
  const share = fc.integer({ min: 0, max: 100 }).map((n) => ({ units: BigInt(n), scale: 2 }));
  const bandsArbitrary = fc.uniqueArray(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 4 })
    .chain((edges) => fc.tuple(...edges.sort((a, b) => a - b).map((edge) => share.map((fundShare) => ({ upToShareOfQuota: { units: BigInt(edge), scale: 2 }, fundShare })))));
  fc.assert(fc.property(
    share, fc.option(share, { nil: null }), bandsArbitrary,
    fc.bigInt({ min: 0n, max: 10n ** 10n }), fc.bigInt({ min: 0n, max: 2n * 10n ** 10n }), fc.bigInt({ min: 0n, max: 10n ** 8n }),
    (savingRewardShare, cap, overrunBands, quota, actual, more) => {
      const rule: YearEndRules = { savingRewardShare, savingRewardCapShareOfQuota: cap, overrunBands };
      const first = settleInstitution(rule, { code: 'X', quota, actual, prepaid: 0n });
      const second = settleInstitution(rule, { code: 'X', quota, actual: actual + more, prepaid: 0n });
      assert.ok(second.allowed >= first.allowed, 'monotonic');
      if (actual <= quota) assert.ok(first.allowed >= actual && first.allowed <= quota, 'a saving: between the actual cost and the quota');
      else assert.ok(first.allowed >= quota && first.allowed <= actual, 'an overrun: between the quota and the actual cost');
    }));
});

test('the credit grade\'s factors: the reward share and each band\'s fund share multiplied exactly, every figure still rounded once', () => {
  const factors = (savingReward: string, overrunPaid: string) => ({ savingReward: parseDecimal(savingReward), overrunPaid: parseDecimal(overrunPaid) });
  const gradeC = rulesForCredit(banded, factors('0.5', '0.8'));
  const cases: [rule: YearEndRules, actual: string, allowed: string, reward: string, overrunPaid: string, why: string][] = [
    [gradeC, '990000.00', '991500.00', '1500.00', '0.00', 'saving 10,000.00 × 0.3 × 0.5'],
    [gradeC, '999999.99', '999999.99', '0.00', '0.00', 'saving 0.01 × 0.15 = 0.0015: nothing'],
    [gradeC, '900000.00', '915000.00', '15000.00', '0.00', 'saving 100,000.00 × 0.15 = 15,000.00, under the cap of 30,000.00'],
    [rulesForCredit(banded, factors('2', '1')), '500000.00', '530000.00', '30000.00', '0.00', 'a factor above 1: 500,000.00 × 0.6 = 300,000.00, capped at 3% of the quota'],
    [gradeC, '1100000.00', '1040000.00', '0.00', '40000.00', '10% over: 100,000.00 × 0.5 × 0.8'],
    [gradeC, '1000000.03', '1000000.01', '0.00', '0.01', '0.03 over × 0.4 = 0.012: 0.01'],
    [rulesForCredit(banded, factors('0', '0')), '1100000.00', '1000000.00', '0.00', '0.00', 'grade D: no reward, no share of an overrun'],
    [rulesForCredit(banded, factors('0', '0')), '950000.00', '950000.00', '0.00', '0.00', 'grade D: the actual cost, no reward'],
  ];
  for (const [rule, actual, allowed, reward, overrunPaid, why] of cases) {
    assert.deepEqual(allowedFor(rule, '1000000.00', actual), { allowed, reward, overrunPaid }, why);
  }
  // rounded once: 0.01 over at 0.5 × 0.8 = 0.4 is 0.004, nothing; the region's 0.005 rounded first to 0.01 and then × 0.8 would pay 0.01
  assert.deepEqual(allowedFor(gradeC, '1000000.00', '1000000.01'), { allowed: '1000000.00', reward: '0.00', overrunPaid: '0.00' });
  assert.deepEqual(gradeC.overrunBands.map((band) => [band.upToShareOfQuota, band.fundShare]), [[parseDecimal('0.2'), { units: 40n, scale: 2 }]]);
});
