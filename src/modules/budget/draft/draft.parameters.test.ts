/** The rates and indexation the actuarial lines read, per month, from the shipped dated parameters. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { monthlyIndexation, monthlyRates } from './draft.parameters.ts';

test('the rate of each month: employer and employee shares together, a new value from its month on', () => {
  // enterprise pension 19% + 8% until 30 April 2019, 16% + 8% from 1 May (国办发〔2019〕13号)
  assert.deepEqual(monthlyRates('pension', '990100', ['2019-04', '2019-05']), [0.27, 0.24]);
  // unemployment 1% + 0.5% from May 2016, 0.5% + 0.5% from 2017
  assert.deepEqual(monthlyRates('unemployment', '990100', ['2016-12', '2017-01']), [0.015, 0.01]);
  // medical: 6% + 2% + maternity 0.5% in 2019; the province's 9% + 2% from 2020 (示范省), maternity merged (0)
  assert.deepEqual(monthlyRates('medical', '990100', ['2019-12', '2020-01']), [0.085, 0.11]);
  assert.equal(monthlyRates('work_injury', '990100', ['2026-01']), null, 'work injury: a rate per industry class, no single rate');
});

test('the indexation takes effect in the month its value is dated, nowhere else', () => {
  assert.deepEqual(monthlyIndexation('pension', '990100', ['2024-12', '2025-01', '2025-02', '2026-01']), [0, 0.02, 0, 0]);
  assert.deepEqual(monthlyIndexation('unemployment', '990100', ['2025-01']), [0], 'the pension adjustment raises no unemployment benefit');
});
