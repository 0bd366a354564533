/**
 * `sifund ledger export … | head -1`: the reader closes the pipe while sifund still has work and a database open;
 * sifund ends quietly with exit 0, no EPIPE stack trace.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { createTestDatabase } from '../platform/testing/database.ts';
import { projectRoot } from '../platform/config.ts';

test('sifund ledger export into a closed pipe: exit 0, nothing on stderr', { timeout: 120_000 }, async () => {
  const database = await createTestDatabase();
  try {
    const command = `"${process.execPath}" "${path.join(projectRoot, 'bin', 'sifund.mjs')}" ledger export --format hledger --from 2025-01-01 --to 2025-12-31`;
    for (const reader of ['head -1', 'true']) {
      // bash for PIPESTATUS: the exit code of sifund itself, not the reader's.
      const result = spawnSync('bash', ['-c', `${command} | ${reader}; exit \${PIPESTATUS[0]}`], {
        cwd: projectRoot, encoding: 'utf8', timeout: 60_000, env: { ...process.env, DATABASE_URL: database.url },
      });
      assert.equal(result.stderr, '', `${reader}: nothing on stderr (no EPIPE stack trace)`);
      assert.equal(result.status, 0, reader);
      if (reader === 'head -1') assert.match(result.stdout, /^; sifund fund ledger/);
    }
  } finally {
    await database.drop();
  }
});
