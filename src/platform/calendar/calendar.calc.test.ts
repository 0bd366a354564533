/** Working days by the State Council's notices (holidays/*.yaml): the cases of issue 11 and the notices' own counts. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addWorkingDays, isWorkingDay, nextWorkingDay, workingDaysBetween } from './calendar.calc.ts';
import { buildHolidayCalendar, holidayCalendar } from './calendar.loader.ts';

test('nextWorkingDay: the date itself on a working day, else the first working day after it', () => {
  const cases: [date: string, expected: string, why: string][] = [
    ['2026-02-15', '2026-02-24', 'Spring Festival 2026-02-15 … 02-23'],
    ['2026-02-23', '2026-02-24', 'last day of the Spring Festival'],
    ['2026-02-14', '2026-02-14', 'a Saturday made a working day (调休)'],
    ['2026-03-15', '2026-03-16', 'a Sunday'],
    ['2026-03-14', '2026-03-16', 'a Saturday'],
    ['2026-03-16', '2026-03-16', 'a Monday'],
    ['2026-01-01', '2026-01-04', '元旦 01-01 … 01-03, Sunday 01-04 worked'],
    ['2026-10-01', '2026-10-08', 'National Day 10-01 … 10-07'],
    ['2025-10-01', '2025-10-09', 'National Day and Mid-Autumn 2025-10-01 … 10-08'],
    ['2025-01-28', '2025-02-05', 'Spring Festival 2025-01-28 … 02-04'],
    ['2024-02-10', '2024-02-18', 'Spring Festival 2024, Sunday 02-18 worked'],
    ['2024-06-08', '2024-06-11', 'Saturday before 端午 2024-06-10'],
    ['2022-12-31', '2023-01-03', '元旦 of the notice for 2023 begins in 2022'],
    ['2023-09-29', '2023-10-07', 'Mid-Autumn and National Day 2023, Saturday 10-07 worked'],
    ['2027-01-15', '2027-01-15', 'a Friday of a year without a notice'],
    ['2027-01-16', '2027-01-18', 'a Saturday of a year without a notice: weekends only'],
  ];
  for (const [date, expected, why] of cases) assert.equal(nextWorkingDay(date), expected, `${date}: ${why}`);
});

test('isWorkingDay: holidays are not, 调休 weekends are, other weekends are not', () => {
  assert.equal(isWorkingDay('2026-02-14'), true, 'Saturday 2026-02-14 is worked');
  assert.equal(isWorkingDay('2026-02-28'), true, 'Saturday 2026-02-28 is worked');
  assert.equal(isWorkingDay('2026-02-16'), false, 'Monday in the Spring Festival');
  assert.equal(isWorkingDay('2026-03-15'), false, 'a plain Sunday');
  assert.equal(isWorkingDay('2026-04-06'), false, 'Monday 清明节 2026');
  assert.equal(isWorkingDay('2027-01-01'), true, 'no notice for 2027 is entered: a Friday counts as working');
});

test('each notice: its days off and weekend working days, as the notice counts them', () => {
  // 国办发明电〔2022〕16号 27 days off, 7 weekend days worked; 〔2023〕7号 28/8; 〔2024〕12号 28/5; 〔2025〕7号 33/6.
  const expected = { 2023: [27, 7], 2024: [28, 8], 2025: [28, 5], 2026: [33, 6] };
  const calendar = holidayCalendar();
  assert.deepEqual([...calendar.years.keys()].sort(), [2023, 2024, 2025, 2026]);
  for (const [year, [daysOff, worked]] of Object.entries(expected)) {
    const arrangement = calendar.years.get(Number(year))!;
    const off = arrangement.holidays.reduce((sum, holiday) => sum + (Date.parse(holiday.to) - Date.parse(holiday.from)) / 86_400_000 + 1, 0);
    assert.deepEqual([off, arrangement.workingWeekends.length], [daysOff, worked], `year ${year}`);
  }
  assert.equal(calendar.years.get(2026)!.reference, '国办发明电〔2025〕7号');
});

test('working days in a year: 365 days less weekends and holidays, plus 调休 weekends', () => {
  // 2026 begins on a Thursday: 104 weekend days; of its 33 days off 19 are weekdays (14 fall on weekends); 6 weekend days worked.
  assert.equal(workingDaysBetween('2025-12-31', '2026-12-31'), 365 - 104 - 19 + 6);
  // 2027 has no notice: 365 − 104 weekend days (it begins on a Friday: 52 weeks and one Friday).
  assert.equal(workingDaysBetween('2026-12-31', '2027-12-31'), 261);
});

test('workingDaysBetween counts the working days after `from` up to and including `to`', () => {
  assert.equal(workingDaysBetween('2026-02-13', '2026-02-24'), 2, 'Saturday 02-14 and Tuesday 02-24');
  assert.equal(workingDaysBetween('2026-03-13', '2026-03-16'), 1, 'Friday to Monday');
  assert.equal(workingDaysBetween('2026-03-16', '2026-03-16'), 0);
  assert.equal(workingDaysBetween('2026-03-20', '2026-03-16'), 0);
});

test('a calendar given explicitly: no notice, weekends only', () => {
  const empty = buildHolidayCalendar([]);
  assert.equal(nextWorkingDay('2026-02-16', empty), '2026-02-16');
  assert.equal(nextWorkingDay('2026-02-14', empty), '2026-02-16');
  assert.equal(isWorkingDay('2026-02-14', empty), false);
});

test('a deadline counted in working days skips weekends and holidays and counts 调休 working weekends (社会保险经办条例)', () => {
  const cases: [string, number, string][] = [
    ['2026-12-04', 1, '2026-12-07'],   // Friday + 1 → Monday
    ['2026-12-07', 5, '2026-12-14'],   // Monday + 5 → next Monday
    ['2026-12-05', 10, '2026-12-18'],  // Saturday + 10
    ['2026-12-31', 3, '2027-01-05'],   // into 2027, not yet published: weekends only
    ['2026-12-07', 0, '2026-12-07'],
    ['2026-09-30', 1, '2026-10-08'],   // over the National Day holiday 10-01 … 10-07
    ['2026-10-08', 2, '2026-10-10'],   // Saturday 10-10 is a 调休 working day
    ['2026-02-13', 1, '2026-02-14'],   // so is Saturday 02-14, before the Spring Festival
    ['2026-02-14', 1, '2026-02-24'],   // then nine days off
  ];
  for (const [from, days, expected] of cases) assert.equal(addWorkingDays(from, days), expected, `${from} + ${days}`);
});
