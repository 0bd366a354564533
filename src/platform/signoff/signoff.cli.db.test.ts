/**
 * The sign-off inbox from the console: `sifund approvals list|show` read the items, `approvals decide` signs as a
 * named user who proves it with their password (the decision carries that user's id), and `sifund permissions`
 * prints the matrix.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { runCommand } from '../testing/cli.ts';
import { inScope, systemActor } from '../actor.ts';
import { createUser } from '../auth/auth.service.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { registerPermissionCommands } from '../access/permissions.cli.ts';
import { permissionMatrix } from '../access/permissions.ts';
import { registerSignoffKind, submitForApproval } from './signoff.service.ts';
import { registerSignoffCommands } from './signoff.cli.ts';

let test_: TestDatabase;
let previousUrl: string | undefined;
const PASSWORD = 'Console-Sign-Pass-2026';

const kind = registerSignoffKind<{ label: string }>({
  kind: 'test.console', label: '控制台测试', parameters: 'signoff.payment_reversal', requestPermission: 'payment.reverse.request',
  levels: [{ name: 'review', label: '复核', permission: 'payment.reverse.review' }, { name: 'approve', label: '审批', permission: 'payment.reverse.approve' }],
  effect: async (_tx, _approver, item) => ({ done: item.payload.label }),
});

before(async () => {
  test_ = await createTestDatabase();
  await test_.database.db.insertInto('region').values([
    { code: '990000', name: '示范省', level: 'province', parent_code: null }, { code: '990100', name: '示范市', level: 'city', parent_code: '990000' },
  ]).execute();
  const admin = systemActor('test', ['user.manage']);
  for (const [username, role] of [['console.op', 'operator'], ['console.rv', 'reviewer'], ['console.rv2', 'reviewer']] as const) {
    await createUser(test_.database, admin, { username, displayName: username, role, regionCode: '990100', password: PASSWORD });
  }
  previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = test_.url;
});
after(async () => {
  if (previousUrl === undefined) delete process.env.DATABASE_URL; else process.env.DATABASE_URL = previousUrl;
  delete process.env.SIFUND_PASSWORD;
  await test_.drop();
});

const sifund = (...args: string[]) => runCommand((program) => { registerPermissionCommands(program); registerSignoffCommands(program); }, args);

test('sifund permissions --format json is the matrix', async () => {
  const printed = JSON.parse((await sifund('permissions', '--format', 'json')).stdout);
  const admin = printed.roles.find((r: { role: string }) => r.role === 'admin');
  assert.deepEqual(admin.permissions, [...permissionMatrix.admin]);
  assert.equal(admin.label, '系统管理员');
  assert.equal((await sifund('permissions', '--format', 'xml')).code, 1);
});

test('approvals list, show and decide from the console, signed by a named user', async () => {
  const author = await test_.database.db.selectFrom('app_user').selectAll().where('username', '=', 'console.rv').executeTakeFirstOrThrow();
  const drafter = { userId: author.id, username: author.username, role: author.role, regionCode: author.region_code };
  const item = await inScope(test_.database, drafter, (tx) => submitForApproval(tx, drafter, kind, {
    regionCode: '990100', title: '控制台事项', subjectKey: 'console:1', amount: 100n, payload: { label: 'console' },
  }));
  const listed = JSON.parse((await sifund('approvals', 'list', '--format', 'json')).stdout);
  assert.deepEqual(listed.map((i: { id: string }) => i.id), [item.id]);
  assert.match((await sifund('approvals', 'show', '--id', item.id)).stdout, /控制台事项[\s\S]*submit[\s\S]*console\.rv/);

  process.env.SIFUND_PASSWORD = 'not-the-password';
  const wrong = await sifund('approvals', 'decide', '--id', item.id, '--username', 'console.rv', '--decision', 'approve');
  assert.equal(wrong.code, 1, 'a wrong password signs nothing');
  process.env.SIFUND_PASSWORD = PASSWORD;
  const own = await sifund('approvals', 'decide', '--id', item.id, '--username', 'console.rv', '--decision', 'approve');
  assert.equal(own.code, 1);
  assert.match(own.stderr, /drafter/);
  const operator = await sifund('approvals', 'decide', '--id', item.id, '--username', 'console.op', '--decision', 'approve');
  assert.equal(operator.code, 1);
  assert.match(operator.stderr, /needs the permission payment\.reverse\.review/);
  const signed = await sifund('approvals', 'decide', '--id', item.id, '--username', 'console.rv2', '--decision', 'approve', '--comment', '同意', '--format', 'json');
  assert.equal(signed.code, 0, signed.stderr);
  const view = JSON.parse(signed.stdout);
  assert.equal(view.status, 'approved');
  const reviewer = await test_.database.db.selectFrom('app_user').select('id').where('username', '=', 'console.rv2').executeTakeFirstOrThrow();
  assert.deepEqual(view.timeline.map((s: { action: string; userId: string | null }) => [s.action, s.userId]), [['submit', author.id.toString()], ['approve', reviewer.id.toString()]]);
});
