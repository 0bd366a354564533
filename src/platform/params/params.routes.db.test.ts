import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, addUser, type TestServer } from '../testing/http.ts';
import { paramsRoutes } from './params.routes.ts';

// The full server: sign-in required, the real error mapping. Needs `npm test` (a test PostgreSQL).
const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs SIFUND_TEST_DATABASE_URL: run through npm test';
let server: TestServer;
before(async () => { if (!skip) server = await startTestServer([paramsRoutes]); });
after(async () => { await server?.close(); });

test('parameters need a signed-in user, any role may read them', { skip }, async () => {
  const anonymous = await server.app.inject({ method: 'GET', url: '/api/params?path=contribution.pension.employer_rate&date=2024-01-01' });
  assert.equal(anonymous.statusCode, 401);
  const auditor = await addUser(server, 'au.params', 'auditor', '990102');
  const found = await auditor.json('GET', '/api/params?path=contribution.medical.employer_rate&date=2024-01-01&region=990102');
  assert.equal(found.status, 200);
  assert.deepEqual([found.body.value, found.body.region], ['0.09', '990000']);
});

test('bad input through the real server: 400 naming the field, 404 for an unknown path', { skip }, async () => {
  const badDate = await server.admin.json('GET', '/api/params?path=contribution.pension.employer_rate&date=2024-02-30');
  assert.equal(badDate.status, 400);
  assert.equal(badDate.body.error.field, 'date');
  const badPattern = await server.admin.json('GET', '/api/params?path=contribution.pension.employer_rate&date=30.02.2024');
  assert.equal(badPattern.status, 400);
  assert.equal(badPattern.body.error.field, 'date');
  const unknown = await server.admin.json('GET', '/api/params?path=no.such.thing&date=2024-01-01');
  assert.equal(unknown.status, 404);
  const list = await server.admin.json('GET', '/api/params/list?date=2024-01-01');
  assert.equal(list.status, 200);
  assert.ok(list.body.items.length >= 30);
});
