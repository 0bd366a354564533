/**
 * The budget's reading routes over HTTP: GET /api/budget/actuals (each line of the city's fund tables per calendar year
 * from a ledger posted here) and GET /api/budget/projection (the route answers what the service computes; the
 * request's checks name their field), their permission, and the scenarios' list in the caller's language.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { systemActor } from '../../platform/actor.ts';
import { todayInChina } from '../../platform/params/index.ts';
import { addUser, startTestServer, type Client, type TestServer } from '../../platform/testing/http.ts';
import { ensureFunds, openingBalanceEntry, periodEnd, postEntries, type EntryInput } from '../ledger/index.ts';
import { seedPoolingRegions } from '../ledger/ledger.testing.ts';
import { lastCompleteMonth } from './draft/draft.service.ts';
import { draftRoutes } from './draft/draft.routes.ts';
import { projectionRoutes } from './projection/projection.routes.ts';
import { projectPension } from './projection/projection.service.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
let server: TestServer;
let officer: Client, financeReviewer: Client, securityAuditor: Client;

/** The city's medical fund, live from 2025-11: premiums rising by 10,000.00 a month, inpatient costs 250,000.00 a month. */
const MONTHS = ['2025-11', '2025-12', '2026-01', '2026-02'];
const premium = (t: number) => 300_000_00n + 10_000_00n * BigInt(t);
const INPATIENT = 250_000_00n;

function entries(): EntryInput[] {
  const fund = 'medical-990100';
  return [
    openingBalanceEntry({ fund, amount: 6_000_000_00n, date: '2025-11-01', memo: '期初建账', heldIn: 'expense_bank' }),
    ...MONTHS.flatMap((month, t): EntryInput[] => [
      { key: `premium:${month}`, fund, period: month, date: `${month}-15`, memo: '社会保险费收入', lines: [{ account: '1003', debit: premium(t) }, { account: '4001', credit: premium(t) }] },
      { key: `inpatient:${month}`, fund, period: month, date: periodEnd(month), memo: '住院医疗费用', lines: [{ account: '500101', debit: INPATIENT }, { account: '1004', credit: INPATIENT }] },
    ]),
  ];
}

before(async () => {
  if (skip) return;
  server = await startTestServer([draftRoutes, projectionRoutes]);
  await seedPoolingRegions(server.test.database);
  await ensureFunds(server.test.database);
  await postEntries(server.test.database, systemActor('test', ['ledger.read']), entries());
  officer = await addUser(server, 'op.990100', 'operator', '990100');
  // the pension fund pools at the province: its ledger is read at the province's level
  financeReviewer = await addUser(server, 'finance.990000', 'finance', '990000');
  securityAuditor = await addUser(server, 'sec.990000', 'security_auditor', '990000');
});
after(() => server?.close());

const fen = (yuan: string) => BigInt(yuan.replace('.', ''));

test('actuals: each line and 其中 row of the city\'s tables per calendar year, as the ledger holds them', { skip }, async () => {
  const answer = await officer.json('GET', '/api/budget/actuals?year=2027&region=990100');
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  const lastMonth = lastCompleteMonth(todayInChina());
  assert.deepEqual([answer.body.region, answer.body.chartYear, answer.body.lastActualMonth], ['990100', 2018, lastMonth]);
  assert.deepEqual(answer.body.funds.map((fund: { fund: string; table: string }) => [fund.fund, fund.table]),
    [['medical-990100', '社预05'], ['unemployment-990100', '社预08'], ['work_injury-990100', '社预07']]);
  const medical = answer.body.funds[0];
  const line = (subject: string) => medical.lines.find((entry: { subject: string }) => entry.subject === subject);
  // 2025: November and December; 2026: from January to the last complete month (postings in January and February only)
  const monthsOf2026 = lastMonth.startsWith('2026-') ? Number(lastMonth.slice(5)) : 12;
  const years = (subject: string) => line(subject).years.map((annual: { year: number; amount: string; actualMonths: number }) => [annual.year, fen(annual.amount), annual.actualMonths]);
  assert.deepEqual(years('premium_income').slice(0, 2), [[2025, premium(0) + premium(1), 2], [2026, premium(2) + premium(3), monthsOf2026]]);
  assert.deepEqual(years('benefit_expense.inpatient').slice(0, 2), [[2025, 2n * INPATIENT, 2], [2026, 2n * INPATIENT, monthsOf2026]]);
  assert.deepEqual(years('benefit_expense'), years('benefit_expense.inpatient'), 'the line sums its 其中 rows (only inpatient has postings)');
  assert.equal(line('benefit_expense').side, 'expense');
  assert.deepEqual(years('interest_income').map(([, amount]: [number, bigint]) => amount), years('interest_income').map(() => 0n), 'a line with no posting is zero in every year');
  assert.deepEqual(answer.body.funds[1].lines[0].years, [], 'a fund with no posting has no year');
});

test('actuals: a malformed year names the field; without budget.read 403', { skip }, async () => {
  const bad = await officer.json('GET', '/api/budget/actuals?year=27&region=990100');
  assert.deepEqual([bad.status, bad.body.error.field], [400, 'year']);
  assert.equal((await securityAuditor.json('GET', '/api/budget/actuals?year=2027&region=990100')).status, 403);
});

test('projection: the route answers the service\'s projection of the provincial pool, in the caller\'s language', { skip }, async () => {
  const answer = await financeReviewer.json('GET', '/api/budget/projection?region=990100&years=12&scenario=low-wage', undefined, { 'accept-language': 'zh-CN' });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  const direct = await projectPension(server.test.database, systemActor('test', ['ledger.read']), { region: '990100', years: 12, scenario: 'low-wage' }, 'zh-CN');
  assert.deepEqual(answer.body, JSON.parse(JSON.stringify(direct)), 'every field of the service\'s answer survives the response schema');
  assert.deepEqual([answer.body.fund, answer.body.years.length, answer.body.scenarioLabel], ['pension-990000', 12, '工资低增长（年增 3%）']);
});

test('projection: years outside 10–50 and an unknown scenario are refused naming the field; without budget.read 403', { skip }, async () => {
  const short = await financeReviewer.json('GET', '/api/budget/projection?region=990100&years=9');
  assert.deepEqual([short.status, short.body.error.field], [400, 'years']);
  const unknown = await financeReviewer.json('GET', '/api/budget/projection?region=990100&years=20&scenario=boom');
  assert.deepEqual([unknown.status, unknown.body.error.field], [400, 'scenario']);
  assert.equal((await securityAuditor.json('GET', '/api/budget/projection?region=990100&years=20')).status, 403);
});

test('the scenarios: the baseline first, each labelled in the caller\'s language', { skip }, async () => {
  const english = await officer.json('GET', '/api/budget/projection/scenarios');
  assert.equal(english.status, 200);
  assert.equal(english.body.baseline, 'reform');
  assert.deepEqual(english.body.items.map((item: { name: string }) => item.name), ['reform', 'no-reform', 'low-wage', 'high-wage', 'low-compliance']);
  assert.equal(english.body.items[4].label, 'low contribution compliance (85% collected)');
  const chinese = await officer.json('GET', '/api/budget/projection/scenarios', undefined, { 'accept-language': 'zh-CN' });
  assert.equal(chinese.body.items[0].label, '延迟退休改革按期实施（基准）');
});
