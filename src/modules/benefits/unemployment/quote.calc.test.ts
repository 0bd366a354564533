import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { projectRoot } from '../../../platform/config.ts';
import { loadParameters } from '../../../platform/params/index.ts';
import { parseDecimal } from '../../../platform/money.ts';
import { render } from '../../../platform/messages.ts';
import type { AppError } from '../../../platform/errors.ts';
import { quoteUnemployment } from './quote.calc.ts';
import { readUnemploymentQuoteInput, unemploymentQuote, unemploymentQuoteParameters } from './quote.service.ts';

const store = loadParameters(path.join(projectRoot, 'params'));
const quote = (input: Record<string, unknown>) => unemploymentQuote({ separationReason: 'involuntary', separationDate: '2026-03-31', ...input }, 'en', store);

test('months by contribution years (失业保险条例 第十七条): 12 from 1 year, 18 from 5, 24 from 10; unused months added up to 24', () => {
  const cases: [number, number | undefined, boolean, number][] = [
    [11, undefined, false, 0],
    [12, undefined, true, 12],
    [59, undefined, true, 12],
    [60, undefined, true, 18],
    [72, undefined, true, 18],
    [119, undefined, true, 18],
    [120, undefined, true, 24],
    [400, undefined, true, 24],
    [24, 5, true, 17],
    [72, 6, true, 24],
    [72, 10, true, 24],
    [200, 3, true, 24],
  ];
  for (const [contributionMonths, unusedMonths, eligible, months] of cases) {
    const answer = quote({ contributionMonths, ...(unusedMonths === undefined ? {} : { unusedMonths }) });
    assert.deepEqual([answer.eligible, answer.months], [eligible, months], `${contributionMonths} + ${unusedMonths}`);
    assert.equal(answer.monthlyAmount, null, 'no region: no amount');
  }
});

test('not eligible after leaving voluntarily or with less than a year of contributions, with the reasons', () => {
  assert.deepEqual(quote({ contributionMonths: 120, separationReason: 'voluntary' }).reasons, ['the claimant left voluntarily: only a job lost involuntarily gives unemployment benefit']);
  assert.deepEqual(quote({ contributionMonths: 11 }).reasons, ['contributions of 11 months before the job loss, fewer than 12']);
  assert.equal(quote({ contributionMonths: 3, separationReason: 'voluntary' }).reasons.length, 2);
  assert.deepEqual(quote({ contributionMonths: 72 }).reasons, []);
});

test('the monthly amount of the region: 90% of its minimum wage, not below the minimum living standard, not above the minimum wage', () => {
  // 2026: minimum wage 2300.00 × 0.90 = 2070.00; 2018: 1720.00 × 0.90 = 1548.00
  assert.equal(quote({ region: '990100', contributionMonths: 72 }).monthlyAmount, '2070.00');
  assert.equal(quote({ region: '990102', contributionMonths: 72, separationDate: '2018-03-31' }).monthlyAmount, '1548.00');
  assert.equal(quote({ region: '990100', contributionMonths: 11 }).monthlyAmount, null, 'not eligible: no amount');
  const input = readUnemploymentQuoteInput({ region: '990100', contributionMonths: 72, separationReason: 'involuntary', separationDate: '2026-03-31' });
  const parameters = unemploymentQuoteParameters(store, input);
  const withRatio = (ratio: string) => quoteUnemployment(input, { ...parameters, amount: { ...parameters.amount!, ratio: { ...parameters.amount!.ratio, value: parseDecimal(ratio) } } }).monthlyAmount;
  assert.equal(withRatio('0.3'), '900.00', '690.00 is below the minimum living standard 900.00');
  assert.equal(withRatio('0.3913'), '900.00', '899.99 is below it too');
  assert.equal(withRatio('0.3914'), '900.22', 'above it: the ratio\'s amount');
  assert.equal(withRatio('1.2'), '2300.00', 'never above the minimum wage');
  const trace = quote({ region: '990100', contributionMonths: 72 }).trace;
  assert.ok(trace.some((step) => step.step === 'minimumWage' && step.value === '2300.00' && step.parameter === 'wage.minimum_monthly@2025-07-01/990000'));
  assert.ok(trace.some((step) => step.step === 'durationMonths' && step.value === 18 && /失业保险条例 第十四条、第十七条/.test(step.reference ?? '')));
});

test('a malformed input is refused naming each field and its rule', () => {
  try {
    readUnemploymentQuoteInput({ contributionMonths: 'many', separationReason: 'fired', separationDate: '2026-02-30', unusedMonths: -1 });
    assert.fail('accepted');
  } catch (error) {
    assert.equal(render((error as AppError).said, 'en'),
      'contributionMonths: must be an integer from 0 to 1200, got "many"; separationReason: must be one of involuntary, voluntary; separationDate: must be a real date YYYY-MM-DD, got "2026-02-30"; unusedMonths: must be an integer from 0 to 1200, got -1');
  }
});
