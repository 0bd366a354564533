/** 节假日安排 as people read it: a year's notice, its ranges named in the reader's language. */
import type { Language } from '../messages.ts';
import { datesFrom, holidayCalendar, type HolidayCalendar } from './calendar.loader.ts';
import { holidayRangeName } from './calendar.messages.ts';

export interface HolidayYearView {
  year: number;
  published: boolean;
  reference: string | null;
  announcedOn: string | null;
  holidays: { name: string; from: string; to: string; days: number }[];
  workingWeekends: string[];
}

/** The year's notice; a year without one (not yet announced, or before the first entered) is unpublished, never an error. */
export function holidayYear(year: number, language: Language, calendar: HolidayCalendar = holidayCalendar()): HolidayYearView {
  const arrangement = calendar.years.get(year);
  if (!arrangement) return { year, published: false, reference: null, announcedOn: null, holidays: [], workingWeekends: [] };
  return {
    year,
    published: true,
    reference: arrangement.reference,
    announcedOn: arrangement.announcedOn,
    holidays: arrangement.holidays.map((holiday) => ({
      name: holidayRangeName(holiday.name, language), from: holiday.from, to: holiday.to, days: datesFrom(holiday.from, holiday.to).length,
    })),
    workingWeekends: [...arrangement.workingWeekends],
  };
}
