import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import type pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { inScope, systemActor, widenScope, type Actor } from '../actor.ts';
import { createAnchor, listAudit, recordAudit, sealUnkeyedTrail, verifyAuditChain, type AuditAnchor } from './audit.service.ts';
import { auditKey } from './audit.key.ts';

let test_: TestDatabase;
const actor = systemActor('test');
const append = (database: TestDatabase, n: number, prefix = 'r') =>
  Promise.all(Array.from({ length: n }, (_, i) => inScope(database.database, actor, (tx) => recordAudit(tx, actor, { action: 'thing.change', entityType: 'thing', entityId: `${prefix}${i}` }))));

before(async () => {
  test_ = await createTestDatabase();
  for (let i = 0; i < 5; i++) {
    await inScope(test_.database, actor, (tx) => recordAudit(tx, actor, { action: 'thing.change', entityType: 'thing', entityId: String(i), before: { n: i }, after: { n: i + 1, amount: 123n } }));
  }
});
after(() => test_.drop());

/** Runs statements as the owner with the append-only triggers off, as a superuser tampering with the trail would. */
async function tamper(owner: pg.Pool, ...statements: string[]) {
  const client = await owner.connect();
  try {
    await client.query('begin');
    await client.query('set local session_replication_role = replica');
    for (const statement of statements) await client.query(statement);
    await client.query('commit');
  } catch (error) { await client.query('rollback'); throw error; } finally { client.release(); }
}

test('the chain verifies, links each record to the previous one, and is keyed', async () => {
  const result = await verifyAuditChain(test_.database);
  assert.deepEqual(result, { ok: true, count: 5 });
  const { rows } = await test_.database.pool.query('select prev_hash, hash, after, keyed from audit_log order by id');
  assert.equal(rows[0].prev_hash, null);
  for (let i = 1; i < rows.length; i++) assert.equal(rows[i].prev_hash, rows[i - 1].hash);
  assert.ok(rows.every((row) => row.keyed));
  assert.equal(rows[0].after.amount, '123', 'bigint amounts are stored as strings');
});

test('the application connects as a role that is not a superuser and cannot change or bypass the trail', async () => {
  const pool = test_.database.pool;
  assert.equal(test_.database.role, 'sifund_server');
  const { rows: [me] } = await pool.query('select current_user as name, rolsuper, rolbypassrls from pg_roles where rolname = current_user');
  assert.deepEqual(me, { name: 'sifund_server', rolsuper: false, rolbypassrls: true });
  const { rows: [owned] } = await pool.query(`select count(*)::int as n from pg_class where relowner = (select oid from pg_roles where rolname = current_user)`);
  assert.equal(owned.n, 0, 'owns no table');
  await assert.rejects(pool.query(`update audit_log set action = 'x'`), /append-only|permission denied/);
  await assert.rejects(pool.query(`delete from audit_log`), /append-only|permission denied/);
  await assert.rejects(pool.query(`truncate audit_log`), /append-only|permission denied/);
  await assert.rejects(pool.query(`alter table audit_log disable trigger all`), /must be owner/);
  await assert.rejects(pool.query(`set session_replication_role = replica`), /permission denied/);
  await assert.rejects(pool.query(`create table intruder (id int)`), /permission denied/);
  await assert.rejects(pool.query(`insert into audit_log (id, created_at, action, entity_type, hash) values (1, now(), 'x', 'x', 'x')`), /append-only|permission denied/);
});

test('the database refuses UPDATE, DELETE and TRUNCATE of audit records even to its owner', async () => {
  await assert.rejects(test_.owner.query(`update audit_log set action = 'x'`), /append-only/);
  await assert.rejects(test_.owner.query(`delete from audit_log`), /append-only/);
  await assert.rejects(test_.owner.query(`truncate audit_log`), /append-only/);
});

test('concurrent appenders still form one chain', async () => {
  await append(test_, 20, 'p');
  assert.deepEqual(await verifyAuditChain(test_.database), { ok: true, count: 25 });
});

test('a widened scope is recorded with its reason and returned with the actor id', async () => {
  const user: Actor = { userId: 42n, username: 'op.990102', role: 'operator', regionCode: '990102' };
  const widened = widenScope(user, '990000', 'pension is pooled at the province');
  await inScope(test_.database, widened, (tx) => recordAudit(tx, widened, { action: 'payment.record', entityType: 'payment', entityId: 'w1' }));
  await inScope(test_.database, user, (tx) => recordAudit(tx, user, { action: 'payment.record', entityType: 'payment', entityId: 'w2' }));
  const items = await inScope(test_.database, actor, (tx) => listAudit(tx, { action: 'payment.record' }));
  assert.deepEqual(items.map((item) => [item.entityId, item.actorId, item.scopeWidened]),
    [['w2', '42', null], ['w1', '42', '990000: pension is pooled at the province']]);
  assert.equal((await verifyAuditChain(test_.database)).ok, true);
  // The note is part of the keyed hash.
  const fresh = await createTestDatabase();
  try {
    await inScope(fresh.database, widened, (tx) => recordAudit(tx, widened, { action: 'payment.record', entityType: 'payment', entityId: 'w1' }));
    await tamper(fresh.owner, `update audit_log set scope_widened = null`);
    assert.match((await verifyAuditChain(fresh.database)).brokenAt!.reason, /altered/);
  } finally { await fresh.drop(); }
});

