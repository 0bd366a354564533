/**
 * The SQL of backup and restore, on one client of the given connection (the owner's or a superuser's): catalog
 * reads, COPY streams, session settings. Plain `pg` rather than Kysely: COPY and the snapshot need one connection.
 */
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import type { DatabaseHandle, Tables } from '../database.ts';

export interface TableInfo { oid: number; name: string; columns: string[] }
export interface MigrationRecord { version: number; name: string; checksum: string }
export interface SequenceValue { name: string; value: string; isCalled: boolean }

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const columnList = (columns: string[]) => columns.map(quote).join(', ');

/** A client whose dropped connection fails the query in flight instead of ending the process. */
export async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => { /* the query in flight fails with it */ });
  await client.connect();
  return client;
}

/** One snapshot for the whole dump: every table as of the same moment, nothing written. */
export async function beginSnapshot(client: pg.ClientBase): Promise<void> {
  await client.query('begin isolation level repeatable read, read only');
  await client.query('set local statement_timeout = 0');
  await client.query('set local idle_in_transaction_session_timeout = 0');
}

export async function serverInfo(client: pg.ClientBase): Promise<{ version: string; database: string; superuser: boolean }> {
  const { rows: [row] } = await client.query<{ version: string; database: string; superuser: boolean }>(`
    select current_setting('server_version') as version, current_database() as database,
           (select rolsuper from pg_roles where rolname = current_user) as superuser`);
  return row;
}

export async function appliedMigrations(client: pg.ClientBase): Promise<MigrationRecord[]> {
  const { rows } = await client.query<MigrationRecord>('select version, name, checksum from schema_migration order by version');
  return rows.map((m) => ({ version: Number(m.version), name: m.name, checksum: m.checksum }));
}

export async function auditKeyFingerprintOf(client: pg.ClientBase): Promise<string | null> {
  const { rows: [table] } = await client.query<{ exists: boolean }>(`select to_regclass('audit_key_fingerprint') is not null as exists`);
  if (!table.exists) return null;
  return (await client.query<{ fingerprint: string }>('select fingerprint from audit_key_fingerprint limit 1')).rows[0]?.fingerprint ?? null;
}

/** The public schema's tables (not an extension's) in load order: a table after those its foreign keys reference. */
export async function listTables(client: pg.ClientBase): Promise<TableInfo[]> {
  const { rows: tables } = await client.query<{ oid: number; name: string }>(`
    select c.oid::int as oid, c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind = 'r'
       and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
     order by c.relname collate "C"`);
  const oids = tables.map((t) => t.oid);
  const { rows: columns } = await client.query<{ oid: number; name: string }>(`
    select attrelid::int as oid, attname as name from pg_attribute
     where attrelid = any($1::oid[]) and attnum > 0 and not attisdropped and attgenerated = '' order by attrelid, attnum`, [oids]);
  const { rows: references } = await client.query<{ child: number; parent: number }>(`
    select distinct conrelid::int as child, confrelid::int as parent from pg_constraint
     where contype = 'f' and conrelid = any($1::oid[]) and confrelid = any($1::oid[]) and conrelid <> confrelid`, [oids]);
  const byOid = new Map(tables.map((t) => [t.oid, { ...t, columns: [] as string[] }]));
  for (const column of columns) byOid.get(column.oid)!.columns.push(column.name);
  const parents = new Map<number, Set<number>>(oids.map((oid) => [oid, new Set()]));
  for (const { child, parent } of references) parents.get(child)!.add(parent);
  // Kahn's algorithm, by name among the ready ones; a cycle (none today) goes last, by name.
  const ordered: TableInfo[] = [];
  const placed = new Set<number>();
  for (;;) {
    const ready = tables.filter((t) => !placed.has(t.oid) && [...parents.get(t.oid)!].every((p) => placed.has(p)));
    if (ready.length === 0) break;
    for (const t of ready) { placed.add(t.oid); ordered.push(byOid.get(t.oid)!); }
  }
  for (const t of tables) if (!placed.has(t.oid)) ordered.push(byOid.get(t.oid)!);
  return ordered;
}

