/** The API describes its answers (style.md 13): the OpenAPI document has a 2xx content schema for every operation. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../testing/http.ts';
import { routePlugins } from '../../app.ts';

let server: TestServer;
before(async () => { server = await startTestServer(routePlugins); });
after(async () => { await server?.close(); });

test('every operation documents a 2xx response with a content schema', async () => {
  const document = (await server.admin.json('GET', '/api/docs/json')).body;
  const operations: string[] = [];
  const without: string[] = [];
  for (const [path, item] of Object.entries<Record<string, any>>(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      operations.push(`${method.toUpperCase()} ${path}`);
      const documented = Object.entries<any>(operation.responses ?? {})
        .some(([status, response]) => /^2/.test(status) && Object.values<any>(response.content ?? {}).some((content) => content.schema));
      if (!documented) without.push(`${method.toUpperCase()} ${path}`);
    }
  }
  assert.ok(operations.length > 80, `${operations.length} operations`);
  assert.deepEqual(without, [], 'operations without a 2xx content schema');
});
