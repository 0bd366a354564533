import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { addUser, startTestServer, type Client, type TestServer } from '../../platform/testing/http.ts';
import { registryRoutes } from './registry.routes.ts';
import { signoffRoutes } from '../../platform/signoff/signoff.routes.ts';

let server: TestServer;
let east: Client;      // operator of county 990102
let west: Client;      // operator of county 990103
let city: Client;      // reviewer of the city 990100
let auditor: Client;   // city auditor: read-only

before(async () => {
  server = await startTestServer([registryRoutes, signoffRoutes]);
  east = await addUser(server, 'op.east', 'operator', '990102');
  west = await addUser(server, 'op.west', 'operator', '990103');
  city = await addUser(server, 'rv.city', 'reviewer', '990100');
  auditor = await addUser(server, 'au.city', 'auditor', '990100');
});
after(() => server.close());

test('registering a person: checksum, derived facts, one person one record', async () => {
  const bad = await east.json('POST', '/api/persons', { idNumber: '110105194912310021', name: '张三' });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'idNumber');
  assert.match(bad.body.error.message, /check character/);
  // The same refusal asked in Chinese: the same code and rule, the field by its Chinese label (issue 10).
  const english = await east.json('POST', '/api/persons', { idNumber: '91990102MA0000001X', name: '张三' }, { 'accept-language': 'en' });
  const chinese = await east.json('POST', '/api/persons', { idNumber: '91990102MA0000001X', name: '张三' }, { 'accept-language': 'zh-CN,zh;q=0.9' });
  assert.equal(chinese.status, 400);
  assert.deepEqual([chinese.body.error.code, chinese.body.error.rule, chinese.body.error.field], [english.body.error.code, english.body.error.rule, 'idNumber']);
  assert.equal(english.body.error.message, 'ID number: must be 18 characters: 17 digits and a digit or X');
  assert.equal(chinese.body.error.message, '公民身份号码：须为 18 位：17 位数字加 1 位数字或 X');
  assert.equal(chinese.body.error.fieldLabel, '公民身份号码');

  const created = await east.json('POST', '/api/persons', { idNumber: '11010519491231002X', name: '张三', hukouType: 'urban' });
  assert.equal(created.status, 201);
  assert.equal(created.body.gender, 'F');
  assert.equal(created.body.birthDate, '1949-12-31');
  assert.equal(created.body.regionCode, '990102', 'region defaults to the operator\'s county');

  // a second registration anywhere, even where the first is invisible, is a conflict
  const again = await west.json('POST', '/api/persons', { idNumber: '11010519491231002x', name: '张三' });
  assert.equal(again.status, 409);
  assert.equal(again.body.error.field, 'idNumber');

  const mismatch = await east.json('POST', '/api/persons', { idNumber: '440524198001010013', name: '李四', gender: 'F' });
  assert.equal(mismatch.status, 400);
  assert.equal(mismatch.body.error.field, 'gender');
});

test('data scope: a county sees only its subtree; another county gets 404; the city sees both', async () => {
  const mine = await east.json('POST', '/api/persons', { idNumber: '440524198001010013', name: '李四' });
  assert.equal(mine.status, 201);
  const id = mine.body.id;
  assert.equal((await east.json('GET', `/api/persons/${id}`)).status, 200);
  const other = await west.json('GET', `/api/persons/${id}`);
  assert.equal(other.status, 404);
  assert.equal((await city.json('GET', `/api/persons/${id}`)).body.person.name, '李四');
  const westSearch = await west.json('GET', '/api/persons?q=440524198001010013');
  assert.equal(westSearch.body.total, 0);
  const citySearch = await city.json('GET', '/api/persons?q=440524198001010013');
  assert.equal(citySearch.body.total, 1);
  // writing into another county is refused
  const outside = await west.json('POST', '/api/persons', { idNumber: '110101200002290018', name: '王五', regionCode: '990102' });
  assert.equal(outside.status, 403);
});

test('employers: credit code checksum, duplicates, search by name', async () => {
  const bad = await east.json('POST', '/api/employers', { creditCode: '91110000600037341A', name: '测试公司' });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'creditCode');
  const badClass = await east.json('POST', '/api/employers', { creditCode: '91110000600037341L', name: '测试公司', workInjuryClass: 9 });
  assert.equal(badClass.body.error.field, 'workInjuryClass');
  const created = await east.json('POST', '/api/employers', { creditCode: '91110000600037341L', name: '测试公司', workInjuryClass: 3, industryCode: 'c' });
  assert.equal(created.status, 201);
  assert.equal(created.body.industryCode, 'C');
  assert.equal((await east.json('POST', '/api/employers', { creditCode: '91110000600037341L', name: '另一个' })).status, 409);
  const found = await city.json('GET', '/api/employers?q=测试');
  assert.equal(found.body.items[0].creditCode, '91110000600037341L');
});

