import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDecimal } from '../../../platform/money.ts';
import { creditMonth, interestThroughMonth, missedGrowth, missedInterest, yearEnd, type AccountCredit, type CreditedYear, type InterestMethod } from './interest.calc.ts';

/** 12 equal monthly credits of `amount` fen. */
const everyMonth = (amount: bigint): AccountCredit[] => Array.from({ length: 12 }, (_, index) => ({ month: index + 1, amount }));

// [case, opening balance (fen), credits, crediting rate, method, interest (fen), closing balance (fen)]; worked by hand.
const cases: [string, bigint, AccountCredit[], string, InterestMethod, bigint, bigint][] = [
  ['empty account', 0n, [], '0.0262', 'annual_1083', 0n, 0n],
  ['balance only: 100000.00 × 2.62%', 10_000_000n, [], '0.0262', 'annual_1083', 262_000n, 10_262_000n],
  ['balance only, monthly: the balance earns the full rate too', 10_000_000n, [], '0.0262', 'monthly', 262_000n, 10_262_000n],
  // 12 × 1000.00: 1 200 000 × 0.0262 × 1.083 / 2 = 17 024.76 fen
  ['credits only: 12 × 1000.00 at 2.62%', 0n, everyMonth(100_000n), '0.0262', 'annual_1083', 17_025n, 1_217_025n],
  // 100 000 × 0.0262 × (12 + 11 + … + 1) / 12 = 100 000 × 0.0262 × 6.5 = 17 030 fen exactly
  ['credits only, monthly: 12 × 1000.00 at 2.62%', 0n, everyMonth(100_000n), '0.0262', 'monthly', 17_030n, 1_217_030n],
  ['rate 0', 10_000_000n, everyMonth(100_000n), '0', 'annual_1083', 0n, 11_200_000n],
  ['rate 0, monthly', 10_000_000n, everyMonth(100_000n), '0.0000', 'monthly', 0n, 11_200_000n],
  // 0.0397 × (8 765 432 + 768 000 × 0.5415) = 0.0397 × 9 181 304 = 364 497.7688 fen
  ['87654.32 brought forward, 12 × 640.00 at 3.97%', 8_765_432n, everyMonth(64_000n), '0.0397', 'annual_1083', 364_498n, 9_897_930n],
  // 8 765 432 × 0.0397 = 347 987.6504; 64 000 × 6.5 × 0.0397 = 16 515.2 → 364 502.8504 fen
  ['the same account, monthly', 8_765_432n, everyMonth(64_000n), '0.0397', 'monthly', 364_503n, 9_897_935n],
  // 10 000 × 0.1 × 0.5415 = 541.5 → 542 (half up); 9 999 → 541.44585 → 541
  ['an exact half rounds up', 0n, [{ month: 3, amount: 10_000n }], '0.1', 'annual_1083', 542n, 10_542n],
  ['just below a half rounds down', 0n, [{ month: 3, amount: 9_999n }], '0.1', 'annual_1083', 541n, 10_540n],
  // 30 000 × 0.0262 × 7/12 = 458.5 → 459 (June earns 7 months)
  ['an exact half, monthly, June', 0n, [{ month: 6, amount: 30_000n }], '0.0262', 'monthly', 459n, 30_459n],
  // December earns one month: 30 000 × 0.0262 / 12 = 65.5 → 66
  ['monthly, December', 0n, [{ month: 12, amount: 30_000n }], '0.0262', 'monthly', 66n, 30_066n],
  // a transfer out: 100 000 × 0.1 − 10 000 × 0.1 × 0.5415 = 10 000 − 541.5 = 9 458.5 → 9 459
  ['a transfer out lowers the interest', 100_000n, [{ month: 5, amount: -10_000n }], '0.1', 'annual_1083', 9_459n, 99_459n],
  // only a negative amount: −541.5 rounds half away from zero, as positive amounts do
  ['negative halves round away from zero', 0n, [{ month: 5, amount: -10_000n }], '0.1', 'annual_1083', -542n, -10_542n],
];

for (const [name, openingBalance, credits, rate, method, interest, closingBalance] of cases) {
  test(`year-end interest: ${name}`, () => {
    const result = yearEnd({ openingBalance, credits }, parseDecimal(rate), method);
    assert.deepEqual(result, { creditsTotal: credits.reduce((sum, credit) => sum + credit.amount, 0n), interest, closingBalance });
  });
}

