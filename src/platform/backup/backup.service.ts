/**
 * Backup and restore (R10.3) without pg_dump, which the embedded PostgreSQL package does not ship: a logical dump
 * written in Node from one consistent snapshot, sealed with the operator's backup key (backup.format.ts), and a
 * restore into an empty data directory (or an empty DATABASE_URL database) that loads the same schema's rows with
 * triggers off and then proves the result: every table's row count, and the audit chain under the restored key.
 * docs/decisions.md, "Backups: a logical dump in Node, sealed with the operator's key".
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { projectRoot, type Config } from '../config.ts';
import { openDatabase, type DatabaseHandle } from '../database.ts';
import { listMigrations } from '../migrate.ts';
import { verifyAuditChain } from '../audit/audit.service.ts';
import { auditKeyFile, auditKeyFingerprint, loadAuditKey } from '../audit/audit.key.ts';
import { BackupError, countLines, Frame, frame, openStream, readFrames, sealStream } from './backup.format.ts';
import * as repository from './backup.repository.ts';
import type { MigrationRecord, SequenceValue } from './backup.repository.ts';

export type { MigrationRecord, SequenceValue } from './backup.repository.ts';

export const sifundVersion = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')).version as string;

export interface BackupManifest {
  kind: 'sifund-backup';
  format: 1;
  sifundVersion: string;
  createdAt: string;
  source: { mode: 'embedded' | 'external'; server: string; database: string };
  /** schema_migration at the snapshot: a restore applies exactly these. */
  migrations: MigrationRecord[];
  /** The policy parameters (params/) the data was computed with: a hash of their files, and how many. */
  parameters: { hash: string; files: number };
  /** The audit trail's key fingerprint (audit_key_fingerprint), to check a restoring key before anything. */
  auditKeyFingerprint: string | null;
  auditKeyIncluded: boolean;
  /** In load order (referenced tables first). */
  tables: { name: string; columns: string[] }[];
}

/** What a backup holds, as read back and authenticated in full. */
export interface BackupContents {
  manifest: BackupManifest;
  auditKey?: Buffer;
  rows: Record<string, number>;
  totalRows: number;
  sequences: SequenceValue[];
  bytes: number;
}

/** The version of the parameters: SHA-256 over every file's relative path and content, in path order. */
export function parametersVersion(dir: string): { hash: string; files: number } {
  const hash = crypto.createHash('sha256');
  let files = 0;
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        hash.update(path.relative(dir, full).split(path.sep).join('/')).update('\0').update(fs.readFileSync(full)).update('\0');
        files++;
      }
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return { hash: hash.digest('hex'), files };
}

// Backup ---------------------------------------------------------------------------------------------------------

export interface BackupOptions {
  /** The connection to dump through: the owner's or a superuser's (DatabaseHandle.url), which reads past row-level security. */
  url: string;
  mode: 'embedded' | 'external';
  /** One file, or several identical copies (双重备份: keep them in different places). */
  out: string[];
  /** The operator's backup key (loadBackupKey). */
  key: Buffer;
  /** The audit key the trail is written with, carried inside the sealed backup; omitted with --without-audit-key. */
  auditKey?: Buffer;
  paramsDir: string;
  /** Replace existing files (default: refuse them). */
  force?: boolean;
  /** gzip level (default 6). */
  level?: number;
  onProgress?: (rows: number, estimatedTotal: number) => void;
  /** Tests: the key derivation's cost (default scrypt N = 2^15). */
  kdf?: { log2N: number; r: number; p: number };
}

export interface BackupResult {
  files: string[];
  bytes: number;
  sha256: string;
  tables: number;
  rows: number;
  seconds: number;
  manifest: BackupManifest;
}

/** Writes `data` to every file handle in full. */
async function writeAll(handles: fs.promises.FileHandle[], data: Buffer) {
  await Promise.all(handles.map(async (handle) => {
    for (let written = 0; written < data.length;) written += (await handle.write(data, written, data.length - written)).bytesWritten;
  }));
}

/**
 * Dumps every table of the public schema from one `repeatable read, read only` snapshot through COPY, streamed:
 * frames → gzip → sealed chunks → the files (written under a temporary name, synced, then moved into place).
 * Memory stays flat: no table is held, at most a chunk or two of each stage.
 */
