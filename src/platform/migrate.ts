/**
 * Migrations: numbered `.sql` files in migrations/, applied in order, each in its own transaction, recorded
 * with a checksum. A landed migration is never edited: a changed checksum stops the runner.
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type pg from 'pg';
import { projectRoot } from './config.ts';

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

export async function migrate(pool: pg.Pool, log: (message: string) => void = () => {}): Promise<string[]> {
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('select pg_advisory_lock(7310300)');
    await client.query(`create table if not exists schema_migration (
      version int primary key, name text not null, checksum text not null, applied_at timestamptz not null default now())`);
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
        await client.query('insert into schema_migration (version, name, checksum) values ($1, $2, $3)', [migration.version, migration.name, migration.checksum]);
        // The scoped role reads and writes every table; row-level security narrows what it sees.
        await client.query('grant select, insert, update, delete on all tables in schema public to sifund_app');
        await client.query('grant usage, select on all sequences in schema public to sifund_app');
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw new Error(`migration ${migration.name} failed: ${(error as Error).message}`);
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
