/**
 * Migrations: numbered `.sql` files in migrations/, applied in order, each in its own transaction, recorded
 * with a checksum. A landed migration is never edited: a changed checksum stops the runner.
 *
 * Migrations run as the connection they are given: a superuser or the owner of the schema. The application
 * itself connects as `sifund_server`, which may not change the schema; given that connection, the runner only
 * checks that nothing is pending (openDatabase has migrated as the owner before).
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type pg from 'pg';
import { projectRoot } from './config.ts';
import { sealUnkeyedTrail } from './audit/audit.service.ts';
import { auditKey } from './audit/audit.key.ts';

export const migrationsDir = path.join(projectRoot, 'migrations');

interface Migration { version: number; name: string; sql: string; checksum: string }

export function listMigrations(dir = migrationsDir): Migration[] {
  return fs.readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const sql = fs.readFileSync(path.join(dir, file), 'utf8');
      return { version: Number(file.slice(0, 4)), name: file, sql, checksum: crypto.createHash('sha256').update(sql).digest('hex') };
    });
}

export interface MigrateOptions {
  /** The audit key, needed only when keying arrives on a trail that has records (0010). Default: the process's. */
  auditKey?: () => Buffer;
}

export async function migrate(pool: pg.Pool, log: (message: string) => void = () => {}, options: MigrateOptions = {}): Promise<string[]> {
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('select pg_advisory_lock(7310300)');
    // Created only when missing, so that a connection without the right to create tables can check for pending migrations.
    const { rows: [table] } = await client.query<{ exists: boolean }>(`select to_regclass('schema_migration') is not null as exists`);
    if (!table.exists) {
      await client.query(`create table if not exists schema_migration (
        version int primary key, name text not null, checksum text not null, applied_at timestamptz not null default now())`);
    }
    const { rows } = await client.query<{ version: number; name: string; checksum: string }>('select version, name, checksum from schema_migration');
    const done = new Map(rows.map((row) => [row.version, row]));
    for (const migration of listMigrations()) {
      const previous = done.get(migration.version);
      if (previous) {
        if (previous.checksum !== migration.checksum) throw new Error(`migration ${migration.name} was edited after it was applied; add a new migration instead`);
        continue;
      }
      await client.query('begin');
      try {
        await client.query(migration.sql);
        // Keying arrives: one keyed record closes the records written before it, in the same transaction.
        if (migration.name === '0010_audit_keyed.sql') await sealUnkeyedTrail(client, options.auditKey ?? auditKey);
        await client.query('insert into schema_migration (version, name, checksum) values ($1, $2, $3)', [migration.version, migration.name, migration.checksum]);
        // The scoped role reads and writes every table; row-level security narrows what it sees.
        await client.query('grant select, insert, update, delete on all tables in schema public to sifund_app');
        await client.query('grant usage, select on all sequences in schema public to sifund_app');
        // Audit records are written only by audit_append() (security definer), which keys them.
        await client.query(`do $$ begin
          if to_regclass('audit_key_fingerprint') is not null then
            revoke insert, update, delete on audit_log, audit_key_fingerprint from sifund_app;
          end if;
        end $$`);
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        const hint = (error as { code?: string }).code === '42501' ? ' (migrations run as the database owner or a superuser: DATABASE_URL names that connection)' : '';
        throw new Error(`migration ${migration.name} failed: ${(error as Error).message}${hint}`);
      }
      applied.push(migration.name);
      log(`applied ${migration.name}`);
    }
  } finally {
    await client.query('select pg_advisory_unlock(7310300)').catch(() => {});
    client.release();
  }
  return applied;
}
