/**
 * The portals over HTTP: an employer account sees and acts for its own employer only, its requests are reviewed
 * by the agency in the sign-off inbox and approval changes the registry; a person confirms only their own declared base.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { addUser, startTestServer, type Client, type TestServer } from '../../../platform/testing/http.ts';
import { todayInChina } from '../../../platform/params/index.ts';
import { signoffRoutes } from '../../../platform/signoff/signoff.routes.ts';
import { registryModule } from '../../registry/index.ts';
import { creditCodeCheckCharacter, idNumberCheckCharacter } from '../../registry/identifiers.calc.ts';
import { portalRoutes } from './portal.routes.ts';

const year = Number(todayInChina().slice(0, 4));
const idNumber = (first17: string) => first17 + idNumberCheckCharacter(first17);
const creditCode = (first17: string) => first17 + creditCodeCheckCharacter(first17);

let server: TestServer;
let east: Client;         // operator of county 990102, where both employers are
let west: Client;         // operator of county 990103
let employerA: Client;    // account of employer A
let employerB: Client;    // account of employer B
let personOne: Client;    // account of 王一, employee of A
let auditor: Client;
const ids = {} as { employerA: string; employerB: string; one: string; two: string; oneEmployment: string; twoDeclaration: string };

before(async () => {
  server = await startTestServer([...registryModule.routes, portalRoutes, signoffRoutes]);
  east = await addUser(server, 'op.east', 'operator', '990102');
  west = await addUser(server, 'op.west', 'operator', '990103');
  auditor = await addUser(server, 'au.city', 'auditor', '990100');
  const must = async (url: string, body: unknown) => {
    const response = await east.json('POST', url, body);
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return response.body;
  };
  ids.employerA = (await must('/api/employers', { creditCode: creditCode('91990102MA0000001'), name: '甲公司', workInjuryClass: 1 })).id;
  ids.employerB = (await must('/api/employers', { creditCode: creditCode('91990102MA0000002'), name: '乙公司', workInjuryClass: 1 })).id;
  ids.one = (await must('/api/persons', { idNumber: idNumber('99010219900101001'), name: '王一' })).id;
  ids.two = (await must('/api/persons', { idNumber: idNumber('99010219910202002'), name: '王二' })).id;
  ids.oneEmployment = (await must('/api/employments', { employerId: ids.employerA, personId: ids.one, hiredOn: `${year}-01-01` })).id;
  await must('/api/employments', { employerId: ids.employerB, personId: ids.two, hiredOn: `${year}-01-01` });
  ids.twoDeclaration = (await must('/api/base-declarations', { employerId: ids.employerB, personId: ids.two, year, monthlyWage: '9000.00' })).id;
  employerA = await addUser(server, 'emp.a', 'employer', '990102', { employerId: BigInt(ids.employerA) });
  employerB = await addUser(server, 'emp.b', 'employer', '990102', { employerId: BigInt(ids.employerB) });
  personOne = await addUser(server, 'per.one', 'person', '990102', { personId: BigInt(ids.one) });
});
after(() => server.close());

/** A decision on a request's sign-off item in the agency's inbox. */
const decide = (client: Client, request: { approvalItemId: string }, decision: 'approve' | 'return', comment?: string) =>
  client.json('POST', `/api/approvals/${request.approvalItemId}/decisions`, { decision, ...(comment === undefined ? {} : { comment }) });
const ownRequest = async (id: string) => (await employerA.json('GET', '/api/portal/employer/requests')).body.items.find((r: { id: string }) => r.id === id);

async function auditActions(entityId: string): Promise<string[]> {
  const rows = await server.test.database.db.selectFrom('audit_log').select('action').where('entity_id', '=', entityId).orderBy('id').execute();
  return rows.map((row) => row.action);
}

