/**
 * One list, however long (issue 10, "One list page"). Every list endpoint takes `limit`, a cursor `after` and/or an
 * `offset` (./lists.schemas.ts), answers `{items, total, totalCapped, nextCursor}`, and with `?format=xlsx|csv` writes
 * every matching row.
 * - Paging by keyset: a list is ordered by a few columns ending with a unique one (its id); the cursor is opaque,
 *   base64url of the JSON array of the last row's sort values as PostgreSQL prints them (a timestamp keeps its
 *   microseconds), and the next page is the rows past it — an index range, as fast on page 50,000 as on page 1. An
 *   offset still works (the list page's first pages), but deep into a million rows it reads and drops every row before.
 * - Counting (docs/decisions.md, "Search totals are capped"): exact up to 10,000; beyond, `total` is the 10,001 where
 *   the count stopped and `totalCapped` is true (the web shows "10,000+").
 * - Export: the same query walked along its keyset in pages of 5,000 into the reports' streaming CSV or XLSX
 *   (../reports/stream.ts): memory stays flat, and no row is cut off.
 */
import { sql, type Expression, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { FastifyReply } from 'fastify';
import type { Tx } from '../actor.ts';
import { invalid } from '../errors.ts';
import { defineFieldLabels, defineMessages } from '../messages.ts';
import { sendFile } from '../reports/http.ts';
import { streamCsv, streamXlsx, type ReportStream } from '../reports/stream.ts';

defineFieldLabels({ after: ['翻页位置', 'cursor'] });
const said = defineMessages('lists', {
  cursorMalformed: ['不是本列表给出的翻页位置，请从第一页重新查询', 'is not a cursor this list gave: start again from the first page'],
});

export const LIST_COUNT_CAP = 10_000;
export const EXPORT_PAGE_SIZE = 5_000;

/** Text a user typed, safe inside a LIKE pattern (its %, _ and \\ match themselves). */
export const likeEscaped = (text: string) => text.replace(/[\\%_]/g, '\\$&');

/** One column of a list's order: a column reference or an expression, never null (a null has no place in a keyset). */
export interface SortKey { by: string | Expression<unknown>; direction: 'asc' | 'desc' }

/** What the caller asked of a list (the service checks `limit` against its own maximum). */
export interface ListRequest { limit: number; after?: string; offset?: number }

export interface ListAnswer<T> { items: T[]; total: number; totalCapped: boolean; nextCursor: string | null }

export function encodeCursor(values: readonly string[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

/** The sort values a cursor holds; a cursor this list did not give (edited, or of another order) is refused as a 400. */
export function decodeCursor(cursor: string, length: number): string[] {
  let values: unknown;
  try { values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')); } catch { values = undefined; }
  if (!Array.isArray(values) || values.length !== length || !values.every((value) => typeof value === 'string' && value.length <= 100)) {
    throw invalid('after', said.cursorMalformed());
  }
  return values as string[];
}

const keyExpression = (key: SortKey) => (typeof key.by === 'string' ? sql.ref(key.by) : key.by);
const cursorColumn = (index: number) => `list_cursor_${index}`;

/**
 * The rows past the cursor in the list's order. One direction: a row comparison (`(a, b) < ($1, $2)`), which
 * PostgreSQL answers from an index on (a, b). Mixed directions: a < $1 or (a = $1 and b > $2) …
 */
export function pastCursor(order: readonly SortKey[], cursor: string): RawBuilder<SqlBool> {
  const values = decodeCursor(cursor, order.length);
  const keys = order.map(keyExpression);
  const beyond = (index: number) => (order[index].direction === 'asc' ? sql`>` : sql`<`);
  if (order.every((key) => key.direction === order[0].direction)) {
    return sql<SqlBool>`(${sql.join(keys)}) ${beyond(0)} (${sql.join(values)})`;
  }
  return sql<SqlBool>`(${sql.join(order.map((_, index) => sql`(${sql.join([
    ...keys.slice(0, index).map((key, earlier) => sql`${key} = ${values[earlier]}`),
    sql`${keys[index]} ${beyond(index)} ${values[index]}`,
  ], sql` and `)})`), sql` or `)})`;
}

/** The query in the list's order, each sort value also selected as text (what a cursor holds). */
function withCursorColumns(query: SelectQueryBuilder<any, any, any>, order: readonly SortKey[]): SelectQueryBuilder<any, any, any> {
  return order.reduce((ordered, key, index) => {
    const expression = keyExpression(key);
    return ordered.select(sql<string>`(${expression})::text`.as(cursorColumn(index))).orderBy(expression, key.direction);
  }, query);
}

const cursorOf = (row: Record<string, unknown>, order: readonly SortKey[]) => encodeCursor(order.map((_, index) => String(row[cursorColumn(index)])));

function withoutCursorColumns<O>(row: Record<string, unknown>, order: readonly SortKey[]): O {
  const item = { ...row };
  order.forEach((_, index) => delete item[cursorColumn(index)]);
  return item as O;
}

/**
 * A page of the query in its order: `limit` rows past `after` (then past `offset` more), and the cursor of the page
 * after it (null on the last page). The query carries its filters and selection, no order, limit or offset.
 */
export async function keysetPage<DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>, order: readonly SortKey[], request: ListRequest): Promise<{ items: O[]; nextCursor: string | null }> {
  let page = query as unknown as SelectQueryBuilder<any, any, any>;
  if (request.after !== undefined) page = page.where(pastCursor(order, request.after));
  const rows = await withCursorColumns(page, order).limit(request.limit + 1).offset(request.offset ?? 0).execute() as Array<Record<string, unknown>>;
  return {
    items: rows.slice(0, request.limit).map((row) => withoutCursorColumns<O>(row, order)),
    nextCursor: rows.length > request.limit ? cursorOf(rows[request.limit - 1], order) : null,
  };
}

/**
 * A list of few rows that pass a check only TypeScript can make (the inbox: what the caller may decide now): every
 * row of the query is read in order and made a view, the views that pass are counted exactly, and the page is those
 * past the cursor.
 */
export async function checkedListPage<DB, TB extends keyof DB, O, T>(query: SelectQueryBuilder<DB, TB, O>, order: readonly SortKey[], request: ListRequest,
  views: (rows: O[]) => Promise<T[]>, passes: (view: T) => boolean): Promise<ListAnswer<T>> {
  const past = request.after === undefined ? sql<boolean>`true` : pastCursor(order, request.after);
  const selected = (query as unknown as SelectQueryBuilder<any, any, any>).select(past.as('list_past_cursor'));
  const rows = await withCursorColumns(selected, order).execute() as Array<Record<string, unknown>>;
  const made = await views(rows.map((row) => { const { list_past_cursor: _past, ...rest } = row; return withoutCursorColumns<O>(rest, order); }));
  const passing = rows.map((row, index) => ({ row, view: made[index] })).filter(({ view }) => passes(view));
  const after = passing.filter(({ row }) => row.list_past_cursor === true).slice(request.offset ?? 0);
  return {
    items: after.slice(0, request.limit).map(({ view }) => view), total: passing.length, totalCapped: false,
    nextCursor: after.length > request.limit ? cursorOf(after[request.limit - 1].row, order) : null,
  };
}

/** How many rows the query matches: exact up to the cap; past it, the count stops at cap + 1 and says so. */
export async function countCapped(tx: Tx, query: SelectQueryBuilder<any, any, any>, cap = LIST_COUNT_CAP): Promise<{ total: number; totalCapped: boolean }> {
  const capped = query.clearSelect().clearOrderBy().clearLimit().clearOffset().select(sql`1`.as('one')).limit(cap + 1);
  const { rows } = await sql<{ n: string }>`select count(*) as n from (${capped}) as capped`.execute(tx);
  const total = Number(rows[0].n);
  return { total, totalCapped: total > cap };
}

/** A page and the count of every match: what a list endpoint answers (with `map`, each row as the API shows it). */
export async function listPage<DB, TB extends keyof DB, O, T = O>(tx: Tx, query: SelectQueryBuilder<DB, TB, O>, order: readonly SortKey[], request: ListRequest,
  map: (rows: O[]) => T[] | Promise<T[]> = (rows) => rows as unknown as T[]): Promise<ListAnswer<T>> {
  const [page, count] = await Promise.all([keysetPage(query, order, request), countCapped(tx, query)]);
  return { items: await map(page.items), ...count, nextCursor: page.nextCursor };
}

/**
 * Every page of a list, one after the other along its keyset: `page(after)` reads `EXPORT_PAGE_SIZE` rows past the
 * cursor (a transaction each, so no transaction stays open for a long export).
 */
export async function* everyPage<T>(page: (request: ListRequest) => Promise<{ items: T[]; nextCursor: string | null }>): AsyncIterable<T[]> {
  let after: string | undefined;
  do {
    const next = await page({ limit: EXPORT_PAGE_SIZE, after });
    yield next.items;
    after = next.nextCursor ?? undefined;
  } while (after !== undefined);
}

/** `?format=xlsx|csv`: the file of every matching row, streamed as its pages are read. */
export function sendListExport<Row>(reply: FastifyReply, format: 'xlsx' | 'csv', report: ReportStream<Row>): FastifyReply {
  return sendFile(reply, `${report.fileName}.${format}`, format === 'xlsx' ? streamXlsx(report) : streamCsv(report));
}

/** What a list route was asked: the list's own filters beside `limit`, `after`, `offset` and `format`. */
export interface ListQueryValues { limit?: number; after?: string; offset?: number; format?: 'json' | 'xlsx' | 'csv' }

/**
 * The answer of a list route: with `format=xlsx|csv` the file of every row `rows` walks (the report's heading and
 * columns from `report`), else the page `page` gives with its count (`defaultLimit` rows when no limit is asked).
 */
export async function answerList<T, Row = T, Answer extends ListAnswer<T> = ListAnswer<T>>(reply: FastifyReply, query: ListQueryValues, list: {
  defaultLimit: number;
  /** the page and its count (with figures of every matching row the list adds, such as a sum) */
  page(request: ListRequest): Promise<Answer>;
  /** the file's rows past the cursor (the page's items, or lines made of them for the file) */
  rows(request: ListRequest): Promise<{ items: Row[]; nextCursor: string | null }>;
  report: Omit<ReportStream<Row>, 'pages'>;
}): Promise<Answer | FastifyReply> {
  const { format = 'json', limit = list.defaultLimit, after, offset } = query;
  if (format !== 'json') return sendListExport(reply, format, { ...list.report, pages: everyPage(list.rows) });
  return list.page({ limit, after, offset });
}