export async function writeBackup(options: BackupOptions): Promise<BackupResult> {
  const started = Date.now();
  const files = options.out.map((file) => path.resolve(file));
  if (new Set(files).size !== files.length) throw new BackupError('out: the same file is named twice');
  for (const file of files) {
    if (!options.force && fs.existsSync(file)) throw new BackupError(`out: ${file} exists (choose a new name, or --force to replace it)`, 'conflict');
    if (!fs.existsSync(path.dirname(file))) throw new BackupError(`out: the folder ${path.dirname(file)} does not exist`);
  }
  const client = await repository.connect(options.url);
  const temporaries = files.map((file) => `${file}.${process.pid}.partial`);
  const handles: fs.promises.FileHandle[] = [];
  try {
    await repository.beginSnapshot(client);
    const server = await repository.serverInfo(client);
    const migrations = await repository.appliedMigrations(client);
    const tables = await repository.listTables(client);
    const sequenceNames = await repository.listSequences(client);
    const fingerprint = await repository.auditKeyFingerprintOf(client);
    if (options.auditKey && fingerprint && auditKeyFingerprint(options.auditKey) !== fingerprint) {
      throw new BackupError('the audit key of this process is not the one the audit trail is written with; run from the server\'s directory or set SIFUND_AUDIT_KEY');
    }
    const estimatedTotal = await repository.estimatedRows(client, tables);
    const manifest: BackupManifest = {
      kind: 'sifund-backup', format: 1, sifundVersion, createdAt: new Date().toISOString(),
      source: { mode: options.mode, server: server.version, database: server.database },
      migrations,
      parameters: parametersVersion(options.paramsDir),
      auditKeyFingerprint: fingerprint, auditKeyIncluded: Boolean(options.auditKey),
      tables: tables.map((t) => ({ name: t.name, columns: t.columns })),
    };
    const counts: Record<string, number> = {};
    let total = 0;
    async function* content(): AsyncGenerator<Buffer> {
      yield frame(Frame.manifest, manifest);
      if (options.auditKey) yield frame(Frame.auditKey, options.auditKey);
      for (const table of tables) {
        yield frame(Frame.table, { name: table.name, columns: table.columns });
        const stream = repository.copyOut(client, table);
        let batch: Buffer[] = [];
        let size = 0;
        let rows = 0;
        const flush = () => {
          const data = Buffer.concat(batch, size);
          batch = [];
          size = 0;
          rows += countLines(data);
          options.onProgress?.(total + rows, Math.max(estimatedTotal, total + rows));
          return frame(Frame.data, data);
        };
        for await (const chunk of stream) {
          batch.push(chunk);
          size += chunk.length;
          if (size >= 256 * 1024) yield flush();
        }
        if (size > 0) yield flush();
        if (stream.rowCount !== rows) throw new Error(`table ${table.name}: COPY reported ${stream.rowCount} rows, ${rows} lines were read`);
        counts[table.name] = rows;
        total += rows;
        yield frame(Frame.tableEnd, { name: table.name, rows });
      }
      // Sequences are not transactional: read after the rows, their values are at least those the rows used.
      const sequences: SequenceValue[] = [];
      for (const name of sequenceNames) sequences.push(await repository.sequenceValue(client, name));
      yield frame(Frame.sequences, sequences);
      yield frame(Frame.end, { tables: counts, rows: total });
    }
    for (const file of temporaries) handles.push(await fs.promises.open(file, 'wx', 0o600));
    const hash = crypto.createHash('sha256');
    let bytes = 0;
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        bytes += chunk.length;
        writeAll(handles, chunk).then(() => callback(), callback);
      },
      final(callback) {
        Promise.all(handles.map((handle) => handle.sync())).then(() => callback(), callback);
      },
    });
    await pipeline(Readable.from(content(), { objectMode: false }), zlib.createGzip({ level: options.level ?? 6 }), sealStream(options.key, { kdf: options.kdf }), sink);
    await repository.commit(client);
    for (const handle of handles.splice(0)) await handle.close();
    temporaries.forEach((temporary, i) => {
      if (options.force) fs.renameSync(temporary, files[i]);
      else {
        try { fs.linkSync(temporary, files[i]); } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new BackupError(`out: ${files[i]} appeared meanwhile (choose a new name, or --force)`, 'conflict');
          throw error;
        }
        fs.rmSync(temporary);
      }
    });
    return { files, bytes, sha256: hash.digest('hex'), tables: tables.length, rows: total, seconds: (Date.now() - started) / 1000, manifest };
  } finally {
    for (const handle of handles) await handle.close().catch(() => {});
    for (const temporary of temporaries) fs.rmSync(temporary, { force: true });
    await client.end().catch(() => {});
  }
}

