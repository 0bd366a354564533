import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
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
  assert.deepEqual(response.body.error.rows.map((r: { row: number; field: string; rule: string; column: string; value: string }) => [r.row, r.field, r.rule, r.column, r.value]),
    [[3, 'idNumber', 'format', 'idNumber', '110105194912310021'], [4, 'name', 'required', 'name', ''], [5, 'hukouType', 'code', 'hukouType', 'village'], [6, 'idNumber', 'unique_in_file', 'idNumber', idNumber(1)]]);
  assert.match(response.body.error.rows[3].message, /first on row 2/);
  const inChinese = await operator.upload('/api/imports/persons', 'persons.csv', csv, { 'accept-language': 'zh-CN' });
  assert.equal(inChinese.body.error.rows[3].message, `公民身份号码 ${idNumber(1)} 在文件中重复（首次出现在第 2 行）`);
  assert.equal(inChinese.body.error.rows[1].fieldLabel, '名称');
  assert.equal(response.body.error.errorCount, 4);
  assert.equal(await count('person'), 0, 'nothing applied');

  // The refused file keeps its record and its rows: the error workbook has the bad rows as written, with the reason.
  const importId = response.body.error.importId;
  const record = await operator.request('GET', `/api/imports/${importId}`);
  assert.equal(record.json().status, 'rejected');
  assert.equal(record.json().errorRows, 4);
  const workbookResponse = await operator.request('GET', `/api/imports/${importId}/errors.xlsx`);
  assert.equal(workbookResponse.statusCode, 200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(workbookResponse.rawPayload as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1), ['行号 row', 'idNumber', 'name', 'hukouType', '原因 reason']);
  assert.deepEqual((sheet.getRow(3).values as unknown[]).slice(1, 5), [4, idNumber(2), '', 'rural']);
  assert.equal(sheet.getRow(3).getCell(5).value, 'name: 必填', 'the workbook goes back to the office in Chinese');
  assert.equal(sheet.rowCount, 5);
});

test('a GB18030 CSV with Chinese headers and coded values imports with its names intact, once', async () => {
  const csv = ['公民身份号码,姓名,性别,户口性质,出生日期', `${idNumber(501)},王小明,${Number(idNumber(501)[16]) % 2 ? '男' : '女'},农村,1981/1/1`].join('\r\n');
  const bytes = iconv.encode(csv, 'gb18030');
  assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'the file is not UTF-8');
  const first = await operator.upload('/api/imports/persons', 'gbk.csv', bytes);
  assert.equal(first.status, 200, JSON.stringify(first.body));
  assert.equal(first.body.imported, 1);
  const person = (await server.test.database.pool.query(`select name, hukou_type, birth_date::text from person where id_number = $1`, [idNumber(501)])).rows[0];
  assert.deepEqual(person, { name: '王小明', hukou_type: 'rural', birth_date: '1981-01-01' });
  const again = await operator.upload('/api/imports/persons', 'gbk-again.csv', bytes);
  assert.equal(again.status, 200);
  assert.deepEqual([again.body.alreadyImported, again.body.importId, again.body.imported], [true, first.body.importId, 1]);
  assert.equal(await count(`person where id_number = '${idNumber(501)}'`), 1);
  const records = Number((await server.test.database.pool.query(`select count(*) from import_file where sha256 = $1`, [first.body.sha256])).rows[0].count);
  assert.equal(records, 1, 'the repeat changed nothing, not even the record list');
});

