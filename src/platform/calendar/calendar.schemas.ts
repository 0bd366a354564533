/** Answers of the calendar routes (calendar.routes.ts). TypeBox only: the web imports their types. */
import { Type } from '@sinclair/typebox';
import { DateOnly, Nullable } from '../http/schemas.ts';

export const HolidayRange = Type.Object({
  name: Type.String({ description: 'in the language of Accept-Language: 春节 / Spring Festival; two holidays falling together are joined (中秋节、国庆节)' }),
  from: DateOnly, to: DateOnly,
  days: Type.Integer({ description: 'days off in the range, weekends included' }),
});

/** 节假日安排: a year's days off and the weekend days worked, by the State Council's notice. */
export const HolidayYear = Type.Object({
  year: Type.Integer(),
  published: Type.Boolean({ description: 'false: the notice for the year is not entered yet; only Saturdays and Sundays are days off' }),
  reference: Nullable(Type.String({ description: 'the notice, e.g. 国办发明电〔2025〕7号' })),
  announcedOn: Nullable(DateOnly),
  holidays: Type.Array(HolidayRange),
  workingWeekends: Type.Array(DateOnly, { description: 'Saturdays and Sundays that are working days (调休上班)' }),
});
