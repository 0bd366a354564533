/**
 * A billing job asked to stop (the server closing on SIGTERM) stops after the chunks in flight, releases its lease,
 * stays resumable, and a resumed run completes it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase } from '../../../platform/testing/database.ts';
import { systemActor } from '../../../platform/actor.ts';
import { getJob, runJob } from '../../../platform/jobs/index.ts';
import { generateDemo } from '../../registry/demo/demo.service.ts';
import { startBilling } from './billing.service.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';

test('a job stopped by its signal keeps every finished chunk, releases its lease and resumes to completion', { skip, timeout: 120_000 }, async () => {
  const test_ = await createTestDatabase();
  try {
    await generateDemo(test_.database, { persons: 400, employers: 40, years: 1, seed: 3, password: 'demo-pass-2024', endMonth: '2026-06' });
    const actor = systemActor('test', ['billing.run', 'billing.read', 'jobs.read']);
    const job = await startBilling(test_.database, actor, { period: '2026-06' });
    assert.equal(job.status, 'queued');
    assert.ok(job.progress.total >= 10, `chunks ${job.progress.total}`);

    const stop = new AbortController();
    const outcome = await runJob(test_.database, BigInt(job.id), { signal: stop.signal, onProgress: (progress) => { if (progress.done > 0) stop.abort(); } });
    assert.equal(outcome, 'stopped');
    const stopped = await getJob(test_.database, actor, BigInt(job.id));
    assert.equal(stopped.status, 'running');
    assert.ok(stopped.progress.done > 0 && stopped.progress.done < job.progress.total, `stopped part-way (${stopped.progress.done}/${job.progress.total})`);
    const { rows: [lease] } = await test_.database.pool.query('select lease_owner, lease_until from job where id = $1', [job.id]);
    assert.deepEqual(lease, { lease_owner: null, lease_until: null }, 'the lease is released: another process resumes at once');

    assert.equal(await runJob(test_.database, BigInt(job.id), { owner: 'another-process' }), 'completed');
    const resumed = await getJob(test_.database, actor, BigInt(job.id));
    assert.equal(resumed.status, 'completed');
    assert.deepEqual(resumed.progress, { done: job.progress.total, total: job.progress.total });
    assert.equal(await runJob(test_.database, BigInt(job.id)), 'finished', 'a completed job is not run again');
  } finally {
    await test_.drop();
  }
});
