/** A holiday file is checked strictly: every mistake is named with its file, none moves a due date silently. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildHolidayCalendar, HolidayCalendarError, loadHolidayCalendar, parseYearArrangement } from './calendar.loader.ts';

const good = `year: 2030
reference: 国办发明电〔2029〕1号
announcedOn: "2029-11-01"
holidays:
  - { name: 春节, from: "2030-02-02", to: "2030-02-08" }
  - { name: 中秋节、国庆节, from: "2030-10-01", to: "2030-10-08" }
workingWeekends: ["2030-01-27", "2029-12-29"]
`;

const problemsOf = (text: string) => {
  try { parseYearArrangement(text, '2030.yaml'); } catch (error) { if (error instanceof HolidayCalendarError) return error.problems; throw error; }
  return [];
};

test('a good file: its ranges in date order, its working weekends sorted', () => {
  const arrangement = parseYearArrangement(good, '2030.yaml');
  assert.equal(arrangement.year, 2030);
  assert.deepEqual(arrangement.holidays.map((holiday) => holiday.name), ['春节', '中秋节、国庆节']);
  assert.deepEqual(arrangement.workingWeekends, ['2029-12-29', '2030-01-27']);
});

test('each mistake is named', () => {
  const cases: [change: (text: string) => string, problem: RegExp][] = [
    [(text) => text.replace('春节', '圣诞节'), /holidays\[0\]: name must be 元旦/],
    [(text) => text.replace('"2030-02-08"', '"2030-02-30"'), /holidays\[0\]: from and to must be dates/],
    [(text) => text.replace('"2030-02-08"', '"2030-02-01"'), /to \(2030-02-01\) is before from/],
    [(text) => text.replace('"2030-10-01"', '"2030-02-05"'), /overlap/],
    [(text) => text.replace('"2030-01-27"', '"2030-01-28"'), /2030-01-28 is not a Saturday or a Sunday/],
    [(text) => text.replace('"2030-01-27"', '"2030-02-02"'), /2030-02-02 is inside a holiday/],
    [(text) => text.replace('"2029-12-29"', '"2029-11-03"'), /2029-11-03 is not a date .* between 2029-12-01 and 2030-12-31/],
    [(text) => text.replace('reference: 国办发明电〔2029〕1号', 'reference: ""'), /reference must name the notice/],
    [(text) => `${text}note: extra\n`, /unknown key note/],
    [(text) => text.replace('workingWeekends: ["2030-01-27", "2029-12-29"]', ''), /workingWeekends must list/],
  ];
  for (const [change, problem] of cases) {
    const problems = problemsOf(change(good));
    assert.ok(problems.some((text) => text.startsWith('2030.yaml: ') && problem.test(text)), `${problem}: ${problems.join(' | ')}`);
  }
});

test('two notices never claim the same year or the same day', () => {
  const a = parseYearArrangement(good, 'a');
  assert.throws(() => buildHolidayCalendar([a, a]), /the year 2030 is given twice/);
  // Built directly, past the file's checks: a range of the notice for 2031 over a day the notice for 2030 already moves.
  const next = { year: 2031, reference: '国办发明电〔2030〕1号', announcedOn: '2030-11-01', holidays: [{ name: '元旦', from: '2030-10-08', to: '2031-01-01' }], workingWeekends: [] };
  assert.throws(() => buildHolidayCalendar([a, next]), /2030-10-08 is in the notices for 2030 and 2031/);
});

test('a folder: each file is named by its year', () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sifund-holidays-'));
  try {
    fs.writeFileSync(path.join(directory, '2031.yaml'), good);
    assert.throws(() => loadHolidayCalendar(directory), /2031\.yaml: holds the year 2030; name it 2030\.yaml/);
    fs.renameSync(path.join(directory, '2031.yaml'), path.join(directory, '2030.yaml'));
    const calendar = loadHolidayCalendar(directory);
    assert.deepEqual([...calendar.years.keys()], [2030]);
    assert.equal(calendar.daysOff.size, 7 + 8);
    assert.ok(calendar.workingWeekends.has('2029-12-29'));
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
});
