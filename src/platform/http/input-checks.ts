/**
 * The input rules behind the `x-check` keyword of ./schemas.ts, and the NUL-byte guard: the Ajv plugin and the
 * preValidation hook server.ts installs. The 400 names the field and the rule.
 */
import type { FastifyRequest } from 'fastify';
import type { Ajv, SchemaValidateFunction } from 'ajv';
import { dateProblem, instantProblem, periodProblem, reportingPeriodProblem, yearProblem } from '../dates.ts';
import { invalid } from '../errors.ts';
import { defineMessages, render, type Said } from '../messages.ts';
import '../fields.messages.ts';

const YUAN = /^-?\d{1,15}(\.\d{1,2})?$/;
const BIGINT_MAX = 9_223_372_036_854_775_807n;

const said = defineMessages('input', {
  id: ['须为编号：十进制数字，最大 9223372036854775807', 'must be an id: decimal digits, at most 9223372036854775807'],
  yuan: ['须为以元为单位、至多两位小数的金额，如 "1234.56"', 'must be an amount in yuan with at most two decimals, e.g. "1234.56"'],
  nulByte: ['不得包含空字符（\\u0000）', 'must not contain a NUL byte (\\u0000)'],
});

/** Each `x-check` rule: why a value breaks it (without the field's name), or undefined. */
export const inputRules = {
  date: dateProblem,
  period: periodProblem,
  year: yearProblem,
  'reporting-period': reportingPeriodProblem,
  instant: instantProblem,
  id: (value: unknown) => (typeof value === 'string' && /^\d{1,19}$/.test(value) && BigInt(value) <= BIGINT_MAX ? undefined : said.id()),
  yuan: (value: unknown) => (typeof value === 'string' && YUAN.test(value) ? undefined : said.yuan()),
} satisfies Record<string, (value: unknown) => Said | undefined>;
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
      (check as SchemaValidateFunction).errors = problem ? [{ keyword: 'x-check', message: render(problem, 'en'), params: { rule, said: problem } }] : [];
      return problem === undefined;
    },
  });
  return ajv;
}

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
    if (path !== undefined) throw invalid(path || part, said.nulByte());
  }
}