test('an employer account sees its own employer and employees, declares their bases, and nothing of another employer', async () => {
  const profile = await employerA.json('GET', '/api/portal/employer');
  assert.equal(profile.status, 200);
  assert.equal(profile.body.name, '甲公司');

  const employees = await employerA.json('GET', '/api/portal/employer/employees');
  assert.equal(employees.body.total, 1);
  assert.deepEqual(employees.body.items.map((e: { name: string; hiredOn: string; base: unknown }) => [e.name, e.hiredOn, e.base]), [['王一', `${year}-01-01`, null]]);
  assert.equal(employees.body.items[0].idNumber, `990102********${idNumber('99010219900101001').slice(14)}`, 'the roster masks ID numbers');
  const byFullNumber = await employerA.json('GET', `/api/portal/employer/employees?q=${idNumber('99010219900101001')}`);
  assert.deepEqual(byFullNumber.body.items.map((e: { name: string }) => e.name), ['王一'], 'found by the full number');
  assert.equal((await employerA.json('GET', '/api/portal/employer/employees?q=9901021990')).body.total, 0, 'a prefix would tell the hidden digits');

  const declared = await employerA.json('POST', '/api/portal/employer/bases', { personId: ids.one, year, monthlyWage: '8000' });
  assert.equal(declared.status, 201, JSON.stringify(declared.body));
  assert.equal(declared.body.employerId, ids.employerA);
  assert.equal(declared.body.monthlyWage, '8000.00');
  const bases = (await employerA.json('GET', `/api/portal/employer/bases?year=${year}`)).body;
  assert.deepEqual(bases.items.map((e: { name: string; base: { version: number; monthlyWage: string; confirmedAt: string | null } }) =>
    [e.name, e.base.version, e.base.monthlyWage, e.base.confirmedAt]), [['王一', 1, '8000.00', null]]);
  assert.equal((await employerA.json('GET', `/api/portal/employer/bases?year=${year - 1}`)).body.total, 0, 'not employed last year');

  // another employer's employee: no declaration, no separation, and B's account does not see A's people
  const foreignBase = await employerA.json('POST', '/api/portal/employer/bases', { personId: ids.two, year, monthlyWage: '1.00' });
  assert.equal(foreignBase.status, 400);
  assert.equal(foreignBase.body.error.field, 'year');
  assert.equal((await employerA.json('POST', '/api/portal/employer/requests/separate', { personId: ids.two, separatedOn: todayInChina(), reason: 'voluntary' })).status, 404);
  assert.deepEqual((await employerB.json('GET', '/api/portal/employer/employees')).body.items.map((e: { name: string }) => e.name), ['王二']);
  assert.equal((await employerA.json('POST', '/api/portal/employer/bases', { personId: ids.one, year, monthlyWage: '1.00', employerId: ids.employerB })).status, 400, 'no employer id from the request');

  // the staff APIs stay closed to employer accounts, the employer portal to staff
  assert.equal((await employerA.json('GET', `/api/employers/${ids.employerB}`)).status, 403);
  assert.equal((await employerA.json('GET', '/api/portal/requests')).status, 403);
  assert.equal((await east.json('GET', '/api/portal/employer/employees')).status, 403);
  assert.equal((await server.admin.json('GET', '/api/portal/employer')).status, 403, 'the administrator has no employer');
});

