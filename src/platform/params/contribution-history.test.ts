import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../config.ts';
import { loadParameters } from './params.store.ts';

// The shipped contribution rates over the years a bill can cover (issue 11, "Parameters"): each date falls inside
// one step of the history, so a step dated wrongly or valued wrongly changes a row of this table.
const shipped = loadParameters(loadConfig().paramsDir);
const REGION = '990102'; // a county of the demo province
const dates = ['1998-07-01', '2004-07-01', '2006-07-01', '2015-06-01', '2016-06-01', '2017-06-01', '2019-06-01', '2026-06-01'] as const;
const valuesOn = (path: string) => dates.map((date) => shipped.find(path, date, REGION)?.value ?? null);

test('contribution rates in force on each date, from 1998 to today', () => {
  const expected: Record<string, (string | null)[]> = {
    //                                           1998    2004    2006    2015     2016     2017     2019     2026
    // 20% (国发〔1997〕26号) → 19% (人社部发〔2016〕36号, as the demo province applied it) → 16% (国办发〔2019〕13号)
    'contribution.pension.employer_rate':        ['0.20', '0.20', '0.20', '0.20',  '0.19',  '0.19',  '0.16',  '0.16'],
    // 5% in 1998, one point every two years to 8% (国发〔1997〕26号, the demo province's years)
    'contribution.pension.employee_rate':        ['0.05', '0.08', '0.08', '0.08',  '0.08',  '0.08',  '0.08',  '0.08'],
    // 11% of the wage until 2005, 8% from 2006 (国发〔2005〕38号)
    'contribution.pension.individual_account_rate': ['0.11', '0.11', '0.08', '0.08', '0.08', '0.08', '0.08',  '0.08'],
    // 待业保险 0.6% (1993) → 2% + 1% (失业保险条例, 1999) → total 2% (2015) → 1.5% (2016) → 1% (2017, 2019)
    'contribution.unemployment.employer_rate':   ['0.006', '0.02', '0.02', '0.015', '0.01', '0.005', '0.005', '0.005'],
    'contribution.unemployment.employee_rate':   ['0',    '0.01', '0.01', '0.005', '0.005', '0.005', '0.005', '0.005'],
    // employee medical insurance from 1999 (国发〔1998〕44号); the demo province's rate, maternity included, from 2020
    'contribution.medical.employer_rate':        [null,   '0.06', '0.06', '0.06',  '0.06',  '0.06',  '0.06',  '0.09'],
    'contribution.medical.employee_rate':        [null,   '0.02', '0.02', '0.02',  '0.02',  '0.02',  '0.02',  '0.02'],
    // 1% (劳部发〔1994〕504号) → 0.5% (人社部发〔2015〕70号, from 2015-10) → 0 once merged into medical (国办发〔2019〕10号)
    'contribution.maternity.employer_rate':      ['0.01', '0.01', '0.01', '0.01',  '0.005', '0.005', '0.005', '0'],
  };
  for (const [path, values] of Object.entries(expected)) assert.deepEqual(valuesOn(path), values, path);
});

test('the intermediate steps of the employee pension rate: 5% → 6% (2000) → 7% (2002) → 8% (2004)', () => {
  const steps = ['1999-12-31', '2000-01-01', '2001-12-31', '2002-01-01', '2003-12-31', '2004-01-01']
    .map((date) => shipped.lookup('contribution.pension.employee_rate', date, REGION).value);
  assert.deepEqual(steps, ['0.05', '0.06', '0.06', '0.07', '0.07', '0.08']);
});

test('unemployment: the employee never pays more than the employer, and before 2015 the total is 3% (失业保险条例 第六条)', () => {
  const employer = valuesOn('contribution.unemployment.employer_rate');
  const employee = valuesOn('contribution.unemployment.employee_rate');
  dates.forEach((date, index) => assert.ok(Number(employee[index]) <= Number(employer[index]), date));
  for (const date of ['1999-01-22', '2015-02-28']) {
    const total = ['employer_rate', 'employee_rate'].map((rate) => Number(shipped.lookup(`contribution.unemployment.${rate}`, date, REGION).value));
    assert.equal(total[0] + total[1], 0.03, date);
  }
});

test('before 2006 the individual account holds more than the employee pays: the employer\'s contribution makes up the rest (国发〔1997〕26号)', () => {
  for (const date of ['1998-07-01', '2004-07-01']) {
    const account = Number(shipped.lookup('contribution.pension.individual_account_rate', date).value);
    const employee = Number(shipped.lookup('contribution.pension.employee_rate', date).value);
    assert.ok(account > employee, date);
  }
  assert.equal(shipped.lookup('contribution.pension.individual_account_rate', '2006-01-01').value, shipped.lookup('contribution.pension.employee_rate', '2006-01-01').value);
});

test('the pension rates start in 1998 and medical in 1999: an earlier date has no value; work-injury class rates start 2015-10-01', () => {
  for (const path of ['contribution.pension.employer_rate', 'contribution.pension.employee_rate', 'contribution.pension.individual_account_rate']) {
    assert.equal(shipped.find(path, '1997-12-31'), undefined, path);
    assert.equal(shipped.find(path, '1998-01-01')?.since, '1998-01-01', path);
  }
  assert.equal(shipped.find('contribution.medical.employer_rate', '1998-12-31'), undefined);
  assert.equal(shipped.find('contribution.medical.employer_rate', '1999-01-01')?.value, '0.06');
  assert.equal(shipped.find('contribution.work_injury.class_base_rate', '2015-09-30'), undefined);
  assert.deepEqual(shipped.table('contribution.work_injury.class_base_rate', '2015-10-01')['1'], '0.002');
});
