/**
 * Schema pieces every route uses, for input (dates, months, years, ids, amounts, region codes, paging) and for
 * output (the same shapes in answers, nullable values, lists). This file imports only TypeBox, so the web app
 * (Vite, web/src/types.ts) can take the types of the answers from it: `Static<typeof …>`.
 *
 * Input: a JSON-schema pattern cannot say "between 1990-01-01 and 2036-12-31", nor "at most 2^63 − 1", so dates,
 * months, years, ids and amounts carry the keyword `x-check` (an OpenAPI extension, hence the `x-`): the Ajv plugin
 * `inputChecks` (./input-checks.ts, installed in server.ts) runs the same rule as the services and the command line
 * (src/platform/dates.ts), and the 400 names the field and the rule: "to: must be a real date YYYY-MM-DD between
 * 1990-01-01 and 2036-12-31". `pattern`/`format` stay beside it for the API description.
 *
 * Output: Fastify serialises an answer through its response schema and drops what the schema does not name, so a
 * response schema must be exact; in tests a hook compares every serialised answer with the handler's value
 * (./response-check.ts).
 */
import { Type, type TSchema } from '@sinclair/typebox';

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

// ── output: the shapes answers share ──

/** A value or null. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
/** A 64-bit id in an answer: decimal text (JSON numbers lose digits above 2^53). */
export const IdText = Type.String({ description: 'id (decimal digits)' });
/** Money in an answer: yuan as text with two decimals (bigint fen inside). */
export const Money = Type.String({ description: 'yuan, two decimals: "1234.56"' });
/** A rate in an answer, exact decimal text, e.g. "0.16". */
export const RateText = Type.String({ description: 'exact decimal, e.g. "0.16"' });
/** A date in an answer, YYYY-MM-DD. */
export const DateOnly = Type.String({ description: 'YYYY-MM-DD' });
/** A month in an answer, YYYY-MM. */
export const Month = Type.String({ description: 'YYYY-MM' });
/** A moment in an answer: ISO 8601 with its offset (UTC). */
export const Timestamp = Type.String({ description: 'ISO 8601 timestamp, e.g. 2026-03-01T16:00:00.000Z' });
/** `{ ok: true }`: an action done, nothing else to tell. */
export const Ok = Type.Object({ ok: Type.Boolean() });
/** A page of a list: its items, the number of matches, and whether that count stopped at its cap (there are more). */
export const Page = <T extends TSchema>(item: T) => Type.Object({
  items: Type.Array(item), total: Type.Integer(), totalCapped: Type.Boolean({ description: 'the count stopped at `total`: there are more' }),
});
/** `{ items }`: a whole (short) list. */
export const Items = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item) });

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** A route that answers a file (an XLSX template, an error workbook): documented by its content type; the bytes are
 * sent as they are (a Buffer is never serialised through a schema). */
export const FileAnswer = (contentType: string, description: string) => ({ description, content: { [contentType]: { schema: Type.String({ format: 'binary' }) } } });