test('a hire request is checked at once, approved by an operator in scope, and creates the person and the employment', async () => {
  const newcomer = idNumber('99010219950505003');
  const badId = await employerA.json('POST', '/api/portal/employer/requests/hire', { idNumber: '990102199505050030', name: '赵六', hiredOn: `${year}-01-01` });
  assert.equal(badId.status, 400);
  assert.equal(badId.body.error.field, 'idNumber');
  const future = await employerA.json('POST', '/api/portal/employer/requests/hire', { idNumber: newcomer, name: '赵六', hiredOn: '2999-01-01' });
  assert.equal(future.body.error.field, 'hiredOn');
  const employed = await employerA.json('POST', '/api/portal/employer/requests/hire', { idNumber: idNumber('99010219900101001'), name: '王一', hiredOn: `${year}-01-01` });
  assert.equal(employed.status, 409);

  const asked = await employerA.json('POST', '/api/portal/employer/requests/hire', { idNumber: newcomer, name: '赵六', hiredOn: `${year}-01-01` });
  assert.equal(asked.status, 201, JSON.stringify(asked.body));
  assert.deepEqual([asked.body.kind, asked.body.status, asked.body.employerName, asked.body.requestedBy, asked.body.personId], ['hire', 'pending', '甲公司', 'emp.a', null]);
  assert.equal((await employerA.json('POST', '/api/portal/employer/requests/hire', { idNumber: newcomer, name: '赵六', hiredOn: `${year}-01-01` })).status, 409, 'one open request per person');

  assert.equal((await employerB.json('GET', '/api/portal/employer/requests')).body.total, 0);
  assert.equal((await west.json('GET', '/api/portal/requests?status=pending')).body.total, 0, 'another county does not see it');
  const pending = (await east.json('GET', '/api/portal/requests?status=pending')).body;
  assert.deepEqual(pending.items.map((r: { id: string; name: string; idNumber: string }) => [r.id, r.name, r.idNumber]), [[asked.body.id, '赵六', `990102********${newcomer.slice(14)}`]], 'a list: the ID number masked');
  assert.equal(asked.body.idNumber, newcomer, 'the one who asks gets back the number they typed');
  const item = (await east.json('GET', `/api/approvals/${asked.body.approvalItemId}`)).body;
  assert.deepEqual([item.kind, item.status, item.levels.map((l: { label: string }) => l.label), item.submittedBy], ['employment.request', 'pending', ['审核'], 'emp.a']);
  assert.equal((await decide(employerA, asked.body, 'approve')).status, 403, 'the employer does not review its own request');
  assert.equal((await decide(auditor, asked.body, 'approve')).status, 403, 'auditors read only');
  assert.equal((await decide(west, asked.body, 'approve')).status, 404, 'another county does not see it');

  const approved = await decide(east, asked.body, 'approve');
  assert.equal(approved.status, 200, JSON.stringify(approved.body));
  assert.equal(approved.body.status, 'approved');
  const request = await ownRequest(asked.body.id);
  assert.deepEqual([request.status, request.reviewedBy, request.personId, request.employmentId],
    ['approved', 'op.east', approved.body.result.personId, approved.body.result.employmentId]);
  const person = (await east.json('GET', `/api/persons/${request.personId}?reveal=1`)).body;
  assert.deepEqual([person.person.idNumber, person.person.name, person.person.regionCode], [newcomer, '赵六', '990102']);
  assert.deepEqual(person.employments.map((e: { id: string; employerId: string; hiredOn: string }) => [e.id, e.employerId, e.hiredOn]),
    [[request.employmentId, ids.employerA, `${year}-01-01`]]);
  assert.equal(person.enrollments.length, 4);
  assert.deepEqual((await employerA.json('GET', '/api/portal/employer/employees')).body.items.map((e: { name: string }) => e.name).sort(), ['王一', '赵六']);
  assert.equal((await decide(east, asked.body, 'approve')).status, 409, 'approved once only');
  assert.deepEqual(await auditActions(asked.body.id), ['portal.request.hire']);
  assert.deepEqual(await auditActions(asked.body.approvalItemId), ['signoff.submit', 'signoff.approve']);
});

test('an approval the registry refuses leaves the request pending; a return needs a reason and keeps the employment', async () => {
  // the ID number of 王二 under another name: the registry has it as 王二, so approval fails and is undone
  const wrongName = await employerA.json('POST', '/api/portal/employer/requests/hire', { idNumber: idNumber('99010219910202002'), name: '王三', hiredOn: `${year}-02-01` });
  assert.equal(wrongName.status, 201);
  const refused = await decide(east, wrongName.body, 'approve');
  assert.equal(refused.status, 409);
  assert.equal(refused.body.error.field, 'name');
  const stillPending = (await employerA.json('GET', '/api/portal/employer/requests?status=pending')).body.items;
  assert.deepEqual(stillPending.map((r: { id: string; status: string; reviewedBy: string | null }) => [r.id, r.status, r.reviewedBy]), [[wrongName.body.id, 'pending', null]]);
  assert.equal((await decide(east, wrongName.body, 'return', ' ')).status, 400, 'a return needs a reason');
  const returned = await decide(east, wrongName.body, 'return', '姓名与身份证号不符');
  assert.equal(returned.status, 200);
  const back = await ownRequest(wrongName.body.id);
  assert.deepEqual([back.status, back.reviewedBy, back.reviewReason], ['returned', 'op.east', '姓名与身份证号不符']);
  // the employer withdraws it (with a reason)
  const withdrawn = await employerA.json('POST', `/api/approvals/${wrongName.body.approvalItemId}/cancel`, { comment: '重新申报' });
  assert.equal(withdrawn.status, 200, JSON.stringify(withdrawn.body));
  assert.equal((await ownRequest(wrongName.body.id)).status, 'cancelled');

  const leave = await employerA.json('POST', '/api/portal/employer/requests/separate', { personId: ids.one, separatedOn: todayInChina(), reason: 'voluntary' });
  assert.equal(leave.status, 201, JSON.stringify(leave.body));
  assert.deepEqual([leave.body.kind, leave.body.name, leave.body.employmentId], ['separate', '王一', ids.oneEmployment]);
  assert.equal((await decide(east, leave.body, 'return', '请附离职证明')).status, 200);
  const stillEmployed = (await employerA.json('GET', '/api/portal/employer/employees')).body.items.find((e: { name: string }) => e.name === '王一');
  assert.equal(stillEmployed.separatedOn, null);
});

