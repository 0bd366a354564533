/**
 * The demo load's SQL execution: session settings, index handling, the small reference rows, and the set-based
 * statements whose text demo.sql.ts builds (the draw tables demo_p / demo_j and the chunked inserts). Every function
 * runs in a transaction on the owner's connection (ownerTransaction) — the loading one, the drawing one or the one
 * computing the declarations (demo.service.ts) — in the order demo.service.ts calls them; the last two read on the
 * application's pool.
 */
import pg from 'pg';
import { CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import type { DatabaseHandle, Tables } from '../../../platform/database.ts';
import { NATIONAL_SCOPE, type Tx } from '../../../platform/actor.ts';
import { idExpression, type IdBlock } from '../../../platform/ids.ts';
import { GIVEN_CHARS, SURNAMES, type AliasTable, type DemoEmployer, type DemoRegion } from './demo.calc.ts';
import {
  COPY_DECLARATIONS, DECLARATION_STAGE, DRAW_TABLES, JOB_TABLE, PERSON_TABLE, RANK_ACROSS_RANGES, fillJobsSql, fillPersonsSql, insertDeclarationsSql, insertEmploymentsSql, insertEnrollmentsSql, insertPersonsSql, type PersonPlan,
} from './demo.sql.ts';

/** The advisory lock of a demo load (one at a time per database: the draw tables are shared by name). */
const DEMO_LOAD_LOCK = 7310301;

async function run(tx: Tx, text: string, parameters: unknown[] = []) {
  return tx.executeQuery(CompiledQuery.raw(text, parameters));
}

const affected = (result: { numAffectedRows?: bigint }) => Number(result.numAffectedRows ?? 0n);

/**
 * Runs `work` in one transaction on the connection the database was opened with (the owner of the tables, as for
 * migrations), not the application's role: only the owner may set the tables' indexes and foreign keys aside.
 */
export async function ownerTransaction<T>(database: DatabaseHandle, work: (tx: Tx) => Promise<T>): Promise<T> {
  const pool = new pg.Pool({ connectionString: database.url, max: 1 });
  pool.on('error', () => {});   // a dropped idle connection fails the next query, not the process
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  try {
    return await db.transaction().execute(work);
  } finally {
    await db.destroy();
  }
}

// ── session settings (this transaction only) ──

/**
 * Memory for sorts and index builds, Beijing time, and the national scope. Without bitmap scans the chunked inserts
 * read their range of the draw tables through the index, already in the order they insert, and sort nothing. No JIT:
 * a PostgreSQL built with LLVM (Debian's, an external database) compiles each chunk's expressions again, which cost
 * more than it saved — 200,000 persons on PostgreSQL 15: declarations 11.4 s with JIT, 2.9 s without, the demo 31.1
 * s and 19.0 s (the embedded build has no JIT).
 */
export async function setLoadSettings(tx: Tx): Promise<void> {
  await run(tx, `set local jit = off`);
  await run(tx, `set local work_mem = '256MB'`);
  await run(tx, `set local enable_bitmapscan = off`);
  await run(tx, `set local maintenance_work_mem = '512MB'`);
  await run(tx, `set local timezone = 'Asia/Shanghai'`);
  await run(tx, `select set_config('sifund.scope', '${NATIONAL_SCOPE}', true)`);
}

/** Whether this transaction holds the demo load's lock (false: another demo load is running on the database). */
export const lockDemoLoad = async (tx: Tx): Promise<boolean> =>
  ((await run(tx, `select pg_try_advisory_xact_lock(${DEMO_LOAD_LOCK}) as locked`)).rows[0] as { locked: boolean }).locked;

/** Drops the draw tables and the declarations' staging table (DRAW_TABLES) when they exist. */
export async function dropDrawTables(tx: Tx): Promise<void> {
  await run(tx, `drop table if exists ${DRAW_TABLES.join(', ')}`);
}

/** Employers and persons of the demo province 99 already registered (credit codes and ID numbers with region 99xxxx). */
export const countDemoRecords = async (tx: Tx) =>
  (await run(tx, `select (select count(*) from employer where substr(credit_code, 3, 2) = '99')::int as employers,
      (select count(*) from person where id_number like '99%')::int as persons`)).rows[0] as { employers: number; persons: number };

// ── indexes (primary keys and unique constraints too) and foreign keys, set aside during the load ──

export interface SetAside {
  /** Primary keys and unique constraints of the loaded tables, added back after the load (each a sorted index build). */
  keys: { table: string; name: string; definition: string }[];
  /** Secondary indexes (backing no constraint), re-created after the load. */
  indexes: { table: string; name: string; definition: string }[];
  /** Foreign keys of and to the loaded tables, added back after the load (each checked by one query). */
  foreignKeys: { table: string; name: string; definition: string }[];
}

/**
 * Drops the tables' foreign keys (and those referring to them), primary keys, unique constraints and secondary
 * indexes, and returns their definitions, to be restored after the load; returns none, with everything in place, when
 * the connection does not own the tables.
 */
export async function setAsideIndexesAndForeignKeys(tx: Tx, tables: string[]): Promise<SetAside> {
  const regclasses = `array[${tables.map((t) => `'${t}'`).join(', ')}]::regclass[]`;
  await run(tx, 'savepoint demo_set_aside');
  try {
    const foreignKeys = (await run(tx, `select c.conrelid::regclass::text as table, c.conname as name, pg_get_constraintdef(c.oid) as definition
        from pg_constraint c where c.contype = 'f' and (c.conrelid = any (${regclasses}) or c.confrelid = any (${regclasses})) order by 1, 2`)).rows as SetAside['foreignKeys'];
    const keys = (await run(tx, `select c.conrelid::regclass::text as table, c.conname as name, pg_get_constraintdef(c.oid) as definition
        from pg_constraint c where c.contype in ('p', 'u') and c.conrelid = any (${regclasses}) order by 1, 2`)).rows as SetAside['keys'];
    const indexes = (await run(tx, `select i.indrelid::regclass::text as table, i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
        from pg_index i
        where i.indrelid = any (${regclasses})
          and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
        order by 1`)).rows as SetAside['indexes'];
    for (const key of foreignKeys) await run(tx, `alter table ${key.table} drop constraint ${key.name}`);
    for (const key of keys) await run(tx, `alter table ${key.table} drop constraint ${key.name}`);
    for (const index of indexes) await run(tx, `drop index ${index.name}`);
    await run(tx, 'release savepoint demo_set_aside');
    return { keys, indexes, foreignKeys };
  } catch {
    await run(tx, 'rollback to savepoint demo_set_aside');   // not the owner: load with everything in place
    return { keys: [], indexes: [], foreignKeys: [] };
  }
}

/**
 * Empties (TRUNCATE) each of the tables that holds no row: a change to nothing, but it lets PostgreSQL write the
 * load into them without WAL when the server runs with wal_level=minimal (the embedded database does:
 * docs/decisions.md), syncing the files once at commit instead. The foreign keys referring to them are set aside
 * for the load (setAsideIndexesAndForeignKeys); a table TRUNCATE still refuses is left as it is.
 */
export async function truncateEmptyTables(tx: Tx, tables: string[]): Promise<void> {
  for (const table of tables) {
    if (((await run(tx, `select exists (select 1 from ${table}) as any`)).rows[0] as { any: boolean }).any) continue;
    await run(tx, 'savepoint demo_truncate');
    try {
      await run(tx, `truncate table only ${table}`);
      await run(tx, 'release savepoint demo_truncate');
    } catch {
      await run(tx, 'rollback to savepoint demo_truncate');
    }
  }
}

/**
 * Builds the indexes set aside of the given tables: primary keys and unique constraints first (each checking its key
 * is unique as it is built), then the secondary indexes — sorted builds.
 */
export async function restoreIndexes(tx: Tx, setAside: SetAside, tables: readonly string[]): Promise<void> {
  for (const key of setAside.keys) if (tables.includes(key.table)) await run(tx, `alter table ${key.table} add constraint ${key.name} ${key.definition}`);
  for (const index of setAside.indexes) if (tables.includes(index.table)) await run(tx, index.definition);
}

/** Adds the foreign keys set aside back: each checks every row of its table in one join. */
export async function addForeignKeys(tx: Tx, setAside: SetAside): Promise<void> {
  for (const key of setAside.foreignKeys) await run(tx, `alter table ${key.table} add constraint ${key.name} ${key.definition}`);
}

export async function analyzeTables(tx: Tx, tables: string[]): Promise<void> {
  await run(tx, `analyze ${tables.join(', ')}`);
}

// ── places, agencies, pooling regions: kept when they exist ──

export async function insertRegionUnlessExists(tx: Tx, region: DemoRegion): Promise<void> {
  await run(tx, `insert into region (code, name, level, parent_code) values ($1, $2, $3, $4) on conflict (code) do nothing`,
    [region.code, region.name, region.level, region.parentCode]);
}

export async function insertAgencyUnlessExists(tx: Tx, id: bigint, agency: { regionCode: string; name: string }): Promise<void> {
  await run(tx, `insert into agency (id, region_code, name) values ($1, $2, $3) on conflict (region_code, name) do nothing`,
    [id.toString(), agency.regionCode, agency.name]);
}

export async function insertPoolingRegionUnlessExists(tx: Tx, pooling: { insurance: string; regionCode: string }): Promise<void> {
  await run(tx, `insert into pooling_region (insurance, region_code) values ($1, $2) on conflict do nothing`, [pooling.insurance, pooling.regionCode]);
}

// ── employers, drawn in Node ──

/** Inserts the drawn employers (ids from the block by ordinal k); returns how many. */
export async function insertEmployers(tx: Tx, block: IdBlock, employers: DemoEmployer[]): Promise<number> {
  return affected(await run(tx, `insert into employer (id, credit_code, name, region_code, industry_code, work_injury_class, work_injury_float, employer_type, status)
      select ${idExpression(block, 'e.k')}, e.credit_code, e.name, e.region_code, e.industry_code, e.work_injury_class, e.work_injury_float::numeric, e.employer_type, e.status
      from unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::smallint[], $7::text[], $8::text[], $9::text[])
        as e(k, credit_code, name, region_code, industry_code, work_injury_class, work_injury_float, employer_type, status)`, [
    employers.map((e) => e.k), employers.map((e) => e.creditCode), employers.map((e) => e.name), employers.map((e) => e.regionCode),
    employers.map((e) => e.industryCode), employers.map((e) => e.workInjuryClass), employers.map((e) => e.workInjuryFloat),
    employers.map((e) => e.employerType), employers.map((e) => e.status),
  ]));
}

// ── persons and jobs, drawn in PostgreSQL (the draw tables demo_p, demo_j) ──

export async function createPersonDrawTable(tx: Tx): Promise<void> {
  await run(tx, PERSON_TABLE);
}

export interface PersonDrawInput {
  /** Surname index per bucket (surnameBuckets). */
  surnames: number[];
  /** Employers for open jobs and for any job, by size. */
  openAlias: AliasTable; allAlias: AliasTable;
  /** Each employer's county (index in DEMO_COUNTIES), and whether it is closed. */
  employerCounties: number[]; employerClosed: boolean[];
}

/** Draws the persons of ordinals [from, to) into demo_p (their ID ranks within the range: rankAcrossRanges). */
export async function fillPersonDraws(tx: Tx, plan: PersonPlan, input: PersonDrawInput, range: { from: number; to: number }): Promise<void> {
  await run(tx, fillPersonsSql(plan, input.surnames.length), [
    SURNAMES.map(([name]) => name), GIVEN_CHARS.maleOlder, GIVEN_CHARS.maleYounger, GIVEN_CHARS.femaleOlder, GIVEN_CHARS.femaleYounger,
    input.openAlias.prob, input.openAlias.alias, input.allAlias.prob, input.allAlias.alias, input.employerCounties, input.employerClosed, input.surnames,
    range.from, range.to,
  ]);
}

/** The ID ranks of persons drawn in two ranges split at `boundary`, made ranks among all persons (RANK_ACROSS_RANGES). */
export async function rankAcrossRanges(tx: Tx, boundary: number): Promise<void> {
  await run(tx, RANK_ACROSS_RANGES, [boundary]);
}

/** The highest rank among persons sharing a birthplace and birth date (their ID numbers' sequence). */
export const maxIdRank = async (tx: Tx): Promise<number> =>
  ((await run(tx, 'select coalesce(max(id_rank), 0) as r from demo_p')).rows[0] as { r: number }).r;

export async function indexPersonDraws(tx: Tx): Promise<void> {
  await run(tx, 'create index on demo_p (p)');
  await run(tx, 'analyze demo_p');
}

export async function createJobDrawTable(tx: Tx): Promise<void> {
  await run(tx, JOB_TABLE);
}

/** Spreads the persons' jobs into demo_j; returns how many jobs. */
export const fillJobDraws = async (tx: Tx, employerCounties: number[]): Promise<number> => affected(await run(tx, fillJobsSql(), [employerCounties]));

export async function indexJobDraws(tx: Tx): Promise<void> {
  await run(tx, 'create index on demo_j (k, p, j)');
  await run(tx, 'analyze demo_j');
}

export async function createDeclarationStage(tx: Tx): Promise<void> {
  await run(tx, DECLARATION_STAGE);
}

/** Copies the staged declarations into base_declaration; returns how many. */
export const copyDeclarations = async (tx: Tx): Promise<number> => affected(await run(tx, COPY_DECLARATIONS));

/** Jobs per employer ordinal k, in order. */
export const jobsPerEmployer = async (tx: Tx) => (await run(tx, 'select k, count(*)::int as n from demo_j group by k order by k')).rows as { k: number; n: number }[];

/**
 * The chunked inserts of a plan, their text built once: persons by ordinal range, and employment, enrollment and
 * base declarations by employer range. Each returns the rows inserted.
 */
export function demoLoader(plan: PersonPlan) {
  const personSql = insertPersonsSql(plan), employmentSql = insertEmploymentsSql(plan);
  const enrollmentSql = insertEnrollmentsSql(plan), declarationSql = insertDeclarationsSql(plan);
  return {
    persons: async (tx: Tx, occupations: string[], from: number, to: number) => affected(await run(tx, personSql, [occupations, from, to])),
    employments: async (tx: Tx, from: number, to: number) => affected(await run(tx, employmentSql, [from, to])),
    enrollments: async (tx: Tx, from: number, to: number) => affected(await run(tx, enrollmentSql, [from, to])),
    declarations: async (tx: Tx, wageFactors: number[], wages: { average: number[]; minimum: number[] }, from: number, to: number) =>
      affected(await run(tx, declarationSql, [wageFactors, wages.average, wages.minimum, from, to])),
  };
}

// ── after the load (on the pool) ──

export const listAgencies = (database: DatabaseHandle) => database.db.selectFrom('agency').select(['id', 'region_code', 'name']).execute();

export const findUserId = (database: DatabaseHandle, username: string) =>
  database.db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst();