test('employment, enrollment, base declarations with versions, history', async () => {
  const person = (await east.json('POST', '/api/persons', { idNumber: '110101200002290018', name: '王五' })).body;
  const employer = (await east.json('GET', '/api/employers?q=91110000600037341L')).body.items[0];
  const future = await east.json('POST', '/api/employments', { employerId: employer.id, personId: person.id, hiredOn: '2999-01-01' });
  assert.equal(future.status, 400);
  assert.equal(future.body.error.field, 'hiredOn');
  const hired = await east.json('POST', '/api/employments', { employerId: employer.id, personId: person.id, hiredOn: '2024-03-01' });
  assert.equal(hired.status, 201);
  assert.deepEqual(hired.body.insurances, ['pension', 'medical', 'unemployment', 'work_injury']);
  assert.equal((await east.json('POST', '/api/employments', { employerId: employer.id, personId: person.id, hiredOn: '2024-04-01' })).status, 409);

  const base = await east.json('POST', '/api/base-declarations', { employerId: employer.id, personId: person.id, year: 2024, monthlyWage: '8000.00' });
  assert.equal(base.status, 201);
  assert.equal(base.body.version, 1);
  const noReason = await east.json('POST', '/api/base-declarations', { employerId: employer.id, personId: person.id, year: 2024, monthlyWage: '8500.00' });
  assert.equal(noReason.status, 400);
  assert.equal(noReason.body.error.field, 'reason');
  // a correction of a declared year waits for a second person (registry.base_correction); the city reviewer signs it
  const correction = await east.json('POST', '/api/base-declarations', { employerId: employer.id, personId: person.id, year: 2024, monthlyWage: '8500.5', reason: '漏报奖金' });
  assert.equal(correction.status, 202);
  assert.equal(correction.body.kind, 'registry.base_correction');
  const corrected = (await city.json('POST', `/api/approvals/${correction.body.id}/decisions`, { decision: 'approve', comment: '同意' })).body.result.declaration;
  assert.equal(corrected.version, 2);
  assert.equal(corrected.monthlyWage, '8500.50');
  const beforeHire = await east.json('POST', '/api/base-declarations', { employerId: employer.id, personId: person.id, year: 2023, monthlyWage: '8000.00' });
  assert.equal(beforeHire.body.error.field, 'year');
  assert.equal((await east.json('POST', `/api/base-declarations/${employer.id}/${base.body.id}/confirm`)).status, 200);
  assert.equal((await east.json('POST', `/api/base-declarations/${employer.id}/${base.body.id}/confirm`)).status, 409);

  const early = await east.json('POST', `/api/employments/${employer.id}/${hired.body.id}/separate`, { separatedOn: '2024-01-01', reason: 'voluntary' });
  assert.equal(early.body.error.field, 'separatedOn');
  const separated = await east.json('POST', `/api/employments/${employer.id}/${hired.body.id}/separate`, { separatedOn: '2025-06-30', reason: 'involuntary' });
  assert.equal(separated.status, 200);
  assert.equal((await east.json('POST', `/api/employments/${employer.id}/${hired.body.id}/separate`, { separatedOn: '2025-07-30', reason: 'voluntary' })).status, 409);

  const detail = (await city.json('GET', `/api/persons/${person.id}`)).body;
  assert.equal(detail.employments[0].separatedOn, '2025-06-30');
  assert.equal(detail.enrollments.length, 4);
  assert.ok(detail.enrollments.every((e: { validTo: string }) => e.validTo === '2025-06-30'));
  assert.deepEqual(detail.baseDeclarations.map((b: { version: number; monthlyWage: string }) => [b.version, b.monthlyWage]), [[2, '8500.50'], [1, '8000.00']]);
  assert.deepEqual(detail.history.map((h: { action: string }) => h.action).sort(),
    ['base.confirm', 'base.correct', 'base.declare', 'employment.hire', 'employment.separate', 'person.create']);
  // the history names its actions and entity types in the request's language (issue 10)
  const named = (history: Array<{ action: string; actionName: string; entityTypeName: string }>) => history.filter((h) => h.action === 'employment.hire').map((h) => [h.actionName, h.entityTypeName]);
  assert.deepEqual(named(detail.history), [['Hire', 'Person']]);
  assert.deepEqual(named((await city.json('GET', `/api/persons/${person.id}`, undefined, { 'accept-language': 'zh-CN' })).body.history), [['增员', '参保人员']]);
});

test('permissions: the auditor reads but cannot write; CSRF header required; anonymous gets 401', async () => {
  assert.equal((await auditor.json('GET', '/api/persons')).status, 200);
  const write = await auditor.json('POST', '/api/persons', { idNumber: '11010519491231002X', name: '张三' });
  assert.equal(write.status, 403);
  const noCsrf = await server.app.inject({ method: 'POST', url: '/api/persons', payload: { idNumber: '11010519491231002X', name: 'x' } });
  assert.equal(noCsrf.statusCode, 401);
  const anonymous = await server.app.inject({ method: 'GET', url: '/api/persons' });
  assert.equal(anonymous.statusCode, 401);
  assert.equal(JSON.parse(anonymous.body).error.code, 'unauthorized');
});

test('unknown fields and malformed bodies get a 400 naming the field, never a 500', async () => {
  const extra = await east.json('POST', '/api/persons', { idNumber: '11010519491231002X', name: '张三', salary: 1 });
  assert.equal(extra.status, 400);
  const wrongType = await east.json('POST', '/api/base-declarations', { employerId: 'abc', personId: '1', year: 2024, monthlyWage: '1.00' });
  assert.equal(wrongType.status, 400);
  assert.equal(wrongType.body.error.field, 'employerId');
  const badRegion = await server.admin.json('POST', '/api/regions', { code: '990199', name: '测试', parentCode: '990000' });
  assert.equal(badRegion.status, 400);
  assert.equal(badRegion.body.error.field, 'parentCode');
});
