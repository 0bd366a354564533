import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render, type Said } from './messages.ts';
import { AppError } from './errors.ts';
import {
  INPUT_YEARS, checkDate, checkDateRange, checkPeriod, checkYear, dateProblem, inputRange, instantProblem, periodProblem,
  reportingPeriodProblem, yearProblem,
} from './dates.ts';

const TODAY = '2026-05-20';

test('the range runs from 1990 to ten years after the current year, all derived from INPUT_YEARS', () => {
  assert.deepEqual(INPUT_YEARS, { first: 1990, ahead: 10 });
  assert.deepEqual(inputRange(TODAY), {
    firstYear: 1990, lastYear: 2036, firstDate: '1990-01-01', lastDate: '2036-12-31', firstPeriod: '1990-01', lastPeriod: '2036-12',
  });
  assert.equal(inputRange('2030-01-01').lastDate, '2040-12-31');
});

test('dates: real calendar dates within the range', () => {
  for (const ok of ['1990-01-01', '2024-02-29', '2036-12-31']) assert.equal(dateProblem(ok, TODAY), undefined, ok);
  for (const bad of ['1989-12-31', '2037-01-01', '9999-12-31', '2023-02-29', '2026-13-01', '2026-1-1', '20260101', '', ' 2026-01-01', 20260101, null, undefined]) {
    assert.equal(english(dateProblem(bad, TODAY)), 'must be a real date YYYY-MM-DD between 1990-01-01 and 2036-12-31', String(bad));
  }
});

test('months, years and statement periods', () => {
  for (const ok of ['1990-01', '2026-12', '2036-12']) assert.equal(periodProblem(ok, TODAY), undefined, ok);
  for (const bad of ['2026-13', '2026-00', '1989-12', '2037-01', '9999-12', '2026-1', '2026-01-01']) {
    assert.equal(english(periodProblem(bad, TODAY)), 'must be a month YYYY-MM between 1990-01 and 2036-12', bad);
  }
  for (const ok of [1990, 2036, '2026']) assert.equal(yearProblem(ok, TODAY), undefined, String(ok));
  for (const bad of [1989, 2037, 1e30, 2026.5, '20x6', 'abc']) assert.equal(english(yearProblem(bad, TODAY)), 'must be a year between 1990 and 2036', String(bad));
  for (const ok of ['2026', '2026-Q4', '2026-03']) assert.equal(reportingPeriodProblem(ok, TODAY), undefined, ok);
  for (const bad of ['9999', '2026-Q5', '2026-13', '1989-Q1']) assert.ok(reportingPeriodProblem(bad, TODAY), bad);
});

test('instants: a date or an ISO 8601 timestamp with its offset, its day within the range', () => {
  for (const ok of ['2026-01-01', '2026-01-01T16:00:00.000Z', '2026-01-01T16:00+08:00', '2026-01-01T23:59:59.999999-05:00']) assert.equal(instantProblem(ok, TODAY), undefined, ok);
  for (const bad of ['99999', '9999-12-31T00:00:00Z', '2026-02-30T00:00:00Z', '2026-01-01T24:00:00Z', '2026-01-01T16:00:00', 'yesterday']) assert.ok(instantProblem(bad, TODAY), bad);
});

const english = (said: Said | undefined) => said && render(said, 'en');

function throwsInvalid(run: () => unknown, field: string, message: RegExp) {
  assert.throws(run, (error: unknown) => error instanceof AppError && error.status === 400 && error.field === field && message.test(error.message));
}

test('the checks used by services and the command line throw a 400 naming the field', () => {
  const { lastDate } = inputRange();
  assert.equal(checkDate('2026-01-31', 'asOf'), '2026-01-31');
  throwsInvalid(() => checkDate('9999-12-31', 'asOf'), 'asOf', new RegExp(`^as of: must be a real date YYYY-MM-DD between 1990-01-01 and ${lastDate}$`));
  assert.equal(checkPeriod('2026-01'), '2026-01');
  throwsInvalid(() => checkPeriod('2026-13', 'from'), 'from', /^from: must be a month/);
  assert.equal(checkYear('2025'), 2025);
  throwsInvalid(() => checkYear(2200), 'year', /^year: must be a year between 1990 and/);
});

test('date ranges: in order and at most ten years of months', () => {
  assert.deepEqual(checkDateRange('2016-01-01', '2025-12-31'), { from: '2016-01-01', to: '2025-12-31' });
  throwsInvalid(() => checkDateRange('2016-01-01', '2026-01-01'), 'to', /^to: the range from 2016-01-01 may cover at most 10 years \(120 months\)$/);
  throwsInvalid(() => checkDateRange('2026-02-01', '2026-01-31'), 'to', /must not be before from \(2026-02-01\)/);
  throwsInvalid(() => checkDateRange('2026-01-01', '9999-12-31'), 'to', /between 1990-01-01 and/);
  throwsInvalid(() => checkDateRange('0001-01-01', '2026-01-31'), 'from', /between 1990-01-01 and/);
  assert.deepEqual(checkDateRange('2026-01-01', '2026-12-31', 1), { from: '2026-01-01', to: '2026-12-31' });
  throwsInvalid(() => checkDateRange('2026-01-01', '2027-01-01', 1), 'to', /at most 1 year \(12 months\)/);
});
