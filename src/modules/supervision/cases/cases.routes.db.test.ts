/**
 * The cases over HTTP: an auditor opens a case from a finding (201, the case waiting for its sign-off) and lists it; a
 * supervisor reads cases but opens none (403); the case's reviewer reads the case it signs, not the list; a body that breaks a rule is a 400 naming the field (never a 500); an
 * unknown case is a 404; a second opening of the same finding is a 409 naming the open case.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { addUser, startTestServer, type TestServer } from '../../../platform/testing/http.ts';
import { buildIdNumber } from '../../registry/demo/demo.calc.ts';
import { casesRoutes } from './cases.routes.ts';

let server: TestServer;
const subject = buildIdNumber('990102', '1960-02-03', 11);

before(async () => {
  server = await startTestServer([casesRoutes]);
  await server.test.owner.query(`insert into supervision_finding (id, rule, finding_key, subject, region_code, period, amount, evidence, legal_basis, job_id)
    values (1, 'paid-after-death', $1, $1, '990102', '2026-02', 500000, $2, '社会保险法 第八十八条', 1)`, [subject, JSON.stringify({ idNumber: subject })]);
});
after(() => server.close());

test('open, list and read a case; who may; bad input named; one open case per finding', async () => {
  const auditor = await addUser(server, 'audit.east', 'auditor', '990102');
  const opened = await auditor.json('POST', '/api/supervision/cases', { findingIds: ['1'], reason: '死亡后仍领取养老金' });
  assert.equal(opened.status, 201, JSON.stringify(opened.body));
  assert.deepEqual([opened.body.status, opened.body.subject, opened.body.amountInvolved, opened.body.findings.length], ['filing', subject, '5000.00', 1]);

  const list = await auditor.json('GET', '/api/supervision/cases?status=filing');
  assert.deepEqual(list.body.items.map((c: { id: string; number: string }) => [c.id, c.number]), [[opened.body.id, opened.body.number]]);

  const supervisor = await addUser(server, 'supervise.city', 'supervisor', '990100');
  const read = await supervisor.json('GET', `/api/supervision/cases/${opened.body.id}`);
  assert.equal(read.status, 200);
  assert.equal(read.body.subject, `${subject.slice(0, 6)}********${subject.slice(14)}`, 'a supervisor sees the ID number masked');
  assert.equal((await supervisor.json('POST', '/api/supervision/cases', { findingIds: ['1'], reason: '立案' })).status, 403);

  // the case's reviewer opens the case the inbox links to, but not the list of 基金监督
  const reviewer = await addUser(server, 'review.east', 'reviewer', '990102');
  assert.deepEqual([(await reviewer.json('GET', `/api/supervision/cases/${opened.body.id}`)).status, (await reviewer.json('GET', '/api/supervision/cases')).status], [200, 403]);

  const again = await auditor.json('POST', '/api/supervision/cases', { findingIds: ['1'], reason: '重复立案' });
  assert.deepEqual([again.status, again.body.error.field], [409, 'findingIds']);
  const badAmount = await auditor.json('POST', `/api/supervision/cases/${opened.body.id}/recoveries`, { fund: 'pension-990000', amount: '1.234', recoveredOn: '2026-03-01', bankReference: 'B1' });
  assert.deepEqual([badAmount.status, badAmount.body.error.field], [400, 'amount']);
  const noReason = await auditor.json('POST', '/api/supervision/cases', { subjectKind: 'person', subject, kind: 'other', amountInvolved: '1.00', reason: 'x' });
  assert.deepEqual([noReason.status, noReason.body.error.field], [400, 'reason']);
  const status = await auditor.json('GET', '/api/supervision/cases?status=nonsense');
  assert.equal(status.status, 400);
  assert.equal((await auditor.json('GET', '/api/supervision/cases/424242')).status, 404);

  // the penalty provisions in force, in the request's language; a multiple that is no decimal is a 400 naming it
  const provisions = await auditor.json('GET', '/api/supervision/penalty-provisions', undefined, { 'accept-language': 'zh-CN' });
  assert.equal(provisions.status, 200);
  assert.deepEqual(provisions.body.provisions.find((p: { provision: string }) => p.provision === 'social_insurance_law_88'),
    { provision: 'social_insurance_law_88', label: '社会保险法 第八十八条（骗取社会保险待遇）', min: '2', max: '5' });
  assert.equal((await supervisor.json('GET', '/api/supervision/penalty-provisions')).status, 403);
  const badMultiple = await auditor.json('POST', `/api/supervision/cases/${opened.body.id}/conclusion`,
    { violation: 'established', amounts: [{ fund: 'pension-990000', amount: '1.00' }], legalBasis: '社会保险法 第八十八条', penaltyProvision: 'social_insurance_law_88', penaltyMultiple: 'two' });
  assert.deepEqual([badMultiple.status, badMultiple.body.error.field], [400, 'penaltyMultiple']);

  // 承办人 over HTTP: the head lists who may take the case and gives it to another inspector; "mine" follows it
  const other = await addUser(server, 'audit.city', 'auditor', '990100');
  const head = await addUser(server, 'approve.city', 'approver', '990100');
  assert.deepEqual((await auditor.json('GET', '/api/supervision/cases?assignedTo=me')).body.items.map((c: { id: string }) => c.id), [opened.body.id]);
  const choices = await head.json('GET', `/api/supervision/cases/${opened.body.id}/assignees`);
  assert.deepEqual(choices.body.items.map((staff: { username: string }) => staff.username), ['audit.east', 'audit.city'], 'the county\'s inspector first, then the city\'s');
  assert.equal((await auditor.json('POST', `/api/supervision/cases/${opened.body.id}/assignment`, { assignee: 'audit.city', reason: '转交' })).status, 403, 'an inspector does not reassign');
  const given = await head.json('POST', `/api/supervision/cases/${opened.body.id}/assignment`, { assignee: 'audit.city', reason: '重大案件由市级承办' });
  assert.deepEqual([given.status, given.body.assignedTo], [200, 'audit.city']);
  assert.deepEqual([(await auditor.json('GET', '/api/supervision/cases?assignedTo=me')).body.items.length, (await other.json('GET', '/api/supervision/cases?assignedTo=me')).body.items.length], [0, 1]);
  const notTheirs = await auditor.json('POST', `/api/supervision/cases/${opened.body.id}/close`, {});
  assert.deepEqual([notTheirs.status, notTheirs.body.error.code], [403, 'forbidden']);
});
