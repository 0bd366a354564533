/**
 * `sifund serve` on SIGTERM: stops accepting, lets the request in flight finish, closes the database and exits 0.
 * The slow request is a sign-in held up by a lock the test takes on login_throttle, released after the signal.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createTestDatabase } from '../platform/testing/database.ts';
import { freePort } from '../platform/database.ts';
import { projectRoot } from '../platform/config.ts';

const PASSWORD = 'Shutdown-Test-Chief-2026!';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('SIGTERM lets the request in flight finish, then the server exits 0', { timeout: 120_000 }, async () => {
  const database = await createTestDatabase();
  const port = await freePort();
  const server = spawn(process.execPath, [path.join(projectRoot, 'bin/sifund.mjs'), 'serve', '--port', String(port), '--host', '127.0.0.1'], {
    cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'info', SIFUND_ADMIN_PASSWORD: PASSWORD },
  });
  let log = '';
  server.stdout.on('data', (chunk) => { log += chunk; });
  server.stderr.on('data', (chunk) => { log += chunk; });
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => server.once('exit', (code, signal) => resolve({ code, signal })));
  const lock = await database.owner.connect();
  try {
    for (let i = 0; i < 600 && !/ready on/.test(log); i++) {
      if (server.exitCode !== null) throw new Error(`the server stopped: ${log}`);
      await sleep(100);
    }
    assert.match(log, /ready on/);

    // The sign-in reserves its attempt in login_throttle first: with the table locked, it waits in the database.
    await lock.query('begin');
    await lock.query('lock table login_throttle in access exclusive mode');
    const signIn = fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    });
    for (let i = 0; ; i++) {
      const { rows } = await database.owner.query(`select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()`);
      if (rows.length) break;
      assert.ok(i < 400, 'the sign-in never reached the database');
      await sleep(25);
    }

    server.kill('SIGTERM');
    await sleep(500);
    assert.equal(server.exitCode, null, `the server waits for the request in flight:\n${log}`);
    await assert.rejects(fetch(`http://127.0.0.1:${port}/api/health`), 'no new connection is accepted while stopping');

    await lock.query('rollback');
    const response = await signIn;
    assert.equal(response.status, 200, await response.clone().text());
    assert.equal(((await response.json()) as { user: { username: string } }).user.username, 'admin');

    const outcome = await Promise.race([exited, new Promise<undefined>((resolve) => { setTimeout(() => resolve(undefined), 20_000).unref(); })]);
    assert.deepEqual(outcome, { code: 0, signal: null }, log);
    assert.match(log, /shutting down/);
    assert.match(log, /"msg":"stopped"/);
  } finally {
    await lock.query('rollback').catch(() => {});
    lock.release();
    if (server.exitCode === null) { server.kill('SIGKILL'); await exited; }
    await database.drop();
  }
});
