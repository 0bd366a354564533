import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstMonthAfterDeath, overpaidAfterDeath, recoveryBooking, survivorEntitlements } from './deaths.calc.ts';

const paid = [{ period: '2025-11', amount: 300000n }, { period: '2025-12', amount: 300000n }, { period: '2026-01', amount: 309000n }, { period: '2026-02', amount: 309000n }];

test('the months paid after the month of death, at the amounts paid', () => {
  const cases = [
    { died: '2025-12-31', periods: ['2026-01', '2026-02'], amount: 618000n },
    { died: '2025-12-01', periods: ['2026-01', '2026-02'], amount: 618000n },
    { died: '2025-11-30', periods: ['2025-12', '2026-01', '2026-02'], amount: 918000n },
    { died: '2026-02-10', periods: [], amount: 0n },
    { died: '2025-10-15', periods: ['2025-11', '2025-12', '2026-01', '2026-02'], amount: 1218000n },
  ];
  for (const { died, periods, amount } of cases) assert.deepEqual(overpaidAfterDeath(died, [...paid].reverse()), { periods, amount }, died);
  assert.equal(firstMonthAfterDeath('2025-12-31'), '2026-01');
});

test('the funeral grant as the province sets it, the survivor pension as months of the pension in the month of death', () => {
  const rules = {
    funeralGrant: { value: 500000n, parameter: 'benefits.deaths.funeral_grant@2011-07-01/990000', reference: 'r1' },
    survivorPensionMonths: { value: 10, parameter: 'benefits.deaths.survivor_pension_months@2011-07-01/990000', reference: 'r2' },
  };
  const [funeral, survivor] = survivorEntitlements(309012n, rules);
  assert.deepEqual([funeral.kind, funeral.amount], ['funeral_grant', 500000n]);
  assert.deepEqual([survivor.kind, survivor.amount, survivor.basis.formula], ['survivor_pension', 3090120n, '3090.12 × 10']);
});

test('money recovered takes the oldest overpaid months first: this year\'s months reduce the expense, earlier years\' are other income', () => {
  const overpaid = paid.slice(1); // 2025-12 3000.00, 2026-01 3090.00, 2026-02 3090.00
  const cases = [
    { before: 0n, amount: 100000n, year: '2026', booked: { thisYear: 0n, earlierYears: 100000n } },
    { before: 250000n, amount: 100000n, year: '2026', booked: { thisYear: 50000n, earlierYears: 50000n } },
    { before: 300000n, amount: 618000n, year: '2026', booked: { thisYear: 618000n, earlierYears: 0n } },
    { before: 0n, amount: 918000n, year: '2025', booked: { thisYear: 918000n, earlierYears: 0n } },
    { before: 0n, amount: 918000n, year: '2027', booked: { thisYear: 0n, earlierYears: 918000n } },
    { before: 900000n, amount: 20000n, year: '2026', booked: { thisYear: 20000n, earlierYears: 0n } },
  ];
  for (const { before, amount, year, booked } of cases) assert.deepEqual(recoveryBooking([...overpaid].reverse(), before, amount, year), booked, `${before}+${amount} in ${year}`);
  assert.deepEqual(recoveryBooking([], 0n, 5000n, '2026'), { thisYear: 5000n, earlierYears: 0n }, 'no month recorded: this year');
});
