/**
 * 用户名单 over HTTP: the administrator's list of accounts counted, paged by cursor in username order to the last,
 * filtered by a username or display-name prefix, role, region subtree and status, and exported whole — never with a
 * password field.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { addUser, startTestServer, type TestServer } from '../testing/http.ts';

let server: TestServer;
type UserPage = { status: number; body: { items: Array<Record<string, unknown> & { username: string }>; total: number; totalCapped: boolean; nextCursor: string | null } };

before(async () => {
  server = await startTestServer([]);
  // 90 accounts: user-001 … user-090, operators in 990102 and reviewers in 990103 by turns, every fifth disabled;
  // display names 经办001 … (the admin makes 91).
  await server.test.owner.query(`insert into app_user (id, username, display_name, password_hash, role, region_code, status)
    select 1000 + i, 'user-' || lpad(i::text, 3, '0'), '经办' || lpad(i::text, 3, '0'), 'scrypt$x', case when i % 2 = 0 then 'operator' else 'reviewer' end,
           case when i % 2 = 0 then '990102' else '990103' end, case when i % 5 = 0 then 'disabled' else 'active' end
      from generate_series(1, 90) as i`);
});
after(() => server.close());

test('every account by cursor to the last, in username order and each once; the file holds as many, without passwords', async () => {
  const names: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: UserPage = await server.admin.json('GET', `/api/users?limit=40${cursor ? `&after=${cursor}` : ''}`);
    assert.equal(page.status, 200);
    assert.deepEqual([page.body.total, page.body.totalCapped], [91, false]);
    for (const item of page.body.items) assert.ok(!Object.keys(item).some((key) => /password_?hash|passwordHash/i.test(key)), `no hash in ${Object.keys(item)}`);
    names.push(...page.body.items.map((user) => user.username));
    cursor = page.body.nextCursor;
    pages++;
  } while (cursor);
  assert.equal(pages, 3);
  assert.deepEqual(names, ['admin', ...Array.from({ length: 90 }, (_, index) => `user-${String(index + 1).padStart(3, '0')}`)]);

  const csv = (await server.admin.request('GET', '/api/users?format=csv')).body.split('\r\n').filter(Boolean);
  assert.equal(csv.length - 1, 91);
  assert.equal(csv[0], '\uFEFF用户名,姓名,角色,行政区划代码,经办机构编号,绑定参保单位编号,绑定参保人员编号,状态,须修改密码');
  assert.equal(csv[1], 'admin,系统管理员,系统管理员,全国,,,,启用,否');
  assert.equal(csv[6], 'user-005,经办005,复核,990103,,,,停用,否');
  assert.doesNotMatch(csv.join('\n'), /scrypt/);
});

test('filters: a username or display-name prefix, a role, a region subtree, a status; the file of a filter as long as its count', async () => {
  const count = async (query: string) => ((await server.admin.json('GET', `/api/users?${query}`)) as UserPage).body.total;
  assert.equal(await count('q=user-01'), 10, 'user-010 … user-019');
  assert.equal(await count('q=USER-01'), 10, 'a username is matched as stored, lower case');
  assert.equal(await count(`q=${encodeURIComponent('经办08')}`), 10, '经办080 … 经办089 (经办 is no username)');
  assert.equal(await count('q=user_'), 0, 'an underscore matches itself, not any character');
  assert.equal(await count('role=operator'), 45);
  assert.equal(await count('region=990102'), 45);
  assert.equal(await count('region=990100'), 90, 'the city holds both counties; the national admin is in no region');
  assert.equal(await count('status=disabled'), 18);
  assert.equal(await count('role=reviewer&status=disabled&region=990103'), 9, 'odd multiples of five');

  const page: UserPage = await server.admin.json('GET', '/api/users?role=reviewer&status=disabled&limit=4');
  assert.deepEqual(page.body.items.map((user) => user.username), ['user-005', 'user-015', 'user-025', 'user-035']);
  const csv = (await server.admin.request('GET', '/api/users?role=reviewer&status=disabled&format=csv')).body.split('\r\n').filter(Boolean);
  assert.equal(csv.length - 1, 9);
  assert.ok(csv.slice(1).every((line) => /^user-\d{3},经办\d{3},复核,990103,,,,停用,否$/.test(line)), csv.join('\n'));

  const xlsx = await server.admin.request('GET', '/api/users?format=xlsx');
  assert.equal(xlsx.statusCode, 200);
  assert.match(String(xlsx.headers['content-type']), /spreadsheetml/);
});

test('only the user manager lists users; a role outside the list and a malformed cursor are refused', async () => {
  const operator = await addUser(server, 'op.lister', 'operator', '990102');
  assert.equal((await operator.json('GET', '/api/users')).status, 403);
  assert.equal((await server.admin.json('GET', '/api/users?role=system')).status, 400);
  const malformed = await server.admin.json('GET', '/api/users?after=abc');
  assert.equal(malformed.status, 400);
  assert.equal(malformed.body.error.field, 'after');
});
