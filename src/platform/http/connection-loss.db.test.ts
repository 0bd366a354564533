/**
 * A dropped database connection (a restart, a failover, pg_terminate_backend) fails the request it interrupts with
 * a 503 and Retry-After, never the process; the pool connects anew and the next request succeeds.
 */
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import type pg from 'pg';
import { sql } from 'kysely';
import { addUser, startTestServer, type Client, type TestServer } from '../testing/http.ts';

let server: TestServer;
let auditor: Client;
// What would have ended a server: an 'error' event nobody listens to. (The test runner reports uncaught exceptions
// only in the test whose context made the socket, so they are collected here and checked after every test.)
const uncaught: Error[] = [];
const collect = (error: Error) => { uncaught.push(error); };
before(async () => {
  process.prependListener('uncaughtException', collect);
  server = await startTestServer([]);
  auditor = await addUser(server, 'secaudit.conn', 'security_auditor', '990000');
});
after(async () => {
  process.removeListener('uncaughtException', collect);
  await server?.close();
});
afterEach(() => { assert.deepEqual(uncaught.splice(0).map((error) => error.message), [], 'no uncaught error (it would have ended the process)'); });

/**
 * Ends every connection of the application's role (as a failover or `pg_terminate_backend` would) and waits until
 * those backends are gone: pg_terminate_backend only signals them, and until they exit (and the application hears
 * of it) a request may still be handed a connection that is about to die, which is what Retry-After is for.
 */
async function terminateApplicationConnections(): Promise<number> {
  const { rows } = await server.test.owner.query<{ pid: number }>(
    `select pid, pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and usename = $1 and pid <> pg_backend_pid()`,
    [server.test.database.role]);
  const pids = rows.map((row) => row.pid);
  for (let i = 0; i < 200; i++) {
    const { rows: [left] } = await server.test.owner.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where pid = any($1)', [pids]);
    if (left.n === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await new Promise((resolve) => setTimeout(resolve, 50));
  return pids.length;
}

/** Holds an exclusive lock on a table (in the owner's transaction) until `release()`. */
async function lockTable(table: string) {
  const client: pg.PoolClient = await server.test.owner.connect();
  await client.query('begin');
  await client.query(`lock table ${table} in access exclusive mode`);
  return { async release() { await client.query('rollback'); client.release(); } };
}

async function waitForBlockedQuery() {
  for (let i = 0; i < 200; i++) {
    const { rows } = await server.test.owner.query(`select 1 from pg_stat_activity where datname = current_database() and usename = $1 and wait_event_type = 'Lock'`, [server.test.database.role]);
    if (rows.length) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the request never reached the database');
}

function assertUnavailable(response: { statusCode: number; headers: Record<string, unknown>; body: string }) {
  assert.equal(response.statusCode, 503, response.body);
  assert.ok(Number(response.headers['retry-after']) >= 1, 'Retry-After is sent');
  assert.equal(JSON.parse(response.body).error.code, 'unavailable');
  assert.doesNotMatch(response.body, /terminat|57P01|pg_/i, 'no PostgreSQL wording reaches the client');
}

test('connections dropped between requests: the next request reconnects', async () => {
  assert.equal((await server.admin.request('GET', '/api/users')).statusCode, 200);
  assert.ok(await terminateApplicationConnections() >= 1, 'the pool held a connection to drop');
  // The pool may hand out the dead connection once before it hears of its end: 503, never a crash.
  const first = await server.admin.request('GET', '/api/users');
  if (first.statusCode !== 200) assertUnavailable(first);
  assert.equal((await server.admin.request('GET', '/api/users')).statusCode, 200);
  assert.equal((await server.app.inject({ method: 'GET', url: '/api/health' })).statusCode, 200);
});

test('a connection dropped during a plain query: 503 with Retry-After, then 200', async () => {
  const lock = await lockTable('app_user');
  const inFlight = server.admin.request('GET', '/api/users');   // the sign-in check reads app_user: it waits
  try {
    await waitForBlockedQuery();
    assert.ok(await terminateApplicationConnections() >= 1);
  } finally { await lock.release(); }
  assertUnavailable(await inFlight);
  assert.equal((await server.admin.request('GET', '/api/users')).statusCode, 200);
});

test('a connection dropped inside a transaction (the rollback fails too): 503, then 200', async () => {
  const lock = await lockTable('audit_log');
  const inFlight = auditor.request('GET', '/api/audit');   // inScope: begin, set local role, select … audit_log
  try {
    await waitForBlockedQuery();
    assert.ok(await terminateApplicationConnections() >= 1);
  } finally { await lock.release(); }
  assertUnavailable(await inFlight);
  assert.equal((await auditor.request('GET', '/api/audit')).statusCode, 200);
});

test('several requests in flight when every connection drops: each answers, none crashes, the pool recovers', async () => {
  const lock = await lockTable('app_user');
  const inFlight = Array.from({ length: 6 }, () => server.admin.request('GET', '/api/users'));
  try {
    await waitForBlockedQuery();
    await terminateApplicationConnections();
  } finally { await lock.release(); }
  for (const response of await Promise.all(inFlight)) if (response.statusCode !== 200) assertUnavailable(response);
  const after = await Promise.all(Array.from({ length: 6 }, () => server.admin.request('GET', '/api/users')));
  assert.deepEqual(after.map((r) => r.statusCode), [200, 200, 200, 200, 200, 200]);
});

test('a connection dropped while its transaction waits on the application: the transaction fails, the process lives', async () => {
  // pg reports the end of a connection with no query in flight as an 'error' event on the client: with nobody
  // listening (a client checked out of the pool), that event used to end the process.
  const attempt = server.test.database.db.transaction().execute(async (tx) => {
    await sql`select 1`.execute(tx);
    await terminateApplicationConnections();   // idle in transaction meanwhile
    await sql`select 1`.execute(tx);
  });
  await assert.rejects(attempt, (error: Error) => /terminat|not queryable/i.test(error.message));
  assert.equal((await server.admin.request('GET', '/api/users')).statusCode, 200);
});
