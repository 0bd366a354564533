import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../errors.ts';
import { multiplyFen } from '../money.ts';
import { loadConfig } from '../config.ts';
import { getParameters, jsonValue, loadParameters, regionChain, reloadParameters, todayInChina } from './params.store.ts';
import { parameterDir, removeDir } from './params.testing.ts';

// National 0.20 → 0.16; province 990000 from 2020, city 990100 from 2021, county 990102 from 2022.
const dir = parameterDir({
  'contribution/pension/employer_rate.yaml': `description: 企业职工基本养老保险单位缴费比例（占工资总额）
description_en: Employer pension contribution rate, of the wage bill
unit: rate
values:
  2019-05-01: {value: 0.16, reference: 国办发〔2019〕13号}
  2005-01-01: {value: 0.20, reference: 国发〔2005〕38号}
regions:
  "990000":
    values:
      2020-01-01: {value: 0.15, reference: province}
  "990100":
    values:
      2021-01-01: {value: 0.14, reference: city}
  "990102":
    values:
      2022-01-01: {value: 0.13, reference: county}
`,
  'contribution/late_fee/daily_rate.yaml': 'description: 滞纳金日费率\ndescription_en: late fee per day\nunit: rate\nvalues:\n  2011-07-01: {value: 0.0005, reference: 社会保险法 第八十六条}\n',
  'contribution/base/average_wage.yaml': 'description: average wage\nunit: money\nregions:\n  "990000":\n    values:\n      2024-01-01: {value: 7950.00, reference: demo}\n      2023-01-01: {value: 7650.5, reference: demo}\n',
  'contribution/due_day.yaml': 'description: 缴费截止日\nunit: integer\nvalues:\n  1998-01-01: {value: 15, reference: local}\n',
  'contribution/rounding.yaml': 'description: rounding\nunit: text\nchoices: [half_up, down]\nvalues:\n  1998-01-01: {value: half_up, reference: check}\n',
  'wage/limits.yaml': 'description: limits\nunit: table\nvalue_unit: money\nvalues:\n  2020-01-01: {value: {low: {monthly: 1500.5}, steps: [1, 2.5]}, reference: demo}\n',
});
after(() => removeDir(dir));
const store = loadParameters(dir);
const RATE = 'contribution.pension.employer_rate';

test('lookups before, at and after a change date, and regional precedence county → city → province → national', () => {
  const cases: [date: string, region: string | null, value: string, since: string, from: string | null][] = [
    ['2005-01-01', null, '0.20', '2005-01-01', null],
    ['2019-04-30', null, '0.20', '2005-01-01', null],
    ['2019-05-01', null, '0.16', '2019-05-01', null],
    ['2019-05-02', null, '0.16', '2019-05-01', null],
    ['2019-12-31', '990102', '0.16', '2019-05-01', null],        // no override in force yet
    ['2020-01-01', '990102', '0.15', '2020-01-01', '990000'],    // province
    ['2021-06-30', '990102', '0.14', '2021-01-01', '990100'],    // city beats province
    ['2022-01-01', '990102', '0.13', '2022-01-01', '990102'],    // county beats city
    ['2022-01-01', '990103', '0.14', '2021-01-01', '990100'],    // sibling county: its city
    ['2022-01-01', '990100', '0.14', '2021-01-01', '990100'],
    ['2022-01-01', '990200', '0.15', '2020-01-01', '990000'],    // other city: the province
    ['2022-01-01', '990000', '0.15', '2020-01-01', '990000'],
    ['2022-01-01', '110105', '0.16', '2019-05-01', null],        // other province: national
    ['2022-01-01', '', '0.16', '2019-05-01', null],
  ];
  for (const [date, region, value, since, from] of cases) {
    const found = store.lookup(RATE, date, region);
    assert.deepEqual(
      { value: found.value, since: found.since, region: found.region },
      { value, since, region: from },
      `${date} ${region}`,
    );
    assert.equal(found.path, RATE);
    assert.ok(found.reference);
  }
});

