import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { projectRoot } from '../../../platform/config.ts';
import { loadParameters } from '../../../platform/params/index.ts';
import { render } from '../../../platform/messages.ts';
import { AppError } from '../../../platform/errors.ts';
import { quotePension } from './quote.calc.ts';
import { pensionQuote, pensionQuoteParameters, readPensionQuoteInput } from './quote.service.ts';

const store = loadParameters(path.join(projectRoot, 'params'));
const quote = (input: Record<string, unknown>) => pensionQuote(input, 'en', store);
const man = { gender: 'male', averageIndex: '1.0', averageWage: '8000.00', accountBalance: '100000.00' };

test('the acceptance quotes: a man at 60, a woman worker at 50, the reform\'s first steps', () => {
  const cases: [string, Record<string, unknown>, Partial<ReturnType<typeof quote>>][] = [
    ['man, 60, 30 years, index 1.2', { birthDate: '1964-06-10', gender: 'male', retirementDate: '2024-07-01', contributionMonths: 360, averageIndex: '1.2', averageWage: '8000.00', accountBalance: '100000.00' },
      { eligible: true, statutoryRetirementAge: { years: 60, months: 0 }, statutoryRetirementMonth: '2024-06', retirementAge: { years: 60, months: 0 }, divisor: 139, basicPension: '2640.00', accountPension: '719.42', transitionalPension: '0.00', total: '3359.42' }],
    ['woman worker, 50, 20 years, index 0.8', { birthDate: '1973-03-02', gender: 'female', retirementDate: '2023-04-01', contributionMonths: 240, averageIndex: '0.8', averageWage: '6000.00', accountBalance: '50000.00' },
      { eligible: true, statutoryRetirementAge: { years: 50, months: 0 }, statutoryRetirementMonth: '2023-03', divisor: 195, basicPension: '1080.00', accountPension: '256.41', total: '1336.41' }],
    // (9000 + 9000) ÷ 2 × 400/12 × 1% = 3000.00; 120000 ÷ 139 = 863.309… → 863.31
    ['man born 1965-06: 60 years 2 months, in 2025-08', { birthDate: '1965-06-10', gender: 'male', retirementDate: '2025-09-01', contributionMonths: 400, averageIndex: '1.0', averageWage: '9000.00', accountBalance: '120000.00' },
      { eligible: true, statutoryRetirementAge: { years: 60, months: 2 }, statutoryRetirementMonth: '2025-08', retirementAge: { years: 60, months: 2 }, divisor: 139, basicPension: '3000.00', accountPension: '863.31', total: '3863.31' }],
    // 8000 × 300/12 × 1% = 2000.00; 85000 ÷ 170 = 500.00
    ['woman cadre born 1970-01-01: 55 years 1 month', { birthDate: '1970-01-01', gender: 'female', category: 'cadre', retirementDate: '2025-03-01', contributionMonths: 300, averageIndex: '1.0', averageWage: '8000.00', accountBalance: '85000.00' },
      { eligible: true, statutoryRetirementAge: { years: 55, months: 1 }, statutoryRetirementMonth: '2025-02', retirementAge: { years: 55, months: 2 }, divisor: 170, basicPension: '2000.00', accountPension: '500.00', total: '2500.00' }],
  ];
  for (const [name, input, expected] of cases) {
    const answer = quote(input);
    assert.deepEqual({ ...answer, trace: undefined, reasons: undefined }, { ...answer, ...expected, trace: undefined, reasons: undefined }, name);
    assert.deepEqual(answer.reasons, [], name);
  }
});

test('the statutory age on each side of every reform step (men; women cadres; women workers, who are workers unless said)', () => {
  const cases: [string, string, string | undefined, { years: number; months: number }, string][] = [
    ['1964-12-31', 'male', undefined, { years: 60, months: 0 }, '2024-12'],
    ['1965-01-01', 'male', undefined, { years: 60, months: 1 }, '2025-02'],
    ['1965-04-30', 'male', undefined, { years: 60, months: 1 }, '2025-05'],
    ['1965-05-01', 'male', undefined, { years: 60, months: 2 }, '2025-07'],
    ['1976-08-31', 'male', undefined, { years: 62, months: 11 }, '2039-07'],
    ['1976-09-01', 'male', undefined, { years: 63, months: 0 }, '2039-09'],
    ['1969-12-31', 'female', 'cadre', { years: 55, months: 0 }, '2024-12'],
    ['1970-01-01', 'female', 'cadre', { years: 55, months: 1 }, '2025-02'],
    ['1981-09-01', 'female', 'cadre', { years: 58, months: 0 }, '2039-09'],
    ['1974-12-31', 'female', undefined, { years: 50, months: 0 }, '2024-12'],
    ['1975-01-31', 'female', 'worker', { years: 50, months: 1 }, '2025-02'],
    ['1975-02-28', 'female', undefined, { years: 50, months: 1 }, '2025-03'],
    ['1975-03-01', 'female', undefined, { years: 50, months: 2 }, '2025-05'],
    ['1984-10-10', 'female', undefined, { years: 54, months: 11 }, '2039-09'],
    ['1984-11-11', 'female', undefined, { years: 55, months: 0 }, '2039-11'],
  ];
  for (const [birthDate, gender, category, age, month] of cases) {
    const answer = quote({ ...man, birthDate, gender, ...(category ? { category } : {}), retirementDate: `${month}-28`, contributionMonths: 300 });
    assert.deepEqual([answer.statutoryRetirementAge, answer.statutoryRetirementMonth], [age, month], `${birthDate} ${gender} ${category}`);
  }
});

