/** The quotes through `sifund pension|unemployment quote` (in process, on a test database) and through the API. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCommand } from '../../platform/testing/cli.ts';
import { addUser, startTestServer, type Client, type TestServer } from '../../platform/testing/http.ts';
import { benefitsModule } from './index.ts';
import { quoteRoutes } from './quote.routes.ts';

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sifund-quotes-'));
const previousUrl = process.env.DATABASE_URL;
let server: TestServer;
let operator: Client;
let auditor: Client;

before(async () => {
  server = await startTestServer([quoteRoutes]);
  process.env.DATABASE_URL = server.test.url;
  operator = await addUser(server, 'operator.990100', 'operator', '990100');
  auditor = await addUser(server, 'security.990100', 'security_auditor', '990100');
});
after(async () => {
  if (previousUrl === undefined) delete process.env.DATABASE_URL; else process.env.DATABASE_URL = previousUrl;
  await server.close();
  fs.rmSync(directory, { recursive: true, force: true });
});

const sifund = async (command: 'pension' | 'unemployment', input: unknown, format = 'json') => {
  const file = path.join(directory, `${command}-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, typeof input === 'string' ? input : JSON.stringify(input));
  return runCommand((program) => benefitsModule.registerCommands(program), [command, 'quote', '--input', file, '--format', format]);
};

const man = { birthDate: '1964-06-10', gender: 'male', retirementDate: '2024-07-01', contributionMonths: 360, averageIndex: '1.2', averageWage: '8000.00', accountBalance: '100000.00' };

test('sifund pension quote: JSON with the trace, a table in Chinese, a malformed input refused naming the field', async () => {
  const json = await sifund('pension', man);
  assert.equal(json.code, 0, json.stderr);
  const quote = JSON.parse(json.stdout);
  assert.deepEqual([quote.eligible, quote.divisor, quote.basicPension, quote.accountPension, quote.total], [true, 139, '2640.00', '719.42', '3359.42']);
  assert.match(JSON.stringify(quote.trace), /国发〔2005〕38号/);

  const table = await sifund('pension', { ...man, contributionMonths: 168 }, 'table');
  assert.equal(table.code, 0, table.stderr);
  assert.match(table.stdout, /基础养老金\s+1232\.00/);
  assert.match(table.stdout, /输入：累计缴费月数（contributionMonths）\s+168/);
  assert.match(table.stdout, /结论：不符合条件\n {2}· 累计缴费（含视同缴费）168 个月，不足 2024-07-01 退休所需的最低缴费年限 180 个月/);

  const bad = await sifund('pension', { birthDate: '1964-06-10', gender: 'male', retirementDate: '2024-07-01', contributionMonths: 'many' });
  assert.notEqual(bad.code, 0);
  assert.equal(bad.stdout, '');
  assert.match(bad.stderr, /contributionMonths/);
  assert.match(bad.stderr, /averageIndex/);
  const notJson = await sifund('pension', '{"birthDate": ');
  assert.notEqual(notJson.code, 0);
  assert.match(notJson.stderr, /is not valid JSON|不是有效的 JSON/);
});

test('sifund unemployment quote', async () => {
  const laidOff = await sifund('unemployment', { region: '990100', contributionMonths: 72, separationReason: 'involuntary', separationDate: '2026-03-31' });
  assert.equal(laidOff.code, 0, laidOff.stderr);
  assert.deepEqual({ ...JSON.parse(laidOff.stdout), trace: undefined }, { eligible: true, reasons: [], months: 18, monthlyAmount: '2070.00', trace: undefined });
  const quit = await sifund('unemployment', { contributionMonths: 120, separationReason: 'voluntary', separationDate: '2026-03-31' });
  assert.deepEqual([JSON.parse(quit.stdout).eligible, JSON.parse(quit.stdout).months], [false, 0]);
});

test('POST /api/pension/quote and /api/unemployment/quote: the same answers, reasons in the request\'s language, staff only', async () => {
  const answer = await operator.json('POST', '/api/pension/quote', man);
  assert.equal(answer.status, 200);
  assert.deepEqual([answer.body.total, answer.body.statutoryRetirementMonth, answer.body.retirementAge], ['3359.42', '2024-06', { years: 60, months: 0 }]);
  const short = await operator.json('POST', '/api/pension/quote', { ...man, contributionMonths: 168 }, { 'accept-language': 'zh-CN' });
  assert.deepEqual(short.body.reasons, ['累计缴费（含视同缴费）168 个月，不足 2024-07-01 退休所需的最低缴费年限 180 个月']);
  const bad = await operator.json('POST', '/api/pension/quote', { ...man, contributionMonths: 'many' });
  assert.equal(bad.status, 400);
  assert.deepEqual([bad.body.error.field, bad.body.error.message], ['contributionMonths', 'contributionMonths: must be integer']);
  const badDate = await operator.json('POST', '/api/pension/quote', { ...man, birthDate: '1964-02-30' });
  assert.deepEqual([badDate.status, badDate.body.error.field, badDate.body.error.message], [400, 'birthDate', 'birth date: must be a real date YYYY-MM-DD, got "1964-02-30"']);
  const unemployment = await operator.json('POST', '/api/unemployment/quote', { contributionMonths: 11, separationReason: 'involuntary', separationDate: '2026-03-31' });
  assert.deepEqual([unemployment.status, unemployment.body.eligible, unemployment.body.monthlyAmount], [200, false, null]);
  assert.equal((await auditor.json('POST', '/api/pension/quote', man)).status, 403);
});
