import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { inScope, systemActor } from '../actor.ts';
import { recordAudit, verifyAuditChain } from './audit.service.ts';

let test_: TestDatabase;
before(async () => {
  test_ = await createTestDatabase();
  const actor = systemActor('test');
  for (let i = 0; i < 5; i++) {
    await inScope(test_.database, actor, (tx) => recordAudit(tx, actor, { action: 'thing.change', entityType: 'thing', entityId: String(i), before: { n: i }, after: { n: i + 1, amount: 123n } }));
  }
});
after(() => test_.drop());

const pool = () => test_.database.pool;

test('the chain verifies and links each record to the previous one', async () => {
  const result = await verifyAuditChain(test_.database);
  assert.deepEqual(result, { ok: true, count: 5 });
  const { rows } = await pool().query('select prev_hash, hash, after from audit_log order by id');
  assert.equal(rows[0].prev_hash, null);
  for (let i = 1; i < rows.length; i++) assert.equal(rows[i].prev_hash, rows[i - 1].hash);
  assert.equal(rows[0].after.amount, '123', 'bigint amounts are stored as strings');
});

test('the database refuses UPDATE, DELETE and TRUNCATE of audit records', async () => {
  await assert.rejects(pool().query(`update audit_log set action = 'x'`), /append-only/);
  await assert.rejects(pool().query(`delete from audit_log`), /append-only/);
  await assert.rejects(pool().query(`truncate audit_log`), /append-only/);
});

test('concurrent appenders still form one chain', async () => {
  const actor = systemActor('test');
  await Promise.all(Array.from({ length: 20 }, (_, i) => inScope(test_.database, actor, (tx) => recordAudit(tx, actor, { action: 'parallel', entityType: 'thing', entityId: `p${i}` }))));
  assert.deepEqual(await verifyAuditChain(test_.database), { ok: true, count: 25 });
});

test('tampering is found and named: an altered record, then a removed one', async () => {
  const client = await pool().connect();
  try {
    const { rows } = await client.query('select id from audit_log order by id');
    const second = rows[1].id.toString(), fourth = rows[3].id.toString();
    const tamper = async (statement: string) => {
      await client.query('begin');
      await client.query('alter table audit_log disable trigger all');
      await client.query(statement);
      await client.query('alter table audit_log enable trigger all');
      await client.query('commit');
    };
    const original = (await client.query('select after::text from audit_log where id = $1', [second])).rows[0].after;
    await tamper(`update audit_log set after = '{"tampered": true}' where id = ${second}`);
    const altered = await verifyAuditChain(test_.database);
    assert.equal(altered.ok, false);
    assert.equal(altered.brokenAt!.id, second);
    assert.equal(altered.count, 1);
    assert.match(altered.brokenAt!.reason, /altered/);
    await tamper(`update audit_log set after = '${original}' where id = ${second}`);
    assert.equal((await verifyAuditChain(test_.database)).ok, true, 'restoring the content restores the chain');

    await tamper(`delete from audit_log where id = ${fourth}`);
  } finally { client.release(); }
  const removed = await verifyAuditChain(test_.database);
  assert.equal(removed.ok, false);
  assert.equal(removed.count, 3);
  assert.match(removed.brokenAt!.reason, /removed/);
});
