/** Typed SQL of the registry. Every function runs in the caller's scoped transaction (row-level security applies). */
import { sql, type Insertable } from 'kysely';
import type { Tx } from '../../platform/actor.ts';
import type { DatabaseHandle, Tables } from '../../platform/database.ts';

export const findRegion = (tx: Tx, code: string) =>
  tx.selectFrom('region').selectAll().where('code', '=', code).executeTakeFirst();

export const listRegions = (tx: Tx) =>
  tx.selectFrom('region').selectAll().orderBy('code').execute();

export const listAgencies = (tx: Tx) =>
  tx.selectFrom('agency').innerJoin('region', 'region.code', 'agency.region_code')
    .select(['agency.id', 'agency.region_code', 'agency.name', 'region.name as region_name']).orderBy('agency.region_code').orderBy('agency.name').execute();

export const findEmployer = (tx: Tx, id: bigint) =>
  tx.selectFrom('employer').selectAll().where('id', '=', id).executeTakeFirst();

export const findEmployerByCreditCode = (tx: Tx, creditCode: string) =>
  tx.selectFrom('employer').selectAll().where('credit_code', '=', creditCode).executeTakeFirst();

export const findPerson = (tx: Tx, id: bigint) =>
  tx.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst();

export const findPersonByIdNumber = (tx: Tx, idNumber: string) =>
  tx.selectFrom('person').selectAll().where('id_number', '=', idNumber).executeTakeFirst();

/** Searching a million rows: a prefix match on an indexed column, and a total counted only up to a cap. */
export const SEARCH_COUNT_CAP = 10_000;

/**
 * Persons by their full ID number (exact: a prefix search would tell the digits a masked list hides, one query a
 * digit) or by a name prefix; `limit` null reads every match (an export).
 */