test('before the first value or without a value for the region: 422 parameter_missing saying so; unknown path: 404; bad date or region: 400 naming the field', () => {
  const cases: [() => unknown, number, string | undefined, RegExp][] = [
    [() => store.lookup(RATE, '2004-12-31'), 422, 'date', /has no value before 2005-01-01 \(asked for 2004-12-31\)/],
    [() => store.lookup(RATE, '2004-12-31', '990102'), 422, 'date', /no value before 2005-01-01/],
    [() => store.lookup('contribution.base.average_wage', '2022-12-31', '990102'), 422, 'date', /no value before 2023-01-01/],
    [() => store.lookup('contribution.base.average_wage', '2024-01-01'), 422, 'region', /no national value.*990000/],
    [() => store.lookup('contribution.base.average_wage', '2024-01-01', '110000'), 422, 'region', /no value for region 110000/],
    [() => store.lookup('no.such.parameter', '2024-01-01'), 404, undefined, /parameter no\.such\.parameter not found/],
    [() => store.lookup(RATE, '2023-02-30'), 400, 'date', /date: must be a real date/],
    [() => store.lookup(RATE, '20230101'), 400, 'date', /date: must be a real date/],
    [() => store.lookup(RATE, '2023-01-01', '99000'), 400, 'region', /region: must be a six-digit/],
    [() => store.list('2023-13-01', null, 'en'), 400, 'date', /date/],
    [() => store.history('no.such.parameter', null, 'en'), 404, undefined, /not found/],
  ];
  for (const [call, status, field, message] of cases) {
    assert.throws(call, (error: unknown) => {
      assert.ok(error instanceof AppError, String(error));
      assert.equal(error.status, status, error.message);
      assert.equal(error.field, field, error.message);
      assert.match(error.message, message);
      return true;
    });
  }
});

test('exact decimals: 0.0005 stays "0.0005" and multiplies exactly', () => {
  assert.equal(store.lookup('contribution.late_fee.daily_rate', '2024-01-01').value, '0.0005');
  const rate = store.rate('contribution.late_fee.daily_rate', '2024-01-01');
  assert.deepEqual(rate, { units: 5n, scale: 4 });
  // 社会保险法 art. 86: 0.05% per day on 12,345.67 yuan = 6.172835 → 6.17 yuan.
  assert.equal(multiplyFen(1234567n, rate), 617n);
  assert.deepEqual(store.rate(RATE, '2019-04-30'), { units: 20n, scale: 2 });
});

test('typed helpers return the unit\'s type and refuse the wrong unit', () => {
  assert.equal(store.money('contribution.base.average_wage', '2024-06-01', '990102'), 795000n);
  assert.equal(store.money('contribution.base.average_wage', '2023-06-01', '990000'), 765050n);
  assert.equal(store.integer('contribution.due_day', '2024-01-01'), 15);
  assert.equal(store.text('contribution.rounding', '2024-01-01'), 'half_up');
  const limits = store.table('wage.limits', '2024-01-01');
  assert.deepEqual(limits, { low: { monthly: 150050n }, steps: [100n, 250n] });
  assert.throws(() => { (limits.low as Record<string, bigint>).monthly = 0n; }, TypeError, 'tables are frozen: no caller can change them for the others');
  assert.throws(() => store.money(RATE, '2024-01-01'), /unit rate, not money/);
  assert.throws(() => store.rate('contribution.due_day', '2024-01-01'), /unit integer, not rate/);
});

test('list: every parameter with its value on the date, null where none is in force', () => {
  const items = store.list('2010-01-01', '990102', 'en');
  assert.deepEqual(items.map((item) => item.path), [
    'contribution.base.average_wage', 'contribution.due_day', 'contribution.late_fee.daily_rate',
    'contribution.pension.employer_rate', 'contribution.rounding', 'wage.limits',
  ]);
  const byPath = Object.fromEntries(items.map((item) => [item.path, item]));
  assert.deepEqual(byPath['contribution.late_fee.daily_rate'], {
    path: 'contribution.late_fee.daily_rate', description: 'late fee per day', unit: 'rate', value: null, since: null, reference: null, region: null,
  });
  assert.equal(byPath[RATE].value, '0.20');
  assert.equal(store.list('2022-02-01', '990102', 'en').find((item) => item.path === RATE)!.region, '990102');
});