// Reading a backup -------------------------------------------------------------------------------------------------

type FrameHandler = {
  manifest?(manifest: BackupManifest): Promise<void> | void;
  table?(name: string, columns: string[]): Promise<void> | void;
  data?(data: Buffer, rows: number): Promise<void> | void;
  tableEnd?(name: string, rows: number): Promise<void> | void;
};

const damaged = (what: string) => new BackupError(`the backup is damaged: ${what} (nothing was restored)`, 'damaged');

function parseJson<T>(payload: Buffer, what: string): T {
  try { return JSON.parse(payload.toString('utf8')) as T; } catch { throw damaged(`its ${what} is not readable`); }
}

/**
 * Reads a backup from start to end: authenticates every chunk, checks the frames' order and each table's rows
 * against its recorded count, and calls the handler on the way. Answers what the backup holds.
 */
async function readBackup(file: string, key: Buffer, handler: FrameHandler = {}, onBytes?: (read: number, size: number) => void): Promise<BackupContents> {
  let size: number;
  try { size = fs.statSync(file).size; } catch { throw new BackupError(`from: ${file} does not exist`, 'not_found'); }
  let read = 0;
  const input = fs.createReadStream(file, { highWaterMark: 1024 * 1024 });
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) { read += chunk.length; onBytes?.(read, size); callback(null, chunk); },
  });
  const result: Partial<BackupContents> & { rows: Record<string, number> } = { rows: {}, totalRows: 0, bytes: size };
  let current: { name: string; rows: number } | undefined;
  let ended = false;
  let first = true;
  await pipeline(input, counter, openStream(key), zlib.createGunzip({ chunkSize: 128 * 1024 }), async (source: AsyncIterable<Buffer>) => {
    for await (const { type, payload } of readFrames(source)) {
      if (ended) throw damaged('content follows its end');
      if (first !== (type === Frame.manifest)) throw damaged(first ? 'it does not start with its manifest' : 'a second manifest');
      first = false;
      switch (type) {
        case Frame.manifest: {
          const manifest = parseJson<BackupManifest>(payload, 'manifest');
          if (manifest.kind !== 'sifund-backup' || manifest.format !== 1) throw new BackupError(`the backup's format (${manifest.format}) is not one this sifund reads: restore it with sifund ${manifest.sifundVersion}`);
          result.manifest = manifest;
          await handler.manifest?.(manifest);
          break;
        }
        case Frame.auditKey:
          result.auditKey = Buffer.from(payload);
          break;
        case Frame.table: {
          if (current) throw damaged(`table ${current.name} has no end`);
          const { name, columns } = parseJson<{ name: string; columns: string[] }>(payload, 'table header');
          if (!result.manifest!.tables.some((t) => t.name === name) || name in result.rows) throw damaged(`unexpected table ${name}`);
          current = { name, rows: 0 };
          await handler.table?.(name, columns);
          break;
        }
        case Frame.data:
          if (!current) throw damaged('rows outside a table');
          const rows = countLines(payload);
          current.rows += rows;
          await handler.data?.(payload, rows);
          break;
        case Frame.tableEnd: {
          const { name, rows } = parseJson<{ name: string; rows: number }>(payload, 'table end');
          if (!current || current.name !== name) throw damaged(`the end of table ${name} does not match its start`);
          if (current.rows !== rows) throw damaged(`table ${name} holds ${current.rows} rows, its record says ${rows}`);
          result.rows[name] = rows;
          result.totalRows! += rows;
          current = undefined;
          await handler.tableEnd?.(name, rows);
          break;
        }
        case Frame.sequences:
          result.sequences = parseJson<SequenceValue[]>(payload, 'sequences');
          break;
        case Frame.end: {
          const end = parseJson<{ tables: Record<string, number>; rows: number }>(payload, 'end');
          if (current) throw damaged(`table ${current.name} has no end`);
          const missing = result.manifest!.tables.filter((t) => !(t.name in result.rows)).map((t) => t.name);
          if (missing.length) throw damaged(`tables missing: ${missing.join(', ')}`);
          if (end.rows !== result.totalRows || Object.entries(end.tables).some(([name, rows]) => result.rows[name] !== rows)) throw damaged('row counts differ from its summary');
          ended = true;
          break;
        }
        default:
          throw damaged(`unknown content (frame type ${type})`);
      }
    }
  });
  if (!ended) throw damaged('its content stops before the end (the backup was not finished)');
  return { ...(result as BackupContents), sequences: result.sequences ?? [] };
}

