/** Shapes of the calendar API (src/platform/calendar/calendar.schemas.ts) as types, imported as types only. */
import type { Static } from '@sinclair/typebox';
import type * as Schemas from '../../../../src/platform/calendar/calendar.schemas.ts';

/** 节假日安排: a year's ranges of days off and its weekend days worked. */
export type HolidayYear = Static<typeof Schemas.HolidayYear>;
export type HolidayRange = Static<typeof Schemas.HolidayRange>;
