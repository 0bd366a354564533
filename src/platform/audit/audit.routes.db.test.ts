/**
 * The audit trail as a list over HTTP: more than 10,000 records counted as capped, paged by cursor to the last one,
 * exported whole as CSV and XLSX (as many records as the list holds), in the viewer's scope only.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { addUser, startTestServer, type Client, type TestServer } from '../testing/http.ts';
import { newWorkbook } from '../workbook.ts';
import { encodeCursor } from '../http/lists.ts';
import { auditKey } from './audit.key.ts';
import { todayInChina } from '../params/params.store.ts';

const RECORDS = 10_050;
let server: TestServer;
let auditor: Client;

before(async () => {
  server = await startTestServer([]);
  await server.test.owner.query(`select audit_append(null, 'batch', 'system', '990102', 'thing.bulk', 'thing', i::text, null, null, null, null, $1::bytea)
    from generate_series(1, ${RECORDS}) as i`, [auditKey()]);
  // two records of named actions: a registration and a sign-in (the sign-in log's)
  await server.test.owner.query(`select audit_append(null, 'clerk', 'operator', '990102', action, entity_type, entity_id, null, null, null, null, $1::bytea)
    from (values ('person.create', 'person', 'named-1'), ('auth.login', 'user', 'named-2')) as records (action, entity_type, entity_id)`, [auditKey()]);
  auditor = await addUser(server, 'au.city', 'auditor', '990100');
});
after(() => server.close());

test('more than 10,000 records: the count is capped, and the cursor reaches the last record', async () => {
  const first = await auditor.json('GET', '/api/audit?action=thing.bulk&limit=1000');
  assert.equal(first.status, 200);
  assert.deepEqual([first.body.total, first.body.totalCapped, first.body.items.length], [10_001, true, 1000]);
  const entityIds: string[] = first.body.items.map((record: { entityId: string }) => record.entityId);
  let cursor: string | null = first.body.nextCursor;
  let pages = 1;
  while (cursor) {
    const page = await auditor.json('GET', `/api/audit?action=thing.bulk&limit=1000&after=${cursor}`);
    assert.equal(page.status, 200);
    assert.equal(page.body.total, 10_001, 'every page counts every match, not what is left');
    entityIds.push(...page.body.items.map((record: { entityId: string }) => record.entityId));
    cursor = page.body.nextCursor;
    pages++;
  }
  assert.equal(pages, 11);
  assert.equal(entityIds.length, RECORDS);
  assert.deepEqual(entityIds.slice(0, 2), [String(RECORDS), String(RECORDS - 1)], 'newest first');
  assert.equal(entityIds.at(-1), '1');
  assert.equal(new Set(entityIds).size, RECORDS);
});

test('a narrower filter is counted exactly; an offset skips past the cursor', async () => {
  const exact = await auditor.json('GET', '/api/audit?action=thing.bulk&entityId=17');
  assert.deepEqual([exact.body.total, exact.body.totalCapped, exact.body.nextCursor, exact.body.items[0].entityId], [1, false, null, '17']);
  const first = await auditor.json('GET', '/api/audit?action=thing.bulk&limit=2');
  const skipped = await auditor.json('GET', `/api/audit?action=thing.bulk&limit=2&offset=3&after=${first.body.nextCursor}`);
  assert.deepEqual(skipped.body.items.map((record: { entityId: string }) => record.entityId), [String(RECORDS - 5), String(RECORDS - 6)]);
});

test('a date range of bare dates is of days in China, the last one through its end (the list page\'s 时间范围)', async () => {
  const today = todayInChina();
  const yesterday = todayInChina(new Date(Date.now() - 86_400_000));
  const through = await auditor.json('GET', `/api/audit?action=thing.bulk&from=${today}&to=${today}&limit=1`);
  assert.deepEqual([through.status, through.body.total, through.body.totalCapped], [200, 10_001, true], 'records written today are in a range that ends today');
  const before = await auditor.json('GET', `/api/audit?action=thing.bulk&from=${yesterday}&to=${yesterday}&limit=1`);
  assert.deepEqual([before.status, before.body.total], [200, 0]);
});

test('the export holds every matching record, as many as the list reaches', async () => {
  const csv = await auditor.request('GET', '/api/audit?action=thing.bulk&format=csv');
  assert.equal(csv.statusCode, 200);
  assert.match(String(csv.headers['content-type']), /^text\/csv/);
  assert.match(String(csv.headers['content-disposition']), /filename\*=UTF-8''%E5%AE%A1%E8%AE%A1%E6%97%A5%E5%BF%97\.csv/);
  const lines = csv.body.split('\r\n').filter(Boolean);
  assert.equal(lines[0], '\uFEFF时间,操作人,登录名,角色,行政区划代码,操作,操作代码,对象类型,对象类型代码,对象标识,跨区划经办,请求号');
  assert.equal(lines.length - 1, RECORDS);
  // an action without a name (these test records') is written as its code in both columns
  assert.match(lines[1], new RegExp(`,batch,batch,system,990102,thing.bulk,thing.bulk,thing,thing,${RECORDS},,$`));

  const xlsx = await auditor.request('GET', '/api/audit?action=thing.bulk&entityId=42&format=xlsx');
  const workbook = await newWorkbook();
  await workbook.xlsx.load(xlsx.rawPayload as never);
  const sheet = workbook.getWorksheet('审计日志')!;
  assert.equal(sheet.getRow(1).getCell(1).value, '审计日志');
  assert.equal(sheet.getRow(3).getCell(1).value, '对象标识 42 · 操作 thing.bulk');
  assert.equal(sheet.getRow(5).getCell(10).value, '对象标识');
  assert.equal(sheet.getRow(6).getCell(10).value, '42');
  assert.equal(sheet.rowCount, 6);
});

test('the list answers name the action and the entity type in the request\'s language; the file in Chinese beside the code', async () => {
  const chinese = await auditor.json('GET', '/api/audit?action=person.create', undefined, { 'accept-language': 'zh-CN,zh;q=0.9' });
  assert.equal(chinese.status, 200);
  assert.deepEqual(chinese.body.items.map((record: { entityId: string; actionName: string; entityTypeName: string }) => [record.entityId, record.actionName, record.entityTypeName]), [['named-1', '个人参保登记', '参保人员']]);
  const english = await auditor.json('GET', '/api/audit?action=person.create');
  assert.deepEqual([english.body.items[0].actionName, english.body.items[0].entityTypeName], ['Person registered', 'Person'], 'no Accept-Language: English');
  const unnamed = await auditor.json('GET', '/api/audit?action=thing.bulk&limit=1', undefined, { 'accept-language': 'zh-CN' });
  assert.deepEqual([unnamed.body.items[0].actionName, unnamed.body.items[0].entityTypeName], ['thing.bulk', 'thing'], 'a code without a name as it is');

  const security = await addUser(server, 'sa.city', 'security_auditor', '990100');
  const signIns = await security.json('GET', '/api/audit/sign-ins', undefined, { 'accept-language': 'zh-CN' });
  assert.deepEqual(signIns.body.items.filter((record: { entityId: string }) => record.entityId === 'named-2').map((record: { actionName: string; entityTypeName: string }) => [record.actionName, record.entityTypeName]), [['登录', '用户']]);

  const csv = await auditor.request('GET', '/api/audit?action=person.create&format=csv', undefined, { 'accept-language': 'en' });
  const lines = csv.body.split('\r\n').filter(Boolean);
  assert.equal(lines.length, 2);
  assert.match(lines[1], /,clerk,clerk,operator,990102,个人参保登记,person\.create,参保人员,person,named-1,,$/);
  const xlsx = await auditor.request('GET', '/api/audit?action=person.create&entityType=person&format=xlsx');
  const workbook = await newWorkbook();
  await workbook.xlsx.load(xlsx.rawPayload as never);
  const sheet = workbook.getWorksheet('审计日志')!;
  assert.equal(sheet.getRow(3).getCell(1).value, '对象类型 参保人员（person） · 操作 个人参保登记（person.create）');
  assert.deepEqual([6, 7, 8, 9].map((column) => sheet.getRow(6).getCell(column).value), ['个人参保登记', 'person.create', '参保人员', 'person']);
});

test('the filters\' choices: every named action and entity type in the request\'s language; the sign-in actions only for the security auditor', async () => {
  const chinese = await auditor.json('GET', '/api/audit/codes', undefined, { 'accept-language': 'zh-CN' });
  assert.equal(chinese.status, 200);
  assert.deepEqual(chinese.body.actions.find((choice: { code: string }) => choice.code === 'person.create'), { code: 'person.create', name: '个人参保登记' });
  assert.deepEqual(chinese.body.entityTypes.find((choice: { code: string }) => choice.code === 'approval_item'), { code: 'approval_item', name: '审核事项' });
  assert.equal(chinese.body.actions.some((choice: { code: string }) => choice.code.startsWith('auth.')), false, '三员分立: an auditor does not read the sign-in log');
  const security = await addUser(server, 'sa.codes', 'security_auditor', '990100');
  const english = await security.json('GET', '/api/audit/codes');
  assert.deepEqual(english.body.actions.find((choice: { code: string }) => choice.code === 'auth.lockout'), { code: 'auth.lockout', name: 'Account locked' });
  assert.equal(english.body.actions.length, chinese.body.actions.length + 6, 'the six sign-in actions');
});

test('another region sees none of these records, in the list and in the file; an edited cursor is refused', async () => {
  const elsewhere = await addUser(server, 'au.west', 'auditor', '990103');
  const list = await elsewhere.json('GET', '/api/audit?action=thing.bulk');
  assert.deepEqual([list.body.total, list.body.items.length, list.body.nextCursor], [0, 0, null]);
  const csv = await elsewhere.request('GET', '/api/audit?action=thing.bulk&format=csv');
  assert.equal(csv.body.split('\r\n').filter(Boolean).length, 1, 'the header only');

  const edited = await auditor.json('GET', `/api/audit?after=${encodeCursor(['1', '2'])}`, undefined, { 'accept-language': 'zh-CN' });
  assert.equal(edited.status, 400);
  assert.deepEqual([edited.body.error.field, edited.body.error.fieldLabel], ['after', '翻页位置']);
});
