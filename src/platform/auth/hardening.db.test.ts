/** Sign-in and session hardening: atomic lockout, throttles in PostgreSQL, password change and reset, idle timeout, headers. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { startTestServer, addUser, signIn, ADMIN_PASSWORD, USER_PASSWORD, type TestServer } from '../testing/http.ts';
import { buildServer } from '../http/server.ts';
import { loadConfig } from '../config.ts';
import { MAX_FAILED_LOGINS, SESSION_IDLE_MINUTES } from './auth.service.ts';
import { THROTTLE_LIMITS, THROTTLE_WINDOW_MINUTES } from './throttle.ts';

let server: TestServer;
before(async () => { server = await startTestServer([]); });
after(() => server.close());

/** A sign-in from a given client address (each test uses its own, so the address throttle of one does not reach another). */
const login = (username: string, password: string, remoteAddress = '127.0.0.1') =>
  server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });
const sessionCookie = (response: { cookies: { name: string; value: string }[] }) => `sifund_session=${response.cookies.find((c) => c.name === 'sifund_session')!.value}`;
const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');
const query = async <T = any>(text: string, values: unknown[] = []) => (await server.test.database.pool.query(text, values)).rows as T[];
/**
 * The throttle counts in fixed windows (date_bin from 2000-01-01 UTC: :00, :15, :30, :45). A test whose attempts must
 * fall in one window starts after the window's last minute rather than in it: once, under load, the sequence below
 * crossed a boundary and its last attempt was the first of a new window (401 where 429 was due).
 */
async function awayFromWindowEnd() {
  const windowMs = THROTTLE_WINDOW_MINUTES * 60_000;
  const left = windowMs - (Date.now() % windowMs);
  if (left < 60_000) await new Promise((resolve) => setTimeout(resolve, left + 1_000));
}
const auditActions = async (username: string) => (await query<{ action: string }>('select action from audit_log where actor_username = $1 order by id', [username])).map((r) => r.action);

test('concurrent wrong passwords lock the account exactly once: the failure count is atomic', async () => {
  await addUser(server, 'op.atomic', 'operator', '990102');
  // Fewer than the account throttle allows, so only the lockout answers.
  const answers = await Promise.all(Array.from({ length: 8 }, () => login('op.atomic', 'wrong-password-1', '10.1.0.1')));
  const statuses = answers.map((a) => a.statusCode).sort();
  assert.deepEqual(statuses, [...Array(MAX_FAILED_LOGINS).fill(401), ...Array(8 - MAX_FAILED_LOGINS).fill(423)]);
  const [row] = await query<{ locked: boolean; failed_login_count: number }>(`select locked_until > now() as locked, failed_login_count from app_user where username = 'op.atomic'`);
  assert.equal(row.locked, true);
  const right = await login('op.atomic', USER_PASSWORD, '10.1.0.1');
  assert.equal(right.statusCode, 423);
  assert.deepEqual(await auditActions('op.atomic'), ['auth.login', ...Array(MAX_FAILED_LOGINS - 1).fill('auth.login_failed'), 'auth.lockout']);
});

test('24 wrong passwords sent 8 at a time: the right password is refused (423 or 429) afterwards', async () => {
  await addUser(server, 'op.race', 'operator', '990102');
  await awayFromWindowEnd();
  for (let wave = 0; wave < 3; wave++) {
    const answers = await Promise.all(Array.from({ length: 8 }, () => login('op.race', 'wrong-password-1', '10.1.0.2')));
    for (const answer of answers) assert.ok([401, 423, 429].includes(answer.statusCode), `wrong password answered ${answer.statusCode}`);
  }
  const right = await login('op.race', USER_PASSWORD, '10.1.0.2');
  assert.ok([423, 429].includes(right.statusCode), `right password after 24 failures answered ${right.statusCode}`);
  // Also alone, from another address: the account is locked.
  assert.equal((await login('op.race', USER_PASSWORD, '10.1.0.3')).statusCode, 429, 'the account throttle counts every address');
});

