/**
 * The State Council's holiday arrangements (国务院办公厅关于 YYYY 年部分节假日安排的通知) as data: one file
 * holidays/YYYY.yaml per year, read once and checked strictly, so a mistyped date stops the server at start instead
 * of moving a due date. The notice for a year comes out in the preceding October–December: add its file then.
 *
 *   year: 2026
 *   reference: 国办发明电〔2025〕7号         the notice's number
 *   announcedOn: "2025-11-04"              its date
 *   holidays:                              the notice's ranges of days off (放假调休), named as it names them
 *     - { name: 春节, from: "2026-02-15", to: "2026-02-23" }
 *   workingWeekends: ["2026-02-14"]        the Saturdays and Sundays it makes working days (调休上班)
 *
 * A range or a working weekend may fall in the December before the year (元旦 2022-12-31 in the notice for 2023).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { isRealDate } from '../params/params.loader.ts';
import { isHolidayName } from './calendar.messages.ts';

/** A range of days off as the notice gives it, both ends included. */
export interface Holiday { name: string; from: string; to: string }

/** One year's notice. */
export interface YearArrangement {
  year: number;
  reference: string;
  announcedOn: string;
  holidays: readonly Holiday[];
  workingWeekends: readonly string[];
}

/** Every notice entered, and the days they move: days off on weekdays and weekends, weekend days worked. */
export interface HolidayCalendar {
  years: ReadonlyMap<number, YearArrangement>;
  daysOff: ReadonlySet<string>;
  workingWeekends: ReadonlySet<string>;
}

export class HolidayCalendarError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`holiday calendar: ${problems.join('; ')}`);
    this.name = 'HolidayCalendarError';
  }
}

export const HOLIDAYS_DIRECTORY = path.join(import.meta.dirname, 'holidays');

const KEYS = ['year', 'reference', 'announcedOn', 'holidays', 'workingWeekends'];

/** The day after `date` (YYYY-MM-DD). */
export function dayAfter(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

/** Every date from `from` to `to`, both included. */
export function datesFrom(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let day = from; day <= to; day = dayAfter(day)) dates.push(day);
  return dates;
}

/** 0 Sunday … 6 Saturday. */
export const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
export const isWeekend = (date: string) => weekdayOf(date) === 0 || weekdayOf(date) === 6;

/** One year's file, checked: every problem is listed, prefixed with `source` (the file's name). */
export function parseYearArrangement(text: string, source: string): YearArrangement {
  const problems: string[] = [];
  const problem = (message: string) => problems.push(`${source}: ${message}`);
  const data: unknown = parse(text);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new HolidayCalendarError([`${source}: not a mapping of ${KEYS.join(', ')}`]);
  const file = data as Record<string, unknown>;
  for (const key of Object.keys(file)) if (!KEYS.includes(key)) problem(`unknown key ${key} (allowed: ${KEYS.join(', ')})`);

  const year = file.year;
  if (typeof year !== 'number' || !Number.isInteger(year)) throw new HolidayCalendarError([...problems, `${source}: year must be a year such as 2026`]);
  // A notice's days lie in its year or in the December before it (元旦 2022-12-31, 调休 2018-12-29).
  const [first, last] = [`${year - 1}-12-01`, `${year}-12-31`];
  const isDateOfYear = (value: unknown): value is string => typeof value === 'string' && isRealDate(value) && value >= first && value <= last;
  if (typeof file.reference !== 'string' || !file.reference.trim()) problem('reference must name the notice (国办发明电〔YYYY〕N号)');
  if (typeof file.announcedOn !== 'string' || !isRealDate(file.announcedOn) || file.announcedOn > last) problem('announcedOn must be the notice\'s date YYYY-MM-DD (quoted)');

  const holidays: Holiday[] = [];
  if (!Array.isArray(file.holidays) || file.holidays.length === 0) problem('holidays must list the ranges of days off');
  else file.holidays.forEach((entry: unknown, index) => {
    const { name, from, to, ...rest } = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const where = `holidays[${index}]`;
    if (Object.keys(rest).length) problem(`${where}: unknown key ${Object.keys(rest).join(', ')} (allowed: name, from, to)`);
    if (typeof name !== 'string' || !name.split('、').every(isHolidayName)) problem(`${where}: name must be 元旦, 春节, 清明节, 劳动节, 端午节, 中秋节 or 国庆节, or two joined with 、`);
    if (!isDateOfYear(from) || !isDateOfYear(to)) problem(`${where}: from and to must be dates YYYY-MM-DD (quoted) between ${first} and ${last}`);
    else if (to < from) problem(`${where}: to (${to}) is before from (${from})`);
    else if (typeof name === 'string') holidays.push({ name, from, to });
  });
  const sorted = [...holidays].sort((a, b) => a.from.localeCompare(b.from));
  sorted.slice(1).forEach((holiday, index) => {
    if (holiday.from <= sorted[index].to) problem(`holidays ${sorted[index].name} and ${holiday.name} overlap`);
  });

  const workingWeekends: string[] = [];
  if (!Array.isArray(file.workingWeekends)) problem('workingWeekends must list the weekend days worked (an empty list [] when there is none)');
  else for (const date of file.workingWeekends as unknown[]) {
    if (!isDateOfYear(date)) problem(`workingWeekends: ${String(date)} is not a date YYYY-MM-DD (quoted) between ${first} and ${last}`);
    else if (!isWeekend(date)) problem(`workingWeekends: ${date} is not a Saturday or a Sunday`);
    else if (holidays.some((holiday) => date >= holiday.from && date <= holiday.to)) problem(`workingWeekends: ${date} is inside a holiday`);
    else if (workingWeekends.includes(date)) problem(`workingWeekends: ${date} is given twice`);
    else workingWeekends.push(date);
  }
  if (problems.length) throw new HolidayCalendarError(problems);
  return { year, reference: (file.reference as string).trim(), announcedOn: file.announcedOn as string, holidays: sorted, workingWeekends: workingWeekends.sort() };
}

