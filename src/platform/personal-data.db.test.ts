import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createTestDatabase } from './testing/database.ts';
import { freePort } from './database.ts';
import { projectRoot } from './config.ts';

const ID = '11010519491231002X';

test('the server log of a search for an ID number does not contain the ID number', { timeout: 120_000 }, async () => {
  const test_ = await createTestDatabase();
  const port = await freePort();
  // The real `sifund serve`, with its real logger, on a test database.
  const server = spawn(process.execPath, [path.join(projectRoot, 'bin/sifund.mjs'), 'serve', '--port', String(port), '--host', '127.0.0.1'], {
    cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DATABASE_URL: test_.url, LOG_LEVEL: 'info', SIFUND_ADMIN_PASSWORD: 'Log-Test-Chief-2026!' },
  });
  let log = '';
  server.stdout.on('data', (chunk) => { log += chunk; });
  server.stderr.on('data', (chunk) => { log += chunk; });
  try {
    for (let i = 0; i < 600 && !/ready on/.test(log); i++) {
      if (server.exitCode !== null) throw new Error(`the server stopped: ${log}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    for (const query of [`q=${ID}`, `q=${ID.toLowerCase()}&limit=5`]) {
      const response = await fetch(`http://127.0.0.1:${port}/api/persons?${query}`);
      assert.equal(response.status, 401);
    }
    for (let i = 0; i < 50 && (log.match(/request completed/g) ?? []).length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    const lines = log.split('\n').filter((line) => line.includes('/api/persons'));
    assert.equal(lines.length, 2, log);
    assert.ok(lines.every((line) => line.includes('/api/persons?q=110105********002')), lines.join('\n'));
    assert.doesNotMatch(log, new RegExp(ID, 'i'));
  } finally {
    if (server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    await test_.drop();
  }
});