test('list and history: the description in the language asked for; a file without description_en says it in Chinese', () => {
  const described = (language: 'zh-CN' | 'en') => Object.fromEntries(store.list('2024-01-01', null, language).map((item) => [item.path, item.description]));
  assert.equal(described('zh-CN')[RATE], '企业职工基本养老保险单位缴费比例（占工资总额）');
  assert.equal(described('en')[RATE], 'Employer pension contribution rate, of the wage bill');
  assert.deepEqual([described('zh-CN')['contribution.due_day'], described('en')['contribution.due_day']], ['缴费截止日', '缴费截止日']);
  assert.equal(store.history(RATE, null, 'zh-CN').description, '企业职工基本养老保险单位缴费比例（占工资总额）');
  assert.equal(store.history(RATE, '990102', 'en').description, 'Employer pension contribution rate, of the wage bill');
});

test('history: the values that can apply to a region, newest first, the most specific first on a tie', () => {
  const view = (region: string | null) => store.history(RATE, region, 'en').values.map((entry) => `${entry.since} ${entry.value} ${entry.region ?? 'national'}`);
  assert.deepEqual(view('990102'), [
    '2022-01-01 0.13 990102', '2021-01-01 0.14 990100', '2020-01-01 0.15 990000', '2019-05-01 0.16 national', '2005-01-01 0.20 national',
  ]);
  assert.deepEqual(view('990200'), ['2020-01-01 0.15 990000', '2019-05-01 0.16 national', '2005-01-01 0.20 national']);
  assert.deepEqual(view(null), ['2019-05-01 0.16 national', '2005-01-01 0.20 national']);
  assert.equal(store.history(RATE, null, 'en').unit, 'rate');
});

test('jsonValue: money as yuan strings (nested too), the rest unchanged', () => {
  assert.equal(jsonValue(123456n), '1234.56');
  assert.equal(jsonValue('0.0005'), '0.0005');
  assert.equal(jsonValue(15), 15);
  assert.equal(jsonValue(null), null);
  assert.deepEqual(jsonValue({ low: { monthly: 150050n }, steps: [100n, 250n] }), { low: { monthly: '1500.50' }, steps: ['1.00', '2.50'] });
});

test('regionChain and todayInChina', () => {
  assert.deepEqual(regionChain('990102'), ['990102', '990100', '990000']);
  assert.deepEqual(regionChain('990100'), ['990100', '990000']);
  assert.deepEqual(regionChain('990000'), ['990000']);
  // 2024-12-31 17:00 UTC is already 2025-01-01 in Beijing.
  assert.equal(todayInChina(new Date('2024-12-31T17:00:00Z')), '2025-01-01');
  assert.equal(todayInChina(new Date('2024-12-31T15:59:59Z')), '2024-12-31');
});

test('getParameters caches the configured directory; reloadParameters reads it again', () => {
  const previous = process.env.SIFUND_PARAMS_DIR;
  process.env.SIFUND_PARAMS_DIR = dir;
  try {
    const first = reloadParameters();
    assert.equal(getParameters(), first);
    assert.deepEqual(first.paths, store.paths);
  } finally {
    if (previous === undefined) delete process.env.SIFUND_PARAMS_DIR; else process.env.SIFUND_PARAMS_DIR = previous;
    reloadParameters();
  }
});