test('ID numbers in audit images are masked for everyone but auditors', async () => {
  const person = { idNumber: '11010519491231002X', name: '张三', note: 'moved from 11010519491231002X', id: '291234567890123456', amount: '110105194912310021' };
  await inScope(test_.database, actor, (tx) => recordAudit(tx, actor, { action: 'person.create', entityType: 'person', entityId: 'm1', after: person }));
  const read = (role: Actor['role']) => inScope(test_.database, actor, (tx) => listAudit(tx, { action: 'person.create' }, { role }));
  const [masked] = await read('operator');
  assert.deepEqual(masked.after, { idNumber: '110105********002X', name: '张三', note: 'moved from 110105********002X', id: '291234567890123456', amount: '110105194912310021' });
  for (const role of ['auditor', 'security_auditor'] as const) assert.deepEqual((await read(role))[0].after, person);
  const [noViewer] = await inScope(test_.database, actor, (tx) => listAudit(tx, { action: 'person.create' }));
  assert.equal((noViewer.after as { idNumber: string }).idNumber, '110105********002X', 'masked unless the viewer is known to be an auditor');
});

test('tampering is found and named: an altered record, a removed one, a record recomputed without the key', async () => {
  const fresh = await createTestDatabase();
  try {
    await append(fresh, 6);
    const ids = (await fresh.owner.query('select id::text from audit_log order by id')).rows.map((row) => row.id as string);
    const original = (await fresh.owner.query('select after::text from audit_log where id = $1', [ids[1]])).rows[0].after;
    await tamper(fresh.owner, `update audit_log set after = '{"tampered": true}' where id = ${ids[1]}`);
    const altered = await verifyAuditChain(fresh.database);
    assert.deepEqual([altered.ok, altered.count, altered.brokenAt!.id], [false, 1, ids[1]]);
    assert.match(altered.brokenAt!.reason, /altered/);
    await tamper(fresh.owner, `update audit_log set after = ${original === null ? 'null' : `'${original}'`} where id = ${ids[1]}`);
    assert.equal((await verifyAuditChain(fresh.database)).ok, true, 'restoring the content restores the chain');

    // A superuser recomputes a record's hash with plain SHA-256 (all they can compute without the key).
    const plain = `audit_record_hash(prev_hash, id, created_at, actor_id, actor_username, actor_role, region_code, action, entity_type, entity_id, before, after, request_id)`;
    await tamper(fresh.owner, `update audit_log set action = 'rewritten', keyed = false, hash = ${plain.replace('action, entity_type', `'rewritten', entity_type`)} where id = ${ids[5]}`);
    const recomputed = await verifyAuditChain(fresh.database);
    assert.deepEqual([recomputed.ok, recomputed.brokenAt!.id], [false, ids[5]]);
    assert.match(recomputed.brokenAt!.reason, /not keyed/);

    // Or rewrites the whole trail as an unkeyed chain, every link recomputed.
    await tamper(fresh.owner, `update audit_log set keyed = false`);
    for (const [i, id] of ids.entries()) {
      await tamper(fresh.owner, `update audit_log set prev_hash = ${i === 0 ? 'null' : `(select hash from audit_log where id = ${ids[i - 1]})`} where id = ${id}`,
        `update audit_log set hash = ${plain} where id = ${id}`);
    }
    const rewritten = await verifyAuditChain(fresh.database);
    assert.equal(rewritten.ok, false);
    assert.match(rewritten.brokenAt!.reason, /newest record is not keyed/);

    await tamper(fresh.owner, `delete from audit_log where id = ${ids[3]}`);
    const removed = await verifyAuditChain(fresh.database);
    assert.deepEqual([removed.ok, removed.count, removed.brokenAt!.id], [false, 3, ids[4]]);
    assert.match(removed.brokenAt!.reason, /removed/);
  } finally { await fresh.drop(); }
});