test('minimum contribution months by the retirement date: 180 until 2029, 186 in 2030, +6 a year to 240; deemed months count', () => {
  // born 1969-06-15: statutory 61y2m (2030-08); elastic early retirement from 60 (2029-06)
  const cases: [string, number, number, boolean][] = [
    ['2029-12-15', 179, 0, false],
    ['2029-12-15', 180, 0, true],
    ['2030-01-15', 180, 0, false],
    ['2030-01-15', 185, 0, false],
    ['2030-01-15', 186, 0, true],
    ['2030-01-15', 150, 36, true],
    ['2031-01-15', 191, 0, false],
    ['2031-01-15', 192, 0, true],
  ];
  for (const [retirementDate, contributionMonths, deemedMonths, eligible] of cases) {
    const answer = quote({ ...man, birthDate: '1969-06-15', retirementDate, contributionMonths, deemedMonths });
    assert.equal(answer.eligible, eligible, `${retirementDate} ${contributionMonths}+${deemedMonths}`);
    assert.equal(answer.reasons.length, eligible ? 0 : 1);
    if (!eligible) assert.match(answer.reasons[0], new RegExp(`fall short of the ${retirementDate < '2030' ? 180 : retirementDate < '2031' ? 186 : 192} months`));
  }
  const late = quote({ ...man, birthDate: '1976-09-10', retirementDate: '2039-10-10', contributionMonths: 239 });
  assert.match(late.reasons[0], /239 months fall short of the 240 months required to retire on 2039-10-10/);
  const short = quote({ ...man, birthDate: '1963-01-10', retirementDate: '2023-02-01', contributionMonths: 168, averageWage: '7000.00' });
  assert.equal(short.eligible, false);
});

