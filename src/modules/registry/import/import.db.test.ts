import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { addUser, startTestServer, type Client, type TestServer } from '../../../platform/testing/http.ts';
import { registryRoutes } from '../registry.routes.ts';
import { importRoutes } from './import.routes.ts';
import { idNumberCheckCharacter, creditCodeCheckCharacter } from '../identifiers.calc.ts';

let server: TestServer;
let operator: Client;
before(async () => {
  server = await startTestServer([registryRoutes, importRoutes]);
  operator = await addUser(server, 'op.import', 'operator', '990102');
});
after(() => server.close());

const idNumber = (n: number) => { const first17 = `990102198${String(n % 10)}0101${String(n).padStart(3, '0').slice(-3)}`; return first17 + idNumberCheckCharacter(first17); };
const creditCode = (n: number) => { const first17 = `91990102MA${String(n).padStart(7, '0')}`; return first17 + creditCodeCheckCharacter(first17); };
const count = async (table: string) => Number((await server.test.database.pool.query(`select count(*) from ${table}`)).rows[0].count);

test('a file with bad rows applies nothing and lists every bad row with its column', async () => {
  const csv = ['idNumber,name,hukouType', `${idNumber(1)},甲,urban`, '110105194912310021,乙,urban', `${idNumber(2)},,rural`,
    `${idNumber(3)},丙,village`, `${idNumber(1)},丁,urban`].join('\n');
  const response = await operator.upload('/api/imports/persons', 'persons.csv', csv);
  assert.equal(response.status, 422);
  assert.equal(response.body.error.code, 'rows_rejected');
  assert.deepEqual(response.body.error.rows.map((r: { row: number; field: string }) => [r.row, r.field]),
    [[3, 'idNumber'], [4, 'name'], [5, 'hukouType'], [6, 'idNumber']]);
  assert.match(response.body.error.rows[3].message, /first on row 2/);
  assert.equal(await count('person'), 0, 'nothing applied');
});

test('CSV with Chinese headers imports persons, then employers and employments from XLSX', async () => {
  const csv = ['\uFEFF公民身份号码,姓名,性别', ...Array.from({ length: 300 }, (_, i) => `${idNumber(i + 10)},人员${i},${Number(idNumber(i + 10)[16]) % 2 ? '男' : '女'}`)].join('\r\n');
  const persons = await operator.upload('/api/imports/persons', 'persons.csv', csv);
  assert.equal(persons.status, 200, JSON.stringify(persons.body));
  assert.equal(persons.body.imported, 300);
  assert.equal(await count(`person where region_code = '990102'`), 300);

  const employers = new ExcelJS.Workbook();
  const sheet = employers.addWorksheet('单位');
  sheet.addRow(['统一社会信用代码*', '单位名称*', '工伤风险类别']);
  sheet.addRow([creditCode(1), '示范一厂', 4]);
  sheet.addRow([creditCode(2), '示范二厂', 2]);
  const employerFile = Buffer.from(await employers.xlsx.writeBuffer());
  const imported = await operator.upload('/api/imports/employers', 'employers.xlsx', employerFile);
  assert.equal(imported.body.imported, 2);
  const again = await operator.upload('/api/imports/employers', 'employers.xlsx', employerFile);
  assert.equal(again.status, 422, 'a re-import is refused row by row, not half-applied');
  assert.equal(again.body.error.rows.length, 2);

  const jobs = new ExcelJS.Workbook();
  const jobSheet = jobs.addWorksheet('用工');
  jobSheet.addRow(['creditCode', 'idNumber', 'hiredOn', 'monthlyWage']);
  for (let i = 0; i < 300; i++) jobSheet.addRow([creditCode(1 + (i % 2)), idNumber(i + 10), '2025-02-01', '6500.50']);
  const jobsImported = await operator.upload('/api/imports/employments', 'jobs.xlsx', Buffer.from(await jobs.xlsx.writeBuffer()));
  assert.equal(jobsImported.status, 200, JSON.stringify(jobsImported.body));
  assert.equal(await count('employment'), 300);
  assert.equal(await count('enrollment'), 1200);
  assert.equal(Number((await server.test.database.pool.query(`select sum(monthly_wage) from base_declaration where year = 2025`)).rows[0].sum), 300 * 650050);
  const audit = await server.test.database.pool.query(`select action, after->>'imported' as imported from audit_log where action like 'import.%' order by id`);
  assert.deepEqual(audit.rows.map((r) => [r.action, r.imported]), [['import.persons', '300'], ['import.employers', '2'], ['import.employments', '300']]);
});

test('employment rows referring to unknown people or employers are named', async () => {
  const csv = ['creditCode,idNumber,hiredOn', `${creditCode(9)},${idNumber(10)},2025-01-01`, `${creditCode(1)},${idNumber(900)},2025-01-01`, `${creditCode(1)},${idNumber(10)},2025-13-01`].join('\n');
  const response = await operator.upload('/api/imports/employments', 'jobs.csv', csv);
  assert.equal(response.status, 422);
  assert.deepEqual(response.body.error.rows.map((r: { row: number; field: string }) => [r.row, r.field]), [[2, 'creditCode'], [3, 'idNumber'], [4, 'hiredOn']]);
});

test('unknown columns, missing columns and the template', async () => {
  const unknown = await operator.upload('/api/imports/persons', 'p.csv', 'idNumber,name,salary\n1,2,3');
  assert.equal(unknown.status, 400);
  assert.match(unknown.body.error.message, /unknown columns: salary/);
  const missing = await operator.upload('/api/imports/persons', 'p.csv', 'name\n张三');
  assert.match(missing.body.error.message, /missing required columns: idNumber/);
  const template = await operator.request('GET', '/api/imports/templates/persons.xlsx');
  assert.equal(template.statusCode, 200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
  assert.equal(workbook.worksheets[0].getRow(1).getCell(1).value, '公民身份号码*');
});