test('records written with another key, or checked with another key, fail', async () => {
  const fresh = await createTestDatabase();
  try {
    await append(fresh, 3);
    const wrongKey = crypto.randomBytes(32);
    const wrong = await verifyAuditChain(fresh.database, { key: wrongKey });
    assert.equal(wrong.ok, false);
    assert.match(wrong.brokenAt!.reason, /keyed hash/);
    // Appending with a key of one's own: the records are keyed, but not with the trail's key.
    await fresh.owner.query(`select audit_append(null, 'intruder', 'system', null, 'forged', 'thing', null, null, null, null, null, $1::bytea)`, [wrongKey]);
    const forged = await verifyAuditChain(fresh.database);
    assert.deepEqual([forged.ok, forged.count], [false, 3]);
    await assert.rejects(fresh.owner.query(`select audit_append(null, 'intruder', 'system', null, 'forged', 'thing', null, null, null, null, null, null)`), /needs the audit key/);
  } finally { await fresh.drop(); }
});

test('an anchor detects the newest records removed, and refuses another key or an edited anchor', async () => {
  const fresh = await createTestDatabase();
  try {
    const empty = await createAnchor(fresh.database);
    assert.deepEqual([empty.anchor!.lastId, empty.anchor!.count], [null, 0]);
    await append(fresh, 4);
    const { anchor, verify } = await createAnchor(fresh.database);
    assert.equal(verify.ok, true);
    assert.equal(anchor!.count, 4);
    assert.deepEqual(await verifyAuditChain(fresh.database, { anchor }), { ok: true, count: 4, anchor: { ok: true, lastId: anchor!.lastId, count: 4, at: anchor!.at } });
    await append(fresh, 2, 'later');
    assert.equal((await verifyAuditChain(fresh.database, { anchor })).ok, true, 'records appended after the anchor are fine');

    const edited: AuditAnchor = { ...anchor!, count: 3 };
    assert.match((await verifyAuditChain(fresh.database, { anchor: edited })).anchor!.problem!, /signature does not match/);
    assert.match((await verifyAuditChain(fresh.database, { anchor, key: crypto.randomBytes(32) })).anchor!.problem!, /signature does not match/);

    // What the acceptance does: the newest records deleted with triggers off.
    await tamper(fresh.owner, `delete from audit_log where id > ${anchor!.lastId}`);
    assert.equal((await verifyAuditChain(fresh.database, { anchor })).ok, true);
    await tamper(fresh.owner, `delete from audit_log where id = (select max(id) from audit_log)`);
    assert.deepEqual((await verifyAuditChain(fresh.database)).ok, true, 'without the anchor a cut-back trail looks intact');
    const cut = await verifyAuditChain(fresh.database, { anchor });
    assert.equal(cut.ok, false);
    assert.match(cut.anchor!.problem!, new RegExp(`record ${anchor!.lastId}.* is missing: the trail was cut back \\(3 records now, the anchor counted 4\\)`));
  } finally { await fresh.drop(); }
});

test('records written before keying stay verifiable and are closed by the first keyed record', async () => {
  const fresh = await createTestDatabase();
  try {
    // Three records as migration 0001 wrote them: plain SHA-256, unkeyed.
    const legacy = async (n: number) => {
      const client = await fresh.owner.connect();
      try {
        await client.query('begin');
        await client.query(`insert into audit_log (id, created_at, actor_username, action, entity_type, entity_id, after, prev_hash, hash)
          select nextval('audit_log_id_seq'), now(), 'old', 'old.change', 'thing', $1, '{"a": 1}', (select hash from audit_log order by id desc limit 1), 'pending'`, [`old${n}`]);
        await client.query(`set local session_replication_role = replica`);
        await client.query(`update audit_log set hash = audit_record_hash(prev_hash, id, created_at, actor_id, actor_username, actor_role, region_code, action, entity_type, entity_id, before, after, request_id) where hash = 'pending'`);
        await client.query('commit');
      } finally { client.release(); }
    };
    for (let i = 0; i < 3; i++) await legacy(i);
    assert.match((await verifyAuditChain(fresh.database)).brokenAt!.reason, /newest record is not keyed/);
    const client = await fresh.owner.connect();
    try { await sealUnkeyedTrail(client, auditKey); } finally { client.release(); }
    await append(fresh, 2);
    assert.deepEqual(await verifyAuditChain(fresh.database), { ok: true, count: 6 });
    const { rows } = await fresh.owner.query(`select id::text, action, keyed from audit_log order by id`);
    assert.deepEqual(rows.map((row) => [row.action, row.keyed]), [['old.change', false], ['old.change', false], ['old.change', false], ['audit.keyed', true], ['thing.change', true], ['thing.change', true]]);
    // An old record altered and its plain hash recomputed: the first keyed record's link gives it away.
    await tamper(fresh.owner, `update audit_log set after = '{"a": 2}' where id = ${rows[2].id}`,
      `update audit_log set hash = audit_record_hash(prev_hash, id, created_at, actor_id, actor_username, actor_role, region_code, action, entity_type, entity_id, before, after, request_id) where id = ${rows[2].id}`);
    const broken = await verifyAuditChain(fresh.database);
    assert.deepEqual([broken.ok, broken.brokenAt!.id], [false, rows[3].id]);
  } finally { await fresh.drop(); }
});