/** Reads and authenticates a whole backup without restoring anything (`sifund restore --check`). */
export function checkBackup(file: string, key: Buffer, onBytes?: (read: number, size: number) => void): Promise<BackupContents> {
  return readBackup(file, key, {}, onBytes);
}

/**
 * A backup restores only into the same schema: every migration it records must be one of this sifund's with the
 * same checksum, and this sifund must have no others (a newer sifund restores with the version that made the
 * backup, then upgrades: data migrations run on the data of their time).
 */
export function checkMigrations(recorded: MigrationRecord[], known: MigrationRecord[], madeBy: string): void {
  const byVersion = new Map(known.map((m) => [m.version, m]));
  for (const migration of recorded) {
    const mine = byVersion.get(migration.version);
    if (!mine || mine.name !== migration.name) {
      throw new BackupError(`the backup was made by a newer sifund (${madeBy}): its migration ${migration.name} is unknown here; restore it with sifund ${madeBy} or newer`, 'incompatible');
    }
    if (mine.checksum !== migration.checksum) {
      throw new BackupError(`migration ${migration.name} of the backup differs from this sifund's (checksum): restore it with the sifund that made it (${madeBy})`, 'incompatible');
    }
  }
  const recordedVersions = new Set(recorded.map((m) => m.version));
  const newer = known.filter((m) => !recordedVersions.has(m.version));
  if (newer.length) {
    throw new BackupError(`this sifund has migrations the backup does not (${newer.map((m) => m.name).join(', ')}): restore it with the sifund that made it ` +
      `(${madeBy}), then upgrade (npx sifund migrate)`, 'incompatible');
  }
}

// Restore --------------------------------------------------------------------------------------------------------

export interface RestoreOptions {
  from: string;
  key: Buffer;
  /** The target: config.databaseUrl (an empty database) or config.dataDir (an empty or new directory). */
  config: Config;
  onProgress?: (phase: 'checking' | 'restoring', done: number, total: number) => void;
  /** Notes for the operator (parameters that differ, where the audit key went). */
  note?: (message: string) => void;
}

export interface RestoreResult {
  target: string;
  manifest: BackupManifest;
  tables: number;
  rows: number;
  sequences: number;
  auditRecords: number;
  /** Where the audit key was written, or how it was given. */
  auditKey: string;
  seconds: { check: number; load: number; total: number };
}

