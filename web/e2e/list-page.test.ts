/**
 * The list page's state (web/src/components/list/list-state.ts): filters in the URL, paging, column settings kept per
 * list, the export of the same filters, and a capped count never shown as an exact number.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  arrangeColumns, changeFilters, changePage, clearFilters, columnSettingsKey, exportHref, moveColumn, nextPage, normalizeFilterValue, pageQuery, pageRows,
  pagesByCursor, parseColumnSettings, previousPage, readFilters, readPage, toggleColumn, type CursorTrail, type ListFilter,
} from '../src/components/list/list-state.ts';
import { formatListCount } from '../src/counts.ts';

const filters: ListFilter[] = [
  { kind: 'prefix', param: 'employer', label: '统一社会信用代码' },
  { kind: 'dateRange', from: 'from', to: 'to', label: '到账日期' },
  { kind: 'amountRange', min: 'amountMin', max: 'amountMax', label: '金额' },
];

test('filters go into the URL, back to page 1, and are read back from it', () => {
  const start = new URLSearchParams('page=3&size=50&tab=payments');
  const changed = changeFilters(start, { employer: normalizeFilterValue(filters[0], ' 91110105ab '), from: '2024-01-01', to: undefined });
  assert.equal(changed.toString(), 'size=50&tab=payments&employer=91110105AB&from=2024-01-01');
  assert.deepEqual(readFilters(filters, changed), { employer: '91110105AB', from: '2024-01-01' });
  assert.deepEqual(readPage(changed), { page: 1, pageSize: 50 });
  // a blank value removes the filter; clearing keeps what is not a filter (the open tab)
  assert.equal(changeFilters(changed, { employer: normalizeFilterValue(filters[0], '  ') }).get('employer'), null);
  assert.equal(clearFilters(changed, filters).toString(), 'size=50&tab=payments');
});

test('a default applies when the URL has no value; a prefix keeps two lists of a page apart', () => {
  const search = new URLSearchParams('bills.employer=A1&employer=B2');
  assert.deepEqual(readFilters(filters, search, { from: '2024-06-01' }, 'bills.'), { employer: 'A1', from: '2024-06-01' });
  assert.deepEqual(readFilters(filters, search), { employer: 'B2' });
  assert.equal(changePage(search, { page: 4, pageSize: 100 }, 'bills.').toString(), 'bills.employer=A1&employer=B2&bills.page=4&bills.size=100');
});

test('a region filter whose default is the user\'s region: cleared, it stays empty in the URL and means 全国; reset, the default applies again', () => {
  const region: ListFilter[] = [{ kind: 'region', param: 'region', label: '地区', national: '全国' }];
  const national = changeFilters(new URLSearchParams('page=2&path=a.b'), { region: null });
  assert.equal(national.toString(), 'path=a.b&region=');
  assert.deepEqual(readFilters(region, national, { region: '990100' }), {}, 'no region asked of the endpoint: national');
  assert.deepEqual(readFilters(region, clearFilters(national, region), { region: '990100' }), { region: '990100' });
  assert.deepEqual(readFilters(region, changeFilters(national, { region: '990102' }), { region: '990100' }), { region: '990102' });
});

test('the page asked for: limit and offset, one row more when the endpoint counts none; a page size beyond the endpoint\'s limit is not asked', () => {
  assert.deepEqual(pageQuery({ lines: false }, { period: '2024-05' }, { page: 3, pageSize: 20 }, 'counted'), { lines: false, period: '2024-05', limit: 20, offset: 40 });
  assert.deepEqual(pageQuery({}, {}, { page: 2, pageSize: 50 }, 'probe'), { limit: 51, offset: 50 });
  assert.deepEqual(readPage(new URLSearchParams('page=0&size=200'), '', 100), { page: 1, pageSize: 100 });
  assert.deepEqual(readPage(new URLSearchParams('page=x&size=33')), { page: 1, pageSize: 20 });
});

test('a list that answers nextCursor pages by it: the cursor in the URL, the trail of earlier pages for 上一页, a filter change back to page 1', () => {
  const lastCursorPage = { items: [], total: 0, totalCapped: false, nextCursor: null };
  const countedPage = { items: [], total: 0 };
  assert.equal(pagesByCursor(lastCursorPage), true, 'the last page of a cursor list is still one');
  assert.equal(pagesByCursor(countedPage as { nextCursor?: string | null }), false, 'a counted list without nextCursor pages by offset');
  let state = readPage(new URLSearchParams('size=50'));
  let trail: CursorTrail = new Map();
  assert.deepEqual(pageQuery({}, { action: 'auth.' }, state, 'counted'), { action: 'auth.', limit: 50, offset: 0 });
  ({ state, trail } = nextPage(state, 'c2', trail));
  ({ state, trail } = nextPage(state, 'c3', trail));
  assert.deepEqual(state, { page: 3, pageSize: 50, after: 'c3' });
  assert.deepEqual(pageQuery({}, { action: 'auth.' }, state, 'counted'), { action: 'auth.', limit: 50, after: 'c3' }, 'no offset beside the cursor');
  const url = changePage(new URLSearchParams('tab=audit'), state);
  assert.equal(url.toString(), 'tab=audit&page=3&size=50&after=c3');
  assert.deepEqual(readPage(url), state, 'a reload shows the same page');
  assert.deepEqual(previousPage(state, trail), { page: 2, pageSize: 50, after: 'c2' });
  assert.deepEqual(previousPage({ page: 2, pageSize: 50, after: 'c2' }, trail), { page: 1, pageSize: 50 });
  assert.equal(previousPage(state, new Map()), undefined, 'after a reload the page before is not known (首页 still is)');
  assert.equal(changeFilters(url, { action: 'user.' }).toString(), 'tab=audit&size=50&action=user.', 'a new filter starts again at page 1, without the cursor');
  assert.deepEqual(readPage(new URLSearchParams('after=c9')), { page: 1, pageSize: 20 }, 'page 1 starts at no cursor');
});

test('probe paging offers a next page exactly when the extra row came back', () => {
  const rows = Array.from({ length: 21 }, (_, index) => index);
  assert.deepEqual(pageRows({ items: rows }, { page: 2, pageSize: 20 }, 'probe'), { rows: rows.slice(0, 20), pagerTotal: 41 });
  assert.deepEqual(pageRows({ items: rows.slice(0, 7) }, { page: 2, pageSize: 20 }, 'probe'), { rows: rows.slice(0, 7), pagerTotal: 27 });
});

test('a capped count is shown as 10,000+, and its pager still reaches the row past the cap', () => {
  const capped = { items: [1, 2], total: 10_001, totalCapped: true };
  assert.equal(formatListCount(capped), '10,000+');
  assert.equal(pageRows(capped, { page: 1, pageSize: 20 }, 'counted').pagerTotal, 10_001);
  const exact = { items: [1], total: 10_001, totalCapped: false };
  assert.equal(formatListCount(exact), '10,001');
});

test('the export asks the same endpoint with the same filters for every row, without paging', () => {
  const href = exportHref('/api/arrears/dunning', { lines: false }, { asOf: '2024-06-30', region: '990102' }, 'xlsx');
  assert.equal(href, '/api/arrears/dunning?lines=false&asOf=2024-06-30&region=990102&format=xlsx');
  assert.doesNotMatch(href, /limit|offset/);
});

test('column settings: hidden and moved columns are kept per list and read back against today\'s columns', () => {
  const storage = new Map<string, string>();
  const keys = ['date', 'creditCode', 'employerName', 'amount'];
  let settings = parseColumnSettings(storage.get(columnSettingsKey('payments')) ?? null, keys);
  assert.deepEqual(settings, { order: keys, hidden: [] });
  settings = moveColumn(toggleColumn(settings, 'creditCode', false), 'amount', -1);
  storage.set(columnSettingsKey('payments'), JSON.stringify(settings));

  const columns = [...keys, 'source'].map((key) => ({ key }));
  const reloaded = parseColumnSettings(storage.get('sifund.list.payments.columns') ?? null, [...keys, 'source']);
  assert.deepEqual(arrangeColumns(columns, reloaded).map((column) => column.key), ['date', 'amount', 'employerName', 'source']);
  assert.equal(storage.get(columnSettingsKey('bills')), undefined, 'another list keeps its own settings');
  // a column the list no longer has is dropped; a broken entry gives the list's own order
  assert.deepEqual(parseColumnSettings(JSON.stringify({ order: ['gone', 'amount'], hidden: ['gone'] }), ['date', 'amount']), { order: ['amount', 'date'], hidden: [] });
  assert.deepEqual(parseColumnSettings('{not json', ['date']), { order: ['date'], hidden: [] });
  assert.deepEqual(moveColumn(settings, 'date', -1), settings, 'the first column does not move up');
});
