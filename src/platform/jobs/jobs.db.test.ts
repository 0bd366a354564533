/**
 * The job runner: one job per kind and key, chunks each committed once, the lease (only its holder works a job; an
 * expired one is taken over), the failed state with its error and the retry that finishes only what was left, the
 * jobs in the user's scope over HTTP, and `sifund jobs list|show|retry --format json`.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { runCommand } from '../testing/cli.ts';
import { sql } from 'kysely';
import { inScope, systemActor, type Actor } from '../actor.ts';
import { addUser, signIn, startTestServer, USER_PASSWORD, type TestServer } from '../testing/http.ts';
import { createOrFindJob, getJob, runJob, runOrAttach, throwIfFailed, type JobDefinition } from './jobs.service.ts';
import { jobMessages as said, jobStatusSaid } from './jobs.messages.ts';
import { AppError } from '../errors.ts';
import { fieldRules } from '../fields.messages.ts';
import { render } from '../messages.ts';
import { registerJobCommands } from './jobs.cli.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
let server: TestServer;
let previousUrl: string | undefined;

/** What the test kinds did, chunk by chunk, in committed transactions only (rolled-back work leaves no row). */
const work = async () => (await sql<{ kind: string; key: string; chunk: number }>`select kind, key, chunk from job_test_work order by kind, key, chunk`
  .execute(server.test.database.db)).rows.map((r) => `${r.key}#${r.chunk}`);

const failOnce = new Set<string>();
/** A kind whose chunk 2 fails the first time for keys in `failOnce`. */
const counting: JobDefinition<{ label: string }, { n: number }> = {
  kind: 'test.counting', label: '计数测试', permission: 'billing.run', workers: 2,
  async runChunk(tx, { job }, { chunk, payload }) {
    if (payload.n === 2 && failOnce.delete(job.key)) throw new Error(`chunk ${chunk} of ${job.key} failed on purpose`);
    await sql`insert into job_test_work (kind, key, chunk) values (${job.kind}, ${job.key}, ${chunk})`.execute(tx);
  },
  finish: async (_database, { job, parameters }) => ({ label: parameters.label, chunks: job.chunks }),
};

const operatorActor = async (username: string): Promise<Actor> => {
  const user = await server.test.database.db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
  return { userId: user.id, username: user.username, role: user.role, regionCode: user.region_code };
};

/** The test works its jobs itself: a job is created with this process's lease held, so the server's worker leaves it. */
const RUNNER = 'test-runner';
async function create(actor: Actor, key: string, regionCode: string, chunks = 4, options: { leaveToServer?: boolean } = {}) {
  return inScope(server.test.database, actor, async (tx) => {
    const created = await createOrFindJob(tx, actor, counting, {
      key, regionCode, parameters: { label: key }, chunks: Array.from({ length: chunks }, (_, i) => ({ n: i + 1 })),
    });
    if (!options.leaveToServer) await sql`update job set lease_owner = ${RUNNER}, lease_until = now() + interval '1 hour' where id = ${created.job.id}`.execute(tx);
    return created;
  });
}

const sifund = (...args: string[]) => runCommand(registerJobCommands, args);

before(async () => {
  if (skip) return;
  server = await startTestServer([]);
  await server.test.owner.query('create table job_test_work (kind text, key text, chunk int, primary key (kind, key, chunk)); grant insert, select on job_test_work to sifund_app');
  previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = server.test.url;
});
after(async () => {
  if (skip) return;
  if (previousUrl === undefined) delete process.env.DATABASE_URL; else process.env.DATABASE_URL = previousUrl;
  await server.close();
});

