/**
 * The list helper on real PostgreSQL: cursor paging reaches every one of 12,345 rows (sort values repeated, so the
 * id decides), in one direction and in mixed directions, past an offset too; the count is exact up to 10,000 and
 * capped beyond; an edited cursor is a 400 naming the field; an export walks every page into CSV and XLSX.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { text } from 'node:stream/consumers';
import type { Kysely } from 'kysely';
import { AppError } from '../errors.ts';
import { render } from '../messages.ts';
import type { Tx } from '../actor.ts';
import { newWorkbook } from '../workbook.ts';
import { streamCsv, streamXlsx } from '../reports/stream.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { countCapped, decodeCursor, encodeCursor, everyPage, keysetPage, listPage, type ListRequest, type SortKey } from './lists.ts';

const ROWS = 12_345;
let test_: TestDatabase;

type Rows = Kysely<{ list_test_row: { id: bigint; happened_at: Date; grp: number; amount: bigint } }>;

/** Runs `work` in a transaction of the application's connection, over the test table. */
const withRows = <T>(work: (db: Rows, tx: Tx) => Promise<T>) => test_.database.db.transaction().execute((tx) => work(tx as unknown as Rows, tx));
const rows = (db: Rows, fromGroup = 0) => db.selectFrom('list_test_row')
  .select(['id', 'happened_at', 'grp', 'amount']).where('grp', '>=', fromGroup);

before(async () => {
  test_ = await createTestDatabase();
  // Timestamps repeat in runs of 7 and carry microseconds (a JavaScript date would lose them); groups repeat in runs of 100.
  await test_.owner.query(`create table list_test_row (id bigint primary key, happened_at timestamptz not null, grp int not null, amount bigint not null);
    insert into list_test_row select i, timestamptz '2026-01-01 00:00:00.000001+00' + ((i / 7) * interval '1.5 microseconds'), i / 100, i * 3
      from generate_series(1, ${ROWS}) as i;
    grant select on list_test_row to public`);
});
after(() => test_.drop());

/** Every id, page by page, each page asked with the cursor the page before gave. */
async function walk(order: SortKey[], limit: number, fromGroup = 0): Promise<string[]> {
  const seen: string[] = [];
  let request: ListRequest = { limit };
  for (let pages = 0; pages < ROWS; pages++) {
    const page = await withRows((db) => keysetPage(rows(db, fromGroup), order, request));
    assert.ok(page.items.length <= limit);
    seen.push(...page.items.map((row) => String(row.id)));
    if (!page.nextCursor) return seen;
    request = { limit, after: page.nextCursor };
  }
  throw new Error('the cursor never ended');
}

test('cursor paging in one direction reaches every row once, in order, past the 10,000th', async () => {
  const ids = await walk([{ by: 'happened_at', direction: 'desc' }, { by: 'id', direction: 'desc' }], 1000);
  assert.equal(ids.length, ROWS);
  assert.deepEqual(ids, Array.from({ length: ROWS }, (_, index) => String(ROWS - index)));
});

test('cursor paging in mixed directions (group ascending, newest first within it) reaches every row once', async () => {
  const ids = await walk([{ by: 'grp', direction: 'asc' }, { by: 'happened_at', direction: 'desc' }, { by: 'id', direction: 'asc' }], 997);
  assert.equal(new Set(ids).size, ROWS);
  const expected = Array.from({ length: ROWS }, (_, index) => index + 1)
    .sort((a, b) => Math.trunc(a / 100) - Math.trunc(b / 100) || Math.trunc(b / 7) - Math.trunc(a / 7) || a - b).map(String);
  assert.deepEqual(ids, expected);
});

test('the last page has no cursor; an offset skips rows past the cursor', async () => {
  const order: SortKey[] = [{ by: 'id', direction: 'asc' }];
  const last = await withRows((db) => keysetPage(rows(db), order, { limit: 10, after: encodeCursor(['12340']) }));
  assert.deepEqual(last.items.map((row) => String(row.id)), ['12341', '12342', '12343', '12344', '12345']);
  assert.equal(last.nextCursor, null);
  const exact = await withRows((db) => keysetPage(rows(db), order, { limit: 5, after: encodeCursor(['12335']) }));
  assert.deepEqual(decodeCursor(exact.nextCursor!, 1), ['12340'], 'a full page with rows after it gives the cursor of its last row');
  const skipped = await withRows((db) => keysetPage(rows(db), order, { limit: 2, after: encodeCursor(['100']), offset: 3 }));
  assert.deepEqual(skipped.items.map((row) => String(row.id)), ['104', '105']);
  assert.equal(Object.keys(skipped.items[0]).sort().join(), 'amount,grp,happened_at,id', 'the cursor columns stay inside the helper');
});

