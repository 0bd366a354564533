/**
 * Bills are immutable in the database (migration 0011): UPDATE, DELETE and TRUNCATE of bill, bill_item and
 * bill_line are refused for every role, the postgres superuser included, and a line or an item must belong to a bill
 * of its own employer (by (employer_id, bill_id): the item's key, the lines' statement trigger of migration 0044).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../../platform/testing/database.ts';
import { inScope, type Actor } from '../../../platform/actor.ts';
import { insertBill, insertEmployer, insertPerson, regions } from '../accounts/accounts.testing.ts';

let test_: TestDatabase;
let superuser: pg.Pool;
let employerId: bigint;
let otherEmployerId: bigint;
let personId: bigint;
let bill: { id: bigint; number: string };

const TABLES = ['bill', 'bill_item', 'bill_line'] as const;

before(async () => {
  test_ = await createTestDatabase();
  superuser = new pg.Pool({ connectionString: test_.url, max: 2 });
  // an idle connection ended when the database is dropped at the end is no failure of this test (pg emits 'error')
  superuser.on('error', () => {});
  await test_.database.db.insertInto('region').values([...regions]).execute();
  employerId = await insertEmployer(test_.database, '91990102MA0000001X', '甲公司', '990102');
  otherEmployerId = await insertEmployer(test_.database, '91990102MA0000002X', '乙公司', '990102');
  personId = await insertPerson(test_.database, '990102198001010011', '张三', '990102');
  bill = await insertBill(test_.database, employerId, '990102', '2026-01', [
    { personId, insurance: 'pension', base: 500000n, employerAmount: 80000n, employeeAmount: 40000n },
    { personId, insurance: 'medical', base: 500000n, employerAmount: 45000n, employeeAmount: 10000n },
  ]);
});
after(async () => {
  await superuser.end();
  await test_.drop();
});

test('the postgres superuser cannot update, delete or truncate a bill, its items or its lines', async () => {
  const { rows: [me] } = await superuser.query<{ superuser: boolean }>(`select rolsuper as superuser from pg_roles where rolname = current_user`);
  assert.equal(me.superuser, true, 'this test runs the statements as a superuser');
  for (const table of TABLES) {
    await assert.rejects(superuser.query(`update ${table} set employer_id = employer_id where ctid = (select ctid from ${table} limit 1)`),
      (error: { code?: string; message: string }) => error.code === '42501' && new RegExp(`${table} is append-only: UPDATE`).test(error.message));
    await assert.rejects(superuser.query(`delete from ${table} where ctid = (select ctid from ${table} limit 1)`), new RegExp(`${table} is append-only: DELETE`));
    // statement-level: refused even when no row matches
    await assert.rejects(superuser.query(`delete from ${table} where false`), /append-only/);
    await assert.rejects(superuser.query(`update ${table} set region_code = region_code where false`), /append-only/);
    await assert.rejects(superuser.query(`truncate ${table} cascade`), /append-only: TRUNCATE/);
  }
  const { rows: [count] } = await superuser.query<{ bills: string; items: string; lines: string }>(
    `select (select count(*) from bill) as bills, (select count(*) from bill_item) as items, (select count(*) from bill_line) as lines`);
  assert.deepEqual([count.bills, count.items, count.lines].map(Number), [1, 2, 2]);
});

test('the application, scoped or not, cannot change a bill either', async () => {
  const operator: Actor = { userId: 1n, username: 'operator', role: 'operator', regionCode: '990102' };
  await assert.rejects(inScope(test_.database, operator, (tx) => tx.updateTable('bill').set({ total: 0n }).where('id', '=', bill.id).execute()), /bill is append-only/);
  await assert.rejects(inScope(test_.database, operator, (tx) => tx.deleteFrom('bill_line').where('bill_id', '=', bill.id).execute()), /bill_line is append-only/);
  await assert.rejects(test_.database.db.updateTable('bill_item').set({ employer_amount: 0n }).execute(), /bill_item is append-only/);
  // a new bill is still written: inserts are what corrections are made of
  const note = await insertBill(test_.database, employerId, '990102', '2026-02', [{ personId, insurance: 'pension', base: 500000n, employerAmount: 80000n, employeeAmount: 40000n }]);
  assert.ok(note.id);
});

test('a line and an item belong to a bill of their own employer', async () => {
  const line = (employer: bigint, billId: bigint) => sql`insert into bill_line (employer_id, bill_id, person_id, insurance, region_code, base, employer_rate, employee_rate, employer_amount, employee_amount)
    values (${employer}, ${billId}, ${personId}, 'unemployment', '990102', 500000, 0.005, 0.005, 2500, 2500)`.execute(test_.database.db);
  const item = (employer: bigint, billId: bigint) => sql`insert into bill_item (employer_id, bill_id, insurance, fund_code, region_code, employer_amount, employee_amount)
    values (${employer}, ${billId}, 'unemployment', 'unemployment-990100', '990102', 2500, 2500)`.execute(test_.database.db);
  await assert.rejects(line(employerId, 12345n), /bill_line_bill_fkey/);
  await assert.rejects(line(otherEmployerId, bill.id), /bill_line_bill_fkey/, 'the bill of another employer');
  await assert.rejects(item(employerId, 12345n), /foreign key/);
  await assert.rejects(item(otherEmployerId, bill.id), /foreign key/);
  const { rows: keys } = await superuser.query<{ table: string; columns: string }>(`
    select c.conrelid::regclass::text as table, (select string_agg(a.attname, ', ' order by k.n) from unnest(c.conkey) with ordinality k (attnum, n)
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum) as columns
    from pg_constraint c where c.contype = 'f' and c.confrelid = 'bill'::regclass and c.conrelid in ('bill_line'::regclass, 'bill_item'::regclass) order by 1`);
  // bill_line's rule is checked once per statement since migration 0044 (bill_line_inserted), by the same two columns
  assert.deepEqual(keys, [{ table: 'bill_item', columns: 'employer_id, bill_id' }], 'the key includes the distribution column employer_id (Citus)');
});
