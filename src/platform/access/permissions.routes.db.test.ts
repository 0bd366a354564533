/**
 * Who may do what, checked on every route of the composed application: every /api route declares a permission,
 * and for every role a request to a route is refused with 403 naming the permission exactly when the role does not
 * hold it (so the administrator is refused every business action, and the security auditor everything but the
 * audit trail). The matrix in permissions.ts is the single source; this test reads it, it does not repeat it.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { routePlugins } from '../../app.ts';
import { declaredPermissions } from '../http/server.ts';
import { roles, type UserRole } from '../actor.ts';
import { can, canAny, permissionMatrix, type Permission } from './permissions.ts';
import { addUser, startTestServer, type Client, type TestServer } from '../testing/http.ts';
import { seedCollection } from '../../modules/collection/payments/payments.testing.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
let server: TestServer;
const clients = new Map<UserRole, Client>();

before(async () => {
  if (skip) return;
  server = await startTestServer(routePlugins);
  await seedCollection(server.test.database);
  const employer = await server.test.database.db.selectFrom('employer').select('id').orderBy('id').executeTakeFirstOrThrow();
  const person = await server.test.database.db.selectFrom('person').select('id').orderBy('id').executeTakeFirstOrThrow();
  clients.set('admin', server.admin);
  for (const role of roles) {
    if (role === 'admin') continue;
    clients.set(role, await addUser(server, `matrix.${role.replace('_', '-')}`, role, role === 'employer' || role === 'person' ? '990102' : '990100',
      role === 'employer' ? { employerId: employer.id } : role === 'person' ? { personId: person.id } : {}));
  }
});
after(() => server?.close());

test('every /api route declares its permission (a route without one fails here)', { skip }, () => {
  assert.ok(declaredPermissions.size > 60, `routes seen: ${declaredPermissions.size}`);
  const missing = [...declaredPermissions].filter(([, permission]) => permission === undefined).map(([route]) => route);
  assert.deepEqual(missing, []);
});

const urlOf = (route: string) => route.replace(/:[a-zA-Z]+/g, (name) => (name === ':fund' ? 'pension-990000' : name === ':period' ? '2026-01' : name === ':account' ? '1002' : name === ':kind' ? 'persons' : name === ':file' ? 'persons.xlsx' : '1'));

test('for every role, every route with a permission refuses exactly the roles without it (403 naming the permission)', { skip }, async () => {
  const wrong: string[] = [];
  let checked = 0;
  for (const [route, permission] of declaredPermissions) {
    if (permission === undefined || permission === 'public' || permission === 'signed-in') continue;
    const [method, path] = route.split(' ');
    for (const [role, client] of clients) {
      const response = await client.request(method, urlOf(path), method === 'GET' || method === 'DELETE' ? undefined : {});
      const any = [permission].flat() as Permission[];
      const refusedForPermission = response.statusCode === 403 && response.body.includes(`needs the permission ${any.join(' or ')}`);
      const holds = canAny({ role }, any);
      if (holds === refusedForPermission) wrong.push(`${role} ${route} (${permission}): ${response.statusCode} ${response.body.slice(0, 120)}`);
      checked++;
    }
  }
  assert.ok(checked > 500, `requests checked: ${checked}`);
  assert.deepEqual(wrong, []);
});

test('separated duties: the administrator holds no money permission; the security auditor changes nothing', () => {
  const money: Permission[] = ['billing.run', 'payment.record', 'payment.reverse.request', 'payment.reverse.review', 'payment.reverse.approve',
    'ledger.entry.draft', 'ledger.entry.approve', 'period.close', 'period.reopen.request', 'period.reopen.approve', 'accounts.interest.run',
    'billing.reassess.request', 'ledger.sweep', 'ledger.bank.match', 'employment.request.review'];
  assert.deepEqual(money.filter((permission) => permissionMatrix.admin.includes(permission)), []);
  assert.ok(can({ role: 'admin' }, 'user.manage'));
  assert.deepEqual([...permissionMatrix.security_auditor].sort(), ['audit.read', 'audit.verify', 'auth.log.read']);
  for (const role of roles) if (role !== 'admin') assert.ok(!can({ role }, 'user.manage'), `${role} manages no users`);
  // a system actor holds exactly its grants
  assert.ok(can({ role: 'system', grants: ['billing.run'] }, 'billing.run'));
  assert.ok(!can({ role: 'system', grants: ['billing.run'] }, 'payment.record'));
});

test('/api/auth/me lists the caller\'s permissions from the matrix', { skip }, async () => {
  for (const role of ['admin', 'operator', 'security_auditor'] as const) {
    const me = await clients.get(role)!.json('GET', '/api/auth/me');
    assert.equal(me.status, 200);
    assert.deepEqual([...me.body.permissions].sort(), [...permissionMatrix[role]].sort(), role);
  }
});
