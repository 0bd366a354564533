/**
 * The credit grades and the blacklist over HTTP: an auditor grades and reads the grades with their counts; a supervisor
 * reads but neither grades nor proposes (403); input out of shape is a 400 naming the field, in the request's language
 * (never a 500); a subject supervision has no record of has the best grade, never graded; a subject not meeting the
 * rule is a 409; an unknown listing is a 404.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { addUser, startTestServer, type TestServer } from '../../../platform/testing/http.ts';
import { creditRoutes } from './credit.routes.ts';

let server: TestServer;

before(async () => {
  server = await startTestServer([creditRoutes]);
  await server.test.owner.query(`insert into supervision_finding (id, rule, finding_key, subject, region_code, period, amount, evidence, legal_basis, job_id)
    values (1, 'split-admission', 'k1', 'H900', '990102', '2026-02', 500000, '{}', '医疗保障基金使用监督管理条例 第十五条', 1)`);
});
after(() => server.close());

test('grade, list with counts, read a subject; who may; bad input named; rule not met 409; unknown listing 404', async () => {
  const auditor = await addUser(server, 'audit.credit', 'auditor', '990102');
  const run = await auditor.json('POST', '/api/supervision/credit/runs', {});
  assert.equal(run.status, 200, JSON.stringify(run.body));
  assert.deepEqual([run.body.subjects, run.body.changed, run.body.counts], [1, 1, [{ subjectKind: 'institution', grade: 'B', gradeLabel: '信用较好', subjects: 1 }]]);
  const list = await auditor.json('GET', '/api/supervision/credit?subjectType=institution&grade=B');
  assert.deepEqual([list.body.total, list.body.items[0].subject, list.body.items[0].facts.openFindings], [1, 'H900', 1]);
  assert.equal((await auditor.json('GET', '/api/supervision/credit?grade=D')).body.total, 0);
  const subject = await auditor.json('GET', '/api/supervision/credit/institution/H900');
  assert.deepEqual([subject.status, subject.body.grade, subject.body.history.length, subject.body.listed], [200, 'B', 1, false]);

  const supervisor = await addUser(server, 'supervise.credit', 'supervisor', '990100');
  assert.equal((await supervisor.json('GET', '/api/supervision/credit')).status, 200);
  assert.equal((await supervisor.json('POST', '/api/supervision/credit/runs', {})).status, 403);
  assert.equal((await supervisor.json('POST', '/api/supervision/blacklist', { subject: 'H900', reason: '多次违规', notifiedOn: '2026-01-05' })).status, 403);

  const kind = await auditor.json('GET', '/api/supervision/credit?subjectType=company');
  assert.deepEqual([kind.status, kind.body.error.field], [400, 'subjectType']);
  const date = await auditor.json('POST', '/api/supervision/blacklist', { subject: 'H900', reason: '多次违规', notifiedOn: '2026-02-30' }, { 'accept-language': 'zh-CN' });
  assert.deepEqual([date.status, date.body.error.field], [400, 'notifiedOn']);
  assert.match(date.body.error.message, /^告知书送达日期：/);
  const reason = await auditor.json('POST', '/api/supervision/blacklist', { subject: 'H900', reason: '多', notifiedOn: '2026-01-05' });
  assert.deepEqual([reason.status, reason.body.error.field], [400, 'reason']);
  // a subject supervision has no record of has the best grade by default, never graded
  const nobody = await auditor.json('GET', '/api/supervision/credit/person/NOBODY');
  assert.deepEqual([nobody.status, nobody.body.grade, nobody.body.graded, nobody.body.history], [200, 'A', false, []]);
  assert.equal((await auditor.json('GET', '/api/supervision/credit/person/NO-BODY')).status, 400);
  const notMet = await auditor.json('POST', '/api/supervision/blacklist', { subject: 'H900', reason: '多次违规', notifiedOn: '2026-01-05' });
  assert.deepEqual([notMet.status, notMet.body.error.field], [409, 'subject']);
  const removal = await auditor.json('POST', '/api/supervision/blacklist/4242/removal', { reason: '信用修复' });
  assert.equal(removal.status, 404);
  const blacklist = await auditor.json('GET', '/api/supervision/blacklist?show=all');
  assert.deepEqual([blacklist.status, blacklist.body.total], [200, 0]);
});