test('the address throttle answers 429 under concurrency, and a success does not reset it', { timeout: 180_000 }, async () => {
  await awayFromWindowEnd();
  const ip = '10.2.0.1';
  // 40 concurrent failures for unknown names (the account throttle never applies): the ones past the limit get 429.
  const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => login(`ghost.${i}`, 'wrong-password-1', ip)));
  const throttled = answers.filter((a) => a.statusCode === 429);
  assert.equal(throttled.length, 40 - THROTTLE_LIMITS.ip);
  assert.equal(JSON.parse(throttled[0].body).error.code, 'throttled');
  assert.equal((await login('admin', ADMIN_PASSWORD, ip)).statusCode, 429, 'even the right password from that address');

  // Just under the limit, a success from the same address leaves the count where it was.
  await awayFromWindowEnd();
  const other = '10.2.0.2';
  for (let i = 0; i < THROTTLE_LIMITS.ip - 1; i++) assert.equal((await login(`nobody.${i}`, 'wrong-password-1', other)).statusCode, 401);
  assert.equal((await login('admin', ADMIN_PASSWORD, other)).statusCode, 200);
  assert.equal((await login('nobody.x', 'wrong-password-1', other)).statusCode, 401);
  assert.equal((await login('nobody.y', 'wrong-password-1', other)).statusCode, 429);
  const [count] = await query<{ count: number }>(`select count from login_throttle where key = $1`, [`ip:${other}`]);
  assert.equal(count.count, THROTTLE_LIMITS.ip + 1);
});

test('password change: the current password must be right, the new one strong; other sessions end', async () => {
  const client = await addUser(server, 'op.change', 'operator', '990102');
  const second = await signIn(server.app, 'op.change', USER_PASSWORD);
  const wrong = await client.json('POST', '/api/auth/password', { currentPassword: 'not-my-password-1', newPassword: 'Kx7-river-Lamp-93' });
  assert.equal(wrong.status, 400);
  assert.equal(wrong.body.error.field, 'currentPassword');
  for (const weak of ['password123', 'Password12', 'op.change-2026-Kx7', 'short']) {
    const answer = await client.json('POST', '/api/auth/password', { currentPassword: USER_PASSWORD, newPassword: weak });
    assert.equal(answer.status, 400, weak);
    assert.equal(answer.body.error.field, 'newPassword');
    assert.match(answer.body.error.message, /^new password: (must|too weak)/, weak);
  }
  assert.equal((await client.json('POST', '/api/auth/password', { currentPassword: USER_PASSWORD, newPassword: USER_PASSWORD })).status, 400);
  const changed = await client.json('POST', '/api/auth/password', { currentPassword: USER_PASSWORD, newPassword: 'Kx7-river-Lamp-93' });
  assert.equal(changed.status, 200);
  assert.equal((await client.json('GET', '/api/auth/me')).status, 200, 'this session stays');
  assert.equal((await second.json('GET', '/api/auth/me')).status, 401, 'the other session ended');
  assert.equal((await login('op.change', USER_PASSWORD)).statusCode, 401);
  assert.equal((await login('op.change', 'Kx7-river-Lamp-93')).statusCode, 200);
  assert.ok((await auditActions('op.change')).includes('auth.password_change'));
});

