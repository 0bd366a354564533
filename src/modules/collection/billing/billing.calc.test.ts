import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { projectRoot } from '../../../platform/config.ts';
import { loadParameters } from '../../../platform/params/index.ts';
import { chartFor } from '../../ledger/index.ts';
import {
  baseLimits, contributionBase, cutoffDate, dueDate, fundCodesOfRegion, lineAmount, resolveBillingParameters, workInjuryRate,
} from './billing.calc.ts';

const parameters = loadParameters(path.join(projectRoot, 'params'));

test('contribution base: below the floor, inside, above the ceiling (国办发〔2019〕13号 60%–300%)', () => {
  const { floor, ceiling } = baseLimits(850_000n, '0.60', '3.00', 'half_up');
  assert.equal(floor, 510_000n);
  assert.equal(ceiling, 2_550_000n);
  for (const [declared, expected] of [[300_000n, 510_000n], [509_999n, 510_000n], [510_000n, 510_000n], [812_345n, 812_345n], [2_550_000n, 2_550_000n], [9_000_000n, 2_550_000n]] as const) {
    assert.equal(contributionBase(declared, floor, ceiling), expected, `declared ${declared}`);
  }
  // limits of an average wage with odd fen round once: 6,666.67 × 60% = 4,000.002 → 4,000.00
  assert.deepEqual(baseLimits(666_667n, '0.6', '3', 'half_up'), { floor: 400_000n, ceiling: 2_000_001n });
});

test('line amounts: exact product rounded once to the fen by the rounding parameter', () => {
  const cases: [bigint, string, 'half_up' | 'half_even' | 'down', bigint][] = [
    [812_345n, '0.16', 'half_up', 129_975n],      // 129,975.2 fen
    [812_345n, '0.08', 'half_up', 64_988n],       // 64,987.6
    [812_345n, '0.005', 'half_up', 4_062n],       // 4,061.725
    [812_345n, '0.0048', 'half_up', 3_899n],      // 3,899.256
    [612_500n, '0.002', 'half_up', 1_225n],       // exact
    [612_250n, '0.002', 'half_up', 1_225n],       // 1,224.5 → half up
    [612_250n, '0.002', 'half_even', 1_224n],     // 1,224.5 → even
    [612_750n, '0.002', 'half_even', 1_226n],     // 1,225.5 → even
    [612_750n, '0.002', 'down', 1_225n],
    [0n, '0.16', 'half_up', 0n],
  ];
  for (const [base, rate, mode, expected] of cases) assert.equal(lineAmount(base, rate, mode), expected, `${base} × ${rate} ${mode}`);
});

test('work-injury rate: class base rate × floating factor, exact (人社部发〔2015〕71号)', () => {
  assert.equal(workInjuryRate('0.004', '1.20'), '0.0048');
  assert.equal(workInjuryRate('0.019', '0.50'), '0.0095');
  assert.equal(workInjuryRate('0.002', '1.00'), '0.002');
  assert.equal(workInjuryRate('0.013', '1.5'), '0.0195');
});

test('mid-month rule and due dates: the cut-off day, clamped to short months; due the month after, on a working day', () => {
  assert.equal(cutoffDate('2026-10', 15), '2026-10-15');
  assert.equal(cutoffDate('2026-02', 31), '2026-02-28');
  assert.equal(cutoffDate('2024-02', 30), '2024-02-29');
  assert.equal(dueDate('2026-09', 15), '2026-10-15', 'a Thursday after the National Day holiday');
  assert.equal(dueDate('2026-12', 15), '2027-01-15', 'a Friday');
  assert.equal(dueDate('2026-10', 15), '2026-11-16', 'Sunday the 15th → Monday');
  assert.equal(dueDate('2026-01', 15), '2026-02-24', 'the Spring Festival holiday 2026-02-15 … 23 → the first working day after it');
  assert.equal(dueDate('2025-12', 15), '2026-01-15', 'a Thursday');
  assert.equal(dueDate('2027-01', 31), '2027-03-01', 'Sunday 28 February → Monday (2027 not yet published: weekends only)');
});