test('a second start finds the same job; its chunks are worked once each, and its result kept', { skip }, async () => {
  await addUser(server, 'op.east', 'operator', '990102');
  const actor = await operatorActor('op.east');
  const first = await create(actor, 'A/990102', '990102');
  const second = await create(actor, 'A/990102', '990102', 9);
  assert.equal(first.created, true);
  assert.equal(second.created, false);
  assert.equal(second.job.id, first.job.id);
  assert.equal(second.job.chunks, 4, 'the snapshot taken at creation stays');

  const progress: number[] = [];
  assert.equal(await runJob(server.test.database, first.job.id, { owner: RUNNER, onProgress: ({ done }) => progress.push(done) }), 'completed');
  assert.deepEqual(await work(), ['A/990102#1', 'A/990102#2', 'A/990102#3', 'A/990102#4']);
  assert.equal(progress[0], 0);
  assert.equal(Math.max(...progress), 4);
  const job = await getJob(server.test.database, actor, first.job.id);
  assert.deepEqual({ status: job.status, progress: job.progress, result: job.result, startedBy: job.startedBy, error: job.error },
    { status: 'completed', progress: { done: 4, total: 4 }, result: { label: 'A/990102', chunks: 4 }, startedBy: 'op.east', error: null });
  assert.equal(await runJob(server.test.database, first.job.id, { owner: RUNNER }), 'finished');
  assert.equal((await work()).length, 4, 'a finished job is not worked again');
});

test('only the lease holder works a job; an expired lease is taken over', { skip }, async () => {
  const actor = await operatorActor('op.east');
  const { job } = await create(actor, 'B/990102', '990102');
  // A process that took the lease and died: its lease runs 15 s; nobody else may work the job until it expires.
  await sql`update job set status = 'running', lease_owner = 'dead-process', lease_until = now() + interval '1 hour' where id = ${job.id}`.execute(server.test.database.db);
  assert.equal(await runJob(server.test.database, job.id, { owner: 'me' }), 'busy');
  assert.deepEqual((await work()).filter((w) => w.startsWith('B/')), []);
  await sql`update job set lease_until = now() - interval '1 second' where id = ${job.id}`.execute(server.test.database.db);
  assert.equal(await runJob(server.test.database, job.id, { owner: 'me' }), 'completed');
  assert.deepEqual((await work()).filter((w) => w.startsWith('B/')), ['B/990102#1', 'B/990102#2', 'B/990102#3', 'B/990102#4']);
  const { rows: [row] } = await server.test.owner.query('select attempts, lease_owner from job where id = $1', [String(job.id)]);
  assert.deepEqual(row, { attempts: 1, lease_owner: null });
});

test('a failing chunk fails the job with its error; a retry does only what was left', { skip }, async () => {
  const actor = await operatorActor('op.east');
  failOnce.add('C/990102');
  const { job } = await create(actor, 'C/990102', '990102');
  const failed = await runOrAttach(server.test.database, actor, job.id, { owner: RUNNER });
  assert.equal(failed.status, 'failed');
  assert.equal(failed.error, 'chunk 2 of C/990102 failed on purpose');
  assert.ok(failed.progress.done < 4 && !(await work()).includes('C/990102#2'), 'the failed chunk committed nothing');
  const doneBefore = (await work()).filter((w) => w.startsWith('C/'));

  const operator = await addUser(server, 'op.west', 'operator', '990103');
  const supervisor = await addUser(server, 'sup.city', 'supervisor', '990100');
  const refusedBySupervisor = await supervisor.json('POST', `/api/jobs/${job.id}/retry`);
  assert.equal(refusedBySupervisor.status, 403, 'a supervisor reads jobs but retries none');
  assert.equal((await operator.json('POST', `/api/jobs/${job.id}/retry`)).status, 404, 'a job of another county is not seen');
  const east = await signIn(server.app, 'op.east', USER_PASSWORD);
  const retried = await east.json('POST', `/api/jobs/${job.id}/retry`);
  assert.equal(retried.status, 202, JSON.stringify(retried.body));
  assert.equal(retried.body.status, 'queued');
  assert.equal((await east.json('POST', `/api/jobs/${job.id}/retry`)).status, 409, 'only a failed job is retried');

  // The server's worker (nudged by the retry) finishes it.
  let view = retried.body;
  for (let i = 0; i < 100 && view.status !== 'completed'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    view = (await east.json('GET', `/api/jobs/${job.id}`)).body;
  }
  assert.equal(view.status, 'completed');
  assert.equal(view.error, null);
  const after_ = (await work()).filter((w) => w.startsWith('C/'));
  assert.deepEqual(after_, ['C/990102#1', 'C/990102#2', 'C/990102#3', 'C/990102#4']);
  assert.ok(doneBefore.every((w) => after_.includes(w)));
  const audit = (await sql<{ action: string; actor_username: string }>`select action, actor_username from audit_log where entity_type = 'job' and entity_id = ${String(job.id)} order by id`
    .execute(server.test.database.db)).rows;
  assert.deepEqual(audit, [{ action: 'job.create', actor_username: 'op.east' }, { action: 'job.retry', actor_username: 'op.east' }]);
});

