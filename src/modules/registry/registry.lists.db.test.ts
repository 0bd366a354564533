/**
 * The registry's lists over HTTP (issue 10): employers and persons beyond 10,000 counted as capped and paged by cursor
 * to the last row, narrower filters counted exactly, and the file of every match as long as the list; an employer's
 * 职工名册 paged across hire-date ties; ID numbers masked in every list and file, the list out of another region's sight.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { addUser, startTestServer, type Client, type TestServer } from '../../platform/testing/http.ts';
import { newWorkbook } from '../../platform/workbook.ts';
import { registryRoutes } from './registry.routes.ts';

const ROWS = 10_050;
const EMPLOYEES = 250;
const PERSON_ID = 7_000_000_000;
const EMPLOYER_ID = 7_200_000_000;
const BIG_EMPLOYER = String(EMPLOYER_ID + 1);

/** The seeded person `g`'s ID number (18 characters) and how lists show it (privacy.list_masking: 6 and 4 kept). */
const idNumberOf = (g: number) => `990102${String(g).padStart(11, '0')}X`;
/** Employment `g` of the big employer: hired 2020-01-01 + ⌊g/3⌋ days (three hires a day), every fifth separated 100 days later. */
const hiredOn = (g: number) => new Date(Date.UTC(2020, 0, 1 + Math.floor(g / 3))).toISOString().slice(0, 10);
const separatedOn = (g: number) => new Date(Date.UTC(2020, 0, 1 + Math.floor(g / 3) + 100)).toISOString().slice(0, 10);

let server: TestServer;
let east: Client;   // operator of county 990102
let west: Client;   // operator of county 990103
let city: Client;   // reviewer of the city 990100

before(async () => {
  server = await startTestServer([registryRoutes]);
  const owner = server.test.owner;
  await owner.query(`insert into person (id, id_number, name, gender, birth_date, hukou_type, region_code)
    select ${PERSON_ID} + g, '990102' || lpad(g::text, 11, '0') || 'X', case when g % 2 = 0 then '张' else '李' end || g, 'M', date '1985-01-01',
      case when g % 3 = 0 then 'rural' else 'urban' end, '990102' from generate_series(1, ${ROWS}) g`);
  await owner.query(`insert into person (id, id_number, name, gender, birth_date, region_code)
    select ${PERSON_ID + 100_000} + g, '990103' || lpad(g::text, 11, '0') || 'X', '王' || g, 'F', date '1990-01-01', '990103' from generate_series(1, 3) g`);
  await owner.query(`insert into employer (id, credit_code, name, region_code, industry_code, work_injury_class, employer_type, status)
    select ${EMPLOYER_ID} + g, '91990102' || lpad(g::text, 9, '0') || 'A', '单位' || g, '990102', 'C', 3,
      case when g % 20 = 0 then 'institution_full' else 'enterprise' end, case when g % 10 = 0 then 'closed' else 'active' end
    from generate_series(1, ${ROWS}) g`);
  await owner.query(`insert into employment (employer_id, id, person_id, region_code, hired_on, separated_on, separation_reason)
    select ${BIG_EMPLOYER}, 7300000000 + g, ${PERSON_ID} + g, '990102', date '2020-01-01' + g / 3,
      case when g % 5 = 0 then date '2020-01-01' + g / 3 + 100 end, case when g % 5 = 0 then 'voluntary' end
    from generate_series(1, ${EMPLOYEES}) g`);
  east = await addUser(server, 'op.east', 'operator', '990102');
  west = await addUser(server, 'op.west', 'operator', '990103');
  city = await addUser(server, 'rv.city', 'reviewer', '990100');
});
after(() => server.close());

/** Every row of a list, page by page along its cursor; each page counts every match, not what is left. */
async function walk<T>(client: Client, url: string, limit: number): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let after: string | null = null;
  let pages = 0;
  let total: number | undefined;
  do {
    const separator = url.includes('?') ? '&' : '?';
    const page: { status: number; body: { items: T[]; total: number; nextCursor: string | null } } = await client.json('GET', `${url}${separator}limit=${limit}${after ? `&after=${after}` : ''}`);
    assert.equal(page.status, 200, JSON.stringify(page.body));
    total ??= page.body.total;
    assert.equal(page.body.total, total);
    items.push(...page.body.items);
    after = page.body.nextCursor;
    pages++;
  } while (after);
  return { items, pages };
}

/** The records of a CSV export (the header first). */
async function csvLines(client: Client, url: string): Promise<string[]> {
  const file = await client.request('GET', url);
  assert.equal(file.statusCode, 200, file.body);
  assert.match(String(file.headers['content-type']), /^text\/csv/);
  return file.body.split('\r\n').filter(Boolean);
}

