/** Typed SQL of the portals. Every function runs in the caller's scoped transaction (row-level security applies). */
import { type Insertable } from 'kysely';
import type { Tx } from '../../../platform/actor.ts';
import type { Tables } from '../../../platform/database.ts';
import type { RequestStatus } from './portal.tables.ts';

export const findEmployer = (tx: Tx, id: bigint) =>
  tx.selectFrom('employer').selectAll().where('id', '=', id).executeTakeFirst();

export interface EmployeeFilter { year: number; employedInYear: boolean; q?: string }

/** The employer's employments with the person and the latest base declared for `year` (if any); the caller orders and pages. */
export function employeesWithBase(tx: Tx, employerId: bigint, filter: EmployeeFilter) {
  let query = tx.selectFrom('employment as m').innerJoin('person as p', 'p.id', 'm.person_id').where('m.employer_id', '=', employerId);
  if (filter.employedInYear) {
    query = query.where('m.hired_on', '<=', `${filter.year}-12-31`)
      .where((eb) => eb.or([eb('m.separated_on', 'is', null), eb('m.separated_on', '>=', `${filter.year}-01-01`)]));
  }
  if (filter.q) {
    const q = filter.q.trim();
    // The full ID number, exactly: the roster shows it masked, and a prefix search would give the hidden digits back.
    query = /^[0-9Xx]+$/.test(q) ? query.where('p.id_number', '=', q.toUpperCase()) : query.where('p.name', 'like', `${q}%`);
  }
  return query.leftJoinLateral((eb) => eb.selectFrom('base_declaration as d')
    .select(['d.id', 'd.version', 'd.monthly_wage', 'd.declared_at', 'd.employee_confirmed_at'])
    .whereRef('d.employer_id', '=', 'm.employer_id').whereRef('d.person_id', '=', 'm.person_id').where('d.year', '=', filter.year)
    .orderBy('d.version', 'desc').limit(1).as('b'), (join) => join.onTrue())
    .select(['m.id as employment_id', 'p.id as person_id', 'p.id_number', 'p.name', 'm.hired_on', 'm.separated_on', 'm.separation_reason',
      'b.id as declaration_id', 'b.version', 'b.monthly_wage', 'b.declared_at', 'b.employee_confirmed_at']);
}

export type EmployeeRow = Awaited<ReturnType<ReturnType<typeof employeesWithBase>['executeTakeFirstOrThrow']>>;

/** The open employment of a person at an employer, with the person's ID number and name. */
export const openEmploymentOfPerson = (tx: Tx, employerId: bigint, personId: bigint) =>
  tx.selectFrom('employment as m').innerJoin('person as p', 'p.id', 'm.person_id')
    .select(['m.id', 'm.hired_on', 'p.id as person_id', 'p.id_number', 'p.name'])
    .where('m.employer_id', '=', employerId).where('m.person_id', '=', personId).where('m.separated_on', 'is', null).executeTakeFirst();

/** An open employment at an employer of whoever holds this ID number. */
export const openEmploymentByIdNumber = (tx: Tx, employerId: bigint, idNumber: string) =>
  tx.selectFrom('employment as m').innerJoin('person as p', 'p.id', 'm.person_id')
    .select(['m.hired_on', 'p.name'])
    .where('m.employer_id', '=', employerId).where('p.id_number', '=', idNumber).where('m.separated_on', 'is', null).executeTakeFirst();

// ── employment requests ─────────────────────────────────────────────────────

/** A request with its review state, which lives on its sign-off item (status, last decision and its reason). */
const requestQuery = (tx: Tx) =>
  tx.selectFrom('employment_request as r').innerJoin('employer as e', 'e.id', 'r.employer_id').innerJoin('approval_item as a', 'a.id', 'r.approval_item_id')
    .selectAll('r').select(['e.name as employer_name', 'e.credit_code', 'a.status', 'a.decided_at'])
    .select((eb) => [
      eb.selectFrom('approval_step as s').whereRef('s.item_id', '=', 'a.id').where('s.action', 'in', ['approve', 'return', 'cancel'])
        .orderBy('s.seq', 'desc').limit(1).select('s.username').as('reviewed_by'),
      eb.selectFrom('approval_step as s').whereRef('s.item_id', '=', 'a.id').where('s.action', 'in', ['approve', 'return', 'cancel'])
        .orderBy('s.seq', 'desc').limit(1).select('s.at').as('reviewed_at'),
      eb.selectFrom('approval_step as s').whereRef('s.item_id', '=', 'a.id').where('s.action', 'in', ['return', 'cancel'])
        .orderBy('s.seq', 'desc').limit(1).select('s.comment').as('review_reason'),
    ]);

export type RequestRow = Awaited<ReturnType<ReturnType<typeof requestQuery>['executeTakeFirstOrThrow']>>;

export const findRequest = (tx: Tx, id: bigint) => requestQuery(tx).where('r.id', '=', id).executeTakeFirst();

export interface RequestFilter { employerId?: bigint; status?: RequestStatus }

/** Requests matching the filter with their review state; the caller orders and pages. */
export function requestsQuery(tx: Tx, filter: RequestFilter) {
  let query = requestQuery(tx);
  if (filter.employerId !== undefined) query = query.where('r.employer_id', '=', filter.employerId);
  if (filter.status) query = query.where('a.status', '=', filter.status);
  return query;
}

export const insertRequest = (tx: Tx, request: Insertable<Tables['employment_request']>) => tx.insertInto('employment_request').values(request).execute();

/** The person holding an ID number (id and name), if registered. */
export const findPersonByIdNumber = (tx: Tx, idNumber: string) =>
  tx.selectFrom('person').select(['id', 'name']).where('id_number', '=', idNumber).executeTakeFirst();

/** An approved hire: the person it registered or found, and the employment it opened. */
export const recordHire = (tx: Tx, id: bigint, personId: bigint, employmentId: bigint) =>
  tx.updateTable('employment_request').set({ person_id: personId, employment_id: employmentId }).where('id', '=', id).execute();

// ── base declarations of a person ───────────────────────────────────────────

/** The current (highest) version of each of a person's declarations, per employer and year. */
export const currentDeclarationsOfPerson = (tx: Tx, personId: bigint) =>
  tx.selectFrom('base_declaration as d').innerJoin('employer as e', 'e.id', 'd.employer_id')
    .select(['d.id', 'd.employer_id', 'e.name as employer_name', 'e.credit_code', 'd.year', 'd.version', 'd.monthly_wage', 'd.declared_at', 'd.employee_confirmed_at'])
    .where('d.person_id', '=', personId)
    .distinctOn(['d.year', 'd.employer_id']).orderBy('d.year', 'desc').orderBy('d.employer_id').orderBy('d.version', 'desc').execute();

export const findDeclarationOfPerson = (tx: Tx, personId: bigint, id: bigint) =>
  tx.selectFrom('base_declaration').select(['employer_id', 'id']).where('person_id', '=', personId).where('id', '=', id).executeTakeFirst();