test('a job refused by a rule keeps the refusal whole: GET /api/jobs/:id answers it in the request\'s language, its runner throws it again', { skip }, async () => {
  const actor = await operatorActor('op.east');
  // a refusal with its problem rows, as a batch that breaks a rule is refused
  const refusing: JobDefinition<{ label: string }> = {
    kind: 'test.refusing', label: '拒绝测试', permission: 'billing.run',
    finish: async () => { throw new AppError(409, 'conflict', said.notFailed({ id: 7n, status: jobStatusSaid('queued') }), 'status', [{ row: 2, field: 'period', message: fieldRules.required() }]); },
  };
  const { job } = await inScope(server.test.database, actor, (tx) => createOrFindJob(tx, actor, refusing, { key: 'R/990102', regionCode: '990102', parameters: { label: 'R' }, chunks: [] }));
  const failed = await runOrAttach(server.test.database, actor, job.id, { owner: RUNNER });
  // who runs the job fails as its work did: the same status, field, rule and rows
  assert.throws(() => throwIfFailed(failed), (error: AppError) => error instanceof AppError && error.status === 409 && error.field === 'status'
    && typeof error.said !== 'string' && error.said.key === said.notFailed({ id: 7n, status: '' }).key && error.rows?.[0].field === 'period');
  assert.equal(failed.error, `job 7 is ${render(jobStatusSaid('queued'), 'en')}: only a failed job can be retried: period: ${render(fieldRules.required(), 'en')}`);
  const east = await signIn(server.app, 'op.east', USER_PASSWORD);
  const chinese = await east.json('GET', `/api/jobs/${job.id}`, undefined, { 'accept-language': 'zh-CN' });
  assert.equal(chinese.body.error, `作业 7 的状态为“${render(jobStatusSaid('queued'), 'zh-CN')}”：只有失败的作业可以重试: period: ${render(fieldRules.required(), 'zh-CN')}`);
  assert.equal((await east.json('GET', `/api/jobs/${job.id}`)).body.error, failed.error, 'English without Accept-Language');
  const listed = await east.json('GET', '/api/jobs?kind=test.refusing', undefined, { 'accept-language': 'zh-CN' });
  assert.equal(listed.body.items[0].error, chinese.body.error);
  // retried, the job keeps no error in any language
  assert.equal((await east.json('POST', `/api/jobs/${job.id}/retry`)).status, 202);
  const { rows: [kept] } = await server.test.owner.query('select error, refusal from job where id = $1', [String(job.id)]);
  assert.deepEqual(kept, { error: null, refusal: null });
});

test('GET /api/jobs lists the jobs of the user\'s scope with their progress', { skip }, async () => {
  const west = await operatorActor('op.west');
  await create(west, 'D/990103', '990103', 2);
  const city = await addUser(server, 'rv.city', 'reviewer', '990100');
  const westClient = await signIn(server.app, 'op.west', USER_PASSWORD);
  const all = await city.json('GET', '/api/jobs?kind=test.counting');
  assert.equal(all.status, 200);
  assert.deepEqual(all.body.items.map((j: { key: string }) => j.key), ['D/990103', 'C/990102', 'B/990102', 'A/990102']);
  assert.deepEqual([all.body.total, all.body.totalCapped, all.body.nextCursor], [4, false, null]);
  // by cursor, two at a time: the same four, each once
  const first = await city.json('GET', '/api/jobs?kind=test.counting&limit=2');
  const second = await city.json('GET', `/api/jobs?kind=test.counting&limit=2&after=${first.body.nextCursor}`);
  assert.deepEqual([...first.body.items, ...second.body.items].map((j: { key: string }) => j.key), ['D/990103', 'C/990102', 'B/990102', 'A/990102']);
  assert.deepEqual([first.body.total, second.body.total, second.body.nextCursor], [4, 4, null]);
  // the file holds every job of the list, the kind and status by name
  const csv = (await city.request('GET', '/api/jobs?kind=test.counting&format=csv')).body.split('\r\n').filter(Boolean);
  assert.equal(csv.length - 1, all.body.total);
  assert.equal(csv[0], '\uFEFF作业编号,作业类型,作业范围,行政区划代码,状态,已完成分块,分块数,发起人,创建时间,结束时间,执行次数,错误');
  assert.match(csv[1], /^\d+,计数测试,D\/990103,990103,排队中,0,2,op\.west,/);
  const own = await westClient.json('GET', '/api/jobs');
  assert.deepEqual(own.body.items.map((j: { key: string; progress: unknown }) => [j.key, j.progress]), [['D/990103', { done: 0, total: 2 }]]);
  assert.equal((await westClient.json('GET', '/api/jobs?status=bogus')).status, 400);
  assert.equal((await westClient.json('GET', '/api/jobs?kind=DROP TABLE')).status, 400);
});

