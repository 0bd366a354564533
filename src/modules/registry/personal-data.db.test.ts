/**
 * Personal data in the registry's answers (个人信息保护法 第五十一条; params/privacy/list_masking.yaml): lists and their
 * exports mask ID and phone numbers, the record masks them too unless a holder of personal.full.read asks with
 * reveal=1 (audited), and a person's own portal shows their own number in full with no audit event.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { addUser, startTestServer, type Client, type TestServer } from '../../platform/testing/http.ts';
import { registryRoutes } from './registry.routes.ts';
import { accountsRoutes } from '../collection/accounts/accounts.routes.ts';

const ID = '11010519491231002X';
const MASKED = '110105********002X';
const PHONE = '13812345678';

let server: TestServer;
let operator: Client;   // 经办, county 990102: holds personal.full.read
let finance: Client;    // 财政, county 990102: reads the registry, not the full numbers
let personId: string;
let employerId: string;

before(async () => {
  server = await startTestServer([registryRoutes, accountsRoutes]);
  operator = await addUser(server, 'op.east', 'operator', '990102');
  finance = await addUser(server, 'fi.east', 'finance', '990102');
  const person = await operator.json('POST', '/api/persons', { idNumber: ID, name: '张三', phone: PHONE });
  assert.equal(person.status, 201, JSON.stringify(person.body));
  assert.equal(person.body.idNumber, ID, 'the registrant gets back what they typed');
  personId = person.body.id;
  const employer = await operator.json('POST', '/api/employers', { creditCode: '91110000600037341L', name: '测试公司', workInjuryClass: 1 });
  employerId = employer.body.id;
  assert.equal((await operator.json('POST', '/api/employments', { employerId, personId, hiredOn: '2024-03-01' })).status, 201);
});
after(() => server.close());

const revealEvents = async () => (await server.test.database.db.selectFrom('audit_log').select(['actor_username', 'entity_id', 'after'])
  .where('action', '=', 'person.personal_data.reveal').orderBy('id').execute());

test('lists mask the ID number: the persons list, a search by the full number, an employer\'s employees', async () => {
  const list = await finance.json('GET', '/api/persons');
  assert.deepEqual(list.body.items.map((p: { idNumber: string; name: string }) => [p.idNumber, p.name]), [[MASKED, '张三']]);
  assert.equal(list.body.items[0].birthDate, undefined, 'no birth date beside the masked number: it is the part the mask hides');
  assert.equal((await operator.json('GET', '/api/persons')).body.items[0].idNumber, ID, 'in full to a holder of personal.full.read: matching persons is their work');

  const exact = await finance.json('GET', `/api/persons?q=${ID.toLowerCase()}`);
  assert.deepEqual(exact.body.items.map((p: { id: string; idNumber: string }) => [p.id, p.idNumber]), [[personId, MASKED]], 'found by the full number, answered masked');
  assert.equal((await operator.json('GET', `/api/persons?q=${ID.slice(0, 14)}`)).body.total, 0, 'a prefix finds nothing: it would tell the hidden digits');

  const employees = (await finance.json('GET', `/api/employers/${employerId}/employees`)).body.items;
  assert.deepEqual(employees.map((e: { idNumber: string; name: string }) => [e.idNumber, e.name]), [[MASKED, '张三']]);
  assert.deepEqual((await operator.json('GET', `/api/employers/${employerId}/employees`)).body.items.map((e: { idNumber: string }) => e.idNumber), [ID]);
});

test('an export is a list: the XLSX and CSV hold every match, masked', async () => {
  const xlsx = await finance.request('GET', '/api/persons?format=xlsx');
  assert.equal(xlsx.statusCode, 200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx.rawPayload as never);
  const cells = workbook.worksheets.flatMap((sheet) => sheet.getSheetValues().flatMap((row) => (Array.isArray(row) ? row : [])).map(String));
  assert.ok(cells.includes(MASKED) && cells.includes('张三'), cells.join(' | '));
  assert.ok(!cells.some((cell) => cell.includes(ID)), 'no full ID number in the workbook');

  const csv = await finance.request('GET', `/api/persons?format=csv&q=${ID}`);
  assert.equal(csv.statusCode, 200);
  assert.match(csv.body, new RegExp(`${MASKED.replace(/\*/g, '\\*')},张三`));
  assert.doesNotMatch(csv.body, new RegExp(ID));
});

test('the record masks by default; reveal=1 needs personal.full.read (403 without) and is audited', async () => {
  const masked = (await operator.json('GET', `/api/persons/${personId}`)).body.person;
  assert.deepEqual([masked.idNumber, masked.phone], [MASKED, '138****5678']);
  assert.equal((await revealEvents()).length, 0, 'a masked view is no reveal');

  const refused = await finance.json('GET', `/api/persons/${personId}?reveal=1`);
  assert.equal(refused.status, 403);
  assert.match(refused.body.error.message, /personal\.full\.read/);
  assert.equal((await revealEvents()).length, 0, 'a refused reveal records nothing');

  const revealed = await operator.json('GET', `/api/persons/${personId}?reveal=1`);
  assert.equal(revealed.status, 200);
  assert.deepEqual([revealed.body.person.idNumber, revealed.body.person.phone], [ID, PHONE]);
  const events = await revealEvents();
  assert.deepEqual(events.map((event) => [event.actor_username, event.entity_id, event.after]), [['op.east', personId, { fields: ['idNumber', 'phone'] }]]);
  assert.ok(revealed.body.history.some((record: { action: string; actorUsername: string }) => record.action === 'person.personal_data.reveal' && record.actorUsername === 'op.east'),
    'the person\'s history shows who saw the full numbers');
});

test('the person\'s own portal shows their own number in full, with no audit event', async () => {
  const self = await addUser(server, 'zhangsan', 'person', '990102', { personId: BigInt(personId) });
  const before = (await revealEvents()).length;
  const own = await self.json('GET', '/api/me/account?year=2024');
  assert.equal(own.status, 200, JSON.stringify(own.body));
  assert.equal(own.body.idNumber, ID);
  assert.equal((await revealEvents()).length, before);
  assert.equal((await self.json('GET', `/api/persons/${personId}?reveal=1`)).status, 403, 'the staff record is not the portal');
});