test('the count is exact up to 10,000 and capped beyond: 10,001 and totalCapped', async () => {
  assert.deepEqual(await withRows((db, tx) => countCapped(tx, rows(db))), { total: 10_001, totalCapped: true });
  assert.deepEqual(await withRows((db, tx) => countCapped(tx, rows(db, 23))), { total: 10_001, totalCapped: true }, '10,046 rows');
  assert.deepEqual(await withRows((db, tx) => countCapped(tx, rows(db, 24))), { total: 9_946, totalCapped: false });
  // at the cap exactly, and one row past it
  assert.deepEqual(await withRows((db, tx) => countCapped(tx, rows(db, 24), 9_946)), { total: 9_946, totalCapped: false });
  assert.deepEqual(await withRows((db, tx) => countCapped(tx, rows(db, 24), 9_945)), { total: 9_946, totalCapped: true });
  const page = await withRows((db, tx) => listPage(tx, rows(db, 120), [{ by: 'id', direction: 'asc' }], { limit: 3 }, (found) => found.map((row) => String(row.amount))));
  assert.deepEqual(page, { items: ['36000', '36003', '36006'], total: 346, totalCapped: false, nextCursor: encodeCursor(['12002']) });
});

test('a cursor the list did not give is refused, naming the field in both languages', async () => {
  for (const cursor of ['not-base64-json', encodeCursor(['1']), Buffer.from('{"a":1}').toString('base64url')]) {
    await assert.rejects(withRows((db) => keysetPage(rows(db), [{ by: 'grp', direction: 'asc' }, { by: 'id', direction: 'asc' }], { limit: 5, after: cursor })), (error: unknown) => {
      assert.ok(error instanceof AppError);
      assert.equal(error.status, 400);
      assert.equal(error.field, 'after');
      assert.equal(render(error.said, 'zh-CN'), '翻页位置：不是本列表给出的翻页位置，请从第一页重新查询');
      return true;
    });
  }
});

test('an export walks every page: the CSV and the XLSX hold every row, and the XLSX sums the money column', async () => {
  const order: SortKey[] = [{ by: 'id', direction: 'asc' }];
  // amount is bigint fen, as money is in TypeScript
  const columns = [{ key: 'id' as const, title: '编号', unit: 'text' as const }, { key: 'amount' as const, title: '金额', unit: 'money' as const, sum: true }];
  const head = { title: '测试清单', fileName: '测试清单', parameters: [{ label: '分组', value: '≥ 1' }], sheetName: '清单', columns };
  const pages = () => everyPage((request) => withRows((db) => keysetPage(rows(db, 1), order, request)));

  const csv = await text(streamCsv({ ...head, pages: pages() }));
  const lines = csv.split('\r\n').filter(Boolean);
  assert.equal(lines[0], '\uFEFF编号,金额');
  assert.equal(lines.length - 1, ROWS - 99);
  assert.equal(lines[1], '100,3.00');
  assert.equal(lines.at(-1), `${ROWS},${(ROWS * 3 / 100).toFixed(2)}`);

  const chunks: Buffer[] = [];
  for await (const chunk of streamXlsx({ ...head, totals: '合计', pages: pages() })) chunks.push(chunk as Buffer);
  const workbook = await newWorkbook();
  await workbook.xlsx.load(Buffer.concat(chunks) as never);
  const sheet = workbook.getWorksheet('清单')!;
  assert.equal(sheet.getRow(1).getCell(1).value, '测试清单');
  const header = sheet.getRow(4);
  assert.deepEqual([header.getCell(1).value, header.getCell(2).value], ['编号', '金额']);
  assert.equal(sheet.rowCount, 4 + (ROWS - 99) + 1);
  const totals = sheet.getRow(sheet.rowCount);
  // Σ 3i/100 for i = 100 … 12,345, in fen: 3 × (Σ i) exactly
  const sumFen = 3n * (BigInt(ROWS) * BigInt(ROWS + 1) / 2n - 99n * 100n / 2n);
  assert.deepEqual([totals.getCell(1).value, totals.getCell(2).value], ['合计', Number(sumFen) / 100]);
});