test('an approved separation closes the employment', async () => {
  const zhao = (await employerA.json('GET', '/api/portal/employer/employees?q=赵')).body.items[0];
  const early = await employerA.json('POST', '/api/portal/employer/requests/separate', { personId: zhao.personId, separatedOn: `${year - 1}-12-31`, reason: 'voluntary' });
  assert.equal(early.body.error.field, 'separatedOn');
  const leave = await employerA.json('POST', '/api/portal/employer/requests/separate', { personId: zhao.personId, separatedOn: todayInChina(), reason: 'involuntary' });
  assert.equal(leave.status, 201, JSON.stringify(leave.body));
  const approved = await decide(east, leave.body, 'approve');
  assert.equal(approved.status, 200, JSON.stringify(approved.body));
  assert.equal((await ownRequest(leave.body.id)).status, 'approved');
  const after = (await employerA.json('GET', '/api/portal/employer/employees?q=赵')).body.items[0];
  assert.deepEqual([after.separatedOn, after.separationReason], [todayInChina(), 'involuntary']);
});

test('a person confirms their own declared base, not another person\'s', async () => {
  const list = await personOne.json('GET', '/api/portal/person/base-confirmations');
  assert.equal(list.status, 200);
  assert.deepEqual(list.body.items.map((d: { employerName: string; year: number; monthlyWage: string; confirmedAt: string | null }) =>
    [d.employerName, d.year, d.monthlyWage, d.confirmedAt]), [['甲公司', year, '8000.00', null]]);
  const declarationId = list.body.items[0].id;

  assert.equal((await personOne.json('POST', `/api/portal/person/base-confirmations/${ids.twoDeclaration}`)).status, 404);
  assert.equal((await employerA.json('POST', `/api/portal/person/base-confirmations/${declarationId}`)).status, 403);
  const confirmed = await personOne.json('POST', `/api/portal/person/base-confirmations/${declarationId}`);
  assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
  assert.equal(confirmed.body.id, declarationId);
  assert.ok(confirmed.body.employeeConfirmedAt);
  assert.equal((await personOne.json('POST', `/api/portal/person/base-confirmations/${declarationId}`)).status, 409);
  const seen = (await employerA.json('GET', `/api/portal/employer/bases?year=${year}&q=王一`)).body.items[0];
  assert.equal(seen.base.confirmedAt, confirmed.body.employeeConfirmedAt);
});