/** The calendar of the notices; two notices never claim the same year or the same day. */
export function buildHolidayCalendar(arrangements: readonly YearArrangement[]): HolidayCalendar {
  const problems: string[] = [];
  const years = new Map<number, YearArrangement>();
  const daysOff = new Map<string, number>();
  const workingWeekends = new Map<string, number>();
  for (const arrangement of arrangements) {
    if (years.has(arrangement.year)) { problems.push(`the year ${arrangement.year} is given twice`); continue; }
    years.set(arrangement.year, arrangement);
    const days = [...arrangement.holidays.flatMap((holiday) => datesFrom(holiday.from, holiday.to)), ...arrangement.workingWeekends];
    for (const day of days) {
      const other = daysOff.get(day) ?? workingWeekends.get(day);
      if (other !== undefined) problems.push(`${day} is in the notices for ${other} and ${arrangement.year}`);
    }
    for (const holiday of arrangement.holidays) for (const day of datesFrom(holiday.from, holiday.to)) daysOff.set(day, arrangement.year);
    for (const day of arrangement.workingWeekends) workingWeekends.set(day, arrangement.year);
  }
  if (problems.length) throw new HolidayCalendarError(problems);
  return { years, daysOff: new Set(daysOff.keys()), workingWeekends: new Set(workingWeekends.keys()) };
}

/** The files YYYY.yaml of a folder (each file's year must be its name). */
export function loadHolidayCalendar(directory = HOLIDAYS_DIRECTORY): HolidayCalendar {
  const files = fs.readdirSync(directory).filter((name) => name.endsWith('.yaml')).sort();
  const problems: string[] = [];
  const arrangements: YearArrangement[] = [];
  for (const name of files) {
    try {
      const arrangement = parseYearArrangement(fs.readFileSync(path.join(directory, name), 'utf8'), name);
      if (name !== `${arrangement.year}.yaml`) problems.push(`${name}: holds the year ${arrangement.year}; name it ${arrangement.year}.yaml`);
      else arrangements.push(arrangement);
    } catch (error) {
      if (!(error instanceof HolidayCalendarError)) throw new HolidayCalendarError([`${name}: ${(error as Error).message}`]);
      problems.push(...error.problems);
    }
  }
  if (problems.length) throw new HolidayCalendarError(problems);
  return buildHolidayCalendar(arrangements);
}

let official: HolidayCalendar | undefined;

/** The notices in src/platform/calendar/holidays, read once. */
export function holidayCalendar(): HolidayCalendar {
  official ??= loadHolidayCalendar();
  return official;
}