export async function listSequences(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind = 'S'
       and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
     order by c.relname collate "C"`);
  return rows.map((r) => r.name);
}

/** The planner's estimate of the rows (for a progress bar). */
export async function estimatedRows(client: pg.ClientBase, tables: TableInfo[]): Promise<number> {
  const { rows: [row] } = await client.query<{ n: string }>(
    'select coalesce(sum(greatest(reltuples, 0)), 0)::bigint as n from pg_class where oid = any($1::oid[])', [tables.map((t) => t.oid)]);
  return Number(row.n);
}

/** A table's rows as COPY text (one line per row), streamed. */
export const copyOut = (client: pg.ClientBase, table: { name: string; columns: string[] }) =>
  client.query(copyTo(`copy ${quote(table.name)} (${columnList(table.columns)}) to stdout`));

/** Loads COPY text into a table, streamed. */
export const copyIn = (client: pg.ClientBase, table: { name: string; columns: string[] }) =>
  client.query(copyFrom(`copy ${quote(table.name)} (${columnList(table.columns)}) from stdin`));

export async function sequenceValue(client: pg.ClientBase, name: string): Promise<SequenceValue> {
  const { rows: [row] } = await client.query<{ last_value: bigint; is_called: boolean }>(`select last_value, is_called from ${quote(name)}`);
  return { name, value: String(row.last_value), isCalled: row.is_called };
}

/** Sets a sequence; false when it does not exist here. */
export async function setSequence(client: pg.ClientBase, sequence: SequenceValue): Promise<boolean> {
  const { rows: [exists] } = await client.query<{ ok: boolean }>('select to_regclass($1) is not null as ok', [quote(sequence.name)]);
  if (!exists.ok) return false;
  await client.query('select setval($1::regclass, $2::bigint, $3)', [quote(sequence.name), sequence.value, sequence.isCalled]);
  return true;
}

export async function countPublicTables(url: string): Promise<number> {
  const client = await connect(url);
  try {
    return Number((await client.query<{ n: string }>(`select count(*) as n from pg_tables where schemaname = 'public'`)).rows[0].n);
  } finally {
    await client.end().catch(() => {});
  }
}

export async function beginLoad(client: pg.ClientBase): Promise<void> {
  await client.query('begin');
  await client.query('set local statement_timeout = 0');
}

/**
 * Triggers off for the load (append-only guards, the journal's balance triggers): as a superuser for the
 * transaction, foreign-key checks included; as an owner, its own triggers table by table (foreign keys are still
 * checked, hence the load order).
 */
export async function triggersOff(client: pg.ClientBase, superuser: boolean, tables: TableInfo[]): Promise<void> {
  if (superuser) await client.query('set local session_replication_role = replica');
  else for (const table of tables) await client.query(`alter table ${quote(table.name)} disable trigger user`);
}

export async function triggersOn(client: pg.ClientBase, superuser: boolean, tables: TableInfo[]): Promise<void> {
  if (superuser) await client.query('set local session_replication_role = origin');
  else {
    await client.query('set constraints all immediate');   // deferred foreign-key checks run now, before the triggers come back
    for (const table of tables) await client.query(`alter table ${quote(table.name)} enable trigger user`);
  }
}

/** Empties every table at once (with triggers off: the append-only tables too). */
export async function truncateAll(client: pg.ClientBase, tables: TableInfo[]): Promise<void> {
  if (tables.length) await client.query(`truncate ${tables.map((t) => quote(t.name)).join(', ')}`);
}

export async function countRows(client: pg.ClientBase, table: string): Promise<number> {
  return Number((await client.query<{ n: string }>(`select count(*) as n from ${quote(table)}`)).rows[0].n);
}

/**
 * A database handle whose pool and query builder both run on this one client, inside its open transaction: the
 * platform's readers (the audit chain's verification) see the rows loaded but not yet committed.
 */
export function handleOnClient(client: pg.ClientBase): DatabaseHandle {
  const connection = { query: (text: string, values?: unknown[]) => client.query(text, values), release: () => {} };
  const pool = { query: connection.query, connect: async () => connection, end: async () => {} } as unknown as pg.Pool;
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  return { mode: 'external', url: '', role: '', pool, db, close: async () => {} };
}

export const commit = (client: pg.ClientBase) => client.query('commit');
export const analyze = (client: pg.ClientBase) => client.query('analyze');
