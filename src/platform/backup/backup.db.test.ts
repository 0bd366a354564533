import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { spawn } from 'node:child_process';
import pg from 'pg';
import { loadConfig, projectRoot, type Config } from '../config.ts';
import { openDatabase } from '../database.ts';
import { systemActor } from '../actor.ts';
import { verifyAuditChain } from '../audit/audit.service.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { billPeriod, EMPLOYER_A, seedCollection } from '../../modules/collection/payments/payments.testing.ts';
import { recordPayment } from '../../modules/collection/payments/payments.service.ts';
import { BackupError } from './backup.format.ts';
import { checkBackup, restoreBackup, writeBackup, type BackupResult } from './backup.service.ts';

const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
const KEY = Buffer.from('backup-test-key-0123456789abcdef');
let source: TestDatabase;
let dir: string;
let backupFile: string;
let made: BackupResult;
const extraDatabases: string[] = [];

const adminUrl = () => { const url = new URL(process.env.SIFUND_TEST_DATABASE_URL!); url.pathname = '/postgres'; return url.toString(); };
async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try { return await work(client); } finally { await client.end(); }
}
/** An empty database on the test server (no tables), as a DBA would create for a restore. */
async function emptyDatabase(): Promise<string> {
  const name = `sifund_t_${crypto.randomBytes(5).toString('hex')}`;
  await admin((client) => client.query(`create database ${name} template template0 encoding 'UTF8'`));
  extraDatabases.push(name);
  const url = new URL(process.env.SIFUND_TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Every public table's row count and a digest of all its rows; every sequence's value. */
async function snapshot(url: string): Promise<{ tables: Record<string, { rows: number; digest: string }>; sequences: Record<string, string> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(`select tablename as name from pg_tables where schemaname = 'public' order by 1`);
    const result: Record<string, { rows: number; digest: string }> = {};
    for (const { name } of tables) {
      const { rows: [row] } = await client.query<{ n: number; digest: string }>(
        `select count(*)::int as n, md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as digest from "${name}" t`);
      result[name] = { rows: row.n, digest: row.digest };
    }
    const { rows: sequences } = await client.query<{ name: string }>(`select relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and relkind = 'S'`);
    const values: Record<string, string> = {};
    for (const { name } of sequences) values[name] = (await client.query(`select last_value::text as v, is_called from "${name}"`)).rows.map((r) => `${r.v}/${r.is_called}`)[0];
    return { tables: result, sequences: values };
  } finally {
    await client.end();
  }
}

const refused = (code: string) => (error: unknown) => error instanceof BackupError && error.code === code;
const externalConfig = (url: string): Config => ({ ...loadConfig(), databaseUrl: url });
const embeddedConfig = (dataDir: string): Config => ({ ...loadConfig({ data: dataDir }), databaseUrl: undefined });

/** Runs with SIFUND_AUDIT_KEY unset, as an operator restoring on a new machine. */
async function withoutAuditKeyVariable<T>(work: () => Promise<T>): Promise<T> {
  const saved = process.env.SIFUND_AUDIT_KEY;
  delete process.env.SIFUND_AUDIT_KEY;
  try { return await work(); } finally { process.env.SIFUND_AUDIT_KEY = saved; }
}

before(async () => {
  if (skip) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sifund-backup-'));
  fs.chmodSync(dir, 0o755);   // run as root, the embedded PostgreSQL runs as postgres and must reach its directory
  source = await createTestDatabase();
  await seedCollection(source.database);
  await billPeriod(source.database, '2026-01');
  await billPeriod(source.database, '2026-02');
  await recordPayment(source.database, systemActor('test'), { creditCode: EMPLOYER_A, date: '2026-02-20', amount: '5000.00', reference: '银行回单 001' });
  // Text that COPY must escape: tab, newline, backslash, and a null.
  await source.owner.query(`insert into region (code, name, level, parent_code) values ('990199', E'制表\\t换行\\n反斜杠\\\\结束', 'county', '990100')`);
  backupFile = path.join(dir, 'source.sifund-backup');
  made = await writeBackup({ url: source.url, mode: 'external', out: [backupFile, path.join(dir, 'copy.sifund-backup')], key: KEY, auditKey: Buffer.from(process.env.SIFUND_AUDIT_KEY!), paramsDir: loadConfig().paramsDir });
});
after(async () => {
  await source?.drop();
  for (const name of extraDatabases) await admin((client) => client.query(`drop database if exists ${name} with (force)`)).catch(() => {});
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('the backup is sealed: its own header, no readable content, two identical copies', { skip }, async () => {
  const bytes = fs.readFileSync(backupFile);
  assert.equal(bytes.subarray(0, 6).toString('latin1'), 'SIFBK1');
  assert.equal(bytes.includes(Buffer.from('甲公司')), false);
  assert.equal(bytes.includes(Buffer.from('990102198501010011')), false);
  assert.deepEqual(fs.readFileSync(path.join(dir, 'copy.sifund-backup')), bytes);
  assert.equal(made.sha256, crypto.createHash('sha256').update(bytes).digest('hex'));
  assert.equal(fs.statSync(backupFile).mode & 0o777, 0o600);
  assert.deepEqual(fs.readdirSync(dir).filter((f) => f.includes('partial')), [], 'no temporary file is left');
});

test('the backup records the migrations, the parameters\' version and every table\'s rows', { skip }, async () => {
  const contents = await checkBackup(backupFile, KEY);
  const expected = await snapshot(source.url);
  assert.deepEqual(contents.rows, Object.fromEntries(Object.entries(expected.tables).map(([name, t]) => [name, t.rows])));
  assert.ok(contents.rows.bill > 0 && contents.rows.accounting_entry_line > 0 && contents.rows.audit_log > 0 && contents.rows.account_balance > 0);
  const { rows: migrations } = await source.owner.query('select version, name, checksum from schema_migration order by version');
  assert.deepEqual(contents.manifest.migrations, migrations);
  assert.match(contents.manifest.parameters.hash, /^[0-9a-f]{64}$/);
  assert.ok(contents.manifest.parameters.files > 10);
  assert.deepEqual(contents.auditKey, Buffer.from(process.env.SIFUND_AUDIT_KEY!));
  // Referenced tables come before the tables that reference them.
  const order = contents.manifest.tables.map((t) => t.name);
  for (const [child, parent] of [['employment', 'employer'], ['bill_item', 'bill'], ['accounting_entry_line', 'accounting_entry'], ['region', 'region']]) {
    assert.ok(order.indexOf(parent) <= order.indexOf(child), `${parent} before ${child}`);
  }
});

test('restore into an empty database: every row, every sequence, balances not doubled, the chain verifies, guards work again', { skip }, async () => {
  const url = await emptyDatabase();
  const result = await restoreBackup({ from: backupFile, key: KEY, config: externalConfig(url) });
  assert.equal(result.rows, made.rows);
  assert.ok(result.auditRecords > 0);
  const [before, restored] = [await snapshot(source.url), await snapshot(url)];
  assert.deepEqual(restored.tables, before.tables);
  assert.deepEqual(restored.sequences, before.sequences);
  const database = await openDatabase(externalConfig(url), { command: 'test' });
  try {
    assert.deepEqual(await verifyAuditChain(database), { ok: true, count: result.auditRecords });
    // The triggers are on again: the journal is append-only, a new line moves its balance once.
    const owner = new pg.Client({ connectionString: url });
    await owner.connect();
    try {
      await assert.rejects(owner.query('delete from accounting_entry_line'), /append-only|not allowed|cannot|refuse/i);
      await assert.rejects(owner.query('truncate audit_log'), /append-only|not allowed|cannot|refuse/i);
    } finally { await owner.end(); }
    await billPeriod(database, '2026-03');
    assert.deepEqual(await verifyAuditChain(database), { ok: true, count: (await snapshot(url)).tables.audit_log.rows });
  } finally {
    await database.close();
  }
});

test('restore into a new data directory: embedded PostgreSQL there, the audit key written beside it (0600)', { skip }, async () => {
  const target = path.join(dir, 'restored');
  const key = process.env.SIFUND_AUDIT_KEY!;
  await withoutAuditKeyVariable(async () => {
    const result = await restoreBackup({ from: backupFile, key: KEY, config: embeddedConfig(target) });
    assert.equal(result.auditKey, path.join(target, 'audit-key'));
    const file = path.join(target, 'audit-key');
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.equal(fs.readFileSync(file, 'utf8').trim(), key);
    const database = await openDatabase(embeddedConfig(target), { command: 'test' });
    try {
      assert.equal(database.mode, 'embedded');
      assert.equal(database.role, 'sifund_server');
      assert.deepEqual((await snapshot(database.url)).tables, (await snapshot(source.url)).tables);
      assert.equal((await verifyAuditChain(database, { key: Buffer.from(key) })).ok, true);
    } finally {
      await database.close();
    }
  });
});

test('restore as the owner of an empty database who is not a superuser: its own triggers off, foreign keys checked in order', { skip }, async () => {
  const role = `sifund_t_owner_${crypto.randomBytes(4).toString('hex')}`;
  const password = crypto.randomBytes(12).toString('hex');
  const name = `sifund_t_${crypto.randomBytes(5).toString('hex')}`;
  await admin(async (client) => {
    await client.query(`create role ${role} login createrole nosuperuser password '${password}'`);
    await client.query(`create database ${name} owner ${role} template template0 encoding 'UTF8'`);
  });
  extraDatabases.push(name);
  const url = new URL(process.env.SIFUND_TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  url.username = role;
  url.password = password;
  try {
    const result = await restoreBackup({ from: backupFile, key: KEY, config: externalConfig(url.toString()) });
    assert.equal(result.rows, made.rows);
    assert.deepEqual((await snapshot(url.toString())).tables, (await snapshot(source.url)).tables);
    const owner = new pg.Client({ connectionString: url.toString() });
    await owner.connect();
    try {
      const { rows: [disabled] } = await owner.query<{ n: number }>(`select count(*)::int as n from pg_trigger t join pg_class c on c.oid = t.tgrelid
        join pg_namespace s on s.oid = c.relnamespace where s.nspname = 'public' and t.tgenabled = 'D'`);
      assert.equal(disabled.n, 0, 'every trigger is on again');
    } finally { await owner.end(); }
  } finally {
    await admin(async (client) => {
      await client.query(`drop database if exists ${name} with (force)`);
      await client.query(`drop role if exists ${role}`);
    });
  }
});

test('a wrong key, a cut or altered file, a non-empty target are refused and create nothing', { skip }, async () => {
  const target = path.join(dir, 'never');
  await assert.rejects(restoreBackup({ from: backupFile, key: Buffer.from('not-the-backup-key-0123456789'), config: embeddedConfig(target) }), refused('wrong_key'));
  assert.equal(fs.existsSync(target), false);

  const bytes = fs.readFileSync(backupFile);
  const cut = path.join(dir, 'cut.sifund-backup');
  fs.writeFileSync(cut, bytes.subarray(0, bytes.length - 100));
  await assert.rejects(restoreBackup({ from: cut, key: KEY, config: embeddedConfig(target) }), refused('damaged'));
  const altered = path.join(dir, 'altered.sifund-backup');
  const changed = Buffer.from(bytes);
  changed[Math.floor(bytes.length / 2)] ^= 0x20;
  fs.writeFileSync(altered, changed);
  await assert.rejects(restoreBackup({ from: altered, key: KEY, config: embeddedConfig(target) }), refused('damaged'));
  assert.equal(fs.existsSync(target), false);

  const url = await emptyDatabase();
  await assert.rejects(restoreBackup({ from: cut, key: KEY, config: externalConfig(url) }), refused('damaged'));
  assert.equal((await snapshot(url)).tables.person, undefined, 'the empty database stays empty');

  fs.mkdirSync(target);
  fs.writeFileSync(path.join(target, 'something'), 'x');
  await assert.rejects(restoreBackup({ from: backupFile, key: KEY, config: embeddedConfig(target) }), refused('conflict'));
  assert.deepEqual(fs.readdirSync(target), ['something']);
  await assert.rejects(restoreBackup({ from: backupFile, key: KEY, config: externalConfig(source.url) }), refused('conflict'));
});

test('without the audit key, a restore needs SIFUND_AUDIT_KEY, and a wrong one is refused', { skip }, async () => {
  const file = path.join(dir, 'no-audit-key.sifund-backup');
  await writeBackup({ url: source.url, mode: 'external', out: [file], key: KEY, paramsDir: loadConfig().paramsDir });
  const target = path.join(dir, 'no-key');
  await withoutAuditKeyVariable(() => assert.rejects(restoreBackup({ from: file, key: KEY, config: embeddedConfig(target) }), refused('audit_key')));
  const saved = process.env.SIFUND_AUDIT_KEY;
  process.env.SIFUND_AUDIT_KEY = 'another-audit-key-0123456789abcdef';
  try {
    await assert.rejects(restoreBackup({ from: backupFile, key: KEY, config: embeddedConfig(target) }), refused('audit_key'));
  } finally { process.env.SIFUND_AUDIT_KEY = saved; }
  assert.equal(fs.existsSync(target), false);
  await assert.rejects(writeBackup({ url: source.url, mode: 'external', out: [file], key: KEY, paramsDir: loadConfig().paramsDir }), refused('conflict'));
});

function sifund(args: string[], env: Record<string, string | undefined>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(projectRoot, 'bin', 'sifund.mjs'), ...args], { env: { ...process.env, ...env } });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

test('sifund backup --out and sifund restore --check (and without a key, exit 1 saying how to set one)', { skip }, async () => {
  const file = path.join(dir, 'cli.sifund-backup');
  const keyFile = path.join(dir, 'backup.key');
  fs.writeFileSync(keyFile, 'a-key-in-a-file-0123456789abcdef\n', { mode: 0o600 });
  const noKey = await sifund(['backup', '--out', file], { DATABASE_URL: source.url, SIFUND_BACKUP_KEY: '' });
  assert.equal(noKey.code, 1);
  assert.match(noKey.stderr, /SIFUND_BACKUP_KEY.*--key-file/);
  const made = await sifund(['backup', '--out', file, '--key-file', keyFile], { DATABASE_URL: source.url, SIFUND_BACKUP_KEY: '' });
  assert.equal(made.code, 0, made.stderr);
  assert.match(made.stdout, /backup of \d+ tables, \d+ rows/);
  const checked = await sifund(['restore', '--from', file, '--check', '--format', 'json', '--key-file', keyFile], { DATABASE_URL: '' });
  assert.equal(checked.code, 0, checked.stderr);
  const contents = JSON.parse(checked.stdout);
  assert.equal(contents.manifest.kind, 'sifund-backup');
  assert.equal(contents.auditKeyIncluded, true);
  assert.equal(contents.auditKey, undefined, 'the audit key is not printed');
  const wrong = await sifund(['restore', '--from', file, '--check'], { DATABASE_URL: '', SIFUND_BACKUP_KEY: 'not-the-key-0123456789abcdef' });
  assert.equal(wrong.code, 1);
  assert.match(wrong.stderr, /does not open this backup/);
});
