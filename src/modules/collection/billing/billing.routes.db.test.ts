import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, addUser, type TestServer, type Client } from '../../../platform/testing/http.ts';
import { generateDemo } from '../../registry/demo/demo.service.ts';
import { collectionRoutes } from '../collection.routes.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
const PERIOD = '2026-05';

let server: TestServer;
let operator: Client;

before(async () => {
  if (skip) return;
  server = await startTestServer([collectionRoutes]);
  await generateDemo(server.test.database, { persons: 1500, employers: 60, years: 1, seed: 3, password: 'demo-pass-2024', endMonth: PERIOD });
  operator = await addUser(server, 'op.city', 'operator', '990100');
});
after(() => server?.close());

const waitForRun = async (client: Client, id: string) => {
  for (let i = 0; i < 300; i++) {
    const run = await client.json('GET', `/api/jobs/${id}`);
    if (run.body.status === 'completed' || run.body.status === 'failed') return run.body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('billing run did not complete');
};

test('an operator starts a run (202), the server works the job to the end, and the summary reads it', { skip }, async () => {
  const started = await operator.json('POST', '/api/billing/runs', { period: PERIOD });
  assert.equal(started.status, 202);
  assert.equal(started.body.kind, 'billing.run');
  assert.equal(started.body.key, `${PERIOD}/990100`);
  assert.equal(started.body.regionCode, '990100'); // the operator's own region
  assert.equal(started.body.startedBy, 'op.city');
  const run = await waitForRun(operator, started.body.id);
  assert.equal(run.status, 'completed');
  assert.ok(run.progress.total > 0);
  assert.equal(run.progress.done, run.progress.total);
  const summary = await operator.json('GET', `/api/billing/summary?period=${PERIOD}`);
  assert.equal(summary.status, 200);
  assert.ok(summary.body.employers > 10 && summary.body.lines >= summary.body.persons * 4, JSON.stringify(summary.body));
  const listed = await operator.json('GET', '/api/jobs?kind=billing.run');
  assert.deepEqual(listed.body.items.map((r: { id: string }) => r.id), [started.body.id]);
  assert.equal(listed.body.total, 1);
  // starting the same period again returns the same, completed run
  const again = await operator.json('POST', '/api/billing/runs', { period: PERIOD });
  assert.equal(again.body.id, started.body.id);
  assert.equal(again.body.status, 'completed');
});

test('an employer account sees its own bills only: another employer\'s bill is 404', { skip }, async () => {
  const { body } = await operator.json('GET', `/api/bills?period=${PERIOD}&limit=2&lines=false`);
  assert.equal(body.items.length, 2);
  const [own, other] = body.items;
  assert.equal(own.lines, undefined);
  const employer = await addUser(server, 'hr.first', 'employer', own.regionCode, { employerId: BigInt(own.employerId) });
  const mine = await employer.json('GET', `/api/bills?period=${PERIOD}`);
  assert.deepEqual(mine.body.items.map((b: { number: string }) => b.number), [own.number]);
  assert.equal(mine.body.items[0].lines.length, own.lineCount);
  const sum = mine.body.items[0].items.reduce((s: number, i: { total: string }) => s + Math.round(Number(i.total) * 100), 0);
  assert.equal(sum, Math.round(Number(own.total) * 100));
  const fundNames = await server.test.database.pool.query<{ code: string; name: string }>('select code, name from fund');
  const nameOf = new Map(fundNames.rows.map((fund) => [fund.code, fund.name]));
  for (const item of mine.body.items[0].items as { fund: string; fundName: string }[]) assert.equal(item.fundName, nameOf.get(item.fund), `the fund ${item.fund} by its name`);
  assert.equal((await employer.json('GET', `/api/bills/${own.number}`)).status, 200);
  const foreign = await employer.json('GET', `/api/bills/${other.number}`);
  assert.equal(foreign.status, 404);
  const filtered = await employer.json('GET', `/api/bills?employer=${other.creditCode}`);
  assert.deepEqual(filtered.body.items, []);
  assert.equal((await employer.json('POST', '/api/billing/runs', { period: PERIOD })).status, 403);
});

test('the bill list answers how many bills match (total), beyond the page it holds', { skip }, async () => {
  const billsOfPeriod = Number((await server.test.database.db.selectFrom('bill').where('period', '=', PERIOD).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const page = await operator.json('GET', `/api/bills?period=${PERIOD}&limit=2&offset=1&lines=false`);
  assert.deepEqual([page.body.items.length, page.body.total, page.body.totalCapped], [2, billsOfPeriod, false]);
  assert.ok(billsOfPeriod > 2, 'more bills than the page holds');
  const [first] = page.body.items;
  const ofOne = await operator.json('GET', `/api/bills?period=${PERIOD}&employer=${first.creditCode}&lines=false`);
  assert.deepEqual([ofOne.body.total, ofOne.body.items.length], [1, 1]);
  const none = await operator.json('GET', '/api/bills?period=2020-01');
  assert.deepEqual([none.body.items, none.body.total, none.body.totalCapped], [[], 0, false]);
});

test('roles and bad input: auditors read but do not bill; a bad period names the field', { skip }, async () => {
  const auditor = await addUser(server, 'audit.city', 'auditor', '990100');
  assert.equal((await auditor.json('POST', '/api/billing/runs', { period: PERIOD })).status, 403);
  assert.equal((await auditor.json('GET', `/api/billing/summary?period=${PERIOD}`)).status, 200);
  const bad = await operator.json('POST', '/api/billing/runs', { period: '2026-5' });
  assert.equal(bad.status, 400);
  assert.match(JSON.stringify(bad.body), /period/);
  const badLimit = await operator.json('GET', '/api/bills?limit=5000');
  assert.equal(badLimit.status, 400);
  assert.equal((await operator.json('GET', '/api/bills/NOPE')).status, 404);
  assert.equal((await operator.json('POST', '/api/billing/reassessments', { creditCode: '91990100MA00000000', period: PERIOD })).status, 404);
});

test('a NUL byte in a query is a 400, not a 500 (PostgreSQL refuses it in text)', { skip }, async () => {
  const response = await operator.json('GET', '/api/bills?employer=%00');
  assert.equal(response.status, 400);
  assert.equal(response.body.error.code, 'invalid');
});
