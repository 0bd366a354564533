import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from '../../platform/messages.ts';
import { baseRatioProblem, insurancesProblem, payerCode } from './self-paying.calc.ts';

test('a base level from the floor to the ceiling ratio is accepted; below, above or badly written it is refused with the rule', () => {
  const cases: [string, string | undefined][] = [
    ['0.60', undefined], ['0.6', undefined], ['1.00', undefined], ['1.37', undefined], ['3.00', undefined], ['3', undefined],
    ['0.59', 'must be from 0.60 to 3.00: the self-employed and flexible workers choose a base from 60% to 300% of the average wage (国办发〔2019〕13号)'],
    ['3.01', 'must be from 0.60 to 3.00: the self-employed and flexible workers choose a base from 60% to 300% of the average wage (国办发〔2019〕13号)'],
    ['0.605', 'must be the base as a share of the average wage, with at most two decimals (e.g. 0.60, 1.00, 3.00)'],
    ['60%', 'must be the base as a share of the average wage, with at most two decimals (e.g. 0.60, 1.00, 3.00)'],
    ['', 'must be the base as a share of the average wage, with at most two decimals (e.g. 0.60, 1.00, 3.00)'],
  ];
  for (const [ratio, expected] of cases) {
    const problem = baseRatioProblem(ratio, '0.60', '3.00');
    assert.equal(problem && render(problem, 'en'), expected, ratio);
  }
  assert.equal(render(baseRatioProblem('0.70', '0.8', '3')!, 'en').startsWith('must be from 0.8 to 3:'), true, 'the limits come from the parameters');
});

test('insurances: pension and medical, each once', () => {
  assert.equal(insurancesProblem(['pension', 'medical']), undefined);
  assert.equal(insurancesProblem([]), undefined);
  for (const wrong of [['unemployment'], ['pension', 'pension'], ['work_injury', 'medical']]) assert.ok(insurancesProblem(wrong), wrong.join());
});

test('the payer code is GR, the region and 10 digits: 18 characters', () => {
  assert.equal(payerCode('990102', 42n), 'GR9901020000000042');
  assert.equal(payerCode('990102', 42n).length, 18);
});
