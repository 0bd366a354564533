/**
 * The safety net under the response schemas, on in tests (buildServer's `checkResponses`, set by startTestServer):
 * fast-json-stringify writes only what a response schema names and coerces what it holds (null → "" for a string,
 * "12" → 12 for an integer, a Date → a date alone for format: date), silently. Every answer Fastify serialises is
 * compared with the handler's value as plain JSON would write it; a difference turns the answer into a 500 naming
 * the route and the first path that differs, so a route test that reads the answer fails.
 */
import { isDeepStrictEqual } from 'node:util';
import type { FastifyRequest } from 'fastify';
import type { App } from './server.ts';

/** The handler's value as JSON.stringify writes it (bigint as text: what a string schema would write). */
const plainJson = (value: unknown) => JSON.parse(JSON.stringify(value, (_key, item) => (typeof item === 'bigint' ? item.toString() : item)) ?? 'null');

/** The first path at which two JSON values differ ('' for the root), or undefined when they are equal. */
export function firstDifference(expected: unknown, actual: unknown, path = ''): string | undefined {
  if (isDeepStrictEqual(expected, actual)) return undefined;
  const bothObjects = expected !== null && actual !== null && typeof expected === 'object' && typeof actual === 'object'
    && Array.isArray(expected) === Array.isArray(actual);
  if (!bothObjects) return `${path || '(the answer)'}: ${JSON.stringify(expected)?.slice(0, 80)} became ${JSON.stringify(actual)?.slice(0, 80)}`;
  const keys = new Set([...Object.keys(expected as object), ...Object.keys(actual as object)]);
  for (const key of keys) {
    const at = path ? `${path}.${key}` : key;
    if (!(key in (actual as object))) return `${at}: dropped (not in the response schema)`;
    if (!(key in (expected as object))) return `${at}: added by the response schema`;
    const found = firstDifference((expected as Record<string, unknown>)[key], (actual as Record<string, unknown>)[key], at);
    if (found) return found;
  }
  return undefined;
}

export function checkResponsesAgainstPayloads(app: App): void {
  const payloads = new WeakMap<FastifyRequest, unknown>();
  app.addHook('preSerialization', async (request, _reply, payload) => {
    payloads.set(request, payload);
    return payload;
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (!payloads.has(request) || typeof payload !== 'string') return payload;
    const difference = firstDifference(plainJson(payloads.get(request)), JSON.parse(payload));
    if (!difference) return payload;
    const message = `response schema of ${request.method} ${request.routeOptions.url} (${reply.statusCode}) changed the answer: ${difference}`;
    process.stderr.write(`${message}\n`);
    reply.code(500);
    return JSON.stringify({ error: { code: 'response_schema', message } });
  });
}
