/**
 * 工伤保险按月待遇 (pure): the month's amounts at each grade and 护理等级, the dependants' pensions capped at the
 * deceased's wage to the fen (largest remainder), and the month's stops — the start month, an operator's stop,
 * retirement (with the top-up of a lower pension), death, a dependant who no longer qualifies.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fc from 'fast-check';
import { projectRoot } from '../../../platform/config.ts';
import { loadParameters } from '../../../platform/params/index.ts';
import { formatYuan, parseDecimal, parseYuan } from '../../../platform/money.ts';
import { workInjuryParameters } from './claim-parameters.ts';
import { dependantAgeStop, dependantPensions, workInjuryMonth, type Dependant, type NursingDegree, type WorkInjuryInput, type WorkInjuryMonthFacts } from './work-injury.calc.ts';

const store = loadParameters(path.join(projectRoot, 'params'));
// 示范市 on 2025-06-01: average wage 8250.00 (floor 4950.00, ceiling 24750.00), minimum wage 2150.00
const parameters = workInjuryParameters(store, '2025-06-01', '990100');
const disability = (over: Partial<WorkInjuryInput>): WorkInjuryInput => ({ benefit: 'disability', eventDate: '2025-06-01', ownWage: parseYuan('6000.00'), grade: 1, nursing: null, dependants: [], ...over });
const facts = (over: Partial<WorkInjuryMonthFacts> = {}): WorkInjuryMonthFacts => ({ startPeriod: '2025-07', retirementPeriod: '2040-03', deathPeriod: null, pension: null, stops: [], ...over });
const month = (input: WorkInjuryInput, period: string, over: Partial<WorkInjuryMonthFacts> = {}) => {
  const result = workInjuryMonth(input, facts(over), period, parameters);
  return { total: formatYuan(result.total), parts: Object.fromEntries(result.parts.map((p) => [p.part, formatYuan(p.amount)])), trace: result.trace };
};

const spouse: Dependant = { relation: 'spouse', orphanOrLoneElderly: false };
const other: Dependant = { relation: 'other', orphanOrLoneElderly: false };
const orphan: Dependant = { relation: 'other', orphanOrLoneElderly: true };

test('第三十五条、第三十六条: 伤残津贴 90/85/80/75% of own wage for grades 1–4 each month; grades 5–6 paid by the employer, not the fund; 7–10 nothing monthly', () => {
  const cases: [number, string | undefined][] = [[1, '5400.00'], [2, '5100.00'], [3, '4800.00'], [4, '4500.00'], [5, undefined], [6, undefined], [7, undefined], [10, undefined]];
  for (const [grade, allowance] of cases) {
    const { parts, total, trace } = month(disability({ grade }), '2025-08');
    assert.equal(parts.disability_allowance, allowance, `grade ${grade}`);
    assert.equal(total, allowance ?? '0.00', `grade ${grade}`);
    assert.equal(trace.some((s) => s.step === 'disabilityAllowanceByEmployer'), grade === 5 || grade === 6, `grade ${grade}: the employer pays`);
  }
  const step = month(disability({ grade: 2 }), '2025-08').trace.find((s) => s.step === 'disabilityAllowance' && s.name === 'ratio');
  assert.deepEqual([step?.value, step?.parameter], ['0.85', 'benefits.work_injury.disability_allowance_ratio@2004-01-01'], 'the ratio is cited with its parameter');
  assert.equal(month(disability({ grade: 4, ownWage: parseYuan('1000.00') }), '2025-08').parts.disability_allowance, '3712.50', 'own wage raised to 4950.00 first (第六十四条)');
});

test('第三十四条: 生活护理费 50/40/30% of the average wage by 护理等级, beside the allowance, whatever the own wage', () => {
  const cases: [NursingDegree, string][] = [['full', '4125.00'], ['large', '3300.00'], ['partial', '2475.00']];
  for (const [nursing, amount] of cases) {
    const { parts, total } = month(disability({ grade: 3, nursing }), '2025-08');
    assert.equal(parts.nursing_allowance, amount, nursing);
    assert.equal(total, formatYuan(parseYuan('4800.00') + parseYuan(amount)), `${nursing}: allowance and nursing`);
    assert.equal(month(disability({ grade: 9, nursing, ownWage: parseYuan('20000.00') }), '2025-08').parts.nursing_allowance, amount, `${nursing}, grade 9, another wage`);
  }
});

test('第三十九条: dependants\' pensions 40% / 30% (+10%), their sum capped at the deceased\'s wage to the fen by the largest remainder', () => {
  const death = (dependants: Dependant[], ownWage = '6000.00') => month({ ...disability({ grade: null }), benefit: 'death', ownWage: parseYuan(ownWage), dependants }, '2025-08');
  const cases: [string, Dependant[], string, string[]][] = [
    ['spouse', [spouse], '6000.00', ['2400.00']],
    ['spouse and a child', [spouse, other], '6000.00', ['2400.00', '1800.00']],
    ['spouse and two others: exactly 100%', [spouse, other, other], '6000.00', ['2400.00', '1800.00', '1800.00']],
    // 6000.00 × 40/110 = 2181.8181…, × 30/110 = 1636.3636…: 2181.81 + 1636.36 + 2181.81 = 5999.98, the 2 fen to the largest remainders (0.818… twice)
    ['spouse, a child and an orphan: 110%', [spouse, other, orphan], '6000.00', ['2181.82', '1636.36', '2181.82']],
    // 7777.77 × 30/150 = 1555.554 each: 5 × 1555.55 = 7777.75, the 2 fen to the first two (equal remainders: earlier first)
    ['five others: 150% of 7777.77', [other, other, other, other, other], '7777.77', ['1555.56', '1555.56', '1555.55', '1555.55', '1555.55']],
    // 5000.01 × 50/150 = 1666.67 exactly, × 40/150 = 1333.336, × 30/150 = 1000.002 twice: the 1 fen left to the 0.6 remainder
    ['a lone elderly spouse, an orphan and two others: 150% of 5000.01', [{ relation: 'spouse', orphanOrLoneElderly: true }, orphan, other, other], '5000.01', ['1666.67', '1333.34', '1000.00', '1000.00']],
  ];
  for (const [name, dependants, wage, expected] of cases) {
    const { parts, total } = death(dependants, wage);
    assert.deepEqual(dependants.map((_, i) => parts[`dependant_pension[${i}]`]), expected, name);
    const sum = expected.reduce((a, b) => a + parseYuan(b), 0n);
    assert.equal(total, formatYuan(sum), name);
    if (dependants.length >= 3) assert.equal(total, wage, `${name}: exactly the wage`);
  }
});

test('the cap: whenever the shares reach the wage, the pensions add up to it exactly and each is within a fen of its exact share', () => {
  const ratios = parameters.dependantPensionRatio.value;
  fc.assert(fc.property(
    fc.bigInt({ min: 100n, max: 10_000_000n }),
    fc.array(fc.record({ relation: fc.constantFrom('spouse' as const, 'other' as const), orphanOrLoneElderly: fc.boolean() }), { minLength: 1, maxLength: 9 }),
    (wage, dependants) => {
      const { pensions, shares, totalShare, denominator, capped } = dependantPensions(wage, dependants, ratios);
      const sum = pensions.reduce((a, b) => a + b, 0n);
      if (!capped) return totalShare < denominator && sum <= wage;
      return sum === wage && pensions.every((p, i) => p * totalShare <= wage * shares[i] + totalShare && p * totalShare >= wage * shares[i] - totalShare);
    },
  ), { numRuns: 500 });
  assert.deepEqual(dependantPensions(100n, [other, other, other, other], { ...ratios, other: parseDecimal('0.3') }).pensions, [25n, 25n, 25n, 25n]);
});

test('stops: nothing before the start month; an operator\'s stop of a part or of all from its month; death stops everything from the next month', () => {
  const input = disability({ grade: 2, nursing: 'large' });
  assert.equal(month(input, '2025-06').total, '0.00', 'before the start month');
  assert.equal(month(input, '2025-07').total, '8400.00', 'the start month: 5100.00 + 3300.00');
  const nursingStopped = { stops: [{ part: 'nursing_allowance', fromPeriod: '2025-10', reason: '护理等级复查：已能自理' }] };
  assert.deepEqual(month(input, '2025-09', nursingStopped).parts, { disability_allowance: '5100.00', nursing_allowance: '3300.00' }, 'the month before the stop');
  assert.deepEqual(month(input, '2025-10', nursingStopped).parts, { disability_allowance: '5100.00' }, 'from the stop month');
  assert.ok(month(input, '2025-10', nursingStopped).trace.some((s) => s.step === 'stop' && s.name === 'nursing_allowance' && s.value === '2025-10' && s.formula === '护理等级复查：已能自理'));
  assert.equal(month(input, '2026-01', { stops: [{ part: 'all', fromPeriod: '2025-12', reason: '拒绝治疗' }] }).total, '0.00', 'all stopped');
  assert.equal(month(input, '2025-11', { deathPeriod: '2025-11' }).total, '8400.00', 'paid for the month of death');
  assert.equal(month(input, '2025-12', { deathPeriod: '2025-11' }).total, '0.00', 'nothing from the next month');
  const survivors = { ...input, benefit: 'death' as const, grade: null, nursing: null, dependants: [spouse] };
  assert.equal(month(survivors, '2025-12', { deathPeriod: '2025-05' }).total, '2400.00', 'a death claim\'s dependants are paid after the death it follows');
});

test('第三十五条: from the statutory retirement month 伤残津贴 stops; a lower basic pension is topped up to it; 生活护理费 goes on', () => {
  const input = disability({ grade: 1, nursing: 'partial' });
  const retiring = { retirementPeriod: '2026-03' };
  assert.deepEqual(month(input, '2026-02', retiring).parts, { disability_allowance: '5400.00', nursing_allowance: '2475.00' }, 'the month before');
  assert.deepEqual(month(input, '2026-03', retiring).parts, { nursing_allowance: '2475.00' }, 'no pension paid: the allowance stops');
  assert.deepEqual(month(input, '2026-03', { ...retiring, pension: parseYuan('6000.00') }).parts, { nursing_allowance: '2475.00' }, 'a higher pension: nothing to top up');
  const topped = month(input, '2026-04', { ...retiring, pension: parseYuan('3200.50') });
  assert.deepEqual(topped.parts, { disability_allowance: '2199.50', nursing_allowance: '2475.00' }, '5400.00 − 3200.50');
  assert.ok(topped.trace.some((s) => s.step === 'pensionTopUp' && s.value === '2199.50' && s.reference?.includes('第三十五条')));
  assert.deepEqual(month(input, '2026-05', { ...retiring, pension: parseYuan('3200.50'), deathPeriod: '2026-04' }).parts, {}, 'a death after retirement ends the top-up too');
});

test('第三十九条: a dependant who no longer qualifies is stopped, and the cap is worked out again among those left', () => {
  const input: WorkInjuryInput = { ...disability({ grade: null }), benefit: 'death', dependants: [spouse, other, other, orphan] };
  assert.deepEqual(month(input, '2025-08').parts, { 'dependant_pension[0]': '1714.29', 'dependant_pension[1]': '1285.71', 'dependant_pension[2]': '1285.71', 'dependant_pension[3]': '1714.29' }, '140%: 6000.00 shared');
  const grownUp = { stops: [{ part: 'dependant_pension[3]', fromPeriod: '2025-09', reason: '年满18周岁' }] };
  assert.deepEqual(month(input, '2025-09', grownUp).parts, { 'dependant_pension[0]': '2400.00', 'dependant_pension[1]': '1800.00', 'dependant_pension[2]': '1800.00' }, 'the three left reach 100%: their own shares');
});

test('劳动和社会保障部令第18号 第五条: a dependant\'s pension stops by itself the month after their 18th birthday, unless fully disabled; the cap is shared again', () => {
  assert.deepEqual([dependantAgeStop({ birthDate: '2007-08-31' }), dependantAgeStop({ birthDate: '2007-12-01' }), dependantAgeStop({ birthDate: '2007-08-31', fullyDisabled: true }), dependantAgeStop({ birthDate: null })],
    ['2025-09', '2026-01', null, null]);
  const child: Dependant = { ...orphan, birthDate: '2007-08-31' };
  const input: WorkInjuryInput = { ...disability({ grade: null }), benefit: 'death', dependants: [spouse, other, other, child] };
  assert.deepEqual(month(input, '2025-08').parts, { 'dependant_pension[0]': '1714.29', 'dependant_pension[1]': '1285.71', 'dependant_pension[2]': '1285.71', 'dependant_pension[3]': '1714.29' }, 'the month of the 18th birthday is paid');
  const september = workInjuryMonth(input, facts(), '2025-09', parameters);
  assert.deepEqual(Object.fromEntries(september.parts.map((p) => [p.part, formatYuan(p.amount)])), { 'dependant_pension[0]': '2400.00', 'dependant_pension[1]': '1800.00', 'dependant_pension[2]': '1800.00' }, 'from the next month the three left share the wage');
  assert.ok(september.trace.some((s) => s.step === 'stop' && s.name === 'dependant_pension[3]' && s.value === '2025-09' && /第18号/.test(s.reference ?? '')), 'the stop is in the trace with its source');
  const disabledChild: WorkInjuryInput = { ...input, dependants: [spouse, other, other, { ...child, fullyDisabled: true }] };
  assert.equal(Object.keys(month(disabledChild, '2030-01').parts).length, 4, 'fully disabled: paid past 18');
});
