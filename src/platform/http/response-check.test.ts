/** The test-only response check catches what fast-json-stringify silently changes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { Type } from '@sinclair/typebox';
import { checkResponsesAgainstPayloads, firstDifference } from './response-check.ts';
import type { App } from './server.ts';
import { Nullable } from './schemas.ts';

test('firstDifference names the first path that differs', () => {
  assert.equal(firstDifference({ a: 1, b: [1, { c: 'x' }] }, { a: 1, b: [1, { c: 'x' }] }), undefined);
  assert.equal(firstDifference({ a: 1, b: 2 }, { a: 1 }), 'b: dropped (not in the response schema)');
  assert.equal(firstDifference({ items: [{ name: null }] }, { items: [{ name: '' }] }), 'items.0.name: null became ""');
  assert.equal(firstDifference({ a: 1 }, { a: 1, b: 0 }), 'b: added by the response schema');
});

async function serverAnswering(payload: unknown, schema: ReturnType<typeof Type.Object>) {
  const app = Fastify();
  checkResponsesAgainstPayloads(app as unknown as App);
  app.get('/thing', { schema: { response: { 200: schema } } }, async () => payload);
  app.get('/file', { schema: { response: { 200: schema } } }, async (_request, reply) => reply.type('text/csv').send(Buffer.from('a,b\n')));
  await app.ready();
  return app;
}

test('an exact schema passes the answer through; a property the schema drops or a null it blanks is a 500 naming it', async () => {
  const exact = await serverAnswering({ id: '7', name: null, createdAt: new Date('2026-01-02T03:04:05Z') }, Type.Object({ id: Type.String(), name: Nullable(Type.String()), createdAt: Type.String() }));
  const ok = await exact.inject('/thing');
  assert.deepEqual([ok.statusCode, ok.json()], [200, { id: '7', name: null, createdAt: '2026-01-02T03:04:05.000Z' }]);
  const file = await exact.inject('/file');
  assert.deepEqual([file.statusCode, file.body], [200, 'a,b\n']);

  const dropping = await serverAnswering({ id: '7', extra: 1 }, Type.Object({ id: Type.String() }));
  const dropped = await dropping.inject('/thing');
  assert.equal(dropped.statusCode, 500);
  assert.equal(dropped.json().error.message, 'response schema of GET /thing (200) changed the answer: extra: dropped (not in the response schema)');

  const blanking = await serverAnswering({ id: '7', name: null }, Type.Object({ id: Type.String(), name: Type.String() }));
  assert.match((await blanking.inject('/thing')).json().error.message, /name: null became ""/);
  await Promise.all([exact.close(), dropping.close(), blanking.close()]);
});
