/**
 * For browser tests and screenshots: the built web UI, a `sifund serve` process on a test database, and a
 * small signed-in API client (cookie session + x-csrf-token) for setting up data.
 */
import path from 'node:path';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../src/platform/database.ts';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Builds web/dist unless it is newer than its sources (the server serves what exists when it starts). */
export function buildWebIfStale() {
  const result = spawnSync(process.execPath, [path.join(projectRoot, 'scripts/build-web.mjs'), '--if-stale', '--quiet'], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) throw new Error(`web build failed: ${result.stderr.toString()}${result.stdout.toString()}`);
}

export interface RunningServer { baseUrl: string; output(): string; stop(): Promise<void> }

/** `node bin/sifund.mjs serve` on a free port against `databaseUrl`; resolves once /api/health answers. */
export async function startServer(databaseUrl: string, adminPassword: string, timeoutMs = 90_000): Promise<RunningServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [path.join(projectRoot, 'bin/sifund.mjs'), 'serve', '--port', String(port), '--host', '127.0.0.1'], {
    cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DATABASE_URL: databaseUrl, SIFUND_ADMIN_PASSWORD: adminPassword, LOG_LEVEL: 'warn' },
  });
  let log = '';
  child.stdout!.on('data', (chunk) => { log = (log + chunk).slice(-20_000); });
  child.stderr!.on('data', (chunk) => { log = (log + chunk).slice(-20_000); });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`sifund serve exited with ${child.exitCode}:\n${log}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) { await stop(); throw new Error(`sifund serve did not answer within ${timeoutMs} ms:\n${log}`); }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { baseUrl, output: () => log, stop };
}

export interface ApiClient { call<T = any>(method: string, url: string, body?: unknown): Promise<{ status: number; body: T }> }

/** Signs in over HTTP and returns a client that sends the session cookie and the CSRF header. */
export async function apiClient(baseUrl: string, username: string, password: string): Promise<ApiClient> {
  const login = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!login.ok) throw new Error(`sign-in as ${username} failed: ${login.status} ${await login.text()}`);
  const cookies = new Map(login.headers.getSetCookie().map((line) => line.split(';')[0].split('=') as [string, string]));
  const cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  return {
    async call(method, url, body) {
      const response = await fetch(baseUrl + url, {
        method, body: body === undefined ? undefined : JSON.stringify(body),
        headers: { cookie, 'x-csrf-token': cookies.get('sifund_csrf') ?? '', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
  };
}
