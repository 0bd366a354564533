/**
 * What a list page keeps outside React, as plain functions (tested in web/e2e/list-page.test.ts): its filters live in
 * the URL's search parameters (a page tab, a link or a reload shows the same rows), its column settings in
 * localStorage per list, and the export asks the list's own endpoint for a file with the same filters.
 */
import { withQuery, type Query } from '../../api.ts';
import { countOf, type Counted } from '../../counts.ts';

/** A filter of a list, by the kind of value it narrows; `param` names are the API's query parameters. */
export type ListFilter =
  /** words the server looks for inside the text (names, or a code's prefix, as the endpoint documents) */
  | { kind: 'text'; param: string; label: string; width?: number; testId?: string }
  /** the start of a code (统一社会信用代码, 公民身份号码), upper-cased as codes are stored */
  | { kind: 'prefix'; param: string; label: string; width?: number; testId?: string }
  | { kind: 'enum'; param: string; label: string; options: Array<{ value: string; label: string }>; testId?: string }
  /**
   * a region's subtree; `national` names the choice of the whole country on a page whose default is a region (the
   * user's own): cleared, the filter stays in the URL empty (`region=`), which the endpoint reads as national
   */
  | { kind: 'region'; param: string; label: string; national?: string }
  | { kind: 'date' | 'month'; param: string; label: string; required?: boolean; testId?: string }
  | { kind: 'dateRange' | 'monthRange'; from: string; to: string; label: string; required?: boolean; testId?: string }
  | { kind: 'amountRange'; min: string; max: string; label: string; testId?: string };

/** The query parameters a filter sets. */
export function filterParams(filter: ListFilter): string[] {
  switch (filter.kind) {
    case 'dateRange': case 'monthRange': return [filter.from, filter.to];
    case 'amountRange': return [filter.min, filter.max];
    default: return [filter.param];
  }
}

/** A filter value as the URL holds it: a code prefix is upper-cased, blanks are dropped. */
export function normalizeFilterValue(filter: ListFilter, value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  return filter.kind === 'prefix' ? trimmed.toUpperCase() : trimmed;
}

/**
 * The filter values in force: each filter's parameters from the URL (`prefix` keeps two lists on one page apart),
 * else the page's default (an as-of date, a month range).
 */
export function readFilters(filters: readonly ListFilter[], search: URLSearchParams, defaults: Record<string, string> = {}, prefix = ''): Record<string, string> {
  const values: Record<string, string> = {};
  for (const param of filters.flatMap(filterParams)) {
    const value = search.get(prefix + param) ?? defaults[param];
    if (value) values[param] = value;
  }
  return values;
}

/**
 * The URL after a filter change: changed parameters set or removed (`null`: kept empty, so that the page's default does
 * not apply: 全国 over the user's own region), and back to the first page.
 */
export function changeFilters(search: URLSearchParams, changes: Record<string, string | null | undefined>, prefix = ''): URLSearchParams {
  const next = new URLSearchParams(search);
  next.delete(`${prefix}page`);
  next.delete(`${prefix}after`);
  for (const [param, value] of Object.entries(changes)) {
    if (value) next.set(prefix + param, value); else if (value === null) next.set(prefix + param, ''); else next.delete(prefix + param);
  }
  return next;
}

/** Every filter cleared (the page's defaults apply again); other parameters of the URL (a page tab, an open drawer) stay. */
export function clearFilters(search: URLSearchParams, filters: readonly ListFilter[], prefix = ''): URLSearchParams {
  return changeFilters(search, Object.fromEntries(filters.flatMap(filterParams).map((param) => [param, undefined])), prefix);
}

/** The page shown: its number and size, and on a list paged by cursor the cursor it starts after (none on page 1). */
export interface PageState { page: number; pageSize: number; after?: string }
export const PAGE_SIZES = [20, 50, 100, 200] as const;

/** The page, its size and its cursor from the URL (`page`, `size`, `after`), within the sizes offered and what the endpoint takes. */
export function readPage(search: URLSearchParams, prefix = '', maxLimit = 200): PageState {
  const page = Math.max(1, Math.trunc(Number(search.get(`${prefix}page`))) || 1);
  const asked = Math.trunc(Number(search.get(`${prefix}size`))) || PAGE_SIZES[0];
  const pageSize = Math.min(PAGE_SIZES.includes(asked as (typeof PAGE_SIZES)[number]) ? asked : PAGE_SIZES[0], maxLimit);
  const after = page > 1 ? search.get(`${prefix}after`) ?? undefined : undefined;
  return after ? { page, pageSize, after } : { page, pageSize };
}

export function changePage(search: URLSearchParams, { page, pageSize, after }: PageState, prefix = ''): URLSearchParams {
  const next = new URLSearchParams(search);
  if (page > 1) next.set(`${prefix}page`, String(page)); else next.delete(`${prefix}page`);
  if (pageSize !== PAGE_SIZES[0]) next.set(`${prefix}size`, String(pageSize)); else next.delete(`${prefix}size`);
  if (after && page > 1) next.set(`${prefix}after`, after); else next.delete(`${prefix}after`);
  return next;
}

