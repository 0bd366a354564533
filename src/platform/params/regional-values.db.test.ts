import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, addUser, type TestServer } from '../testing/http.ts';
import { paramsRoutes } from './params.routes.ts';
import { regionalValueRoutes } from './regional-values.routes.ts';
import { signoffRoutes } from '../signoff/signoff.routes.ts';
import { todayInChina } from './params.store.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs SIFUND_TEST_DATABASE_URL: run through npm test';
let server: TestServer;
before(async () => { if (!skip) server = await startTestServer([regionalValueRoutes, paramsRoutes, signoffRoutes]); });
after(async () => { await server?.close(); });

const PATH = 'contribution.medical.employer_rate';
const nextYear = Number(todayInChina().slice(0, 4)) + 1;
const SINCE = `${nextYear}-01-01`;

test('a regional value proposed in the UI is in force from its date once approved, with who proposed and approved it', { skip }, async () => {
  const reviewer = await addUser(server, 'rv.params', 'reviewer', '990100');
  const approver = await addUser(server, 'ap.params', 'approver', '990100');
  const lookup = async () => (await reviewer.json('GET', `/api/params?path=${PATH}&date=${SINCE}&region=990102`)).body;
  const before = await lookup();
  assert.equal(before.value, '0.09');

  const proposed = await reviewer.json('POST', '/api/params/proposals', { path: PATH, region: '990100', since: SINCE, value: '0.085', reference: '某市医保局〔2026〕12号' });
  assert.equal(proposed.status, 201, JSON.stringify(proposed.body));
  assert.equal(proposed.body.kind, 'params.regional_value');
  assert.equal((await lookup()).value, '0.09', 'nothing changes before the approval');

  const twice = await reviewer.json('POST', '/api/params/proposals', { path: PATH, region: '990100', since: SINCE, value: '0.08', reference: '某市医保局〔2026〕13号' });
  assert.equal(twice.status, 409, 'one open proposal per parameter, region and date');

  const selfApproval = await reviewer.json('POST', `/api/approvals/${proposed.body.id}/decisions`, { decision: 'approve' });
  assert.equal(selfApproval.status, 403, 'a reviewer does not hold params.approve');
  const approved = await approver.json('POST', `/api/approvals/${proposed.body.id}/decisions`, { decision: 'approve', comment: '同意' });
  assert.equal(approved.status, 200, JSON.stringify(approved.body));
  assert.equal(approved.body.status, 'approved');

  const after = await lookup();
  assert.deepEqual([after.value, after.since, after.region, after.reference], ['0.085', SINCE, '990100', '某市医保局〔2026〕12号']);
  const dayBefore = (await reviewer.json('GET', `/api/params?path=${PATH}&date=${nextYear - 1}-12-31&region=990102`)).body;
  assert.equal(dayBefore.value, '0.09', 'in force from its date, not before');
  const elsewhere = (await reviewer.json('GET', `/api/params?path=${PATH}&date=${SINCE}&region=990000`)).body;
  assert.equal(elsewhere.value, '0.09', 'only the region and the regions under it');

  const history = await reviewer.json('GET', `/api/params/approved?path=${PATH}`);
  assert.deepEqual(history.body.items.map((i: any) => [i.region, i.since, i.value, i.proposedBy, i.approvedBy]), [['990100', SINCE, '0.085', 'rv.params', 'ap.params']]);
});

test('a proposal is checked as the parameter files are: the unit, the date, the region and the reference', { skip }, async () => {
  const reviewer = await addUser(server, 'rv2.params', 'reviewer', '990102');
  const propose = (body: Record<string, unknown>) => reviewer.json('POST', '/api/params/proposals', { path: PATH, region: '990102', since: SINCE, value: '0.08', reference: '某县文件', ...body });
  const notRate = await propose({ value: 'eight percent' });
  assert.deepEqual([notRate.status, notRate.body.error.field], [400, 'value']);
  assert.match(notRate.body.error.message, /decimal rate/);
  const percent = await reviewer.json('POST', '/api/params/proposals', { path: PATH, region: '990102', since: SINCE, value: '8.5%', reference: '某县文件' }, { 'accept-language': 'zh-CN' });
  assert.deepEqual([percent.status, percent.body.error.field], [400, 'value']);
  assert.equal(percent.body.error.message, '取值：须为小数形式的费率，如 0.085（8.5% 写作 0.085），实为“8.5%”');
  const rounding = await reviewer.json('POST', '/api/params/proposals', { path: 'contribution.rounding', region: '990102', since: SINCE, value: 'ceiling', reference: '某县文件' });
  assert.equal(rounding.body.error.message, 'value: must be one of half_up, half_even, down, got "ceiling"');
  const roundingHistory = await reviewer.json('GET', '/api/params/history?path=contribution.rounding');
  assert.deepEqual(roundingHistory.body.choices, ['half_up', 'half_even', 'down'], 'the form offers the choices');
  const past = await propose({ since: '2020-01-01' });
  assert.deepEqual([past.status, past.body.error.field], [400, 'since']);
  const outside = await propose({ region: '990103' });
  assert.equal(outside.status, 403);
  const twoLines = await propose({ value: '0.08\n  x: 1' });
  assert.deepEqual([twoLines.status, twoLines.body.error.field], [400, 'value']);
  const unknown = await propose({ path: 'no.such.parameter' });
  assert.equal(unknown.status, 404);
  const operator = await addUser(server, 'op.params', 'operator', '990102');
  const refused = await operator.json('POST', '/api/params/proposals', { path: PATH, region: '990102', since: SINCE, value: '0.08', reference: '某县文件' });
  assert.equal(refused.status, 403);
});
