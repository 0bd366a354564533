/** GET /api/supervision/evaluation: the counties of the reader's scope; a bad year or pool a 400 naming it; no supervision.read, a 403. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { addUser, startTestServer, type TestServer } from '../../../platform/testing/http.ts';
import { evaluationRoutes } from './evaluation.routes.ts';

let server: TestServer;
before(async () => { server = await startTestServer([evaluationRoutes]); });
after(() => server.close());

test('the evaluation over HTTP: the city\'s counties, the pool to the fen, refusals named', async () => {
  const supervisor = await addUser(server, 'supervise.city', 'supervisor', '990100');
  const answer = await supervisor.json('GET', '/api/supervision/evaluation?year=2026&pool=100.00');
  assert.equal(answer.status, 200);
  const regions = answer.body.regions as { region: string; score: number; rank: number; reward: string }[];
  assert.ok(regions.length > 1 && regions.every((r) => r.region.startsWith('9901') && r.region !== '990100'));
  // nothing billed anywhere: every score 0, all first, the pool in equal parts to the fen
  assert.ok(regions.every((r) => r.score === 0 && r.rank === 1));
  assert.equal(regions.reduce((sum, r) => sum + Math.round(Number(r.reward) * 100), 0), 10_000);

  const badYear = await supervisor.json('GET', '/api/supervision/evaluation?year=20x6');
  assert.equal(badYear.status, 400);
  const negative = await supervisor.json('GET', '/api/supervision/evaluation?year=2026&pool=-5.00');
  assert.deepEqual([negative.status, negative.body.error.field], [400, 'pool']);
  const operator = await addUser(server, 'op.east', 'operator', '990102');
  assert.equal((await operator.json('GET', '/api/supervision/evaluation?year=2026')).status, 403);
});
