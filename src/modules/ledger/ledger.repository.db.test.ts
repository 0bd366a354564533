import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from '../../platform/testing/database.ts';
import { ArrayLiteral, arrayLiteral } from './ledger.repository.ts';

// Database tests run through `npm test` (which provides the server); a bare `node --test` skips them.
const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
let test_: TestDatabase;
before(async () => { if (!skip) test_ = await createTestDatabase(); });
after(async () => { await test_?.drop(); });

test('arrayLiteral: PostgreSQL reads back exactly the values, whatever characters they hold', { skip }, async () => {
  const values = ['post-1', '2026-07', '2026-07-01', '990000', 'a,b', '{x}', 'say "hi"', 'back\\slash', 'trailing\\', ' spaced ', '', 'NULL', 'null', 'Null',
    '应收保险费', 'tab\there', 'line\nbreak', 'B12:3', null, '-', '+1.5e3'];
  const { rows: [{ back }] } = await test_.database.pool.query<{ back: (string | null)[] }>('select $1::text[] as back', [arrayLiteral(values)]);
  assert.deepEqual(back, values);
  const numbers = ['9223372036854775807', '-1', '0', null, '4096'];
  const { rows: [{ ids, lines }] } = await test_.database.pool.query<{ ids: string[]; lines: number[] }>(
    'select $1::bigint[]::text[] as ids, $2::int2[] as lines', [arrayLiteral(numbers), arrayLiteral([1, 2, 300])]);
  assert.deepEqual(ids, numbers);
  assert.deepEqual(lines, [1, 2, 300]);
  assert.equal(arrayLiteral([]), '{}');
});

test('ArrayLiteral: plain digits and dates as they are, any other value quoted where needed, read back exactly', { skip }, async () => {
  const ids = new ArrayLiteral(), dates = new ArrayLiteral(), memos = new ArrayLiteral();
  const memoValues = ['收款', 'a,b', 'say "hi"', null, 'NULL', ''];
  memoValues.forEach((memo, k) => {
    ids.plain(k % 2 ? BigInt('9223372036854775807') - BigInt(k) : k);
    dates.plain(`2026-0${k + 1}-28`);
    memos.add(memo);
  });
  const { rows: [back] } = await test_.database.pool.query<{ ids: string[]; dates: string[]; memos: (string | null)[] }>(
    'select $1::bigint[]::text[] as ids, $2::date[]::text[] as dates, $3::text[] as memos', [ids.toString(), dates.toString(), memos.toString()]);
  assert.deepEqual(back.ids, ['0', '9223372036854775806', '2', '9223372036854775804', '4', '9223372036854775802']);
  assert.deepEqual(back.dates, ['2026-01-28', '2026-02-28', '2026-03-28', '2026-04-28', '2026-05-28', '2026-06-28']);
  assert.deepEqual(back.memos, memoValues);
  assert.equal(new ArrayLiteral().toString(), '{}');
});

test('ArrayLiteral.toPaddedString: a column null in every row goes as an empty array, and unnest in the select list pads it with nulls', { skip }, async () => {
  const ids = new ArrayLiteral(), memos = new ArrayLiteral(), subjects = new ArrayLiteral();
  for (const [k, memo] of ['收款', null, 'NULL'].entries()) {
    ids.plain(k + 1);
    memos.add(memo);
    subjects.add(null);
  }
  assert.equal(subjects.toPaddedString(), '{}');
  assert.equal(subjects.toString(), '{NULL,NULL,NULL}');
  assert.equal(memos.toPaddedString(), memos.toString());
  const { rows } = await test_.database.pool.query<{ id: bigint; memo: string | null; subject: string | null }>(
    'select unnest($1::bigint[]) as id, unnest($2::text[]) as memo, unnest($3::text[]) as subject',
    [ids.toPaddedString(), memos.toPaddedString(), subjects.toPaddedString()]);
  assert.deepEqual(rows, [{ id: 1n, memo: '收款', subject: null }, { id: 2n, memo: null, subject: null }, { id: 3n, memo: 'NULL', subject: null }]);
});