test('a job of the province is seen, with its progress, from a county below it, but not retried there; a sibling does not see it', { skip }, async () => {
  const province = await addUser(server, 'op.province', 'operator', '990000');
  const provinceActor = await operatorActor('op.province');
  failOnce.add('F/990000');
  const { job } = await create(provinceActor, 'F/990000', '990000', 3);
  assert.equal((await runOrAttach(server.test.database, provinceActor, job.id, { owner: RUNNER })).status, 'failed');
  const west = await signIn(server.app, 'op.west', USER_PASSWORD);
  const seen = await west.json('GET', `/api/jobs/${job.id}`);
  assert.equal(seen.status, 200);
  assert.deepEqual([seen.body.key, seen.body.status, seen.body.progress.total], ['F/990000', 'failed', 3]);
  assert.ok(seen.body.progress.done >= 1, 'the chunks done are counted from below too');
  const refused = await west.json('POST', `/api/jobs/${job.id}/retry`);
  assert.equal(refused.status, 403);
  assert.match(refused.body.error.message, /above your scope/);
  // another province's staff do not see it at all
  await server.test.database.db.insertInto('region').values({ code: '980000', name: '邻省', level: 'province', parent_code: null }).execute();
  const neighbour = await addUser(server, 'op.neighbour', 'operator', '980000');
  assert.equal((await neighbour.json('GET', `/api/jobs/${job.id}`)).status, 404);
  const retried = await province.json('POST', `/api/jobs/${job.id}/retry`);
  assert.equal(retried.status, 202);
  let view = retried.body;
  for (let i = 0; i < 100 && view.status !== 'completed'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    view = (await west.json('GET', `/api/jobs/${job.id}`)).body;
  }
  assert.deepEqual([view.status, view.progress.done], ['completed', 3], 'followed from the county to the end');
});

test('sifund jobs list|show --format json', { skip }, async () => {
  const listed = await sifund('jobs', 'list', '--kind', 'test.counting', '--format', 'json');
  assert.equal(listed.code, 0);
  const items = JSON.parse(listed.stdout);
  assert.deepEqual(Object.keys(items[0]).sort(), ['createdAt', 'error', 'finishedAt', 'id', 'key', 'kind', 'progress', 'startedAt', 'startedBy', 'status']);
  assert.deepEqual(items.map((j: { key: string; status: string }) => `${j.key} ${j.status}`), ['F/990000 completed', 'D/990103 queued', 'C/990102 completed', 'B/990102 completed', 'A/990102 completed']);
  const shown = JSON.parse((await sifund('jobs', 'show', '--id', items[2].id, '--format', 'json')).stdout);
  assert.deepEqual(shown.result, { label: 'C/990102', chunks: 4 });
  assert.equal((await sifund('jobs', 'show', '--id', 'x1', '--format', 'json')).code, 1);
  assert.equal((await sifund('jobs', 'list', '--status', 'done')).code, 1);
});

test('a job queued by a request is resumed by the server\'s worker by itself', { skip }, async () => {
  const actor = systemActor('test', ['jobs.read']);
  const { job } = await create(await operatorActor('op.west'), 'E/990103', '990103', 3, { leaveToServer: true });
  await server.app.jobs.nudge();
  let view = await getJob(server.test.database, actor, job.id);
  for (let i = 0; i < 100 && view.status !== 'completed'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    view = await getJob(server.test.database, actor, job.id);
  }
  assert.equal(view.status, 'completed');
  assert.deepEqual((await work()).filter((w) => w.startsWith('E/')), ['E/990103#1', 'E/990103#2', 'E/990103#3']);
});
