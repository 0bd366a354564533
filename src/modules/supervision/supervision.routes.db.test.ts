/**
 * The findings over HTTP: a county auditor sees its county's findings with the full ID numbers, a city supervisor
 * (without personal.full.read) sees the city's with every ID number masked, subject and evidence alike; a rule
 * filter that names no rule is a 400; an auditor starts a run (202, a job of one chunk per rule).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { addUser, startTestServer, type TestServer } from '../../platform/testing/http.ts';
import { buildIdNumber } from '../registry/demo/demo.calc.ts';
import { supervisionRoutes } from './supervision.routes.ts';

let server: TestServer;
const east = buildIdNumber('990102', '1960-02-03', 11), west = buildIdNumber('990103', '1970-04-05', 12);

before(async () => {
  server = await startTestServer([supervisionRoutes]);
  await server.test.owner.query(`insert into supervision_finding (id, rule, finding_key, subject, region_code, period, amount, evidence, legal_basis, job_id) values
    (1, 'paid-after-death', $1, $1, '990102', '2026-02', 500000, $3, '社会保险法 第八十八条；社会保险经办条例 第四十六条', 1),
    (2, 'paid-after-death', $2, $2, '990103', '2026-03', 250000, $4, '社会保险法 第八十八条；社会保险经办条例 第四十六条', 1)`,
  [east, west, JSON.stringify({ idNumber: east, dateOfDeath: '2026-01-15' }), JSON.stringify({ idNumber: west, dateOfDeath: '2026-02-20' })]);
});
after(() => server.close());

test('findings in scope; ID numbers in full for an auditor, masked for a supervisor; a run started as a job', async () => {
  const auditor = await addUser(server, 'audit.east', 'auditor', '990102');
  const own = await auditor.json('GET', '/api/supervision/findings?rule=paid-after-death');
  assert.equal(own.status, 200);
  assert.deepEqual(own.body.items.map((f: { subject: string; amount: string; period: string; evidence: unknown; title: string }) => [f.subject, f.amount, f.period, f.evidence, f.title]),
    [[east, '5000.00', '2026-02', { idNumber: east, dateOfDeath: '2026-01-15' }, '死亡后继续发放养老金']]);

  const supervisor = await addUser(server, 'supervise.city', 'supervisor', '990100');
  const city = await supervisor.json('GET', '/api/supervision/findings');
  assert.equal(city.body.total, 2);
  const masked = (id: string) => `${id.slice(0, 6)}********${id.slice(14)}`;
  assert.deepEqual(city.body.items.map((f: { subject: string; evidence: { idNumber: string } }) => [f.subject, f.evidence.idNumber]), [[masked(east), masked(east)], [masked(west), masked(west)]]);

  const unknown = await auditor.json('GET', '/api/supervision/findings?rule=nonsense');
  assert.equal(unknown.status, 400);
  assert.equal(unknown.body.error.field, 'rule');
  assert.equal((await supervisor.json('POST', '/api/supervision/runs', {})).status, 403, 'a supervisor reads findings, runs no rule');

  const run = await auditor.json('POST', '/api/supervision/runs', { rule: 'split-admission' });
  assert.equal(run.status, 202);
  assert.deepEqual([run.body.kind, run.body.progress.total, run.body.status], ['supervision.detection', 1, 'queued']);
});
