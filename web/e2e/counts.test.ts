/** Capped counts (docs/decisions.md "Search totals are capped"): shown as "10,000+", never as the 10,001 the count stopped at. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countOf, formatCount, formatListCount, listTotalLabel } from '../src/counts.ts';

const t = (key: string, vars?: Record<string, string | number>) => `${key}:${vars?.n}`;

test('a capped list total is "10,000+"; an exact one is grouped', () => {
  assert.equal(formatListCount({ items: [], total: 10_001, totalCapped: true }), '10,000+');
  assert.equal(formatListCount({ items: [], total: 10_000, totalCapped: false }), '10,000');
  assert.equal(formatListCount({ items: [], total: 1234 }), '1,234');
  assert.equal(formatListCount({ items: [1, 2, 3] }), '3', 'without a total, the items are the count');
  assert.deepEqual(countOf({ total: 10_001, totalCapped: true }), { value: 10_000, capped: true });
  assert.equal(formatCount(0), '0');
  assert.equal(formatCount(10_000, true), '10,000+');
});

test('the pagination line says "more than 10,000" for a capped total', () => {
  assert.equal(listTotalLabel(t, { items: [], total: 10_001, totalCapped: true }), 'common.totalCapped:10,000');
  assert.equal(listTotalLabel(t, { items: [], total: 42, totalCapped: false }), 'common.total:42');
  assert.equal(listTotalLabel(t, undefined), 'common.total:0');
});
