/** Capped counts (docs/decisions.md "Search totals are capped"): shown as "10,000+", never as the 10,001 the count stopped at. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countOf, formatCount, formatListCount, listTotalHint, listTotalLabel } from '../src/counts.ts';
import { createTranslator } from '../src/platform/translator.ts';
import { messages } from '../src/messages.ts';

const shell = createTranslator(messages);
const zh = (key: string, vars?: Record<string, string | number>) => shell.translate('zh', key, vars);
const en = (key: string, vars?: Record<string, string | number>) => shell.translate('en', key, vars);

test('a capped list total is "10,000+"; an exact one is grouped', () => {
  assert.equal(formatListCount({ items: [], total: 10_001, totalCapped: true }), '10,000+');
  assert.equal(formatListCount({ items: [], total: 10_000, totalCapped: false }), '10,000');
  assert.equal(formatListCount({ items: [], total: 1234 }), '1,234');
  assert.equal(formatListCount({ items: [1, 2, 3] }), '3', 'without a total, the items are the count');
  assert.deepEqual(countOf({ total: 10_001, totalCapped: true }), { value: 10_000, capped: true });
  assert.equal(formatCount(0), '0');
  assert.equal(formatCount(10_000, true), '10,000+');
});

test('the pagination line reads "共 10,000+ 条" for a capped total, never 10,001', () => {
  const capped = { items: [], total: 10_001, totalCapped: true };
  assert.equal(listTotalLabel(zh, capped), '共 10,000+ 条');
  assert.equal(listTotalLabel(en, capped), '10,000+ in total');
  assert.equal(listTotalLabel(zh, { items: [], total: 42, totalCapped: false }), '共 42 条');
  assert.equal(listTotalLabel(en, { items: [], total: 12_345 }), '12,345 in total');
  assert.equal(listTotalLabel(zh, undefined), '共 0 条');
});

test('a capped total carries a hint to narrow the search; an exact one none', () => {
  assert.equal(listTotalHint(zh, { items: [], total: 10_001, totalCapped: true }), '符合条件的记录超过 10,000 条，请缩小查询范围以得到准确条数');
  assert.equal(listTotalHint(en, { items: [], total: 10_001, totalCapped: true }), 'More than 10,000 records match; narrow the search for an exact count');
  assert.equal(listTotalHint(zh, { items: [], total: 10_000, totalCapped: false }), undefined);
});
