/** Route tests: a server on a fresh test database, signed-in clients, and a few users in regions. */
import type { LightMyRequestResponse } from 'fastify';
import { buildServer, type App, type RoutePlugin } from '../http/server.ts';
import type { JobWorkerOptions } from '../jobs/jobs.worker.ts';
import { loadConfig } from '../config.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { createUser, ensureAdministrator } from '../auth/auth.service.ts';
import { systemActor, type Role } from '../actor.ts';

export const ADMIN_PASSWORD = 'Chief-Test-Pass-2026';
export const USER_PASSWORD = 'User-Test-Pass-2026';

export interface Client {
  /** `headers` adds request headers (`accept-language: zh-CN` for an answer in Chinese). */
  request(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  json<T = any>(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: T }>;
  /** A multipart/form-data upload in the field `file`. */
  upload<T = any>(url: string, fileName: string, content: Buffer | string, headers?: Record<string, string>): Promise<{ status: number; body: T }>;
}

export async function signIn(app: App, username: string, password: string): Promise<Client> {
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (login.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${login.statusCode} ${login.body}`);
  const cookies = Object.fromEntries(login.cookies.map((c) => [c.name, c.value]));
  const cookie = Object.entries(cookies).map(([k, v]) => `${k}=${v}`).join('; ');
  const client: Client = {
    request: (method, url, body, headers = {}) => app.inject({ method: method as 'GET', url, payload: body as object, headers: { ...headers, cookie, 'x-csrf-token': cookies.sifund_csrf } }),
    async json(method, url, body, headers) {
      const response = await client.request(method, url, body, headers);
      return { status: response.statusCode, body: response.body ? JSON.parse(response.body) : undefined };
    },
    async upload(url, fileName, content, headers = {}) {
      const boundary = `----sifund${Date.now()}`;
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${fileName}"\r\ncontent-type: application/octet-stream\r\n\r\n`),
        Buffer.isBuffer(content) ? content : Buffer.from(content), Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const response = await app.inject({ method: 'POST', url, payload, headers: { ...headers, cookie, 'x-csrf-token': cookies.sifund_csrf, 'content-type': `multipart/form-data; boundary=${boundary}` } });
      return { status: response.statusCode, body: JSON.parse(response.body) };
    },
  };
  return client;
}

export interface TestServer { app: App; test: TestDatabase; admin: Client; close(): Promise<void> }

/**
 * A server with the given route plugins on a fresh database, with regions 990000 › 990100 › 990102/990103. `jobs`: the
 * job worker's timings — a test that works its jobs itself (runJob) keeps the worker from picking them up meanwhile.
 */
export async function startTestServer(plugins: RoutePlugin[], jobs?: JobWorkerOptions): Promise<TestServer> {
  const test = await createTestDatabase();
  const db = test.database.db;
  await db.insertInto('region').values([
    { code: '990000', name: '示范省', level: 'province', parent_code: null },
    { code: '990100', name: '示范市', level: 'city', parent_code: '990000' },
    { code: '990102', name: '东城区', level: 'county', parent_code: '990100' },
    { code: '990103', name: '西城区', level: 'county', parent_code: '990100' },
  ]).execute();
  await ensureAdministrator(test.database, ADMIN_PASSWORD);
  const app = await buildServer({ ...loadConfig(), logLevel: 'silent' }, test.database, plugins, { checkResponses: true, jobs });
  await app.ready();
  const admin = await signIn(app, 'admin', ADMIN_PASSWORD);
  return { app, test, admin, async close() { await app.close(); await test.drop(); } };
}

export async function addUser(server: TestServer, username: string, role: Role, regionCode: string, extra: { employerId?: bigint; personId?: bigint } = {}): Promise<Client> {
  await createUser(server.test.database, systemActor('test', ['user.manage']), { username, displayName: username, role, regionCode, password: USER_PASSWORD, ...extra });
  return signIn(server.app, username, USER_PASSWORD);
}