test('the roster reaches its last employee by cursor in ID-number order, masked, and its file holds every one with the bases summed', async () => {
  const employerC = (await east.json('POST', '/api/employers', { creditCode: creditCode('91990102MA0000003'), name: '丙公司', workInjuryClass: 1 })).body.id;
  // 25 employees, inserted out of ID-number order; every other one with a declared base of 5,000.00 + 100.00 × n
  const numbers = Array.from({ length: 25 }, (_, n) => idNumber(`99010219800101${String(100 + ((n * 7) % 25)).padStart(3, '0')}`));
  for (const [n, number] of numbers.entries()) {
    const { rows: [person] } = await server.test.owner.query<{ id: string }>(`insert into person (id, id_number, name, gender, birth_date, region_code)
      values (7100000000000000000 + $1::bigint, $2, $3, 'M', '1980-01-01', '990102') returning id::text`, [n, number, `丙${n}`]);
    await server.test.owner.query(`insert into employment (employer_id, id, person_id, region_code, hired_on) values ($1, 7200000000000000000 + $2::bigint, $3, '990102', $4)`,
      [employerC, n, person.id, `${year}-01-01`]);
    if (n % 2 === 0) {
      await server.test.owner.query(`insert into base_declaration (employer_id, id, person_id, region_code, year, version, monthly_wage) values ($1, 7300000000000000000 + $2::bigint, $3, '990102', $4, 1, $5)`,
        [employerC, n, person.id, year, 500_000 + 10_000 * n]);
    }
  }
  const employerCAccount = await addUser(server, 'emp.c', 'employer', '990102', { employerId: BigInt(employerC) });
  const masked = (number: string) => `990102********${number.slice(14)}`;
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { status: number; body: { year: number; total: number; totalCapped: boolean; items: { idNumber: string }[]; nextCursor: string | null } } =
      await employerCAccount.json('GET', `/api/portal/employer/employees?limit=10${cursor ? `&after=${cursor}` : ''}`);
    assert.equal(page.status, 200, JSON.stringify(page.body));
    assert.deepEqual([page.body.year, page.body.total, page.body.totalCapped], [year, 25, false]);
    seen.push(...page.body.items.map((employee) => employee.idNumber));
    cursor = page.body.nextCursor;
  } while (cursor);
  assert.deepEqual(seen, [...numbers].sort().map(masked), 'every employee once, by ID number, masked');

  const csv = (await employerCAccount.request('GET', `/api/portal/employer/bases?year=${year}&format=csv`)).body.split('\r\n').filter(Boolean);
  assert.equal(csv[0], '\uFEFF公民身份号码,姓名,入职日期,离职日期,缴费基数,申报版本,职工确认');
  assert.equal(csv.length - 1, 25);
  assert.equal(csv[1], `${masked([...numbers].sort()[0])},丙${numbers.indexOf([...numbers].sort()[0])},${year}-01-01,,5000.00,1,待确认`);
  assert.ok(csv.every((line: string) => !numbers.some((number) => line.includes(number))), 'no full ID number in the file');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await employerCAccount.request('GET', `/api/portal/employer/employees?format=xlsx`)).rawPayload as never);
  const totals = (workbook.worksheets[0].getSheetValues().filter(Boolean).at(-1) as unknown[]).slice(1);
  // 13 declarations (n = 0, 2, … 24): 13 × 5,000.00 + 100.00 × (0 + 2 + … + 24)
  assert.deepEqual([totals[0], totals[4]], ['合计', 13 * 5000 + 100 * 156]);
  assert.equal((await employerCAccount.json('GET', '/api/portal/employer/employees?q=丙1')).body.total, 11, '丙1 and 丙10 … 丙19');
});

test('the requests lists are counted and exported whole: the employer\'s own, and the county\'s for review', async () => {
  const own = await employerA.json('GET', '/api/portal/employer/requests?limit=1');
  assert.ok(own.body.total >= 2, JSON.stringify(own.body));
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await employerA.json('GET', `/api/portal/employer/requests?limit=1${cursor ? `&after=${cursor}` : ''}`);
    ids.push(...page.body.items.map((request) => request.id));
    cursor = page.body.nextCursor;
  } while (cursor);
  assert.equal(new Set(ids).size, own.body.total, 'one page each, to the last');
  const review = await east.json('GET', '/api/portal/requests');
  const csv = (await east.request('GET', '/api/portal/requests?format=csv')).body.split('\r\n').filter(Boolean);
  assert.equal(csv[0], '\uFEFF申报时间,单位名称,统一社会信用代码,申报类型,公民身份号码,姓名,入职/离职日期,审核状态,审核人,审核时间,退回/撤回原因');
  assert.equal(csv.length - 1, review.body.total);
  assert.ok(csv.slice(1).every((line: string) => /,990102\*{8}\d{3}[\dX],/.test(line)), 'ID numbers masked');
});
