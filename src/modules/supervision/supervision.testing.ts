/**
 * Test fixture of the supervision module's database tests: a fresh test database holding a demo city (loaded once,
 * before the file's tests, then `prepare` run on it), `DATABASE_URL` pointing at it for the CLI run in process, both
 * undone after. Returns the skip reason for a bare `node --test` and `db`, whose database and owner pool are the
 * city's once loaded.
 */
import { before, after } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../../platform/testing/database.ts';
import { generateDemo } from '../registry/demo/demo.service.ts';

export function useDemoCity(options: Parameters<typeof generateDemo>[1], prepare?: (db: TestDatabase) => Promise<void>) {
  const skip = process.env.SIFUND_TEST_DATABASE_URL ? false : 'needs a test database: run through npm test';
  let db: TestDatabase | undefined;
  const previousUrl = process.env.DATABASE_URL;
  before(async () => {
    if (skip) return;
    db = await createTestDatabase();
    process.env.DATABASE_URL = db.url;
    await generateDemo(db.database, options);
    await prepare?.(db);
  });
  after(async () => {
    if (previousUrl === undefined) delete process.env.DATABASE_URL; else process.env.DATABASE_URL = previousUrl;
    await db?.drop();
  });
  return { skip, db: { get database() { return db!.database; }, get owner() { return db!.owner; } } };
}
