/**
 * Work that crosses the pooling structure keeps the real user: a county operator's billing run and payment book
 * pension into the province's fund (outside the county's data scope), and the audit trail names that operator, their
 * role and id, and the widened scope with its reason — never an anonymous administrator.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { routePlugins } from '../../app.ts';
import { addUser, startTestServer, type Client, type TestServer } from '../../platform/testing/http.ts';
import { EMPLOYER_A, seedCollection } from './payments/payments.testing.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
let server: TestServer;
let operator: Client;

before(async () => {
  if (skip) return;
  server = await startTestServer(routePlugins);
  await seedCollection(server.test.database);
  operator = await addUser(server, 'op.cross', 'operator', '990102');
});
after(() => server?.close());

interface AuditRow { action: string; actor_id: string | null; actor_username: string; actor_role: string; scope_widened: string | null }
const auditOf = async (prefix: string) => (await sql<AuditRow>`select action, actor_id::text, actor_username, actor_role, scope_widened from audit_log
  where action like ${`${prefix}%`} order by id`.execute(server.test.database.db)).rows;

test('a county operator\'s billing run and payment (the payment posting into the province fund) are audited under their own name', { skip }, async () => {
  const userId = (await server.test.database.db.selectFrom('app_user').select('id').where('username', '=', 'op.cross').executeTakeFirstOrThrow()).id.toString();
  const started = await operator.json('POST', '/api/billing/runs', { period: '2026-01' });
  assert.equal(started.status, 202, JSON.stringify(started.body));
  let run = started.body;
  for (let i = 0; i < 200 && run.status !== 'completed'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    run = (await operator.json('GET', `/api/jobs/${started.body.id}`)).body;
  }
  assert.equal(run.status, 'completed', JSON.stringify(run));

  const bills = (await operator.json('GET', `/api/bills?period=2026-01&employer=${EMPLOYER_A}`)).body.bills;
  const paid = await operator.json('POST', '/api/payments', { creditCode: EMPLOYER_A, date: '2026-02-10', amount: bills[0].total, reference: bills[0].number });
  assert.equal(paid.status, 201, JSON.stringify(paid.body));
  // cash basis: the run booked nothing; the county operator's payment booked into the province pension fund
  const entries = async (source: string) => Number((await sql<{ n: string }>`select count(*) as n from accounting_entry e join fund f on f.id = e.fund_id
    where f.code = 'pension-990000' and e.source_type = ${source}`.execute(server.test.database.db)).rows[0].n);
  assert.deepEqual([await entries('billing_run'), await entries('payment')], [0, 1]);

  // The server's job worker billed it, as the operator who started the job (never as a system or borrowed identity).
  const records = [...await auditOf('job.create'), ...await auditOf('billing.run'), ...await auditOf('payment.record')];
  assert.deepEqual(records.map((r) => r.action), ['job.create', 'billing.run.complete', 'payment.record']);
  for (const record of records) {
    assert.equal(record.actor_username, 'op.cross', record.action);
    assert.equal(record.actor_role, 'operator', record.action);
    assert.equal(record.actor_id, userId, record.action);
    assert.match(record.scope_widened ?? '', /^990000: .*统筹/, `${record.action} records the widened scope and why`);
  }
  assert.equal((await auditOf('')).filter((r) => r.actor_role === 'admin' && /^(billing|payment)/.test(r.action)).length, 0, 'nothing of it under an administrator');
});