/**
 * How a list reaches its rows. `counted`: the endpoint answers `{items, total, totalCapped}` and takes limit/offset,
 * or, when it answers `nextCursor` too, a cursor (`after`) that reaches every row however many match.
 * `probe`: it answers no total, so a page asks one row more than it shows and offers a next page exactly when there is one.
 */
export type Paging = 'counted' | 'probe';

/** The query of one page: the page's fixed parameters, the filters, then limit and the cursor, or the offset. */
export function pageQuery(fixed: Query, filters: Record<string, string>, { page, pageSize, after }: PageState, paging: Paging): Query {
  const limit = paging === 'probe' ? pageSize + 1 : pageSize;
  return after ? { ...fixed, ...filters, limit, after } : { ...fixed, ...filters, limit, offset: (page - 1) * pageSize };
}

/** An answer that pages by cursor (it says where the next page starts, or null on the last page). */
export const pagesByCursor = (answer: { nextCursor?: string | null } | undefined) => answer?.nextCursor !== undefined;

/** The cursors of the pages seen, by page number (page 1 starts at none): how 上一页 goes back along a cursor. */
export type CursorTrail = ReadonlyMap<number, string | undefined>;

/** The page after this one, and the trail that remembers where this one started. */
export function nextPage(state: PageState, nextCursor: string, trail: CursorTrail): { state: PageState; trail: CursorTrail } {
  return { state: { page: state.page + 1, pageSize: state.pageSize, after: nextCursor }, trail: new Map(trail).set(state.page, state.after) };
}

/** The page before this one, when the trail knows where it starts (after a reload only the first page is known). */
export function previousPage(state: PageState, trail: CursorTrail): PageState | undefined {
  if (state.page <= 1) return undefined;
  if (state.page === 2) return { page: 1, pageSize: state.pageSize };
  const after = trail.get(state.page - 1);
  return after ? { page: state.page - 1, pageSize: state.pageSize, after } : undefined;
}

/** The file of every matching row: the same endpoint, the same filters, no paging, `format=xlsx|csv|pdf`. */
export function exportHref(endpoint: string, fixed: Query, filters: Record<string, string>, format: 'xlsx' | 'csv' | 'pdf'): string {
  return withQuery(endpoint, { ...fixed, ...filters, format });
}

/** What a list endpoint answers, as the list page reads it: `{items, total, totalCapped}`, and `nextCursor` from an endpoint that pages by cursor. */
export type ListAnswer<T> = Omit<Counted, 'items'> & { items: T[]; nextCursor?: string | null };

/** The rows a page shows and the size the pager offers: the counted total (the cap's 10,000, with more pages known to exist), or the probe's. */
export function pageRows<T>(answer: ListAnswer<T> | undefined, { page, pageSize }: PageState, paging: Paging): { rows: T[]; pagerTotal: number } {
  const fetched = answer?.items ?? [];
  if (paging === 'probe') return { rows: fetched.slice(0, pageSize), pagerTotal: (page - 1) * pageSize + fetched.length };
  const { value, capped } = countOf(answer ?? {});
  return { rows: fetched, pagerTotal: capped ? value + 1 : value };
}

/** Which columns show and in what order: the user's choice for one list, kept in localStorage. */
export interface ColumnSettings { order: string[]; hidden: string[] }

export const columnSettingsKey = (listId: string) => `sifund.list.${listId}.columns`;

/** Saved settings read back against the list's columns today: columns gone are dropped, new columns come last and shown. */
export function parseColumnSettings(saved: string | null, keys: readonly string[]): ColumnSettings {
  let parsed: Partial<ColumnSettings> = {};
  try { parsed = saved ? JSON.parse(saved) as Partial<ColumnSettings> : {}; } catch { parsed = {}; }
  const known = new Set(keys);
  const order = (Array.isArray(parsed.order) ? parsed.order : []).filter((key): key is string => typeof key === 'string' && known.delete(key));
  const hidden = (Array.isArray(parsed.hidden) ? parsed.hidden : []).filter((key): key is string => keys.includes(key));
  return { order: [...order, ...known], hidden };
}

/** A column moved one place up (-1) or down (+1). */
export function moveColumn(settings: ColumnSettings, key: string, step: -1 | 1): ColumnSettings {
  const order = [...settings.order];
  const from = order.indexOf(key);
  const to = from + step;
  if (from < 0 || to < 0 || to >= order.length) return settings;
  [order[from], order[to]] = [order[to], order[from]];
  return { ...settings, order };
}

export function toggleColumn(settings: ColumnSettings, key: string, shown: boolean): ColumnSettings {
  const hidden = settings.hidden.filter((other) => other !== key);
  return { ...settings, hidden: shown ? hidden : [...hidden, key] };
}

/** The columns to show, in the user's order. */
export function arrangeColumns<C extends { key: string }>(columns: readonly C[], settings: ColumnSettings): C[] {
  const byKey = new Map(columns.map((column) => [column.key, column]));
  return settings.order.filter((key) => !settings.hidden.includes(key)).flatMap((key) => byKey.get(key) ?? []);
}
