import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { projectRoot } from '../../../platform/config.ts';
import { loadParameters } from '../../../platform/params/index.ts';
import { formatYuan, parseYuan } from '../../../platform/money.ts';
import { cite } from '../trace.ts';
import { calculateMaternity, type DeliveryType } from './maternity.calc.ts';
import { maternityParameters, workInjuryParameters } from './claim-parameters.ts';
import { calculateWorkInjury, type Dependant, type NursingDegree, type WorkInjuryInput } from './work-injury.calc.ts';

const store = loadParameters(path.join(projectRoot, 'params'));
// 示范市 on 2025-06-01: average wage 8250.00 (floor 4950.00, ceiling 24750.00), minimum wage 2150.00
const parameters = workInjuryParameters(store, '2025-06-01', '990100');
const injury = (input: Partial<WorkInjuryInput>, over = parameters) => {
  const result = calculateWorkInjury({ benefit: 'disability', eventDate: '2025-06-01', ownWage: parseYuan('6000.00'), grade: null, nursing: null, dependants: [], ...input }, over);
  return { ownWage: formatYuan(result.ownWage), amounts: Object.fromEntries(result.amounts.map((a) => [a.item, formatYuan(a.amount)])), trace: result.trace };
};

test('工伤保险条例 第三十五条至第三十七条: the one-off grant by grade (27 … 7 months of own wage), the monthly allowance for grades 1–4 only', () => {
  const cases: [number, string, string | undefined][] = [
    [1, '162000.00', '5400.00'], [2, '150000.00', '5100.00'], [3, '138000.00', '4800.00'], [4, '126000.00', '4500.00'],
    [5, '108000.00', undefined], [6, '96000.00', undefined], [7, '78000.00', undefined], [8, '66000.00', undefined], [9, '54000.00', undefined], [10, '42000.00', undefined],
  ];
  for (const [grade, grant, allowance] of cases) {
    const { amounts } = injury({ grade });
    assert.equal(amounts.one_off_disability_grant, grant, `grade ${grade}`);
    assert.equal(amounts.disability_allowance, allowance, `grade ${grade}`);
  }
  const before2011 = cite<Record<string, number>>(store.lookup('benefits.work_injury.disability_grant_months', '2010-12-31'));
  assert.equal(injury({ grade: 1 }, { ...parameters, disabilityGrantMonths: before2011 }).amounts.one_off_disability_grant, '144000.00', 'before 2011: 24 months');
  assert.equal(injury({ grade: 10 }, { ...parameters, disabilityGrantMonths: before2011 }).amounts.one_off_disability_grant, '36000.00', 'before 2011: 6 months');
});

test('第六十四条: own wage clamped to 60–300% of the average wage (8250.00 → 4950.00 … 24750.00), before any amount', () => {
  const cases: [string, string][] = [['3000.00', '4950.00'], ['4949.99', '4950.00'], ['4950.00', '4950.00'], ['6000.00', '6000.00'], ['24750.00', '24750.00'], ['24750.01', '24750.00'], ['90000.00', '24750.00']];
  for (const [wage, used] of cases) assert.equal(injury({ ownWage: parseYuan(wage) }).ownWage, used, wage);
  assert.equal(injury({ ownWage: parseYuan('1000.00'), grade: 10 }).amounts.one_off_disability_grant, '34650.00', '4950.00 × 7');
});

test('the disability allowance is never below the minimum wage: the fund makes up the difference (第三十五条)', () => {
  const minimumWage = { ...parameters.minimumWage, value: parseYuan('5000.00') };
  assert.equal(injury({ grade: 4 }, { ...parameters, minimumWage }).amounts.disability_allowance, '5000.00', '4500.00 raised to 5000.00');
  assert.equal(injury({ grade: 1 }, { ...parameters, minimumWage }).amounts.disability_allowance, '5400.00');
});

test('第三十四条: the nursing allowance is 50/40/30% of the average wage, whatever the own wage', () => {
  const cases: [NursingDegree, string][] = [['full', '4125.00'], ['large', '3300.00'], ['partial', '2475.00']];
  for (const [nursing, amount] of cases) {
    assert.equal(injury({ grade: 1, nursing }).amounts.nursing_allowance, amount, nursing);
    assert.equal(injury({ grade: 1, nursing, ownWage: parseYuan('20000.00') }).amounts.nursing_allowance, amount, `${nursing}, another wage`);
  }
});

