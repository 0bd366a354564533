/**
 * `npm test`: every test, on real PostgreSQL.
 *  1. pure tests (`*.test.ts`) and database tests (`*.db.test.ts`) and browser tests (`*.e2e.test.ts`) on the
 *     embedded PostgreSQL (a throwaway data directory);
 *  2. when PostgreSQL 15 is on the machine (/usr/lib/postgresql/15/bin; CI installs it), the database tests
 *     again on a throwaway PostgreSQL 15 cluster, to prove the SQL stays within PostgreSQL 15.
 * `npm test -- <files or folders>` runs only those test files. SIFUND_TEST_PG15=0 skips the second pass; =1 requires it.
 */
import fs from 'node:fs';
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import pg from 'pg';
import { loadConfig, projectRoot } from '../src/platform/config.ts';
import { openDatabase, freePort } from '../src/platform/database.ts';
import { migrate } from '../src/platform/migrate.ts';

function findTests(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) findTests(full, out);
    else if (entry.name.endsWith('.test.ts')) out.push(path.relative(projectRoot, full));
  }
  return out.sort();
}

// A folder stands for the test files below it (Node 20's runner does not look inside folders for .ts files).
// One audit key for the run (the template and every test database), kept out of any key file. The tests (and
// the commands they start) get the run's data directory as SIFUND_DATA_DIR: the application role's password file
// is there, as it is beside a server and its commands (never the repository's ./data).
process.env.SIFUND_AUDIT_KEY ||= crypto.randomBytes(32).toString('hex');

const requested = process.argv.slice(2).flatMap((arg) => (fs.statSync(arg, { throwIfNoEntry: false })?.isDirectory() ? findTests(path.resolve(arg)) : [arg]));
const files = requested.length ? requested : [...findTests(path.join(projectRoot, 'src')), ...findTests(path.join(projectRoot, 'web', 'e2e'))];
const needsDatabase = (file: string) => /\.(db|e2e)\.test\.ts$/.test(file);
const isBrowserTest = (file: string) => file.endsWith('.e2e.test.ts');

function runNodeTests(label: string, testFiles: string[], env: Record<string, string>, concurrency = 2): Promise<number> {
  if (testFiles.length === 0) return Promise.resolve(0);
  process.stdout.write(`\n## ${label}: ${testFiles.length} test files\n`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...testFiles], {
      cwd: projectRoot, stdio: 'inherit', env: { ...process.env, ...env },
    });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

async function prepareTemplate(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  await migrate(pool);
  await pool.end();
}

async function embeddedPass(): Promise<number> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sifund-test-'));
  fs.chmodSync(dataDir, 0o755);
  const database = await openDatabase({ ...loadConfig({ data: dataDir }), databaseUrl: undefined }, { command: 'test' });
  try {
    await migrate(database.pool);
    await database.pool.end().catch(() => {});
    const env = { SIFUND_TEST_DATABASE_URL: database.url, SIFUND_TEST_TEMPLATE: 'sifund', SIFUND_TEST_LABEL: 'embedded', SIFUND_DATA_DIR: dataDir };
    // Browser tests run one file at a time after the rest: each starts a server and a Chromium, and two of them beside
    // each other on CI's two cores made clicks land during animations and jobs outlast their waits (docs/decisions.md).
    const browserFiles = files.filter(isBrowserTest);
    return await runNodeTests('embedded PostgreSQL', files.filter((file) => !isBrowserTest(file)), env)
      + await runNodeTests('embedded PostgreSQL, browser tests one at a time', browserFiles, env, 1);
  } finally {
    await database.close().catch(() => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const PG15 = '/usr/lib/postgresql/15/bin';

function ensurePostgres15(): boolean {
  if (fs.existsSync(path.join(PG15, 'postgres'))) return true;
  if (process.env.SIFUND_TEST_PG15 !== '1' && !process.env.CI) return false;
  process.stdout.write('installing postgresql-15 with apt for the PostgreSQL 15 pass\n');
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore' });
  spawnSync('apt-get', ['install', '-y', '-qq', 'postgresql-15'], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return fs.existsSync(path.join(PG15, 'postgres'));
}

async function postgres15Pass(): Promise<number> {
  const dbFiles = files.filter((file) => /\.db\.test\.ts$/.test(file));
  if (dbFiles.length === 0 || process.env.SIFUND_TEST_PG15 === '0') return 0;
  if (!ensurePostgres15()) { process.stdout.write('\n## PostgreSQL 15 not installed: second pass skipped (CI runs it)\n'); return 0; }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sifund-pg15-'));
  fs.chmodSync(dir, 0o755);
  const dataDir = path.join(dir, 'data');
  fs.mkdirSync(dataDir);
  const asPostgres = (command: string, args: string[]) => {
    const root = process.getuid?.() === 0;
    if (root) fs.chownSync(dataDir, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), Number(execFileSync('id', ['-g', 'postgres']).toString().trim()));
    return root ? execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { stdio: 'pipe' }) : execFileSync(command, args, { stdio: 'pipe' });
  };
  const port = await freePort();
  asPostgres(path.join(PG15, 'initdb'), ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--encoding=UTF8', '--locale=C']);
  asPostgres(path.join(PG15, 'pg_ctl'), ['-D', dataDir, '-o', `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c max_connections=200 -c fsync=off`, '-l', path.join(dataDir, 'server.log'), '-w', 'start']);
  try {
    const base = `postgres://postgres@127.0.0.1:${port}`;
    const admin = new pg.Client({ connectionString: `${base}/postgres` });
    await admin.connect();
    const { rows } = await admin.query<{ server_version: string }>('show server_version');
    await admin.query('create database sifund');
    await admin.end();
    await prepareTemplate(`${base}/sifund`);
    const testDataDir = path.join(dir, 'sifund');
    fs.mkdirSync(testDataDir);
    return await runNodeTests(`PostgreSQL ${rows[0].server_version} (system)`, dbFiles, { SIFUND_TEST_DATABASE_URL: `${base}/sifund`, SIFUND_TEST_TEMPLATE: 'sifund', SIFUND_TEST_LABEL: 'pg15', SIFUND_DATA_DIR: testDataDir });
  } finally {
    try { asPostgres(path.join(PG15, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', 'stop']); } catch { /* already stopped */ }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const pureFiles = files.filter((file) => !needsDatabase(file));
let failures = 0;
if (pureFiles.length === files.length) failures += await runNodeTests('pure tests', pureFiles, {});
else failures += await embeddedPass();
failures += await postgres15Pass();
process.stdout.write(failures ? '\nTESTS FAILED\n' : '\nALL TESTS PASSED\n');
process.exit(failures ? 1 : 0);