test('persons: more than 10,000 counted as capped, every one reached by cursor in ID-number order, in full to an operator (personal.full.read)', async () => {
  const first = await east.json('GET', '/api/persons?limit=200');
  assert.deepEqual([first.body.total, first.body.totalCapped, first.body.items.length], [10_001, true, 200]);
  const { items, pages } = await walk<{ id: string; idNumber: string; name: string; birthDate?: string }>(east, '/api/persons', 200);
  assert.equal(pages, 51);
  assert.deepEqual(items.map((person) => person.id), Array.from({ length: ROWS }, (_, index) => String(PERSON_ID + index + 1)), 'in ID-number order, none twice, none left out');
  assert.deepEqual([items[0].idNumber, items[0].name], [idNumberOf(1), '李1']);
  assert.deepEqual([items.at(-1)!.idNumber, items.at(-1)!.name], [idNumberOf(ROWS), `张${ROWS}`]);
  assert.ok(items.every((person) => person.birthDate === undefined), 'no birth date in a list');
});

test('persons: a name prefix, an ID number, a region and an employer are counted exactly', async () => {
  const zhang = await east.json('GET', `/api/persons?q=${encodeURIComponent('张')}`);
  assert.deepEqual([zhang.body.total, zhang.body.totalCapped], [ROWS / 2, false]);
  assert.ok(zhang.body.items.every((person: { name: string }) => person.name.startsWith('张')));
  const one = await east.json('GET', `/api/persons?q=${idNumberOf(77).toLowerCase()}`);
  assert.deepEqual([one.body.total, one.body.items.map((person: { id: string }) => person.id), one.body.nextCursor], [1, [String(PERSON_ID + 77)], null]);
  const percent = await east.json('GET', `/api/persons?q=${encodeURIComponent('%')}`);
  assert.equal(percent.body.total, 0, 'a % in the search is a character, not any text');

  const western = await city.json('GET', '/api/persons?region=990103');
  assert.deepEqual([western.body.total, western.body.items.map((person: { regionName: string }) => person.regionName)], [3, ['西城区', '西城区', '西城区']]);
  assert.equal((await east.json('GET', '/api/persons?region=990103')).body.total, 0, 'a region outside the scope finds nothing');
  assert.equal((await west.json('GET', '/api/persons')).body.total, 3, 'another county sees its own persons only');

  const employed = await east.json('GET', `/api/persons?employer=${BIG_EMPLOYER}&limit=1`);
  // employed there now: every fifth employment ended (g % 5 = 0), those persons are not the employer's now
  assert.deepEqual([employed.body.total, employed.body.items[0].id], [EMPLOYEES - Math.floor(EMPLOYEES / 5), String(PERSON_ID + 1)]);
});

test('persons: the file holds every match, as many as the list counts, as the list shows them', async () => {
  const all = await csvLines(east, '/api/persons?format=csv');
  assert.equal(all[0], '\uFEFF公民身份号码,姓名,性别,户口性质,行政区划');
  assert.equal(all.length - 1, ROWS, 'beyond the count cap: every person');
  assert.equal(all[1], `${idNumberOf(1)},李1,男,城镇,东城区`);
  assert.equal(all[3], `${idNumberOf(3)},李3,男,农村,东城区`);
  assert.ok(!all.some((line) => line.includes('********')), 'an operator\'s file holds the numbers as the operator\'s list shows them, in full');

  const exact = await east.json('GET', `/api/persons?q=${encodeURIComponent('张1')}`);
  assert.equal(exact.body.totalCapped, false);
  const zhang = await csvLines(east, `/api/persons?format=csv&q=${encodeURIComponent('张1')}`);
  assert.equal(zhang.length - 1, exact.body.total);

  const xlsx = await east.request('GET', `/api/persons?format=xlsx&q=${idNumberOf(42)}`);
  const workbook = await newWorkbook();
  await workbook.xlsx.load(xlsx.rawPayload as never);
  const cells = workbook.getWorksheet('参保人员')!.getSheetValues().flatMap((row) => (Array.isArray(row) ? row : [])).map(String);
  assert.ok(cells.includes(idNumberOf(42)), cells.join(' | '));
  assert.ok(cells.some((cell) => cell.includes(`公民身份号码 990102********042X`)), 'the ID number searched for, masked in the heading');
});

