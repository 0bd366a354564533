import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, addUser, signIn, ADMIN_PASSWORD, USER_PASSWORD, type TestServer } from '../testing/http.ts';
import { MAX_FAILED_LOGINS } from './auth.service.ts';

let server: TestServer;
before(async () => { server = await startTestServer([]); });
after(() => server.close());

const login = (username: string, password: string) =>
  server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

test('sign-in sets an HttpOnly SameSite=Strict session cookie and a readable CSRF cookie', async () => {
  const response = await login('admin', ADMIN_PASSWORD);
  assert.equal(response.statusCode, 200);
  const session = response.cookies.find((c) => c.name === 'sifund_session')!;
  const csrf = response.cookies.find((c) => c.name === 'sifund_csrf')!;
  assert.equal(session.httpOnly, true);
  assert.equal(session.sameSite, 'Strict');
  assert.equal(csrf.httpOnly, undefined);
  assert.equal(JSON.parse(response.body).csrfToken, csrf.value);
  const me = await server.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `sifund_session=${session.value}` } });
  assert.equal(JSON.parse(me.body).username, 'admin');
  assert.equal(JSON.parse(me.body).role, 'admin');
});

test('wrong password is 401; repeated failures lock the account even for the right password', async () => {
  await addUser(server, 'op.lock', 'operator', '990102');
  for (let i = 0; i < MAX_FAILED_LOGINS - 1; i++) assert.equal((await login('op.lock', 'wrong-password-1')).statusCode, 401);
  assert.equal((await login('op.lock', 'wrong-password-1')).statusCode, 401);
  const locked = await login('op.lock', USER_PASSWORD);
  assert.equal(locked.statusCode, 423);
  assert.equal(JSON.parse(locked.body).error.code, 'locked');
  const audit = await server.test.database.pool.query(`select action from audit_log where actor_username = 'op.lock' order by id`);
  assert.deepEqual(audit.rows.map((r) => r.action), ['auth.login', ...Array(MAX_FAILED_LOGINS - 1).fill('auth.login_failed'), 'auth.lockout']);
});

test('a CSRF token from the cookie but not matching the session is refused; logout ends the session', async () => {
  const client = await addUser(server, 'op.csrf', 'operator', '990102');
  const response = await login('op.csrf', USER_PASSWORD);
  const session = response.cookies.find((c) => c.name === 'sifund_session')!.value;
  const forged = await server.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: `sifund_session=${session}; sifund_csrf=forged`, 'x-csrf-token': 'forged' } });
  assert.equal(forged.statusCode, 403);
  assert.equal(JSON.parse(forged.body).error.code, 'csrf');
  assert.equal((await client.json('POST', '/api/auth/logout')).status, 200);
  assert.equal((await client.json('GET', '/api/auth/me')).status, 401);
});

test('users: only the administrator creates them; weak passwords and duplicate names refused; disabled users cannot sign in', async () => {
  const operator = await addUser(server, 'op.users', 'operator', '990102');
  assert.equal((await operator.json('POST', '/api/users', { username: 'x.new', displayName: 'x', role: 'operator', regionCode: '990102' })).status, 403);
  const weak = await server.admin.json('POST', '/api/users', { username: 'op.weak', displayName: '弱', role: 'operator', regionCode: '990102', password: 'short' });
  assert.equal(weak.status, 400);
  assert.equal(weak.body.error.field, 'password');
  const noRegion = await server.admin.json('POST', '/api/users', { username: 'op.noregion', displayName: '无', role: 'operator' });
  assert.equal(noRegion.body.error.field, 'regionCode');
  const created = await server.admin.json('POST', '/api/users', { username: 'op.new', displayName: '新', role: 'operator', regionCode: '990103' });
  assert.equal(created.status, 201);
  assert.match(created.body.generatedPassword, /.{10,}/);
  assert.equal((await server.admin.json('POST', '/api/users', { username: 'op.new', displayName: '新', role: 'operator', regionCode: '990103' })).status, 409);
  const client = await signIn(server.app, 'op.new', created.body.generatedPassword);
  assert.equal((await client.json('GET', '/api/auth/me')).body.regionCode, '990103');
  assert.equal((await server.admin.json('POST', `/api/users/${created.body.user.id}/status`, { status: 'disabled' })).status, 200);
  assert.equal((await client.json('GET', '/api/auth/me')).status, 401);
  assert.equal((await login('op.new', created.body.generatedPassword)).statusCode, 401);
});

test('CSRF: JSON without a token passes, a form-like body without one and a foreign Origin are refused', async () => {
  const response = await login('admin', ADMIN_PASSWORD);
  const session = response.cookies.find((c) => c.name === 'sifund_session')!.value;
  const cookie = `sifund_session=${session}`;
  const json = await server.app.inject({ method: 'POST', url: '/api/users', headers: { cookie, 'content-type': 'application/json' }, payload: JSON.stringify({ username: 'x', displayName: 'x', role: 'operator' }) });
  assert.equal(json.statusCode, 400, 'reaches validation: no CSRF refusal for JSON');
  const form = await server.app.inject({ method: 'POST', url: '/api/users', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'username=x' });
  assert.equal(form.statusCode, 403);
  assert.equal(JSON.parse(form.body).error.code, 'csrf');
  const foreign = await server.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, origin: 'https://evil.example', 'content-type': 'application/json' }, payload: '{}' });
  assert.equal(foreign.statusCode, 403);
});