test('shipped parameters: the values domain.md gives, at and around their dates', () => {
  const shipped = loadParameters(loadConfig().paramsDir);
  const cases: [path: string, date: string, region: string | null, expected: unknown][] = [
    ['contribution.pension.employer_rate', '2019-04-30', null, '0.19'],
    ['contribution.pension.employer_rate', '2019-05-01', null, '0.16'],
    ['contribution.pension.employee_rate', '2024-01-01', null, '0.08'],
    ['contribution.pension.individual_account_rate', '2024-01-01', null, '0.08'],
    ['contribution.pension.flexible_rate', '2024-01-01', null, '0.20'],
    ['contribution.pension.flexible_account_rate', '2024-01-01', null, '0.08'],
    ['contribution.base.floor_ratio', '2024-01-01', null, '0.60'],
    ['contribution.base.ceiling_ratio', '2024-01-01', null, '3.00'],
    ['contribution.base.average_wage', '2015-06-01', '990102', 500000n],
    ['contribution.base.average_wage', '2026-01-01', '990000', 850000n],
    ['contribution.medical.employer_rate', '2024-01-01', null, '0.08'],
    ['contribution.medical.employer_rate', '2024-01-01', '990102', '0.09'],
    ['contribution.medical.employee_rate', '2024-01-01', '990102', '0.02'],
    ['contribution.maternity.employer_rate', '2024-01-01', null, '0'],
    ['contribution.unemployment.employer_rate', '2019-05-01', null, '0.005'],
    ['contribution.unemployment.employee_rate', '2019-05-01', null, '0.005'],
    ['contribution.late_fee.daily_rate', '2011-06-30', null, '0.002'],
    ['contribution.late_fee.daily_rate', '2011-07-01', null, '0.0005'],
    ['contribution.rounding', '2024-01-01', null, 'half_up'],
    ['contribution.due_day', '2024-01-01', null, 15],
    ['contribution.mid_month_cutoff_day', '2024-01-01', null, 15],
    ['pension.account.crediting_rate', '2016-12-31', null, '0.0831'],
    ['pension.account.crediting_rate', '2023-01-01', null, '0.0397'],
    ['pension.account.crediting_rate', '2024-07-01', null, '0.0262'],
    ['pension.account.interest_method', '2024-01-01', null, 'annual_1083'],
    ['pension.minimum_contribution_months', '2029-12-31', null, 180],
    ['pension.minimum_contribution_months', '2030-01-01', null, 186],
    ['pension.minimum_contribution_months', '2039-01-01', null, 240],
    ['pension.minimum_contribution_months', '2050-01-01', null, 240],
    ['unemployment.benefit.minimum_wage_ratio', '2024-01-01', null, '0.90'],
    ['wage.minimum_monthly', '2024-01-01', '990100', 215000n],
    ['warning.medical.months_reasonable_min', '2024-01-01', null, 6],
    ['warning.medical.months_reasonable_max', '2024-01-01', null, 9],
    ['warning.medical.months_too_much', '2024-01-01', null, 15],
    ['warning.medical.months_too_little', '2024-01-01', null, 3],
    ['warning.execution_deviation_points', '2024-01-01', null, 5],
  ];
  for (const [path, date, region, expected] of cases) assert.deepEqual(shipped.lookup(path, date, region).value, expected, `${path} ${date} ${region}`);

  const baseRates = shipped.table('contribution.work_injury.class_base_rate', '2024-01-01');
  assert.deepEqual(Object.values(baseRates), ['0.002', '0.004', '0.007', '0.009', '0.011', '0.013', '0.016', '0.019']);
  assert.deepEqual(shipped.table('contribution.work_injury.float_range', '2024-01-01')['1'], { min: '1.00', max: '1.50' });
  assert.deepEqual(shipped.table('contribution.work_injury.float_range', '2024-01-01')['8'], { min: '0.50', max: '1.50' });
  assert.deepEqual(shipped.table('contribution.work_injury.float_tiers', '2024-01-01')['2'], ['0.50', '0.80', '1.00', '1.20', '1.50']);
  const divisor = shipped.table('pension.annuity_divisor', '2024-01-01');
  assert.equal(Object.keys(divisor).length, 31);
  assert.deepEqual([divisor['40'], divisor['50'], divisor['55'], divisor['60'], divisor['70']], [233, 195, 170, 139, 56]);
  // The average wage is set only per province: nationally there is none.
  assert.throws(() => shipped.lookup('contribution.base.average_wage', '2024-01-01'), /no national value/);
});