test('elastic retirement: up to 3 years early but never before the former age, to the day; later by choice', () => {
  // born 1970-01-10: statutory 61y4m (2031-05), earliest max(58y4m, 60y) = 60 on 2030-01-10
  const cases: [string, boolean, { years: number; months: number }, number][] = [
    ['2030-01-09', false, { years: 59, months: 11 }, 145],
    ['2030-01-10', true, { years: 60, months: 0 }, 139],
    ['2031-05-10', true, { years: 61, months: 4 }, 132],
    ['2034-05-10', true, { years: 64, months: 4 }, 109],   // the latest elastic month
    ['2036-05-10', true, { years: 66, months: 4 }, 93],    // past it: not refused (延长缴费 to reach the minimum)
  ];
  for (const [retirementDate, eligible, age, divisor] of cases) {
    const answer = quote({ ...man, birthDate: '1970-01-10', retirementDate, contributionMonths: 300 });
    assert.deepEqual([answer.eligible, answer.retirementAge, answer.divisor], [eligible, age, divisor], retirementDate);
  }
  const early = quote({ ...man, birthDate: '1970-01-10', retirementDate: '2030-01-09', contributionMonths: 300 });
  assert.match(early.reasons[0], /the age at retirement, 59y11m, is below the earliest allowed age 60y0m \(reached in 2030-01; statutory age 61y4m/);
  // a woman worker born 1984-11-11 (statutory 55): 3 years earlier, 52, is after her former age 50
  const woman = quote({ ...man, gender: 'female', birthDate: '1984-11-11', retirementDate: '2036-11-11', contributionMonths: 300 });
  assert.deepEqual([woman.eligible, woman.retirementAge, woman.divisor], [true, { years: 52, months: 0 }, 185]);
  assert.equal(quote({ ...man, gender: 'female', birthDate: '1984-11-11', retirementDate: '2036-11-10', contributionMonths: 300 }).eligible, false);
});

test('divisor by age: the table of 国发〔2005〕38号 at whole years; between them by completed years or, as the parameter says, by month', () => {
  for (const [age, divisor] of [[50, 195], [55, 170], [56, 164], [60, 139], [63, 117], [65, 101], [70, 56]] as const) {
    const answer = quote({ ...man, birthDate: '1960-03-01', retirementDate: `${1960 + age}-03-01`, contributionMonths: 300, averageWage: '5000.00' });
    assert.equal(answer.divisor, divisor, `age ${age}`);
  }
  const input = readPensionQuoteInput({ ...man, birthDate: '1965-06-10', retirementDate: '2025-09-01', contributionMonths: 400, accountBalance: '120000.00' });
  const parameters = pensionQuoteParameters(store, input);
  const interpolated = quotePension(input, { ...parameters, divisorMethod: { ...parameters.divisorMethod, value: 'monthly_interpolation' } });
  // 139 − (139 − 132) × 2/12 = 137.833…; 120000 ÷ 137.833… = 1440000 ÷ 1654 = 870.616… → 870.62
  assert.deepEqual([interpolated.divisor, interpolated.accountPension], [137.83, '870.62']);
  assert.throws(() => quote({ ...man, birthDate: '1960-03-01', retirementDate: '2031-03-01', contributionMonths: 300 }), /the age at retirement, 71y0m, is outside the divisor table \(40–70\)/);
});

test('the region: its published average wage for the year before retirement, its transitional pension formula', () => {
  const base = { birthDate: '1964-06-10', gender: 'male', retirementDate: '2024-07-01', contributionMonths: 240, deemedMonths: 120, averageIndex: '1.2', accountBalance: '100000.00' };
  // 8000 × 1.2 × 10 years × 1.2% = 1152.00
  const demo = quote({ ...base, region: '990100', averageWage: '8000.00' });
  assert.deepEqual([demo.basicPension, demo.transitionalPension, demo.total], ['2640.00', '1152.00', '4511.42']);
  // W = 7950.00 (the 2023 wage, in force for 2024): 7950 × 1.1 × 30 × 1% = 2623.50; 7950 × 1.2 × 10 × 1.2% = 1144.80
  const published = quote({ ...base, region: '990100' });
  assert.deepEqual([published.basicPension, published.transitionalPension, published.total], ['2623.50', '1144.80', '4487.72']);
  assert.ok(published.trace.some((step) => step.step === 'averageWage' && step.value === '7950.00' && step.parameter === 'contribution.base.average_wage@2024-01-01/990000'));
  assert.equal(quote({ ...base, averageWage: '8000.00' }).transitionalPension, '0.00', 'no region: no transitional formula nationally');
  assert.throws(() => quote(base), (error: AppError) => error.status === 422 && /contribution\.base\.average_wage has no national value/.test(error.message));
});

test('the trace: every input, each parameter with its reference, each figure', () => {
  const answer = quote({ birthDate: '1964-06-10', gender: 'male', retirementDate: '2024-07-01', contributionMonths: 360, averageIndex: '1.2', averageWage: '8000.00', accountBalance: '100000.00' });
  const find = (step: string, name?: string) => answer.trace.find((entry) => entry.step === step && entry.name === name);
  assert.equal(find('input', 'contributionMonths')?.value, 360);
  assert.equal(find('input', 'averageIndex')?.value, '1.2');
  assert.match(find('basicPension')?.reference ?? '', /国发〔2005〕38号/);
  assert.equal(find('basicPension')?.formula, '(W + W × I) ÷ 2 × N × 1% = (8000.00 + 8000.00 × 1.2) ÷ 2 × 360/12 × 1%');
  assert.equal(find('divisor')?.parameter, 'pension.annuity_divisor@2006-01-01');
  assert.equal(find('minimumContributionMonths')?.value, 180);
  assert.match(find('minimumContributionMonths')?.reference ?? '', /社会保险法 第十六条/);
  assert.equal(find('elasticRetirement', 'earlyMonths')?.parameter, 'benefits.pension.elastic_early_months@1978-06-02');
  assert.equal(find('contributionYears')?.value, '30');
  assert.equal(find('total')?.value, '3359.42');
});

test('a malformed input is refused naming each field and its rule', () => {
  const refusal = (input: unknown) => {
    try { readPensionQuoteInput(input); } catch (error) { return render((error as AppError).said, 'en'); }
    assert.fail('accepted');
  };
  assert.equal(refusal({ birthDate: '1964-06-10', gender: 'male', retirementDate: '2024-07-01', contributionMonths: 'many' }),
    'contributionMonths: must be an integer from 0 to 1200, got "many"; averageIndex: is required; accountBalance: is required');
  assert.match(refusal({ birthDate: '1964-02-30', gender: 'man', retirementDate: '2024-07-01', contributionMonths: 1, averageIndex: '-1', accountBalance: '1.234', extra: 1 }),
    /extra: is not a field of this input.*birth ?date: must be a real date YYYY-MM-DD, got "1964-02-30".*gender: must be one of male, female.*averageIndex: must be a decimal number of at least 0.*accountBalance: must be an amount in yuan/i);
  assert.equal(refusal({ ...man, birthDate: '1964-06-10', retirementDate: '1960-01-01', contributionMonths: 1 }), 'retirementDate: must not be before the birth date 1964-06-10');
  assert.equal(refusal([]), 'input: must be a JSON object');
});
