/** The holiday calendar (节假日安排): working days by the State Council's notices. The only thing other code imports. */
export { addWorkingDays, isWorkingDay, nextWorkingDay, workingDaysBetween } from './calendar.calc.ts';
export { calendarRoutes } from './calendar.routes.ts';