test('parameters of a period: rates in force on its first day, with their references', () => {
  const may = resolveBillingParameters(parameters, '2019-05', ['990102']).regions['990102'];
  const april = resolveBillingParameters(parameters, '2019-04', ['990102']).regions['990102'];
  assert.equal(may.insurances.pension!.employerRate, '0.16');
  assert.notEqual(april.insurances.pension!.employerRate, '0.16'); // the 2019-05-01 cut took effect with the May bill
  assert.ok(may.insurances.pension!.refs.includes('contribution.pension.employer_rate@2019-05-01'));
  const now = resolveBillingParameters(parameters, '2026-10', ['990102']).regions['990102'];
  assert.equal(now.averageWage, '850000');
  assert.equal(now.floor, '510000');
  assert.equal(now.ceiling, '2550000');
  assert.equal(now.dueDate, '2026-11-16');
  assert.equal(now.insurances.medical!.employerRate, '0.09'); // the demo province's override
  assert.equal(now.insurances.maternity, undefined);          // merged into medical since 2020: not billed
  assert.equal(now.insurances.work_injury!.employeeRate, null);
  assert.equal(now.workInjuryClassRates['2'], '0.004');
  assert.ok(now.insurances.medical!.refs.some((ref) => ref.startsWith('contribution.medical.employer_rate@2020-01-01/990000')));
});

test('public-institution pension: its own rates, 20% + 8% by 国发〔2015〕2号 (from 2014-10), employer 16% from 2019-05', () => {
  const rates = (period: string) => resolveBillingParameters(parameters, period, ['990102']).regions['990102'].publicPension;
  assert.deepEqual([rates('2016-01')!.employerRate, rates('2016-01')!.employeeRate], ['0.20', '0.08']);
  assert.ok(rates('2016-01')!.refs.includes('contribution.public_pension.employer_rate@2014-10-01'));
  assert.deepEqual([rates('2019-04')!.employerRate, rates('2019-05')!.employerRate], ['0.20', '0.16']);
  assert.ok(rates('2026-06')!.refs.includes('contribution.public_pension.employer_rate@2019-05-01'));
});

test('an employer without a work-injury class takes its industry section\'s (人社部发〔2015〕71号 [check])', () => {
  const region = resolveBillingParameters(parameters, '2026-06', ['990102']).regions['990102'];
  assert.equal(region.workInjuryIndustryClasses.C, 4);
  assert.equal(region.workInjuryIndustryClasses.B, 8);
  assert.equal(Object.keys(region.workInjuryIndustryClasses).length, 20, 'every GB/T 4754 section A–T');
  assert.ok(region.insurances.work_injury!.refs.includes('contribution.work_injury.industry_class@2015-10-01'));
});

test('funds of a region: each insurance\'s pooled fund, maternity in medical, the public pension fund where pension is pooled', () => {
  const chart = chartFor(2026);
  const pooling = [{ insurance: 'pension', region_code: '990000' }, ...['medical', 'unemployment', 'work_injury', 'maternity'].map((insurance) => ({ insurance, region_code: '990100' }))];
  const existing = new Set(['pension-990000', 'public_pension-990000', 'medical-990100', 'unemployment-990100', 'work_injury-990100']);
  assert.deepEqual(fundCodesOfRegion(chart, pooling, existing, '990102'), {
    pension: 'pension-990000', public_pension: 'public_pension-990000', medical: 'medical-990100', unemployment: 'unemployment-990100',
    work_injury: 'work_injury-990100', maternity: 'medical-990100',
  });
  existing.delete('public_pension-990000');
  assert.equal(fundCodesOfRegion(chart, pooling, existing, '990102').public_pension, undefined, 'a fund not yet created is not billed into');
  assert.deepEqual(fundCodesOfRegion(chart, pooling, existing, '980101'), {}, 'a region outside every pooling region has no funds');
});
