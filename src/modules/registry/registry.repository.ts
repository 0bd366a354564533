/** Typed SQL of the registry. Every function runs in the caller's scoped transaction (row-level security applies). */
import { sql, type Insertable, type RawBuilder, type SqlBool } from 'kysely';
import { scopePrefix, type Tx } from '../../platform/actor.ts';
import { likeEscaped } from '../../platform/http/lists.ts';
import type { DatabaseHandle, Tables } from '../../platform/database.ts';
import type { employerStatuses, payerTypes } from './registry.tables.ts';

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

/**
 * A person by the full ID number (exact: a prefix search would tell the digits a masked list hides, one query a
 * digit) or by a name prefix.
 */
function personMatches(q: string): RawBuilder<SqlBool> {
  const text = q.trim();
  return /^[0-9X]+$/i.test(text) ? sql<SqlBool>`person.id_number = ${text.toUpperCase()}` : sql<SqlBool>`person.name like ${`${likeEscaped(text)}%`}`;
}

/** The region and its subtree (990100: the city and its counties). */
const inRegion = (column: string, regionCode: string) => sql<SqlBool>`${sql.ref(column)} like ${`${scopePrefix(regionCode)}%`}`;

export interface EmployerFilter { q?: string; region?: string; status?: (typeof employerStatuses)[number]; employerType?: (typeof payerTypes)[number] }

/**
 * 参保单位查询: by a credit-code prefix (6 to 18 code characters) or words of the name, the region's subtree, status
 * and type; each with its region's name and the people it employs now (a subselect, left out of the count).
 */
export function employersQuery(tx: Tx, filter: EmployerFilter) {
  let query = tx.selectFrom('employer').innerJoin('region', 'region.code', 'employer.region_code')
    .select(['employer.id', 'employer.credit_code', 'employer.name', 'employer.region_code', 'region.name as region_name', 'employer.industry_code',
      'employer.work_injury_class', 'employer.employer_type', 'employer.status'])
    .select((eb) => eb.selectFrom('employment').select((e) => e.fn.countAll<string>().as('n'))
      .whereRef('employment.employer_id', '=', 'employer.id').where('employment.separated_on', 'is', null).as('employee_count'));
  const q = filter.q?.trim();
  if (q) {
    query = /^[0-9A-Z]{6,18}$/.test(q.toUpperCase())
      ? query.where('employer.credit_code', 'like', `${q.toUpperCase()}%`)
      : query.where('employer.name', 'like', `%${likeEscaped(q)}%`);
  }
  if (filter.region) query = query.where(inRegion('employer.region_code', filter.region));
  if (filter.status) query = query.where('employer.status', '=', filter.status);
  if (filter.employerType) query = query.where('employer.employer_type', '=', filter.employerType);
  return query;
}

export interface PersonFilter { q?: string; employerId?: bigint; region?: string }

/**
 * 参保人员查询: by the full ID number or a name prefix, by an employer they work for now (在职: an employment not
 * separated before today; the employer's 职工名册 lists the separated too), by the region's subtree.
 */
export function personsQuery(tx: Tx, filter: PersonFilter) {
  let query = tx.selectFrom('person').innerJoin('region', 'region.code', 'person.region_code')
    .select(['person.id', 'person.id_number', 'person.name', 'person.gender', 'person.hukou_type', 'person.region_code', 'region.name as region_name']);
  if (filter.q?.trim()) query = query.where(personMatches(filter.q));
  if (filter.employerId !== undefined) {
    const employerId = filter.employerId;
    query = query.where((eb) => eb.exists(eb.selectFrom('employment').select(sql`1`.as('one'))
      .whereRef('employment.person_id', '=', 'person.id').where('employment.employer_id', '=', employerId)
      .where((inner) => inner.or([inner('employment.separated_on', 'is', null), inner('employment.separated_on', '>=', sql<string>`current_date`)]))));
  }
  if (filter.region) query = query.where(inRegion('person.region_code', filter.region));
  return query;
}

export interface EmployeeFilter { employerId: bigint; status?: 'current' | 'separated'; q?: string }

/** 职工名册: an employer's employments (current, separated or both) with the person's ID number and name. */
export function employeesQuery(tx: Tx, filter: EmployeeFilter) {
  let query = tx.selectFrom('employment').innerJoin('person', 'person.id', 'employment.person_id')
    .select(['employment.id as employment_id', 'person.id as person_id', 'person.id_number', 'person.name', 'employment.hired_on',
      'employment.separated_on', 'employment.separation_reason'])
    .where('employment.employer_id', '=', filter.employerId);
  if (filter.status) query = query.where('employment.separated_on', filter.status === 'current' ? 'is' : 'is not', null);
  if (filter.q?.trim()) query = query.where(personMatches(filter.q));
  return query;
}

/** How many people the employer employs now (在职人数). */
export const currentEmployeeCount = async (tx: Tx, employerId: bigint) =>
  Number((await tx.selectFrom('employment').select((eb) => eb.fn.countAll<string>().as('n'))
    .where('employer_id', '=', employerId).where('separated_on', 'is', null).executeTakeFirstOrThrow()).n);

export const employmentsOfPerson = (tx: Tx, personId: bigint) =>
  tx.selectFrom('employment').innerJoin('employer', 'employer.id', 'employment.employer_id')
    .select(['employment.id', 'employment.employer_id', 'employer.name as employer_name', 'employer.credit_code', 'employment.hired_on',
      'employment.separated_on', 'employment.separation_reason'])
    .where('employment.person_id', '=', personId).orderBy('employment.hired_on', 'desc').execute();

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
