/**
 * Risk-graded controls against a real database: a base correction cannot bypass its sign-off (over HTTP and in the
 * service) and applies only when a second person approves it; the register lists the control points with their
 * grades and counts; the month's audit sample is reproducible for a seed, differs for another, is stored when taken,
 * and the CLI answers the acceptance script's JSON.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import '../../index.ts';   // every module's sign-off kinds, as the server and the CLI register them
import { addUser, startTestServer, type Client, type TestServer } from '../../../platform/testing/http.ts';
import { runCommand } from '../../../platform/testing/cli.ts';
import { signoffRoutes } from '../../../platform/signoff/signoff.routes.ts';
import { decide, drafterAction } from '../../../platform/signoff/signoff.service.ts';
import { todayInChina } from '../../../platform/params/index.ts';
import { declareBase, registryModule } from '../../registry/index.ts';
import { registerSupervisionCommands } from '../supervision.cli.ts';
import { controlsRoutes } from './controls.routes.ts';
import { drawSample } from './controls.calc.ts';

let server: TestServer;
let operator: Client, reviewer: Client, auditor: Client, countyAuditor: Client;
let employerId: string, personId: string;
const year = Number(todayInChina().slice(0, 4));
const SAMPLE_MONTH = '2025-06';

before(async () => {
  server = await startTestServer([...registryModule.routes, signoffRoutes, controlsRoutes]);
  operator = await addUser(server, 'op.east', 'operator', '990102');
  reviewer = await addUser(server, 'rv.city', 'reviewer', '990100');
  auditor = await addUser(server, 'au.city', 'auditor', '990100');
  countyAuditor = await addUser(server, 'au.west', 'auditor', '990103');
  employerId = (await operator.json('POST', '/api/employers', { creditCode: '91110000600037341L', name: '东城测试公司', workInjuryClass: 1 })).body.id;
  personId = (await operator.json('POST', '/api/persons', { idNumber: '110101200002290018', name: '王五' })).body.id;
  assert.equal((await operator.json('POST', '/api/employments', { employerId, personId, hiredOn: `${year}-01-01` })).status, 201);

  // the operations of 2025-06 the sample draws from: 12 high-risk items of the register's kinds in the counties and
  // the city, and what it must leave out: a medium-risk reversal, a withdrawn refund, a kind outside the register,
  // an item of July
  const values: string[] = [];
  const item = (id: number, kind: string, region: string, risk: string, at: string, status = 'pending') => values.push(
    `(${id}, '${kind}', '${region}', '事项 ${id}', 'fixture:${id}', '${risk}', '[{"name": "review"}]', '{}', '{}', 'op.fixture', '2025-07-31', '${at}', '${status}', ${status === 'cancelled' ? `'${at}'` : 'null'})`);
  for (let n = 1; n <= 12; n++) item(5000 + n, n % 2 ? 'billing.reassessment' : 'payment.refund', n % 3 ? '990102' : '990103', 'high', `2025-06-${String(n + 1).padStart(2, '0')}T10:00:00+08:00`);
  item(5101, 'payment.reversal', '990102', 'medium', '2025-06-05T10:00:00+08:00');
  // the checks' events of the month (Beijing dates: 06-01 00:30 is June, 05-31 23:30 and 07-01 00:10 are not)
  const event = (id: number, region: string, outcome: 'stopped' | 'overridden', at: string) =>
    `(${id}, 'payment.manual', '${region}', '91990102MA000000${id % 10}X', '${outcome}', '[]', ${outcome === 'overridden' ? "'已核对银行回单'" : 'null'}, 'op.fixture', '${at}')`;
  await server.test.owner.query(`insert into control_check_event (id, point, region_code, subject, outcome, warnings, reason, actor, happened_at) values
    ${[event(7001, '990102', 'stopped', '2025-06-01T00:30:00+08:00'), event(7002, '990102', 'overridden', '2025-06-01T00:40:00+08:00'),
      event(7003, '990103', 'stopped', '2025-06-30T23:50:00+08:00'), event(7004, '990102', 'stopped', '2025-05-31T23:30:00+08:00'),
      event(7005, '990102', 'overridden', '2025-07-01T00:10:00+08:00')].join(',\n')}`);
  item(5102, 'payment.refund', '990102', 'high', '2025-06-06T10:00:00+08:00', 'cancelled');
  item(5103, 'pension.payroll', '990102', 'high', '2025-06-07T10:00:00+08:00');
  item(5104, 'billing.reassessment', '990102', 'high', '2025-07-01T00:00:00+08:00');
  item(5105, 'billing.reassessment', '990102', 'high', '2025-05-31T23:59:59+08:00');
  await server.test.owner.query(`insert into approval_item (id, kind, region_code, title, subject_key, risk, levels, parameter_refs, payload, submitted_by, deadline_on, submitted_at, status, decided_at)
    values ${values.join(', ')}`);
});
after(() => server.close());

const eligible = Array.from({ length: 12 }, (_, index) => String(5001 + index));

test('a base correction waits for a second person: 202 with the item, nothing applied until another person approves', async () => {
  const first = await operator.json('POST', '/api/base-declarations', { employerId, personId, year, monthlyWage: '8000.00' });
  assert.equal(first.status, 201, 'the first declaration of a year is recorded at once');
  assert.equal(first.body.version, 1);

  const correction = await reviewer.json('POST', '/api/base-declarations', { employerId, personId, year, monthlyWage: '9500.50', reason: '漏报绩效工资' });
  assert.equal(correction.status, 202);
  assert.deepEqual([correction.body.kind, correction.body.status, correction.body.risk, correction.body.levels.map((l: { label: string }) => l.label)],
    ['registry.base_correction', 'pending', 'high', ['复核']]);
  assert.equal(correction.body.payload.monthlyWage, '9500.50');
  assert.equal(correction.body.payload.correctsVersion, 1);
  const bases = async () => (await auditor.json('GET', `/api/persons/${personId}`)).body.baseDeclarations.map((b: { version: number; monthlyWage: string }) => [b.version, b.monthlyWage]);
  assert.deepEqual(await bases(), [[1, '8000.00']], 'the correction is not applied while it waits');

  // one open correction per person, employer and year
  const again = await operator.json('POST', '/api/base-declarations', { employerId, personId, year, monthlyWage: '9600.00', reason: '再次更正' });
  assert.equal(again.status, 409);

  // the requester never approves, and does not see it in the inbox; the city auditor does
  const own = await reviewer.json('POST', `/api/approvals/${correction.body.id}/decisions`, { decision: 'approve', comment: '自己审' });
  assert.equal(own.status, 403);
  assert.equal(own.body.error.code, 'separation_of_duties');
  const inbox = async (client: Client) => (await client.json('GET', '/api/approvals?status=pending')).body.items.map((i: { id: string }) => i.id);
  assert.ok(!(await inbox(reviewer)).includes(correction.body.id));
  assert.ok((await inbox(auditor)).includes(correction.body.id));
  assert.equal((await operator.json('POST', `/api/approvals/${correction.body.id}/decisions`, { decision: 'approve', comment: '经办' })).status, 403, 'an operator holds no review permission');
  assert.deepEqual(await bases(), [[1, '8000.00']]);

  const approved = await auditor.json('POST', `/api/approvals/${correction.body.id}/decisions`, { decision: 'approve', comment: '核实工资表，同意' });
  assert.equal(approved.status, 200);
  assert.equal(approved.body.status, 'approved');
  assert.deepEqual([approved.body.result.declaration.version, approved.body.result.declaration.monthlyWage, approved.body.result.declaration.reason], [2, '9500.50', '漏报绩效工资']);
  assert.deepEqual(await bases(), [[2, '9500.50'], [1, '8000.00']]);
  const history = (await auditor.json('GET', `/api/persons/${personId}`)).body.history as { action: string; actorUsername: string; after: { requestedBy?: string } }[];
  const corrected = history.find((h) => h.action === 'base.correct')!;
  assert.deepEqual([corrected.actorUsername, corrected.after.requestedBy], ['au.city', 'rv.city']);
});

test('the service refuses to apply a correction at once, whoever calls it', async () => {
  const me = { userId: 424242n, username: 'op.service', role: 'operator' as const, regionCode: '990102' };
  const outcome = await declareBase(server.test.database, me, { employerId, personId, year, monthlyWage: '7000.00', reason: '原申报工资有误' });
  assert.ok('correction' in outcome && !('declared' in outcome));
  if (!('correction' in outcome)) return;
  assert.equal(outcome.correction.payload && (outcome.correction.payload as { correctsVersion: number }).correctsVersion, 2);
  const { rows } = await server.test.owner.query('select max(version) as version from base_declaration where person_id = $1 and year = $2', [personId, year]);
  assert.equal(rows[0].version, 2, 'still version 2 while it waits');
  // the requester cannot approve it through the engine either
  await assert.rejects(decide(server.test.database, me, BigInt(outcome.correction.id), 'approve', '自批'), (error: Error & { status?: number }) => error.status === 403);
  const withdrawn = await drafterAction(server.test.database, me, BigInt(outcome.correction.id), 'cancel', '撤回');
  assert.equal(withdrawn.status, 'cancelled');
});

test('the register lists the control points with their grades, levels and counts of the month', async () => {
  const answer = await auditor.json('GET', `/api/supervision/controls?month=${SAMPLE_MONTH}`);
  assert.equal(answer.status, 200);
  const byOperation = Object.fromEntries(answer.body.controls.map((c: { operation: string }) => [c.operation, c]));
  assert.deepEqual(Object.keys(byOperation), ['base_correction', 'employment_change', 'first_work_date', 'back_payment', 'payment_refund', 'payment_reversal', 'manual_payment']);
  assert.deepEqual([byOperation.base_correction.signoffKind, byOperation.base_correction.grade, byOperation.base_correction.controls, byOperation.base_correction.levels, byOperation.base_correction.allLevelsFrom],
    ['registry.base_correction', 'high', ['every_level', 'monthly_audit_sample'], ['复核'], null]);
  assert.deepEqual([byOperation.payment_reversal.grade, byOperation.payment_reversal.controls, byOperation.payment_reversal.allLevelsFrom], ['medium', ['levels_from_amount'], '10000.00']);
  assert.deepEqual([byOperation.first_work_date.signoffKind, byOperation.first_work_date.grade], ['pension.award', 'high']);
  // fired in 2025-06: 6 reassessments, 6 + 1 withdrawn refunds, 1 reversal (the May and July items are other months)
  assert.deepEqual([byOperation.back_payment.fired, byOperation.payment_refund.fired, byOperation.payment_reversal.fired, byOperation.base_correction.fired], [6, 7, 1, 0]);
  assert.deepEqual(answer.body.controls.map((c: { sampled: number }) => c.sampled), [0, 0, 0, 0, 0, 0, 0]);
  // 次风险 carried by checks that warn: the times they warned in the month and the times they were carried on over
  assert.deepEqual([byOperation.manual_payment.signoffKind, byOperation.manual_payment.checkPoint, byOperation.manual_payment.grade, byOperation.manual_payment.controls, byOperation.manual_payment.levels],
    [null, 'payment.manual', 'medium', ['warn_with_reason'], []]);
  assert.deepEqual([byOperation.manual_payment.fired, byOperation.manual_payment.overridden], [3, 1], 'two stopped and one overridden in the city\'s counties in June (Beijing time)');
  assert.deepEqual([byOperation.payment_refund.overridden], [0]);
  const west = (await countyAuditor.json('GET', `/api/supervision/controls?month=${SAMPLE_MONTH}`)).body.controls.find((c: { operation: string }) => c.operation === 'manual_payment');
  assert.deepEqual([west.fired, west.overridden], [1, 0], 'a county sees its own');
  // this month's base corrections: the approved one and the withdrawn one
  const now = (await auditor.json('GET', '/api/supervision/controls')).body;
  assert.equal(now.controls.find((c: { operation: string }) => c.operation === 'base_correction').fired, 2);
});

test('the audit sample: the same seed the same sample, another seed another; stored when taken; scoped', async () => {
  const take = (body: Record<string, unknown>) => auditor.json('POST', '/api/supervision/samples', body);
  const first = await take({ month: SAMPLE_MONTH, seed: 7, size: 5 });
  assert.equal(first.status, 200);
  assert.equal(first.body.population, 12, 'the register\'s high-risk items of the month, withdrawn ones and other kinds left out');
  assert.equal(first.body.region, '990100');
  const ids = first.body.sample.map((s: { id: string }) => s.id);
  assert.deepEqual(ids, drawSample(eligible, 7, 5));
  assert.ok(ids.every((id: string) => eligible.includes(id)));
  assert.deepEqual(Object.keys(first.body.sample[0]), ['kind', 'kindLabel', 'id', 'at', 'by', 'subject', 'position', 'review']);
  const labels: Record<string, string> = { 'billing.reassessment': '补缴/冲减核定', 'payment.refund': '退费' };
  assert.deepEqual(first.body.sample.map((s: { kind: string; kindLabel: string }) => s.kindLabel), first.body.sample.map((s: { kind: string }) => labels[s.kind]));
  assert.deepEqual([first.body.sample.map((s: { position: number }) => s.position), first.body.progress], [[1, 2, 3, 4, 5], { reviewed: 0, irregular: 0, toReview: 5 }]);
  assert.equal(first.body.sample[0].by, 'op.fixture');

  const again = await take({ month: SAMPLE_MONTH, seed: 7, size: 5 });
  assert.deepEqual(again.body, first.body, 'the same seed answers the stored sample');
  const other = await take({ month: SAMPLE_MONTH, seed: 8, size: 5 });
  assert.notEqual(other.body.id, first.body.id);
  assert.notDeepEqual(other.body.sample.map((s: { id: string }) => s.id), ids);
  const byDefault = await take({ month: SAMPLE_MONTH });
  assert.deepEqual([byDefault.body.seed, byDefault.body.size, byDefault.body.sample.length], [202506, 20, 12], 'seed the month, size the parameter: all 12 drawn');

  const listed = await auditor.json('GET', `/api/supervision/samples?month=${SAMPLE_MONTH}`);
  assert.deepEqual(listed.body.items.map((s: { seed: number }) => s.seed), [7, 8, 202506]);
  assert.deepEqual((await countyAuditor.json('GET', `/api/supervision/samples?month=${SAMPLE_MONTH}`)).body.items, [], 'a county sees no city sample');
  const sampled = (await auditor.json('GET', `/api/supervision/controls?month=${SAMPLE_MONTH}`)).body.controls;
  assert.deepEqual(sampled.filter((c: { sampled: number }) => c.sampled > 0).map((c: { operation: string; sampled: number }) => [c.operation, c.sampled]), [['back_payment', 6], ['payment_refund', 6]]);

  const ahead = await take({ month: '2999-01' });
  assert.equal(ahead.status, 400);
  assert.equal(ahead.body.error.field, 'month');
  const future = `${year + 1}-01`;
  const notBegun = await take({ month: future });
  assert.equal(notBegun.status, 400);
  assert.match(notBegun.body.error.message, new RegExp(`${future} has not begun`));
  assert.equal((await server.admin.json('POST', '/api/supervision/samples', { month: SAMPLE_MONTH })).status, 403);
  const { rows } = await server.test.owner.query(`select count(*)::int as count from audit_log where action = 'supervision.sample.take'`);
  assert.equal(rows[0].count, 3, 'each sample audited once, when taken');
});

test('抽样核查: each sampled operation reviewed once, irregular with a note, never by a hand on it; counted on the register', async () => {
  const sample = (await auditor.json('POST', '/api/supervision/samples', { month: SAMPLE_MONTH, seed: 7, size: 5 })).body;
  const review = (client: Client, body: Record<string, unknown>, id = sample.id) => client.json('POST', `/api/supervision/samples/${id}/reviews`, body);
  const conforming = await review(auditor, { position: 1, verdict: 'conforming' });
  assert.equal(conforming.status, 200);
  assert.deepEqual([conforming.body.sample[0].review.verdict, conforming.body.sample[0].review.reviewedBy, conforming.body.sample[1].review, conforming.body.progress],
    ['conforming', 'au.city', null, { reviewed: 1, irregular: 0, toReview: 4 }]);
  const noNote = await review(auditor, { position: 2, verdict: 'irregular' });
  assert.deepEqual([noNote.status, noNote.body.error.field], [400, 'note'], 'an irregular operation needs a note');
  const irregular = await review(auditor, { position: 2, verdict: 'irregular', note: '补缴核定缺少工资凭证' });
  assert.equal(irregular.status, 200);
  assert.deepEqual([irregular.body.sample[1].review.note, irregular.body.progress], ['补缴核定缺少工资凭证', { reviewed: 2, irregular: 1, toReview: 3 }]);
  const twice = await review(auditor, { position: 1, verdict: 'irregular', note: '改判' });
  assert.deepEqual([twice.status, twice.body.error.field], [409, 'position'], 'a review stands');
  assert.deepEqual([(await review(auditor, { position: 6, verdict: 'conforming' })).body.error.field, (await review(auditor, { position: 3, verdict: 'ok' })).body.error.field], ['position', 'verdict']);
  // the auditor signed the third operation: someone else reviews it
  await server.test.owner.query(`insert into approval_step (item_id, seq, region_code, action, level, level_name, user_id, username, role)
    select id, 1, region_code, 'approve', 1, 'review', null, 'au.city', 'auditor' from approval_item where id = $1`, [sample.sample[2].id]);
  const ownHand = await review(auditor, { position: 3, verdict: 'conforming' });
  assert.equal(ownHand.status, 403);
  assert.match(ownHand.body.error.message, /separation of duties/);
  assert.equal((await review(countyAuditor, { position: 4, verdict: 'conforming' })).status, 404, 'a county cannot see the city\'s sample');
  assert.equal((await review(operator, { position: 4, verdict: 'conforming' })).status, 403, 'an operator does not review');
  assert.equal((await review(auditor, { position: 4, verdict: 'conforming' }, '999999999')).status, 404);
  // the register counts what the reviews found irregular, per kind
  const register = (await auditor.json('GET', `/api/supervision/controls?month=${SAMPLE_MONTH}`)).body.controls as { signoffKind: string; irregular: number }[];
  const irregularKind = sample.sample[1].kind;
  assert.deepEqual(register.filter((c) => c.irregular > 0).map((c) => [c.signoffKind, c.irregular]), [[irregularKind, 1]]);
  const { rows } = await server.test.owner.query(`select count(*)::int as count from audit_log where action = 'supervision.sample.review'`);
  assert.equal(rows[0].count, 2, 'each review audited');
  await assert.rejects(server.test.owner.query(`update supervision_sample_review set verdict = 'conforming'`), 'the reviews are append-only');
});

test('the CLI: sifund supervision sample twice with a seed gives the same JSON', async () => {
  const previous = process.env.DATABASE_URL;
  process.env.DATABASE_URL = server.test.url;
  try {
    const args = ['supervision', 'sample', '--month', SAMPLE_MONTH, '--seed', '11', '--size', '4', '--format', 'json'];
    const first = await runCommand(registerSupervisionCommands, args);
    assert.equal(first.code, 0, first.stderr);
    const second = await runCommand(registerSupervisionCommands, args);
    assert.equal(second.stdout, first.stdout);
    const json = JSON.parse(first.stdout);
    assert.deepEqual([json.month, json.seed, json.population, json.region], [SAMPLE_MONTH, 11, 12, '990000']);
    assert.deepEqual(json.sample.map((s: { id: string }) => s.id), drawSample(eligible, 11, 4));
    const bad = await runCommand(registerSupervisionCommands, ['supervision', 'sample', '--month', SAMPLE_MONTH, '--seed', 'x']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /seed: must be a whole number from 0 to 4294967295/);
    const register = await runCommand(registerSupervisionCommands, ['supervision', 'controls', '--month', SAMPLE_MONTH, '--format', 'json']);
    assert.equal(JSON.parse(register.stdout).controls.find((c: { operation: string }) => c.operation === 'back_payment').sampled, 6);
  } finally {
    if (previous === undefined) delete process.env.DATABASE_URL; else process.env.DATABASE_URL = previous;
  }
});

test('a month not begun is refused in the request\'s language, naming the field', async () => {
  const future = `${year + 1}-01`;
  const chinese = await auditor.json('POST', '/api/supervision/samples', { month: future }, { 'accept-language': 'zh-CN' });
  assert.equal(chinese.status, 400);
  assert.equal(chinese.body.error.message, `月份：${future} 尚未开始，不能抽样`);
  assert.equal(chinese.body.error.field, 'month');
});
