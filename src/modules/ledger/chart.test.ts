import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chartFor, fundAccounts, fundInsurance, fundInsurancesOfPooling, loadCharts, parseChart, poolingInsuranceOf } from './chart.ts';

test('the 2018 chart: every insurance fund has the three bank accounts, a fund balance and revenue per income subject', () => {
  const chart = chartFor(2026);
  assert.equal(chart.year, 2018);
  assert.equal(chartFor(2000).year, loadCharts()[0].year, 'years before the first chart use the first chart');
  assert.equal(fundInsurance(chart, 'maternity'), 'medical');
  assert.equal(fundInsurance(chart, 'resident_pension'), undefined);
  for (const insurance of ['pension', 'public_pension', 'medical', 'unemployment', 'work_injury']) {
    const accounts = fundAccounts(chart, insurance);
    assert.equal(new Set(accounts.map((a) => a.code)).size, accounts.length, `${insurance}: codes unique`);
    const revenueSubjects = accounts.filter((a) => a.role === 'revenue').map((a) => a.subject);
    assert.deepEqual(revenueSubjects, ['premium_income', 'fiscal_subsidy_income', 'interest_income', 'investment_income', 'transfer_income',
      'higher_level_subsidy_income', 'lower_level_remittance_income', 'other_income']);
    const expenseSubjects = new Set(accounts.filter((a) => a.role === 'expense').map((a) => a.subject!.split('.')[0]));
    assert.deepEqual([...expenseSubjects].sort(), ['benefit_expense', 'higher_level_remittance_expense', 'lower_level_subsidy_expense', 'other_expense', 'transfer_expense']);
  }
});

test('a malformed chart is refused with every problem named', () => {
  assert.throws(() => parseChart(`year: 2030
subjects: [{code: premium_income, name: 保险费收入, kind: income}]
insurances: {pension: {name: 养老}}
accounts:
  - {code: "1002", name: 收入户, role: income_bank}
  - {code: "1002", name: 重复, role: bank}
  - {code: "4001", name: 收入, role: revenue, subject: nope}
`, '2030.yaml'), (error: Error) => {
    assert.match(error.message, /^2030\.yaml: /);
    assert.match(error.message, /accounts\[1\]\.code 1002 appears twice/);
    assert.match(error.message, /accounts\[1\]\.role must be one of/);
    assert.match(error.message, /accounts\[2\]\.subject must be a subject code/);
    assert.match(error.message, /exactly one special_bank account/);
    return true;
  });
});

test('one fund per scheme: a pension pooling region has the enterprise and the public-institution pension funds (国发〔2015〕2号)', () => {
  const chart = chartFor(2026);
  assert.deepEqual(fundInsurancesOfPooling(chart, 'pension'), ['pension', 'public_pension', 'occupational_annuity'], '职业年金 a book of its own where pension is pooled');
  assert.deepEqual(fundInsurancesOfPooling(chart, 'maternity'), ['medical']);
  assert.deepEqual(fundInsurancesOfPooling(chart, 'resident_pension'), []);
  assert.equal(poolingInsuranceOf(chart, 'public_pension'), 'pension');
  assert.equal(poolingInsuranceOf(chart, 'medical'), 'medical');
  assert.equal(chart.insurances.public_pension.name, '机关事业单位基本养老保险基金');
  const head = `year: 2030
subjects: []
accounts: []
insurances:
  pension: {name: 养老}
`;
  assert.throws(() => parseChart(`${head}  public: {name: 机关养老, pooledAs: nothing}\n`), /insurances\.public\.pooledAs: nothing is not an insurance with a fund/);
  assert.throws(() => parseChart(`${head}  public: {mergedInto: pension, pooledAs: pension}\n`), /insurances\.public\.pooledAs is for an insurance with a fund/);
});