export async function searchPersons(tx: Tx, filter: { q?: string; employerId?: bigint; limit: number | null; offset: number }) {
  let query = tx.selectFrom('person').innerJoin('region', 'region.code', 'person.region_code');
  if (filter.q) {
    const q = filter.q.trim().toUpperCase();
    query = /^[0-9X]+$/.test(q) ? query.where('person.id_number', '=', q) : query.where('person.name', 'like', `${filter.q.trim()}%`);
  }
  if (filter.employerId !== undefined) {
    const employerId = filter.employerId;
    query = query.where((eb) => eb.exists(eb.selectFrom('employment').select(sql`1`.as('one'))
      .whereRef('employment.person_id', '=', 'person.id').where('employment.employer_id', '=', employerId)));
  }
  const [items, count] = await Promise.all([
    query.select(['person.id', 'person.id_number', 'person.name', 'person.gender', 'person.hukou_type', 'person.region_code', 'region.name as region_name'])
      .orderBy('person.id_number').limit(filter.limit).offset(filter.offset).execute(),
    tx.selectFrom(query.select(sql`1`.as('one')).limit(SEARCH_COUNT_CAP + 1).as('capped')).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

export async function searchEmployers(tx: Tx, filter: { q?: string; regionCode?: string; limit: number; offset: number }) {
  let query = tx.selectFrom('employer').innerJoin('region', 'region.code', 'employer.region_code');
  if (filter.q) {
    const q = filter.q.trim();
    query = /^[0-9A-Z]{6,18}$/.test(q.toUpperCase()) ? query.where('employer.credit_code', 'like', `${q.toUpperCase()}%`) : query.where('employer.name', 'like', `%${q}%`);
  }
  if (filter.regionCode) query = query.where('employer.region_code', 'like', `${filter.regionCode.replace(/(00)+$/, '')}%`);
  const [items, count] = await Promise.all([
    query.select(['employer.id', 'employer.credit_code', 'employer.name', 'employer.region_code', 'region.name as region_name', 'employer.industry_code',
      'employer.work_injury_class', 'employer.employer_type', 'employer.status'])
      .select((eb) => eb.selectFrom('employment').select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('employment.employer_id', '=', 'employer.id').where('employment.separated_on', 'is', null).as('employee_count'))
      .orderBy('employer.name').limit(filter.limit).offset(filter.offset).execute(),
    tx.selectFrom(query.select(sql`1`.as('one')).limit(SEARCH_COUNT_CAP + 1).as('capped')).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

export const employmentsOfPerson = (tx: Tx, personId: bigint) =>
  tx.selectFrom('employment').innerJoin('employer', 'employer.id', 'employment.employer_id')
    .select(['employment.id', 'employment.employer_id', 'employer.name as employer_name', 'employer.credit_code', 'employment.hired_on',
      'employment.separated_on', 'employment.separation_reason'])
    .where('employment.person_id', '=', personId).orderBy('employment.hired_on', 'desc').execute();

export const employeesOfEmployer = (tx: Tx, employerId: bigint, limit = 500) =>
  tx.selectFrom('employment').innerJoin('person', 'person.id', 'employment.person_id')
    .select(['employment.id as employment_id', 'person.id as person_id', 'person.id_number', 'person.name', 'employment.hired_on',
      'employment.separated_on', 'employment.separation_reason'])
    .where('employment.employer_id', '=', employerId)
    .orderBy(sql`employment.separated_on is null`, 'desc').orderBy('employment.hired_on', 'desc').limit(limit).execute();

export const enrollmentsOfPerson = (tx: Tx, personId: bigint) =>
  tx.selectFrom('enrollment').selectAll().where('person_id', '=', personId).orderBy('valid_from', 'desc').orderBy('insurance').execute();

export const basesOfPerson = (tx: Tx, personId: bigint) =>
  tx.selectFrom('base_declaration').innerJoin('employer', 'employer.id', 'base_declaration.employer_id')
    .selectAll('base_declaration').select('employer.name as employer_name')
    .where('base_declaration.person_id', '=', personId)
    .orderBy('base_declaration.year', 'desc').orderBy('base_declaration.version', 'desc').execute();

export const findEmployment = (tx: Tx, employerId: bigint, id: bigint) =>
  tx.selectFrom('employment').selectAll().where('employer_id', '=', employerId).where('id', '=', id).executeTakeFirst();

export const openEmploymentAt = (tx: Tx, employerId: bigint, personId: bigint) =>
  tx.selectFrom('employment').selectAll().where('employer_id', '=', employerId).where('person_id', '=', personId)
    .where('separated_on', 'is', null).executeTakeFirst();

/** An employment at this employer covering some day of `year`. */
export const employmentInYear = (tx: Tx, employerId: bigint, personId: bigint, year: number) =>
  tx.selectFrom('employment').select('id').where('employer_id', '=', employerId).where('person_id', '=', personId)
    .where('hired_on', '<=', `${year}-12-31`)
    .where((eb) => eb.or([eb('separated_on', 'is', null), eb('separated_on', '>=', `${year}-01-01`)])).executeTakeFirst();

export const latestBaseVersion = (tx: Tx, employerId: bigint, personId: bigint, year: number) =>
  tx.selectFrom('base_declaration').selectAll().where('employer_id', '=', employerId).where('person_id', '=', personId)
    .where('year', '=', year).orderBy('version', 'desc').executeTakeFirst();

// ── writes ──────────────────────────────────────────────────────────────────

/** The home province, unless a region with its code exists (on the pool: before any actor acts). */
export const insertHomeRegion = (database: DatabaseHandle, region: { code: string; name: string }) =>
  database.db.insertInto('region').values({ code: region.code, name: region.name, level: 'province', parent_code: null })
    .onConflict((oc) => oc.doNothing()).execute();

export const insertRegion = (tx: Tx, region: Insertable<Tables['region']>) => tx.insertInto('region').values(region).returningAll().executeTakeFirstOrThrow();

export const insertAgency = (tx: Tx, agency: Insertable<Tables['agency']>) => tx.insertInto('agency').values(agency).returningAll().executeTakeFirstOrThrow();

export const employerIdByCreditCode = (tx: Tx, creditCode: string) =>
  tx.selectFrom('employer').select('id').where('credit_code', '=', creditCode).executeTakeFirst();

export const insertEmployer = (tx: Tx, employer: Insertable<Tables['employer']>) => tx.insertInto('employer').values(employer).returningAll().executeTakeFirstOrThrow();

export const insertPerson = (tx: Tx, person: Insertable<Tables['person']>) => tx.insertInto('person').values(person).returningAll().executeTakeFirstOrThrow();

export const insertEmployment = (tx: Tx, employment: Insertable<Tables['employment']>) => tx.insertInto('employment').values(employment).returningAll().executeTakeFirstOrThrow();

export const insertEnrollments = (tx: Tx, enrollments: Insertable<Tables['enrollment']>[]) => tx.insertInto('enrollment').values(enrollments).execute();

/** Ends an open employment (the row as it is now); throws when it has ended meanwhile. */
export const separateEmployment = (tx: Tx, employerId: bigint, employmentId: bigint, separation: { separatedOn: string; reason: Tables['employment']['separation_reason'] }) =>
  tx.updateTable('employment').set({ separated_on: separation.separatedOn, separation_reason: separation.reason })
    .where('employer_id', '=', employerId).where('id', '=', employmentId).where('separated_on', 'is', null).returningAll().executeTakeFirstOrThrow();

/** Ends the employment's open enrollments on the day it ends. */
export const endOpenEnrollments = (tx: Tx, employerId: bigint, employmentId: bigint, validTo: string) =>
  tx.updateTable('enrollment').set({ valid_to: validTo })
    .where('employer_id', '=', employerId).where('employment_id', '=', employmentId).where('valid_to', 'is', null).execute();

export const insertBaseDeclaration = (tx: Tx, declaration: Insertable<Tables['base_declaration']>) =>
  tx.insertInto('base_declaration').values(declaration).returningAll().executeTakeFirstOrThrow();

export const findBaseDeclaration = (tx: Tx, employerId: bigint, id: bigint) =>
  tx.selectFrom('base_declaration').selectAll().where('employer_id', '=', employerId).where('id', '=', id).executeTakeFirst();

/** Records the employee's confirmation (once); throws when it was confirmed meanwhile. */
export const confirmBaseDeclaration = (tx: Tx, employerId: bigint, id: bigint, confirmedAt: Date) =>
  tx.updateTable('base_declaration').set({ employee_confirmed_at: confirmedAt })
    .where('employer_id', '=', employerId).where('id', '=', id).where('employee_confirmed_at', 'is', null).returningAll().executeTakeFirstOrThrow();
