/**
 * Working days (工作日) by the State Council's holiday arrangements: a day is a working day unless it is a day off of
 * a notice, or a Saturday or Sunday the notice does not make a working day (调休上班). A year whose notice is not
 * entered yet (calendar.loader.ts) counts its weekends only. Pure functions of the date and the calendar; the
 * calendar defaults to the notices in holidays/, read once.
 */
import { dayAfter, datesFrom, holidayCalendar, isWeekend, type HolidayCalendar } from './calendar.loader.ts';

/** Is `date` (YYYY-MM-DD) a working day? */
export function isWorkingDay(date: string, calendar: HolidayCalendar = holidayCalendar()): boolean {
  if (calendar.daysOff.has(date)) return false;
  return !isWeekend(date) || calendar.workingWeekends.has(date);
}

/**
 * The date itself when it is a working day, else the first working day after it: a time limit whose last day is a
 * public holiday ends on the day after the holiday (民法典 第二百零三条), and so does a tax-type payment deadline that
 * falls on a weekend or a statutory holiday (税收征收管理法实施细则 第一百零九条). Hence a due date moves forward.
 */
export function nextWorkingDay(date: string, calendar: HolidayCalendar = holidayCalendar()): string {
  let day = date;
  while (!isWorkingDay(day, calendar)) day = dayAfter(day);
  return day;
}

/**
 * The day `days` working days after `date` (the date itself for 0): a service deadline counted in working days
 * (社会保险经办条例 2023) ends there, holidays and 调休 working weekends counted as the notices say.
 */
export function addWorkingDays(date: string, days: number, calendar: HolidayCalendar = holidayCalendar()): string {
  let day = date;
  for (let left = days; left > 0;) {
    day = dayAfter(day);
    if (isWorkingDay(day, calendar)) left--;
  }
  return day;
}

/**
 * The working days after `from` up to and including `to` (0 when `to` is not after `from`): how many working days
 * a time limit counted in working days (社会保险经办条例) has used from `from` to `to`.
 */
export function workingDaysBetween(from: string, to: string, calendar: HolidayCalendar = holidayCalendar()): number {
  if (to <= from) return 0;
  return datesFrom(dayAfter(from), to).filter((day) => isWorkingDay(day, calendar)).length;
}