test('a template sent back with its example row imports nothing from that row', async () => {
  const template = await operator.request('GET', '/api/imports/templates/persons.xlsx');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  sheet.addRow([idNumber(601), '赵六']);
  const response = await operator.upload('/api/imports/persons', 'persons.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
  assert.equal(response.status, 200, JSON.stringify(response.body));
  assert.equal(response.body.imported, 1);
  assert.equal(await count(`person where id_number = '11010519491231002X'`), 0);
});

test('CSV with Chinese headers imports persons, then employers and employments from XLSX', async () => {
  const csv = ['\uFEFF公民身份号码,姓名,性别', ...Array.from({ length: 300 }, (_, i) => `${idNumber(i + 10)},人员${i},${Number(idNumber(i + 10)[16]) % 2 ? '男' : '女'}`)].join('\r\n');
  const persons = await operator.upload('/api/imports/persons', 'persons.csv', csv);
  assert.equal(persons.status, 200, JSON.stringify(persons.body));
  assert.equal(persons.body.imported, 300);
  assert.equal(await count(`person where region_code = '990102' and name like '人员%'`), 300, 'the region of the ID number\'s county');

  const employers = new ExcelJS.Workbook();
  const sheet = employers.addWorksheet('单位');
  sheet.addRow(['统一社会信用代码*', '单位名称*', '工伤风险类别']);
  sheet.addRow([creditCode(1), '示范一厂', 4]);
  sheet.addRow([creditCode(2), '示范二厂', 2]);
  const employerFile = Buffer.from(await employers.xlsx.writeBuffer());
  const imported = await operator.upload('/api/imports/employers', 'employers.xlsx', employerFile);
  assert.equal(imported.body.imported, 2);
  const again = await operator.upload('/api/imports/employers', 'employers.xlsx', employerFile);
  assert.equal(again.status, 200, 'the same file answers with its first result');
  assert.deepEqual([again.body.alreadyImported, again.body.imported], [true, 2]);
  assert.equal(await count('employer'), 2);
  const renamed = new ExcelJS.Workbook();
  renamed.addWorksheet('单位').addRows([['统一社会信用代码', '单位名称'], [creditCode(1), '示范一厂（改名）']]);
  const duplicate = await operator.upload('/api/imports/employers', 'employers2.xlsx', Buffer.from(await renamed.xlsx.writeBuffer()));
  assert.equal(duplicate.status, 422, 'a different file naming a registered employer is refused row by row');
  assert.equal(duplicate.body.error.rows[0].rule, 'one_record_per_employer');

  const jobs = new ExcelJS.Workbook();
  const jobSheet = jobs.addWorksheet('用工');
  jobSheet.addRow(['creditCode', 'idNumber', '入职日期', '月缴费工资']);
  for (let i = 0; i < 300; i++) jobSheet.addRow([creditCode(1 + (i % 2)), idNumber(i + 10), i % 2 ? new Date(Date.UTC(2025, 1, 1)) : '2025/2/1', i % 3 ? '6,500.50' : 6500.5]);
  const jobsImported = await operator.upload('/api/imports/employments', 'jobs.xlsx', Buffer.from(await jobs.xlsx.writeBuffer()));
  assert.equal(jobsImported.status, 200, JSON.stringify(jobsImported.body));
  assert.equal(await count('employment'), 300);
  assert.equal(await count('enrollment'), 1200);
  assert.equal(Number((await server.test.database.pool.query(`select sum(monthly_wage) from base_declaration where year = 2025`)).rows[0].sum), 300 * 650050);
  const audit = await server.test.database.pool.query(`select action, after->>'applied' as imported from audit_log where action in ('import.employers', 'import.employments') order by id`);
  assert.deepEqual(audit.rows.map((r) => [r.action, r.imported]), [['import.employers', '2'], ['import.employments', '300']]);
});

test('employment rows referring to unknown people or employers are named', async () => {
  const csv = ['creditCode,idNumber,hiredOn', `${creditCode(9)},${idNumber(10)},2025-01-01`, `${creditCode(1)},${idNumber(900)},2025-01-01`, `${creditCode(1)},${idNumber(10)},2025-13-01`].join('\n');
  const response = await operator.upload('/api/imports/employments', 'jobs.csv', csv);
  assert.equal(response.status, 422);
  assert.deepEqual(response.body.error.rows.map((r: { row: number; field: string; rule: string }) => [r.row, r.field, r.rule]),
    [[2, 'creditCode', 'known_employer'], [3, 'idNumber', 'known_person'], [4, 'hiredOn', 'date']]);
});

test('an employer with no work-injury class and no industry cannot take employments into work injury by import either', async () => {
  const unrated = await operator.upload('/api/imports/employers', 'unrated.csv', ['统一社会信用代码,单位名称', `${creditCode(3)},示范三厂`].join('\n'));
  assert.equal(unrated.status, 200, JSON.stringify(unrated.body));
  const before = await count('employment');
  const response = await operator.upload('/api/imports/employments', 'jobs3.csv', ['creditCode,idNumber,hiredOn', `${creditCode(3)},${idNumber(11)},2025-03-01`].join('\n'));
  assert.equal(response.status, 422);
  assert.deepEqual(response.body.error.rows.map((r: { row: number; field: string; rule: string }) => [r.row, r.field, r.rule]), [[2, 'creditCode', 'work_injury_class']]);
  assert.match(response.body.error.rows[0].message, /示范三厂/);
  assert.equal(await count('employment'), before, 'nothing applied');
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
  const unknownEncoding = await operator.upload('/api/imports/persons?encoding=big5', 'p.csv', 'idNumber,name\n1,2');
  assert.equal(unknownEncoding.status, 400);
  assert.match(unknownEncoding.body.error.message, /encoding: must be utf-8, gb18030 or gbk/);
});