// [case, opening balance (fen), credits, rate, through month, interest (fen)]; worked by hand (退休当年, 月积数法).
const partYears: [string, bigint, AccountCredit[], string, number, bigint][] = [
  // 10 000 000 × 0.0262 × 5/12 = 109 166.67 → 109 167
  ['balance only, through May: five months of the rate', 10_000_000n, [], '0.0262', 5, 109_167n],
  // January earns 5 months, May 1: 100 000 × 0.0262 × (5 + 4 + 3 + 2 + 1)/12 = 3 275 exactly
  ['January to May credits, through May', 0n, everyMonth(100_000n).slice(0, 5), '0.0262', 5, 3_275n],
  // a credit counted from a later month (a back-payment counts from December) earns nothing before its month
  ['a credit counted from December earns nothing through May', 0n, [{ month: 12, amount: 100_000n }], '0.0262', 5, 0n],
  // 1 352 345 × 5 + 96 000 × (5 + 4 + 3 + 1) = 8 009 725; × 0.0262 / 12 = 17 487.899… → 17 488 (record.db.test.ts)
  ['the pension record\'s 2024, retiring in May', 1_352_345n, [1, 2, 3, 5].map((month) => ({ month, amount: 96_000n })), '0.0262', 5, 17_488n],
];

for (const [name, openingBalance, credits, rate, throughMonth, interest] of partYears) {
  test(`interest of a year settled within it: ${name}`, () => {
    const creditsTotal = credits.reduce((sum, credit) => sum + credit.amount, 0n);
    assert.deepEqual(interestThroughMonth({ openingBalance, credits }, parseDecimal(rate), throughMonth), { creditsTotal, interest, closingBalance: openingBalance + creditsTotal + interest });
  });
}

test('settled through December, a year earns what the monthly method credits at its end', () => {
  const account = { openingBalance: 8_765_432n, credits: everyMonth(64_000n) };
  assert.deepEqual(interestThroughMonth(account, parseDecimal('0.0397'), 12), yearEnd(account, parseDecimal('0.0397'), 'monthly'));
  assert.throws(() => interestThroughMonth(account, parseDecimal('0.0397'), 0), /1–12/);
});

test('the month a credit counts from', () => {
  assert.equal(creditMonth(2024, '2024-01'), 1);
  assert.equal(creditMonth(2024, '2024-11'), 11);
  assert.equal(creditMonth(2024, '2023-12'), 12, 'a back-payment of an earlier year counts from December');
  assert.equal(creditMonth(2024, null), 12, 'a transfer without a period counts from December');
  assert.throws(() => yearEnd({ openingBalance: 0n, credits: [{ month: 13, amount: 1n }] }, parseDecimal('0.01'), 'monthly'), /1–12/);
});

const credited = (year: number, rate: string, method: InterestMethod): CreditedYear => ({ year, rate: parseDecimal(rate), method });

// [case, amount (fen), period, the runs before the year it is credited in, 补记利息 (fen)]; worked by hand.
const backPayments: [string, bigint, string, CreditedYear[], bigint][] = [
  // 2023 from May, annual: 100 000 × 0.0397 × 1083/2000 = 2 149.755 → 2 150
  ['one closed year, annual', 100_000n, '2023-05', [credited(2023, '0.0397', 'annual_1083')], 2_150n],
  // 2023 from May, monthly: 100 000 × 0.0397 × 8/12 = 2 646.67 → 2 647
  ['one closed year, monthly: May earns eight months', 100_000n, '2023-05', [credited(2023, '0.0397', 'monthly')], 2_647n],
  // 100 000 × 1.02149755 × 1.0262 = 104 826.0785 → 4 826 (compounded, rounded once)
  ['two closed years: the second as a whole year of balance', 100_000n, '2023-05', [credited(2023, '0.0397', 'annual_1083'), credited(2024, '0.0262', 'monthly')], 4_826n],
  // runs before the period's year add nothing: 100 000 × 0.0262 × 1083/2000 = 1 418.73 → 1 419
  ['a run before the period\'s year adds nothing', 100_000n, '2024-12', [credited(2023, '0.0397', 'annual_1083'), credited(2024, '0.0262', 'annual_1083')], 1_419n],
  // December, monthly: 30 000 × 0.0262 / 12 = 65.5 → 66
  ['an exact half rounds up', 30_000n, '2024-12', [credited(2024, '0.0262', 'monthly')], 66n],
  ['a reversal takes the interest back, halves away from zero', -30_000n, '2024-12', [credited(2024, '0.0262', 'monthly')], -66n],
  ['no closed year since the period: nothing missed', 100_000n, '2022-03', [], 0n],
];

for (const [name, amount, period, years, expected] of backPayments) {
  test(`补记利息: ${name}`, () => {
    assert.equal(missedInterest(amount, missedGrowth(period, years)), expected);
  });
}
