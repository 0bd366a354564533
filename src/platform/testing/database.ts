/**
 * Test databases: each test file gets a fresh database cloned from the migrated template that `npm test`
 * (scripts/test.ts) prepares on the embedded PostgreSQL and, in CI, on a PostgreSQL 15 cluster.
 * `database` connects like the application (as sifund_server); `owner` is the superuser connection, for tests
 * that act below the application (tampering with the audit trail, checking what only the database refuses).
 */
import crypto from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../config.ts';
import { openDatabase, type DatabaseHandle } from '../database.ts';

export interface TestDatabase { url: string; database: DatabaseHandle; owner: pg.Pool; drop(): Promise<void> }

function serverUrl() {
  const url = process.env.SIFUND_TEST_DATABASE_URL;
  if (!url) throw new Error('SIFUND_TEST_DATABASE_URL is not set: run tests through `npm test` (or `npm test -- <files>`)');
  return new URL(url);
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const url = serverUrl();
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try { return await work(client); } finally { await client.end(); }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const template = process.env.SIFUND_TEST_TEMPLATE ?? 'sifund';
  const name = `sifund_t_${crypto.randomBytes(5).toString('hex')}`;
  await withAdmin(async (client) => {
    // Concurrent clones of one template collide ("being accessed by other users"): retry.
    for (let attempt = 0; ; attempt++) {
      try { await client.query(`create database ${name} template ${template}`); return; } catch (error) {
        if (attempt > 50 || (error as { code?: string }).code !== '55006') throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200));
      }
    }
  });
  const url = serverUrl();
  url.pathname = `/${name}`;
  // The application role's password is in the run's data directory (SIFUND_DATA_DIR, set by scripts/test.ts).
  const database = await openDatabase({ ...loadConfig(), databaseUrl: url.toString() }, { command: 'test' });
  const owner = new pg.Pool({ connectionString: url.toString(), max: 3 });
  owner.on('error', () => {});
  return {
    url: url.toString(),
    database,
    owner,
    async drop() {
      await database.close();
      await owner.end().catch(() => {});
      await withAdmin((client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
}
