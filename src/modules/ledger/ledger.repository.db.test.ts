import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from '../../platform/testing/database.ts';
import { arrayLiteral } from './ledger.repository.ts';

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