test('an administrator reset forces a password change before anything else', async () => {
  const operator = await addUser(server, 'op.reset', 'operator', '990102');
  const id = (await operator.json('GET', '/api/auth/me')).body.id;
  assert.equal((await operator.json('POST', `/api/users/${id}/password`, {})).status, 403, 'only with user.manage');
  assert.equal((await server.admin.json('POST', `/api/users/${id}/password`, { password: 'password123' })).status, 400);
  const reset = await server.admin.json('POST', `/api/users/${id}/password`, {});
  assert.equal(reset.status, 200);
  assert.equal(reset.body.user.mustChangePassword, true);
  assert.match(reset.body.generatedPassword, /.{10,}/);
  assert.equal((await operator.json('GET', '/api/auth/me')).status, 401, 'the sessions of a reset user end');

  const client = await signIn(server.app, 'op.reset', reset.body.generatedPassword);
  const me = await client.json('GET', '/api/auth/me');
  assert.equal(me.body.mustChangePassword, true);
  const blocked = await client.json('GET', '/api/audit');
  assert.equal(blocked.status, 403);
  assert.equal(blocked.body.error.code, 'password_change_required');
  const changed = await client.json('POST', '/api/auth/password', { currentPassword: reset.body.generatedPassword, newPassword: 'Kx7-river-Lamp-93' });
  assert.equal(changed.status, 200);
  assert.equal((await client.json('GET', '/api/auth/me')).body.mustChangePassword, false);
  const security = await addUser(server, 'sa.names', 'security_auditor', '990000');
  const signIns = await security.json('GET', '/api/audit/sign-ins?actor=op.reset');
  const change = signIns.body.items.find((record: { action: string }) => record.action === 'auth.password_change');
  assert.deepEqual([change?.actorUsername, change?.actorName], ['op.reset', 'op.reset'], 'the trail names the actor by display name as well as login');
  const resetRecord = (await client.json('GET', '/api/audit?action=user.password_reset')).body.items[0];
  assert.deepEqual([resetRecord?.actorUsername, resetRecord?.actorName], ['admin', null], 'a user outside the viewer\'s scope stays a login name');
  const admin = await server.admin.json('GET', '/api/auth/me');
  assert.equal((await server.admin.json('POST', `/api/users/${admin.body.id}/password`, {})).status, 400, 'not one\'s own: that is a change');
});

test('/api/auth/me lists the permissions', async () => {
  const me = await server.admin.json('GET', '/api/auth/me');
  assert.ok(me.body.permissions.includes('user.manage'));
  assert.equal(me.body.mustChangePassword, false);
  const operator = await addUser(server, 'op.perms', 'operator', '990102');
  const mine = (await operator.json('GET', '/api/auth/me')).body.permissions as string[];
  assert.ok(mine.includes('registry.read') && !mine.includes('user.manage'));
});

test('a session ends after the idle timeout; last_seen_at is written at most once a minute; expired sessions are deleted', async () => {
  await addUser(server, 'op.idle', 'operator', '990102');
  const response = await login('op.idle', USER_PASSWORD);
  const cookie = sessionCookie(response);
  const me = () => server.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
  const userId = JSON.parse(response.body).user.id;
  await query(`delete from user_session where user_id = $1 and token_hash <> $2`, [userId, sha256(cookie.split('=')[1])]);
  const lastSeen = async () => (await query<{ age: number }>(`select extract(epoch from now() - last_seen_at)::float8 as age from user_session where user_id = $1`, [userId]))[0]?.age;

  await query(`update user_session set last_seen_at = now() - interval '30 seconds' where user_id = $1`, [userId]);
  assert.equal((await me()).statusCode, 200);
  assert.ok((await lastSeen())! >= 29, 'not rewritten within the minute');
  await query(`update user_session set last_seen_at = now() - interval '5 minutes' where user_id = $1`, [userId]);
  assert.equal((await me()).statusCode, 200);
  assert.ok((await lastSeen())! < 5, 'moved forward after a minute');

  await query(`update user_session set last_seen_at = now() - make_interval(mins => $2) where user_id = $1`, [userId, SESSION_IDLE_MINUTES + 1]);
  assert.equal((await me()).statusCode, 401);
  assert.equal((await login('op.idle', USER_PASSWORD)).statusCode, 200);
  const rows = await query<{ n: number }>(`select count(*)::int as n from user_session where user_id = $1`, [userId]);
  assert.equal(rows[0].n, 1, 'the idle session was deleted at the next sign-in');
});

test('security headers on the UI, a 404, the API and the API docs', async () => {
  for (const url of ['/', '/no/such/page.js', '/api/health', '/api/docs/']) {
    const response = await server.app.inject({ method: 'GET', url });
    assert.ok(response.statusCode < 500, `${url}: ${response.statusCode}`);
    assert.equal(response.headers['x-content-type-options'], 'nosniff', url);
    assert.equal(response.headers['x-frame-options'], 'DENY', url);
    const csp = String(response.headers['content-security-policy']);
    assert.match(csp, /frame-ancestors 'none'/, url);
    assert.match(csp, /script-src 'self'/, url);
    assert.match(csp, /style-src 'self' 'unsafe-inline'/, url);
  }
});

