/**
 * 工伤保险按月待遇 (pure): the month's amounts at each grade and 护理等级, the dependants' pensions capped at the
 * deceased's wage to the fen (largest remainder), and the month's stops — the start month, an operator's stop,
 * retirement (with the top-up of a lower pension), death, a dependant who no longer qualifies; the adjustments of
 * 第四十条 due by the month, compounded, and 生活护理费 at the month's average wage.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fc from 'fast-check';
import { projectRoot } from '../../../platform/config.ts';
import { loadParameters } from '../../../platform/params/index.ts';
import { formatYuan, parseDecimal, parseYuan } from '../../../platform/money.ts';
import { workInjuryMonthRates, workInjuryParameters } from './claim-parameters.ts';
import {
  adjustedAmount, dependantAgeStop, dependantPensions, periodicAdjustmentsDue, workInjuryMonth,
  type ClaimTrace, type Dependant, type NursingDegree, type PeriodicAdjustment, type WorkInjuryInput, type WorkInjuryMonthFacts, type WorkInjuryMonthRates,
} from './work-injury.calc.ts';

const store = loadParameters(path.join(projectRoot, 'params'));
// 示范市 on 2025-06-01: average wage 8250.00 (floor 4950.00, ceiling 24750.00), minimum wage 2150.00
const parameters = workInjuryParameters(store, '2025-06-01', '990100');
const disability = (over: Partial<WorkInjuryInput>): WorkInjuryInput => ({ benefit: 'disability', eventDate: '2025-06-01', ownWage: parseYuan('6000.00'), grade: 1, nursing: null, dependants: [], ...over });
const facts = (over: Partial<WorkInjuryMonthFacts> = {}): WorkInjuryMonthFacts => ({ startPeriod: '2025-07', retirementPeriod: '2040-03', deathPeriod: null, pension: null, stops: [], ...over });
// the amounts as approved: the event's average wage, no adjustment (the tests of 第四十条 below give theirs)
const asApproved: WorkInjuryMonthRates = { averageWage: parameters.averageWage, minimumWage: parameters.minimumWage, adjustments: [] };
const month = (input: WorkInjuryInput, period: string, over: Partial<WorkInjuryMonthFacts> = {}, rates = asApproved) => {
  const result = workInjuryMonth(input, facts(over), period, parameters, rates);
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

test('第三十五条: 伤残津贴 is never paid below the minimum wage of the month paid (the fund makes up the difference), not the event date\'s', () => {
  assert.equal(formatYuan(workInjuryMonthRates(store, '2025-08', '990100').minimumWage.value), '2300.00', 'the month\'s minimum wage, not 2150.00 of the event date');
  const higherMinimum: WorkInjuryMonthRates = { ...asApproved, minimumWage: { ...parameters.minimumWage, value: parseYuan('4000.00') } };
  const low = month(disability({ grade: 4, ownWage: parseYuan('1000.00') }), '2025-08', {}, higherMinimum);
  assert.equal(low.parts.disability_allowance, '4000.00', '3712.50 raised to the month\'s 4000.00');
  const floor = low.trace.find((s) => s.step === 'disabilityAllowanceFloor');
  assert.deepEqual([floor?.value, floor?.formula], ['4000.00', 'max(3712.50, 4000.00)']);
  assert.match(floor?.reference ?? '', /第三十五条/);
  const high = month(disability({ grade: 1 }), '2025-08', {}, higherMinimum);
  assert.equal(high.parts.disability_allowance, '5400.00', 'above the floor: as worked out');
  assert.equal(high.trace.some((s) => s.step === 'disabilityAllowanceFloor'), false);
  assert.equal(month(disability({ grade: 3, nursing: 'partial', ownWage: parseYuan('1000.00') }), '2025-08', {}, higherMinimum).parts.nursing_allowance, '2475.00', '生活护理费 has no such floor');
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
  const september = workInjuryMonth(input, facts(), '2025-09', parameters, asApproved);
  assert.deepEqual(Object.fromEntries(september.parts.map((p) => [p.part, formatYuan(p.amount)])), { 'dependant_pension[0]': '2400.00', 'dependant_pension[1]': '1800.00', 'dependant_pension[2]': '1800.00' }, 'from the next month the three left share the wage');
  assert.ok(september.trace.some((s) => s.step === 'stop' && s.name === 'dependant_pension[3]' && s.value === '2025-09' && /第18号/.test(s.reference ?? '')), 'the stop is in the trace with its source');
  const disabledChild: WorkInjuryInput = { ...input, dependants: [spouse, other, other, { ...child, fullyDisabled: true }] };
  assert.equal(Object.keys(month(disabledChild, '2030-01').parts).length, 4, 'fully disabled: paid past 18');
});

// 示范省's adjustments (params/benefits/work_injury/periodic_adjustment_rate.yaml): 2025-07-01 3.5%, 2026-07-01 3%
const shipped = (period: string) => workInjuryMonthRates(store, period, '990100');
const adjustment = (since: string, share: string): PeriodicAdjustment => ({
  since, value: { disability_allowance: parseDecimal(share), dependant_pension: parseDecimal(share) }, reference: '工伤保险条例 第四十条', parameter: `benefits.work_injury.periodic_adjustment_rate@${since}/990000`,
});

test('第四十条: 伤残津贴 raised by every adjustment dated after the event date and by the month, compounded in date order', () => {
  const from = (eventDate: string, startPeriod: string) => (period: string) => month(disability({ grade: 1, eventDate }), period, { startPeriod }, shipped(period)).parts.disability_allowance;
  const cases: [string, string, string, string | undefined][] = [
    // [event date, start month, month, 伤残津贴 (approved 6000.00 × 90% = 5400.00)]
    ['2025-05-20', '2025-06', '2025-06', '5400.00'], // the month before the adjustment date
    ['2025-05-20', '2025-06', '2025-07', '5589.00'], // its month: 5400.00 × 1.035
    ['2025-05-20', '2025-06', '2026-06', '5589.00'],
    ['2025-05-20', '2025-06', '2026-07', '5756.67'], // two compounding: 5589.00 × 1.03 = 5756.67
    ['2025-06-30', '2025-07', '2025-07', '5589.00'], // appraised the day before the date: adjusted
    ['2025-07-01', '2025-08', '2025-08', '5400.00'], // appraised on the date: none of it
    ['2025-07-01', '2025-08', '2026-07', '5562.00'], // …only the later one: 5400.00 × 1.03
    ['2026-08-10', '2026-09', '2027-01', '5400.00'], // awarded after both
  ];
  for (const [eventDate, startPeriod, period, expected] of cases) assert.equal(from(eventDate, startPeriod)(period), expected, `${eventDate}, ${period}`);
  const { trace } = month(disability({ grade: 1, eventDate: '2025-05-20' }), '2026-07', { startPeriod: '2025-06' }, shipped('2026-07'));
  assert.deepEqual(trace.filter((s) => s.step === 'periodicAdjustment').map((s) => [s.name, s.value, s.formula, s.parameter]), [
    ['disability_allowance', '5589.00', '5400.00 × (1 + 0.035)', 'benefits.work_injury.periodic_adjustment_rate@2025-07-01/990000'],
    ['disability_allowance', '5756.67', '5589.00 × (1 + 0.03)', 'benefits.work_injury.periodic_adjustment_rate@2026-07-01/990000'],
  ], 'each adjustment in the trace with its parameter and share');
  assert.ok(trace.some((s) => s.step === 'periodicAdjustment' && s.reference?.includes('第四十条')));
});

test('第四十条: rounded to the fen at each adjustment, the amount paid being the base of the next; the due ones in date order, whatever order given', () => {
  const due = periodicAdjustmentsDue([adjustment('2026-01-01', '0.03'), adjustment('2025-01-01', '0.035'), adjustment('2026-02-15', '0.5')], '2024-12-31', '2026-01');
  assert.deepEqual(due.map((a) => a.since), ['2025-01-01', '2026-01-01'], 'a date after the month is not due; sorted by date');
  assert.deepEqual(periodicAdjustmentsDue([adjustment('2026-02-15', '0.5')], '2024-12-31', '2026-02').map((a) => a.since), ['2026-02-15'], 'a date within the month: the whole month');
  const cases: [string, string, string[]][] = [
    // 5000.08 × 1.035 = 5175.0828 → 5175.08; × 1.03 = 5330.3324 → 5330.33 (once at the end: 5000.08 × 1.06605 = 5330.34)
    ['5000.08', '5330.33', ['5175.08', '5330.33']],
    // 0.10 × 1.035 = 0.1035 → 0.10; × 1.03 = 0.103 → 0.10: an increase below half a fen is none, at each step
    ['0.10', '0.10', ['0.10', '0.10']],
    // 1000.10 × 1.035 = 1035.1035 → 1035.10; × 1.03 = 1066.153 → 1066.15
    ['1000.10', '1066.15', ['1035.10', '1066.15']],
  ];
  for (const [approved, expected, steps] of cases) {
    const trace: ClaimTrace = [];
    const result = adjustedAmount(parseYuan(approved), 'dependant_pension', 'dependant_pension[0]', due, trace);
    assert.equal(formatYuan(result.amount), expected, approved);
    assert.deepEqual(trace.map((s) => s.value), steps, `${approved}: each step`);
    assert.deepEqual(result.adjustments, [{ parameter: 'benefits.work_injury.periodic_adjustment_rate@2025-01-01/990000', share: '0.035' }, { parameter: 'benefits.work_injury.periodic_adjustment_rate@2026-01-01/990000', share: '0.03' }]);
  }
  assert.equal(formatYuan(adjustedAmount(parseYuan('0.50'), 'disability_allowance', 'disability_allowance', [adjustment('2025-01-01', '0.01')], []).amount), '0.51', 'half a fen rounds up');
});

test('第四十条 with 第三十九条 and 第三十五条: each dependant\'s pension adjusted after the cap; a lower pension tops up the adjusted 伤残津贴; 生活护理费 not raised by a share', () => {
  const input: WorkInjuryInput = { ...disability({ grade: null }), benefit: 'death', dependants: [spouse, other, other, orphan] };
  // 1714.29 × 1.035 = 1774.29015, 1285.71 × 1.035 = 1330.70985: the adjusted pensions may add up to more than the wage
  assert.deepEqual(month(input, '2025-08', {}, shipped('2025-08')).parts,
    { 'dependant_pension[0]': '1774.29', 'dependant_pension[1]': '1330.71', 'dependant_pension[2]': '1330.71', 'dependant_pension[3]': '1774.29' });
  const grade1 = disability({ grade: 1, nursing: 'partial' });
  const retiring = { retirementPeriod: '2026-03', pension: parseYuan('3200.50') };
  // 5589.00 − 3200.50; 生活护理费 8500.00 (2026's average wage) × 30%
  assert.deepEqual(month(grade1, '2026-04', retiring, shipped('2026-04')).parts, { disability_allowance: '2388.50', nursing_allowance: '2550.00' });
  const paid = workInjuryMonth(grade1, facts(), '2025-08', parameters, shipped('2025-08')).parts;
  assert.deepEqual(paid.map((p) => [p.part, formatYuan(p.amount), p.adjustments.map((a) => a.share)]), [['disability_allowance', '5589.00', ['0.035']], ['nursing_allowance', '2475.00', []]]);
});

test('第三十四条: 生活护理费 a share of the average wage in force in the month paid, not at the event', () => {
  const input = disability({ grade: 9, nursing: 'large' });
  const cases: [string, string][] = [['2025-07', '3300.00'], ['2025-12', '3300.00'], ['2026-01', '3400.00']]; // 8250.00, then 8500.00 from 2026-01-01, × 40%
  for (const [period, expected] of cases) assert.equal(month(input, period, {}, shipped(period)).parts.nursing_allowance, expected, period);
  const { trace } = month(input, '2026-01', {}, shipped('2026-01'));
  assert.ok(trace.some((s) => s.step === 'nursingAllowance' && s.name === 'averageWage' && s.value === '8500.00' && s.parameter === 'contribution.base.average_wage@2026-01-01/990000'), 'the month\'s wage cited');
});

test('the adjustments of a region: a city\'s own timeline replaces its province\'s from its first date, each date once', () => {
  const withCity = store.withRegionalValues([{ path: 'benefits.work_injury.periodic_adjustment_rate', regionCode: '990100', since: '2026-01-01', value: { disability_allowance: '0.02', dependant_pension: '0.025' }, reference: '示范市 [local]' }]);
  const rates = (region: string) => workInjuryMonthRates(withCity, '2027-01', region).adjustments.map((a) => [a.since, a.parameter, formatYuan(adjustedAmount(parseYuan('1000.00'), 'dependant_pension', 'p', [a], []).amount)]);
  assert.deepEqual(rates('990100'), [
    ['2026-01-01', 'benefits.work_injury.periodic_adjustment_rate@2026-01-01/990100', '1025.00'],
    ['2025-07-01', 'benefits.work_injury.periodic_adjustment_rate@2025-07-01/990000', '1035.00'],
  ], 'the province\'s 2026-07-01 is not the city\'s');
  assert.deepEqual(rates('990200').map(([since]) => since), ['2026-07-01', '2025-07-01'], 'another city: the province\'s');
});
