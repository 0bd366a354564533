/**
 * The budget adjustment routes over HTTP: a request's refusal lists every bad line by its field, in the caller's
 * language; the permission (budget.draft to request, budget.read to read) and the region scope; the requests' list
 * and the history of a line after the approval, in the shapes the schemas declare (the server checks its answers).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { signOff, testUser } from '../../../platform/signoff/signoff.testing.ts';
import { addUser, startTestServer, type Client, type TestServer } from '../../../platform/testing/http.ts';
import { ensureFunds } from '../../ledger/index.ts';
import { seedPoolingRegions } from '../../ledger/ledger.testing.ts';
import { versionRoutes } from '../versions/versions.routes.ts';
import { saveDraftAsVersion, submitVersion } from '../versions/versions.service.ts';
import { adjustmentRoutes } from './adjustments.routes.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
let server: TestServer;
let officer: Client, countyOfficer: Client, securityAuditor: Client;
let versionId: string;
const fund = 'medical-990100';

before(async () => {
  if (skip) return;
  server = await startTestServer([versionRoutes, adjustmentRoutes]);
  await seedPoolingRegions(server.test.database);
  await ensureFunds(server.test.database);
  officer = await addUser(server, 'op.990100', 'operator', '990100');
  countyOfficer = await addUser(server, 'op.990102', 'operator', '990102');
  securityAuditor = await addUser(server, 'sec.990000', 'security_auditor', '990000');
  const drafter = testUser('operator', 31);
  const line = (subject: string, name: string, amount: bigint) => ({ subject, name, amount, model: 'naive', beatsNaive: false, backtest: null });
  const created = await saveDraftAsVersion(server.test.database, drafter, {
    year: 2028, region: '990100', lastActualMonth: '2027-10', chartYear: 2018,
    tables: [{
      fund, region: '990100', scheme: 'medical', table: '社预05', tableName: '职工基本医疗保险基金（含生育保险）预算表',
      income: [line('premium_income', '社会保险费收入', 800_000_00n)], expense: [line('other_expense', '其他支出', 300_000_00n)],
      totalIncome: 800_000_00n, totalExpense: 300_000_00n, balance: 500_000_00n, previousAccumulatedBalance: 0n, accumulatedBalance: 500_000_00n,
    }],
  });
  const submitted = await submitVersion(server.test.database, drafter, BigInt(created.id));
  await signOff(server.test.database, { id: submitted.approvalItemId! }, [testUser('reviewer', 32), testUser('approver', 33)]);
  versionId = created.id;
});
after(() => server?.close());

test('a bad request answers 422 naming every bad line by its field, in Chinese when asked; nothing is stored', { skip }, async () => {
  const answer = await officer.json('POST', `/api/budget/versions/${versionId}/adjustments`, {
    explanation: '调整收支预算',
    lines: [
      { fund, side: 'income', subject: 'premium_income', amount: '900000.00', reason: '扩面' },
      { fund, side: 'expense', subject: 'other_expense', change: '-400000.00', reason: '压减' },
      { fund, side: 'income', subject: 'interest_income', amount: '1000.00', reason: '' },
    ],
  }, { 'accept-language': 'zh-CN' });
  assert.equal(answer.status, 422, JSON.stringify(answer.body));
  const { error } = answer.body;
  assert.equal(error.code, 'rows_rejected');
  assert.match(error.message, /调整方案有 2 个项目不符合要求/);
  assert.deepEqual(error.rows.map((row: { row: number; field: string; fieldLabel: string }) => [row.row, row.field, row.fieldLabel]), [[2, 'change', '增减额'], [3, 'reason', '原因']]);
  assert.match(error.rows[0].message, /调整后金额不得小于 0（原数 300000.00 元，调整后 -100000.00 元）/);
  assert.deepEqual((await officer.json('GET', '/api/budget/adjustments?year=2028&region=990100')).body, { items: [] });

  const noExplanation = await officer.json('POST', `/api/budget/versions/${versionId}/adjustments`, { explanation: '', lines: [] });
  assert.deepEqual([noExplanation.status, noExplanation.body.error.field], [400, 'explanation']);
  const unknownField = await officer.json('POST', `/api/budget/versions/${versionId}/adjustments`, { explanation: '调整', lines: [{ fund, side: 'income', subject: 'premium_income', amount: '1.00', reason: '扩面', extra: 1 }] });
  assert.equal(unknownField.status, 400, 'the schema refuses a field it does not know');
});

test('permissions and scope: the security auditor may not request; a county cannot see the city\'s budget', { skip }, async () => {
  const request = { explanation: '调整收支预算', lines: [{ fund, side: 'income', subject: 'premium_income', amount: '900000.00', reason: '扩面' }] };
  assert.equal((await securityAuditor.json('POST', `/api/budget/versions/${versionId}/adjustments`, request)).status, 403);
  assert.equal((await countyOfficer.json('POST', `/api/budget/versions/${versionId}/adjustments`, request)).status, 404);
  assert.deepEqual((await countyOfficer.json('GET', '/api/budget/adjustments?year=2028&region=990100')).body, { items: [] });
});

test('a request, its approval, the list with the new version and the history of the line', { skip }, async () => {
  const requested = await officer.json('POST', `/api/budget/versions/${versionId}/adjustments`, {
    explanation: '参保扩面超预期', lines: [{ fund, side: 'income', subject: 'premium_income', change: '100000.00', reason: '新增参保 3000 人' }],
  });
  assert.equal(requested.status, 200, JSON.stringify(requested.body));
  assert.deepEqual([requested.body.status, requested.body.requestedBy, requested.body.nextLevel, requested.body.lines[0].to], ['submitted', 'op.990100', '复核', '900000.00']);
  const decided = await signOff(server.test.database, { id: requested.body.approvalItemId }, [testUser('reviewer', 34), testUser('approver', 35)]);
  const newVersion = (decided.result as { versionId: string }).versionId;

  const listed = await officer.json('GET', '/api/budget/adjustments?year=2028&region=990100');
  assert.equal(listed.status, 200);
  assert.deepEqual(listed.body.items.map((item: { status: string; resultVersion: { id: string; number: number } }) => [item.status, item.resultVersion]), [['approved', { id: newVersion, number: 2 }]]);
  const one = await officer.json('GET', `/api/budget/adjustments/${requested.body.id}`);
  assert.deepEqual([one.status, one.body.incomeChange], [200, '100000.00']);

  const history = await officer.json('GET', `/api/budget/versions/${newVersion}/lines/${fund}/premium_income/history`);
  assert.equal(history.status, 200, JSON.stringify(history.body));
  assert.deepEqual(history.body.entries.map((entry: { number: number; amount: string; reason: string | null; approvedBy: string }) => [entry.number, entry.amount, entry.reason, entry.approvedBy]),
    [[1, '800000.00', null, 'approver.test33'], [2, '900000.00', '新增参保 3000 人', 'approver.test35']]);
  const version = await officer.json('GET', `/api/budget/versions/${versionId}`);
  assert.deepEqual(version.body.supersededBy, { id: newVersion, number: 2 });
  assert.equal((await officer.json('GET', `/api/budget/versions/${newVersion}/lines/${fund}/no_line/history`)).status, 404);
});