test('a malformed Origin header is refused with 403, not a 500', async () => {
  const cookie = sessionCookie(await login('admin', ADMIN_PASSWORD));
  for (const origin of ['garbage', 'http://', 'foo:bar']) {
    const response = await server.app.inject({ method: 'POST', url: '/api/users', headers: { cookie, origin, 'content-type': 'application/json' }, payload: '{}' });
    assert.equal(response.statusCode, 403, origin);
    assert.equal(JSON.parse(response.body).error.code, 'csrf');
  }
  const same = await server.app.inject({ method: 'POST', url: '/api/users', headers: { cookie, origin: 'http://sifund.example:8080', host: 'sifund.example:8080', 'content-type': 'application/json' }, payload: '{}' });
  assert.equal(same.statusCode, 400, 'the same origin reaches validation');
});

test('the session cookie is Secure behind a trusted TLS proxy, and only then', async () => {
  const proxied = await buildServer({ ...loadConfig(), logLevel: 'silent', trustProxy: ['127.0.0.1'] }, server.test.database);
  const direct = await buildServer({ ...loadConfig(), logLevel: 'silent', trustProxy: false }, server.test.database);
  try {
    const headers = { 'x-forwarded-proto': 'https', 'x-forwarded-for': '10.3.0.1' };
    const viaProxy = await proxied.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: ADMIN_PASSWORD }, headers });
    assert.equal(viaProxy.statusCode, 200);
    assert.equal(viaProxy.cookies.find((c) => c.name === 'sifund_session')!.secure, true);
    const spoofed = await direct.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: ADMIN_PASSWORD }, headers });
    assert.equal(spoofed.statusCode, 200);
    assert.equal(spoofed.cookies.find((c) => c.name === 'sifund_session')!.secure, undefined, 'an untrusted X-Forwarded-Proto is ignored');
    // The throttle counts the client behind the trusted proxy, not the proxy.
    await proxied.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody.proxy', password: 'wrong-password-1' }, headers });
    assert.equal((await query(`select 1 from login_throttle where key = 'ip:10.3.0.1'`)).length, 1);
  } finally {
    await proxied.close();
    await direct.close();
  }
});

test('createUser: an employer or person account must be bound to an existing record in its region', async () => {
  await query(`insert into employer (id, credit_code, name, region_code) values (900001, '91990102TEST00001X', '东城测试单位', '990102')`);
  await query(`insert into person (id, id_number, name, gender, birth_date, region_code) values (900002, '990102199001011234', '张三', 'M', '1990-01-01', '990102')`);
  const create = (body: object) => server.admin.json('POST', '/api/users', { displayName: 'x', password: 'Kx7-river-Lamp-93', ...body });
  const missing = await create({ username: 'emp.missing', role: 'employer', regionCode: '990102', employerId: '123' });
  assert.equal(missing.status, 400);
  assert.equal(missing.body.error.field, 'employerId');
  const outside = await create({ username: 'emp.outside', role: 'employer', regionCode: '990103', employerId: '900001' });
  assert.equal(outside.status, 400);
  assert.equal(outside.body.error.field, 'employerId');
  assert.match(outside.body.error.message, /990102/);
  const personMissing = await create({ username: 'per.missing', role: 'person', regionCode: '990102', personId: '9' });
  assert.equal(personMissing.body.error.field, 'personId');
  const personOutside = await create({ username: 'per.outside', role: 'person', regionCode: '990103', personId: '900002' });
  assert.equal(personOutside.status, 400);
  assert.equal(personOutside.body.error.field, 'personId');
  const stray = await create({ username: 'op.stray', role: 'operator', regionCode: '990102', personId: '900002' });
  assert.equal(stray.body.error.field, 'personId');
  assert.equal((await create({ username: 'emp.ok', role: 'employer', regionCode: '990100', employerId: '900001' })).status, 201, 'a city account may bind a county employer');
  assert.equal((await create({ username: 'per.ok', role: 'person', regionCode: '990102', personId: '900002' })).status, 201);
});
