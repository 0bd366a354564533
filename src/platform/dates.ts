/**
 * The range every date, month and year given as input must fall in — one rule for the HTTP schemas
 * (src/platform/http/schemas.ts words its 400s with these functions) and for the services the command line calls.
 * Without it a date such as 9999-12-31 reached loops that walk month by month and PostgreSQL, which cannot store
 * the year 10000 a late-fee computation steps into.
 */
import { fieldSaid, invalid } from './errors.ts';
import { defineMessages, type Said } from './messages.ts';
import { isRealDate } from './params/params.loader.ts';
import { todayInChina } from './params/params.store.ts';

/**
 * The years input may name, derived from one constant: from 1990 (before the first dated policy parameter in
 * params/, 1995, and the first contribution records of the reformed schemes) to 10 years after the current year in
 * China (budgets and forecasts look ahead; nothing is dated further). Every bound below comes from these numbers.
 */
export const INPUT_YEARS = { first: 1990, ahead: 10 } as const;

/** The longest date range one report or export may cover (each month of it is a query). */
export const MAX_RANGE_YEARS = 10;

export interface InputRange { firstYear: number; lastYear: number; firstDate: string; lastDate: string; firstPeriod: string; lastPeriod: string }

/** The range on `today` (Beijing date): 1990-01-01 … 31 December ten years on. */
export function inputRange(today = todayInChina()): InputRange {
  const firstYear = INPUT_YEARS.first;
  const lastYear = Number(today.slice(0, 4)) + INPUT_YEARS.ahead;
  return { firstYear, lastYear, firstDate: `${firstYear}-01-01`, lastDate: `${lastYear}-12-31`, firstPeriod: `${firstYear}-01`, lastPeriod: `${lastYear}-12` };
}

const said = defineMessages('dates', {
  date: ['须为 {first} 至 {last} 之间的有效日期（YYYY-MM-DD）', 'must be a real date YYYY-MM-DD between {first} and {last}'],
  period: ['须为 {first} 至 {last} 之间的月份（YYYY-MM）', 'must be a month YYYY-MM between {first} and {last}'],
  year: ['须为 {first} 至 {last} 之间的年份', 'must be a year between {first} and {last}'],
  reportingPeriod: ['须为 {first} 至 {last} 年间的月份 YYYY-MM、季度 YYYY-Qn 或年度 YYYY', 'must be a month YYYY-MM, a quarter YYYY-Qn or a year YYYY between {first} and {last}'],
  instant: ['须为 {first} 至 {last} 之间的日期 YYYY-MM-DD 或带时区的 ISO 8601 时间', 'must be a date YYYY-MM-DD or an ISO 8601 timestamp with its offset, between {first} and {last}'],
  notBefore: ['不得早于{other}（{first}）', 'must not be before {other} ({first})'],
  rangeTooLong: ['自 {first} 起的区间至多 {years} 年（{months} 个月）', 'the range from {first} may cover at most {years} {yearWord} ({months} months)'],
});

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Why `value` is not a date in range (the rule, without the field), or undefined when it is one. */
export function dateProblem(value: unknown, today?: string): Said | undefined {
  const range = inputRange(today);
  const rule = said.date({ first: range.firstDate, last: range.lastDate });
  if (typeof value !== 'string' || !isRealDate(value)) return rule;
  return value < range.firstDate || value > range.lastDate ? rule : undefined;
}

/** Why `value` is not a month YYYY-MM in range, or undefined. */
export function periodProblem(value: unknown, today?: string): Said | undefined {
  const range = inputRange(today);
  const rule = said.period({ first: range.firstPeriod, last: range.lastPeriod });
  if (typeof value !== 'string' || !PERIOD.test(value)) return rule;
  return value < range.firstPeriod || value > range.lastPeriod ? rule : undefined;
}

/** Why `value` (a number, or four digits from a command line) is not a year in range, or undefined. */
export function yearProblem(value: unknown, today?: string): Said | undefined {
  const range = inputRange(today);
  const year = typeof value === 'string' && /^\d{4}$/.test(value) ? Number(value) : value;
  const ok = typeof year === 'number' && Number.isInteger(year) && year >= range.firstYear && year <= range.lastYear;
  return ok ? undefined : said.year({ first: range.firstYear, last: range.lastYear });
}

/** Why `value` is not a statement period — a month YYYY-MM, a quarter YYYY-Qn or a year YYYY — in range, or undefined. */
export function reportingPeriodProblem(value: unknown, today?: string): Said | undefined {
  const range = inputRange(today);
  const rule = said.reportingPeriod({ first: range.firstYear, last: range.lastYear });
  if (typeof value !== 'string' || !/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/.test(value)) return rule;
  const year = Number(value.slice(0, 4));
  return year < range.firstYear || year > range.lastYear ? rule : undefined;
}

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/** Why `value` is neither a date nor an ISO 8601 timestamp with its offset (2026-03-01T16:00:00.000Z) in range, or undefined. */
export function instantProblem(value: unknown, today?: string): Said | undefined {
  const range = inputRange(today);
  const rule = said.instant({ first: range.firstDate, last: range.lastDate });
  if (typeof value !== 'string') return rule;
  const day = TIMESTAMP.exec(value)?.[1] ?? value;
  return dateProblem(day, today) ? rule : undefined;
}

/** `value` as a date in range, or a 400 naming `field`. */
export function checkDate(value: unknown, field: string): string {
  const problem = dateProblem(value);
  if (problem) throw invalid(field, problem);
  return value as string;
}

/** `value` as a month in range, or a 400 naming `field`. */
export function checkPeriod(value: unknown, field = 'period'): string {
  const problem = periodProblem(value);
  if (problem) throw invalid(field, problem);
  return value as string;
}

/** `value` (a number or four digits) as a year in range, or a 400 naming `field`. */
export function checkYear(value: unknown, field = 'year'): number {
  const problem = yearProblem(value);
  if (problem) throw invalid(field, problem);
  return Number(value);
}

const monthIndex = (dateOrPeriod: string) => Number(dateOrPeriod.slice(0, 4)) * 12 + Number(dateOrPeriod.slice(5, 7)) - 1;

/**
 * `from` … `to` as a range a report may walk: both dates in range, `to` not before `from`, and at most
 * `maxYears` years of months from the month of `from` to the month of `to` — checked before any query runs.
 */
export function checkDateRange(from: unknown, to: unknown, maxYears = MAX_RANGE_YEARS, fields = { from: 'from', to: 'to' }): { from: string; to: string } {
  const first = checkDate(from, fields.from), last = checkDate(to, fields.to);
  if (last < first) throw invalid(fields.to, said.notBefore({ other: fieldSaid(fields.from), first }));
  if (monthIndex(last) - monthIndex(first) + 1 > maxYears * 12) {
    throw invalid(fields.to, said.rangeTooLong({ first, years: maxYears, yearWord: maxYears === 1 ? 'year' : 'years', months: maxYears * 12 }));
  }
  return { from: first, to: last };
}
