/**
 * A billing run asked to stop (the server closing on SIGTERM) stops after the chunks in flight, stays resumable,
 * and a resumed run completes it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase } from '../../../platform/testing/database.ts';
import { systemActor } from '../../../platform/actor.ts';
import { generateDemo } from '../../registry/demo/demo.service.ts';
import { completeBillingRun, prepareBillingRun, runView } from './billing.service.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';

test('a run stopped by its signal keeps every finished chunk and resumes to completion', { skip, timeout: 120_000 }, async () => {
  const test_ = await createTestDatabase();
  try {
    await generateDemo(test_.database, { persons: 400, employers: 40, years: 1, seed: 3, password: 'demo-pass-2024', endMonth: '2026-06' });
    const actor = systemActor('test');
    const run = await prepareBillingRun(test_.database, actor, { period: '2026-06' });
    assert.ok(run.chunks >= 10, `chunks ${run.chunks}`);

    const stop = new AbortController();
    await completeBillingRun(test_.database, actor, run, (progress) => { if (progress.done > 0) stop.abort(); }, { signal: stop.signal });
    const stopped = await runView(test_.database, actor, run.id);
    assert.equal(stopped.status, 'running');
    assert.ok(stopped.chunksDone > 0 && stopped.chunksDone < run.chunks, `stopped part-way (${stopped.chunksDone}/${run.chunks})`);

    await completeBillingRun(test_.database, actor, run);
    const resumed = await runView(test_.database, actor, run.id);
    assert.equal(resumed.status, 'completed');
    assert.equal(resumed.chunksDone, run.chunks);
  } finally {
    await test_.drop();
  }
});