test('employers: more than 10,000 reached by cursor in credit-code order; status and type counted exactly; the file as long as the list', async () => {
  const first = await east.json('GET', '/api/employers');
  assert.deepEqual([first.body.total, first.body.totalCapped, first.body.items.length], [10_001, true, 20]);
  const { items, pages } = await walk<{ id: string; creditCode: string; employeeCount: number }>(east, '/api/employers', 200);
  assert.equal(pages, 51);
  assert.deepEqual(items.map((employer) => employer.id), Array.from({ length: ROWS }, (_, index) => String(EMPLOYER_ID + index + 1)));
  assert.deepEqual([items[0].creditCode, items[0].employeeCount, items[1].employeeCount], ['91990102000000001A', EMPLOYEES * 4 / 5, 0], 'the people employed now');

  const closed = await east.json('GET', '/api/employers?status=closed');
  assert.deepEqual([closed.body.total, closed.body.totalCapped], [ROWS / 10, false]);
  assert.equal((await east.json('GET', '/api/employers?employerType=institution_full')).body.total, Math.floor(ROWS / 20));
  assert.equal((await east.json('GET', '/api/employers?q=9199010200000100')).body.total, 10, 'a credit-code prefix: 1000 to 1009');
  assert.equal((await east.json('GET', `/api/employers?q=${encodeURIComponent('单位1005')}`)).body.total, 2, 'words of the name: 单位1005 and 单位10050');
  assert.equal((await west.json('GET', '/api/employers')).body.total, 0, 'another county sees none');

  const lines = await csvLines(east, '/api/employers?status=closed&format=csv');
  assert.equal(lines[0], '\uFEFF统一社会信用代码,单位名称,行政区划,行业,工伤风险类别,单位类型,状态,在职人数');
  assert.equal(lines.length - 1, closed.body.total);
  assert.equal(lines[1], '91990102000000010A,单位10,东城区,C 制造业,3,企业,注销,0');
  assert.equal(lines[2], '91990102000000020A,单位20,东城区,C 制造业,3,全额拨款事业单位,注销,0');
});

test("an employer's employees: newest hire first across ties, by status and person, counted, exported", async () => {
  const detail = await east.json('GET', `/api/employers/${BIG_EMPLOYER}`);
  assert.equal(detail.status, 200);
  assert.equal(detail.body.employeeCount, EMPLOYEES * 4 / 5);
  assert.equal(detail.body.employees, undefined, 'the employees are a list of their own');

  const first = await east.json('GET', `/api/employers/${BIG_EMPLOYER}/employees`);
  assert.deepEqual([first.body.total, first.body.totalCapped, first.body.items.length], [EMPLOYEES, false, 20]);
  // 100 a page: the first page ends at the second of three hired on one day, the next starts at the third
  const { items, pages } = await walk<{ personId: string; idNumber: string; hiredOn: string; separatedOn: string | null }>(east, `/api/employers/${BIG_EMPLOYER}/employees`, 100);
  assert.equal(pages, 3);
  const newestFirst = Array.from({ length: EMPLOYEES }, (_, index) => EMPLOYEES - index);
  assert.deepEqual(items.map((employee) => employee.personId), newestFirst.map((g) => String(PERSON_ID + g)));
  assert.deepEqual(items.map((employee) => [employee.idNumber, employee.hiredOn, employee.separatedOn]),
    newestFirst.map((g) => [idNumberOf(g), hiredOn(g), g % 5 === 0 ? separatedOn(g) : null]));

  const url = `/api/employers/${BIG_EMPLOYER}/employees`;
  assert.equal((await east.json('GET', `${url}?status=current`)).body.total, EMPLOYEES * 4 / 5);
  assert.equal((await east.json('GET', `${url}?status=separated`)).body.total, EMPLOYEES / 5);
  const zhang2 = Array.from({ length: EMPLOYEES }, (_, index) => index + 1).filter((g) => g % 2 === 0 && String(g).startsWith('2'));
  assert.equal((await east.json('GET', `${url}?q=${encodeURIComponent('张2')}`)).body.total, zhang2.length);
  const one = await east.json('GET', `${url}?q=${idNumberOf(7)}`);
  assert.deepEqual(one.body.items.map((employee: { personId: string; idNumber: string }) => [employee.personId, employee.idNumber]), [[String(PERSON_ID + 7), idNumberOf(7)]]);

  const file = await east.request('GET', `${url}?format=csv`);
  assert.match(String(file.headers['content-disposition']), new RegExp(`filename\\*=UTF-8''${encodeURIComponent('职工名册')}-91990102000000001A\\.csv`));
  const lines = file.body.split('\r\n').filter(Boolean);
  assert.equal(lines[0], '\uFEFF公民身份号码,姓名,用工日期,退工日期,退工原因');
  assert.equal(lines.length - 1, first.body.total);
  assert.equal(lines[1], `${idNumberOf(250)},张250,${hiredOn(250)},${separatedOn(250)},个人申请离职`);
  assert.equal(lines[2], `${idNumberOf(249)},李249,${hiredOn(249)},,`);
  assert.ok(!lines.some((line) => line.includes('********')), 'as the list shows them, in full');
  assert.equal((await csvLines(east, `${url}?status=separated&format=csv`)).length - 1, EMPLOYEES / 5);

  for (const path of [`/api/employers/${BIG_EMPLOYER}`, url, `${url}?format=csv`]) {
    assert.equal((await west.json('GET', path)).status, 404, `${path}: another county's employer is not found`);
  }
});
