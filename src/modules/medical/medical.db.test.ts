/**
 * `sifund medical settle-year` and POST /api/medical/settlements/year-end/preview on one test database: the same
 * contract (the acceptance case, the region's rule sets), the readable table, refusals naming the field and the rule.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCommand } from '../../platform/testing/cli.ts';
import { addUser, startTestServer, type Client, type TestServer } from '../../platform/testing/http.ts';
import { registerMedicalCommands } from './medical.cli.ts';
import { medicalRoutes } from './medical.routes.ts';

let server: TestServer;
let operator: Client;
let previousUrl: string | undefined;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sifund-medical-'));

before(async () => {
  server = await startTestServer([medicalRoutes]);
  operator = await addUser(server, 'operator.990102', 'operator', '990102');
  previousUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = server.test.url;
});
after(async () => {
  if (previousUrl === undefined) delete process.env.DATABASE_URL; else process.env.DATABASE_URL = previousUrl;
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const bandedRules = { savingRewardShare: '0.3', savingRewardCapShareOfQuota: '0.03', overrunBands: [{ upToShareOfQuota: '0.2', fundShare: '0.5' }] };
const institutions = [
  { code: 'H1', quota: '1000000.00', actual: '1100000.00', prepaid: '1000000.00' },
  // saving 100000: 30% = 30000, capped at 3% of 500000 = 15000; prepaid in full, so 85000 is recovered
  { code: 'H2', quota: '500000.00', actual: '400000.00', prepaid: '500000.00' },
];

async function settle(input: unknown, ...options: string[]) {
  const file = path.join(dir, `input-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, typeof input === 'string' ? input : JSON.stringify(input));
  return runCommand(registerMedicalCommands, ['medical', 'settle-year', '--input', file, ...options]);
}

async function inChinese<T>(work: () => Promise<T>): Promise<T> {
  const locale = { LANG: process.env.LANG, LC_ALL: process.env.LC_ALL };
  process.env.LANG = process.env.LC_ALL = 'zh_CN.UTF-8';
  try { return await work(); } finally {
    for (const [name, value] of Object.entries(locale)) if (value === undefined) delete process.env[name]; else process.env[name] = value;
  }
}

test('settle-year: the acceptance case, with the saving of a second institution capped and recovered', async () => {
  const run = await settle({ rules: bandedRules, institutions }, '--format', 'json');
  assert.equal(run.code, 0, run.stderr);
  const answer = JSON.parse(run.stdout);
  assert.deepEqual(answer.institutions.map((i: Record<string, string>) => [i.code, i.allowed, i.settlement, i.savingReward, i.overrunPaid]), [
    ['H1', '1050000.00', '50000.00', '0.00', '50000.00'],
    ['H2', '415000.00', '-85000.00', '15000.00', '0.00'],
  ]);
  assert.deepEqual(answer.rules, { ...bandedRules, reference: null });
});

test('settle-year: a region and a year instead of rules take the region\'s rule set in force that year', async () => {
  const run2025 = JSON.parse((await settle({ region: '990102', year: 2025, institutions }, '--format', 'json')).stdout);
  assert.equal(run2025.institutions[0].allowed, '1050000.00', '示范市 from 2025: rule set (b), 50% of the overrun');
  assert.match(run2025.rules.reference, /示范市年终清算规则\(b\)/);
  const run2024 = JSON.parse((await settle({ region: '990102', year: '2024', institutions }, '--format', 'json')).stdout);
  // before 2025 the province's rule set (a): 60% of the overrun up to 10% (60000); saving 100000 × 40% = 40000, uncapped
  assert.deepEqual(run2024.institutions.map((i: Record<string, string>) => i.allowed), ['1060000.00', '440000.00']);
  assert.equal(run2024.rules.savingRewardCapShareOfQuota, null);
  const elsewhere = await settle({ region: '110101', year: 2025, institutions }, '--format', 'json');
  assert.equal(elsewhere.code, 1);
  assert.match(elsewhere.stderr, /medical\.year_end_settlement/, 'a region without a rule set is refused naming the parameter');
});

test('settle-year: the readable table in Chinese, with the rules above it and a total row', async () => {
  const run = await inChinese(() => settle({ rules: bandedRules, institutions }));
  assert.equal(run.code, 0, run.stderr);
  const lines = run.stdout.trimEnd().split('\n');
  assert.equal(lines[0], '清算规则：结余奖励比例 0.3，奖励上限 年度总额的 0.03，超支分担 超支 0.2 以内基金分担 0.5');
  assert.match(lines[1], /^机构编码\s+年度总额\s+实际发生\s+结余奖励\s+超支分担\s+核定金额\s+已预拨\s+清算（正补负扣）$/);
  assert.deepEqual(lines.at(-1)!.split(/\s+/), ['合计', '1500000.00', '1500000.00', '15000.00', '50000.00', '1465000.00', '1500000.00', '-35000.00']);
});

test('settle-year: malformed input exits 1 naming every field and its rule', async () => {
  const bad = await settle({
    rules: { savingRewardShare: '1.5', overrunBands: [{ upToShareOfQuota: '0.2', fundShare: '0.5' }, { upToShareOfQuota: '0.1', fundShare: '0.3' }] },
    institutions: [{ code: 'H1', quota: 'abc', actual: '10.00', prepaid: '-1.00' }, { code: 'H1', quota: '1.00', actual: '1.00', prepaid: '0.00' }],
  });
  assert.equal(bad.code, 1);
  assert.equal(bad.stdout, '');
  for (const expected of [
    'rules.savingRewardShare: must be a share from 0 to 1 as decimal text, e.g. "0.3", got "1.5"',
    'rules.overrunBands.1.upToShareOfQuota: must rise from band to band (the band before ends at 0.2)',
    'institutions.0.quota: must be an amount in yuan with at most two decimals',
    'institutions.0.prepaid: must not be negative, got -1.00',
    'institution code H1 is given twice',
  ]) assert.ok(bad.stderr.includes(expected), `${expected}\n  in: ${bad.stderr}`);
  const inZh = await inChinese(() => settle({ institutions }));
  assert.match(inZh.stderr, /^错误：.*须给出清算规则 rules，或给出行政区划 region 与年度 year/);
  const notJson = await settle('{"rules": ');
  assert.equal(notJson.code, 1);
  assert.match(notJson.stderr, /input: is not valid JSON/);
});

test('POST /api/medical/settlements/year-end/preview: the same contract, medical.read, refusals as 400 naming the field', async () => {
  const url = '/api/medical/settlements/year-end/preview';
  const answer = await operator.json('POST', url, { rules: bandedRules, institutions });
  assert.equal(answer.status, 200);
  assert.deepEqual(answer.body.institutions.map((i: Record<string, string>) => [i.code, i.quota, i.actual, i.allowed, i.prepaid, i.settlement]), [
    ['H1', '1000000.00', '1100000.00', '1050000.00', '1000000.00', '50000.00'],
    ['H2', '500000.00', '400000.00', '415000.00', '500000.00', '-85000.00'],
  ]);
  const byRegion = await operator.json('POST', url, { region: '990100', year: 2024, institutions: institutions.slice(0, 1) });
  assert.deepEqual([byRegion.status, byRegion.body.institutions[0].allowed], [200, '1060000.00']);

  const denied = await server.admin.json('POST', url, { rules: bandedRules, institutions });
  assert.deepEqual([denied.status, denied.body.error.code], [403, 'forbidden'], 'the administrator holds no business permission');

  const badAmount = await operator.json('POST', url, { rules: bandedRules, institutions: [{ ...institutions[0], quota: '12.345' }] });
  assert.deepEqual([badAmount.status, badAmount.body.error.field], [400, 'institutions.0.quota']);
  assert.match(badAmount.body.error.message, /must be an amount in yuan with at most two decimals/);
  const badShare = await operator.json('POST', url, { rules: { ...bandedRules, savingRewardShare: '1.5' }, institutions }, { 'accept-language': 'zh-CN' });
  assert.deepEqual([badShare.status, badShare.body.error.field], [400, 'rules.savingRewardShare']);
  assert.equal(badShare.body.error.message, 'rules.savingRewardShare：须为 0 至 1 之间的小数（文本），如 "0.3"，实为 "1.5"');
});