test('第三十九条: funeral grant 6 × 8250.00, one-off grant 20 × 54188.00, dependants 40% / 30% (+10%) capped at own wage', () => {
  const spouse: Dependant = { relation: 'spouse', orphanOrLoneElderly: false };
  const other: Dependant = { relation: 'other', orphanOrLoneElderly: false };
  const orphan: Dependant = { relation: 'other', orphanOrLoneElderly: true };
  const cases: [string, Dependant[], string | undefined][] = [
    ['none', [], undefined],
    ['spouse', [spouse], '2400.00'],
    ['spouse and a child', [spouse, other], '4200.00'],
    ['lone elderly spouse and a parent', [{ relation: 'spouse', orphanOrLoneElderly: true }, other], '4800.00'],
    ['spouse and two others: exactly own wage', [spouse, other, other], '6000.00'],
    ['spouse, a child and an orphan: 110% shared in proportion to the fen', [spouse, other, orphan], '6000.00'],
    ['four others: 120% scaled to 1500.00 each', [other, other, other, other], '6000.00'],
  ];
  for (const [name, dependants, total] of cases) {
    const { amounts, trace } = injury({ benefit: 'death', dependants });
    assert.equal(amounts.funeral_grant, '49500.00', name);
    assert.equal(amounts.one_off_death_grant, '1083760.00', name);
    assert.equal(amounts.dependant_pension, total, name);
    if (dependants.length === 3 && dependants[2].orphanOrLoneElderly) {
      assert.deepEqual(trace.filter((s) => s.step === 'dependantPension' && s.name?.startsWith('dependants[')).map((s) => s.value), ['2181.82', '1636.36', '2181.82']);
    }
  }
  const trace = injury({ benefit: 'death', dependants: [spouse] }).trace;
  assert.ok(trace.some((s) => s.step === 'oneOffDeathGrant' && s.value === '54188.00' && s.parameter === 'benefits.work_injury.national_urban_disposable_income@2025-01-01'));
  assert.ok(trace.some((s) => s.step === 'averageWage' && s.value === '8250.00' && s.parameter === 'contribution.base.average_wage@2025-01-01/990000'));
});

test('maternity: the employer\'s average wage ÷ 30 × (98 + 15 difficult + 15 per extra baby + 60 示范省), the fixed medical amount, the paying fund by the merger date', () => {
  const maternity = (childbirthDate: string, deliveryType: DeliveryType, babies: number, wage: string) => {
    const result = calculateMaternity({ childbirthDate, deliveryType, babies, employerAverageWage: parseYuan(wage) }, maternityParameters(store, childbirthDate, '990100'));
    return [result.leaveDays, ...result.amounts.map((a) => formatYuan(a.amount)), result.payingInsurance];
  };
  const cases: [string, DeliveryType, number, string, (string | number)[]][] = [
    ['2025-03-10', 'vaginal', 1, '9000.00', [158, '47400.00', '3000.00', 'medical']],
    ['2025-03-10', 'caesarean', 1, '9000.00', [173, '51900.00', '5000.00', 'medical']],
    ['2025-03-10', 'caesarean', 2, '9000.00', [188, '56400.00', '5000.00', 'medical']],
    ['2025-03-10', 'vaginal', 3, '9000.00', [188, '56400.00', '3000.00', 'medical']],
    ['2025-03-10', 'vaginal', 1, '8333.33', [158, '43888.87', '3000.00', 'medical']],
    ['2019-10-01', 'vaginal', 1, '6000.00', [158, '31600.00', '3000.00', 'medical']],
    ['2019-09-30', 'vaginal', 1, '6000.00', [158, '31600.00', '3000.00', 'maternity']],
    ['2015-12-31', 'vaginal', 1, '6000.00', [98, '19600.00', '3000.00', 'maternity']],
  ];
  for (const [date, delivery, babies, wage, expected] of cases) assert.deepEqual(maternity(date, delivery, babies, wage), expected, `${date} ${delivery} ×${babies} ${wage}`);
});
