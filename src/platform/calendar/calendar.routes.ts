/** HTTP for the holiday calendar: a year's 节假日安排, for any signed-in user (it is the State Council's public notice). */
import { Type } from '@sinclair/typebox';
import { requestLanguage, type App } from '../http/server.ts';
import { Year } from '../http/schemas.ts';
import { todayInChina } from '../params/params.store.ts';
import { holidayCalendar } from './calendar.loader.ts';
import { HolidayYear } from './calendar.schemas.ts';
import { holidayYear } from './calendar.service.ts';

export async function calendarRoutes(app: App) {
  // Read now: a broken holidays/YYYY.yaml stops the server at start, not at the first due date.
  holidayCalendar();

  app.get('/api/calendar/holidays', { config: { permission: 'signed-in' },
    schema: {
      tags: ['calendar'], summary: '节假日安排 A year\'s holidays and 调休 working weekends by the State Council\'s notice',
      querystring: Type.Object({ year: Type.Optional(Type.Integer({ ...Year, description: `${Year.description}; default this year (Beijing time)` })) }, { additionalProperties: false }),
      response: { 200: HolidayYear },
    },
  }, async (request) => holidayYear(request.query.year ?? Number(todayInChina().slice(0, 4)), requestLanguage(request)));
}
