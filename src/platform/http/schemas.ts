/**
 * Schema pieces every route uses for dates, months, years, ids, amounts, region codes and paging, so that no input
 * reaches a loop or the database unchecked. A JSON-schema pattern cannot say "between 1990-01-01 and 2036-12-31",
 * nor "at most 2^63 − 1", so dates, months, years, ids and amounts carry the keyword `x-check` (an OpenAPI
 * extension, hence the `x-`): the Ajv plugin `inputChecks` (installed in server.ts) runs the same rule as the
 * services and the command line (src/platform/dates.ts), and the 400 names the field and the rule: "to: must be a
 * real date YYYY-MM-DD between 1990-01-01 and 2036-12-31". `pattern`/`format` stay beside it for the API
 * description; Ajv runs an untyped keyword before them, so its wording wins. NUL bytes: `refuseNulBytes` below.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Ajv, SchemaValidateFunction } from 'ajv';
import { dateProblem, instantProblem, periodProblem, reportingPeriodProblem, yearProblem } from '../dates.ts';
import { invalid } from '../errors.ts';

const YUAN = /^-?\d{1,15}(\.\d{1,2})?$/;
const BIGINT_MAX = 9_223_372_036_854_775_807n;

/** Each `x-check` rule: why a value breaks it (without the field's name), or undefined. */
export const inputRules = {
  date: dateProblem,
  period: periodProblem,
  year: yearProblem,
  'reporting-period': reportingPeriodProblem,
  instant: instantProblem,
  id: (value: unknown) => (typeof value === 'string' && /^\d{1,19}$/.test(value) && BigInt(value) <= BIGINT_MAX ? undefined : 'must be an id: decimal digits, at most 9223372036854775807'),
  yuan: (value: unknown) => (typeof value === 'string' && YUAN.test(value) ? undefined : 'must be an amount in yuan with at most two decimals, e.g. "1234.56"'),
} satisfies Record<string, (value: unknown) => string | undefined>;
export type InputRule = keyof typeof inputRules;

/** Ajv plugin: the `x-check` keyword (Fastify `ajv.plugins`). Untyped, so Ajv runs it before `pattern` and `format`. */
export function inputChecks(ajv: Ajv): Ajv {
  ajv.addKeyword({
    keyword: 'x-check',
    schemaType: 'string',
    metaSchema: { enum: Object.keys(inputRules) },
    errors: true,
    validate: function check(rule: InputRule, data: unknown) {
      const problem = inputRules[rule](data);
      (check as SchemaValidateFunction).errors = problem ? [{ keyword: 'x-check', message: problem, params: { rule } }] : [];
      return problem === undefined;
    },
  });
  return ajv;
}

export const DateText = Type.String({ 'x-check': 'date', format: 'date', maxLength: 10, description: 'YYYY-MM-DD (1990-01-01 … 31 December ten years on)' });
export const Period = Type.String({ 'x-check': 'period', pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', maxLength: 7, description: 'YYYY-MM (1990-01 … December ten years on)' });
/** A statement period: a month YYYY-MM, a quarter YYYY-Qn or a year YYYY. */
export const ReportingPeriod = Type.String({ 'x-check': 'reporting-period', pattern: '^[0-9]{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$', maxLength: 7, description: 'YYYY-MM, YYYY-Qn or YYYY' });
export const Year = Type.Integer({ 'x-check': 'year', description: 'YYYY (1990 … ten years on)' });
/** A date or an ISO 8601 timestamp with its offset (the audit filter). */
export const Instant = Type.String({ 'x-check': 'instant', maxLength: 40, description: 'YYYY-MM-DD or an ISO 8601 timestamp such as 2026-03-01T16:00:00.000Z' });
/** A 64-bit id as decimal text. */
export const Id = Type.String({ 'x-check': 'id', pattern: '^[0-9]{1,19}$', maxLength: 19, description: 'id (decimal digits)' });
/** Yuan as text with at most two decimals, at most 15 integer digits (it fits a bigint of fen with room to add). */
export const Yuan = Type.String({ 'x-check': 'yuan', pattern: '^-?[0-9]{1,15}(\\.[0-9]{1,2})?$', maxLength: 19, description: 'yuan, two decimals: "1234.56"' });
/** GB/T 2260 region code. */
export const RegionCode = Type.String({ pattern: '^[0-9]{6}$', maxLength: 6, description: 'GB/T 2260 region code, e.g. 990102' });

/** `limit` (1 … maxLimit) and `offset` (0 … maxOffset) of a list, both optional integers. */
export const paging = (maxLimit = 200, maxOffset = 100_000) => ({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: maxLimit })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: maxOffset })),
});

/** Where in `value` a string (or a key) holds a NUL byte, as `a.0.b`; '' for `value` itself; undefined if nowhere. */
function nulPath(value: unknown, path: string, depth: number): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  // Deeper than any request schema goes: anything there is refused by the schema or, at worst, by the database.
  if (value === null || typeof value !== 'object' || depth > 32 || Buffer.isBuffer(value)) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (key.includes('\u0000')) return at;
    const found = nulPath(item, at, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * preValidation hook: PostgreSQL cannot store a NUL byte in text (nor in jsonb), so a query, path or body field
 * holding one is a 400 naming the field, before anything reaches the database.
 */
export async function refuseNulBytes(request: FastifyRequest): Promise<void> {
  const parts: [string, unknown][] = [['querystring', request.query], ['params', request.params], ['body', request.body]];
  for (const [part, value] of parts) {
    const path = nulPath(value, '', 0);
    if (path !== undefined) throw invalid(path || part, 'must not contain a NUL byte (\\u0000)');
  }
}