/**
 * Restores a backup: refuses a target that holds anything, reads the whole backup once to authenticate it (a wrong
 * key or a damaged file is refused before the target is touched), creates the database with the backup's
 * migrations, then loads every table in one transaction with triggers off (append-only guards and the journal's
 * balance triggers must not fire again), sets the sequences and commits only when every table holds its recorded
 * rows and the audit chain verifies under the restored key.
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const started = Date.now();
  const { config } = options;
  const note = options.note ?? (() => {});
  const external = Boolean(config.databaseUrl);
  const target = external ? `the database of DATABASE_URL` : config.dataDir;

  // 1. The target must be empty.
  let dataDirExisted = false;
  if (external) {
    const tables = await repository.countPublicTables(config.databaseUrl!);
    if (tables > 0) throw new BackupError(`the database of DATABASE_URL already has ${tables} tables: restore into an empty database (create one, or drop its tables first)`, 'conflict');
  } else if (fs.existsSync(config.dataDir)) {
    dataDirExisted = true;
    if (!fs.statSync(config.dataDir).isDirectory()) throw new BackupError(`data: ${config.dataDir} is not a directory`, 'conflict');
    const entries = fs.readdirSync(config.dataDir);
    if (entries.length > 0) throw new BackupError(`data: ${config.dataDir} is not empty (${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', …' : ''}): restore into a new or empty directory with --data DIR`, 'conflict');
  }

  // 2. The whole backup, authenticated, before anything is created.
  const known = listMigrations().map((m) => ({ version: m.version, name: m.name, checksum: m.checksum }));
  const contents = await readBackup(options.from, options.key, {
    manifest: (recorded) => checkMigrations(recorded.migrations, known, recorded.sifundVersion),
  }, (read, size) => options.onProgress?.('checking', read, size));
  const { manifest } = contents;
  const checked = Date.now();
  const parameters = parametersVersion(config.paramsDir);
  if (parameters.hash !== manifest.parameters.hash) {
    note(`the parameters here (${config.paramsDir}, ${parameters.files} files) differ from those of the backup (${manifest.parameters.files} files, ` +
      `version ${manifest.parameters.hash.slice(0, 12)}): the restored data was computed with the backup's; new computations use these`);
  }

  // 3. The audit key the chain was written with: SIFUND_AUDIT_KEY when set, else the backup's, written to <data>/audit-key.
  const keyFromEnv = Boolean(process.env.SIFUND_AUDIT_KEY);
  const existing = loadAuditKey(config.dataDir, { create: false });
  const chainKey = existing ?? contents.auditKey;
  if (!chainKey) {
    throw new BackupError('this backup was made without the audit key (--without-audit-key) and none is given: set SIFUND_AUDIT_KEY to the key the trail was written with', 'audit_key');
  }
  if (manifest.auditKeyFingerprint && auditKeyFingerprint(chainKey) !== manifest.auditKeyFingerprint) {
    throw new BackupError(keyFromEnv
      ? 'SIFUND_AUDIT_KEY is not the key the backup\'s audit trail was written with: unset it to use the key carried in the backup, or set the trail\'s key'
      : `${auditKeyFile(config.dataDir)} is not the key the backup's audit trail was written with: restore with another --data directory, or move that file aside`, 'audit_key');
  }
  const keyFile = auditKeyFile(config.dataDir);
  const keyNote = existing && keyFromEnv ? 'SIFUND_AUDIT_KEY' : keyFile;
  let wroteKey = false;

  // 4. The database, with the backup's migrations (this sifund's, checked equal above), then the rows.
  let database: DatabaseHandle | undefined;
  let client: pg.Client | undefined;
  try {
    if (!existing) {
      fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o755 });
      fs.writeFileSync(keyFile, contents.auditKey!.toString('utf8') + '\n', { mode: 0o600, flag: 'wx' });
      wroteKey = true;
    }
    database = await openDatabase(config, { command: 'restore', onMigrated: () => {}, warn: note });
    client = await repository.connect(database.url);
    const loaded = await load(client, options, contents, chainKey);
    await repository.analyze(client);
    const finished = Date.now();
    return {
      target, manifest, tables: manifest.tables.length, rows: contents.totalRows, sequences: contents.sequences.length,
      auditRecords: loaded.auditRecords, auditKey: keyNote,
      seconds: { check: (checked - started) / 1000, load: (finished - checked) / 1000, total: (finished - started) / 1000 },
    };
  } catch (error) {
    await client?.end().catch(() => {});
    client = undefined;
    await database?.close().catch(() => {});
    database = undefined;
    // Restores nothing: a directory made here goes again; an external database keeps the (empty) schema.
    if (!external) {
      if (dataDirExisted) for (const entry of fs.readdirSync(config.dataDir)) fs.rmSync(path.join(config.dataDir, entry), { recursive: true, force: true });
      else fs.rmSync(config.dataDir, { recursive: true, force: true });
    } else if (wroteKey) fs.rmSync(keyFile, { force: true });
    if (external && error instanceof Error && !(error instanceof BackupError)) {
      const left = await repository.countPublicTables(config.databaseUrl!).catch(() => 0);
      error.message += left ? ` (nothing was restored; the database now holds ${left} empty tables of the schema: drop them before trying again)` : ' (nothing was restored)';
    }
    throw error;
  } finally {
    await client?.end().catch(() => {});
    await database?.close().catch(() => {});
  }
}

/** Loads every table in one transaction, sets the sequences, checks counts and the chain, commits. */
async function load(client: pg.Client, options: RestoreOptions, contents: BackupContents, chainKey: Buffer): Promise<{ auditRecords: number }> {
  const { manifest } = contents;
  await repository.beginLoad(client);
  const { superuser } = await repository.serverInfo(client);
  const tables = await repository.listTables(client);
  const here = new Map(tables.map((t) => [t.name, t]));
  for (const table of manifest.tables) {
    const mine = here.get(table.name);
    const missing = mine ? table.columns.filter((c) => !mine.columns.includes(c)) : [];
    if (!mine || missing.length) {
      throw new BackupError(`the schema here has no ${mine ? `column ${missing.join(', ')} in table ${table.name}` : `table ${table.name}`} though the migrations are the same (was the source's schema changed by hand?)`, 'incompatible');
    }
  }
  const extra = tables.filter((t) => !manifest.tables.some((b) => b.name === t.name)).map((t) => t.name);
  if (extra.length) options.note?.(`tables here that the backup does not hold stay empty: ${extra.join(', ')}`);
  // Triggers off for the load: the append-only guards and the journal's balance triggers must not fire again.
  await repository.triggersOff(client, superuser, tables);
  // What opening created (the audit key's fingerprint, the migrations' record) is replaced by the backup's rows.
  await repository.truncateAll(client, tables);

  let done = 0;
  let copy: ReturnType<typeof repository.copyIn> | undefined;
  let copyError: Error | undefined;
  let expectedTable = '';
  const write = (data: Buffer) => new Promise<void>((resolve, reject) => {
    if (copyError) return reject(copyError);
    if (copy!.write(data)) return resolve();
    const onDrain = () => { copy!.off('error', onError); resolve(); };
    const onError = (error: Error) => { copy!.off('drain', onDrain); reject(error); };
    copy!.once('drain', onDrain);
    copy!.once('error', onError);
  });
  await readBackup(options.from, options.key, {
    table(name, columns) {
      expectedTable = name;
      copyError = undefined;
      copy = repository.copyIn(client, { name, columns });
      copy.on('error', (error) => { copyError = error; });
    },
    async data(data, rows) {
      await write(data);
      done += rows;
      options.onProgress?.('restoring', done, contents.totalRows);
    },
    async tableEnd(name, rows) {
      const stream = copy!;
      await new Promise<void>((resolve, reject) => {
        if (copyError) return reject(copyError);
        stream.once('finish', resolve);
        stream.once('error', reject);
        stream.end();
      }).catch((error: Error) => { throw new Error(`table ${expectedTable}: ${error.message}`); });
      if (stream.rowCount !== rows || contents.rows[name] !== rows) throw new Error(`table ${name}: ${stream.rowCount} rows loaded, the backup holds ${rows}`);
    },
  });
  for (const sequence of contents.sequences) {
    if (!await repository.setSequence(client, sequence)) options.note?.(`sequence ${sequence.name} of the backup does not exist here: not set`);
  }
  await repository.triggersOn(client, superuser, tables);

  // Proof before commit: every table holds its rows, and the chain verifies under the key it was written with.
  for (const table of manifest.tables) {
    const rows = await repository.countRows(client, table.name);
    if (rows !== contents.rows[table.name]) throw new Error(`table ${table.name} holds ${rows} rows after the load, the backup ${contents.rows[table.name]}`);
  }
  const chain = await verifyAuditChain(repository.handleOnClient(client), { key: chainKey });
  if (!chain.ok) {
    throw new BackupError(`the restored audit trail does not verify (record ${chain.brokenAt?.id}: ${chain.brokenAt?.reason}); nothing was restored`, 'audit_chain');
  }
  await repository.commit(client);
  return { auditRecords: chain.count };
}
