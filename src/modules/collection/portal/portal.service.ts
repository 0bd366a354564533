/**
 * The self-service portals (R3.6, R10.1). An employer account acts for its own employer and a person account for
 * its own person, always the one bound to the account (never an id from the request): anything else is not found.
 * Registry rules stay in the registry: declarations and confirmations go through its service.
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, type Actor } from '../../../platform/actor.ts';
import { forbidden, notFound } from '../../../platform/errors.ts';
import { formatYuan } from '../../../platform/money.ts';
import { todayInChina } from '../../../platform/params/index.ts';
import { listMasking, maskPersonalData, type ListMasking } from '../../../platform/personal-data.ts';
import { keysetPage, listPage, type ListAnswer, type ListRequest, type SortKey } from '../../../platform/http/lists.ts';
import { confirmBase, declareBase, employerView } from '../../registry/index.ts';
import * as repository from './portal.repository.ts';
import { portalSaid, subjects } from '../collection.messages.ts';

/** The employer an employer account is bound to; any other account is refused. */
export function employerOf(actor: Actor): bigint {
  if (actor.role !== 'employer' || !actor.employerId) throw forbidden(portalSaid.employerPortalOnly());
  return actor.employerId;
}

function personOf(actor: Actor): bigint {
  if (actor.role !== 'person' || !actor.personId) throw forbidden(portalSaid.personalPortalOnly());
  return actor.personId;
}

/** The year a roster shows the bases of: the one asked, else this year. */
export const rosterYear = (year: number | undefined) => year ?? Number(todayInChina().slice(0, 4));

export async function employerProfile(database: DatabaseHandle, actor: Actor) {
  const employerId = employerOf(actor);
  return inScope(database, actor, async (tx) => {
    const employer = await repository.findEmployer(tx, employerId);
    if (!employer) throw notFound(subjects.ownEmployer());
    return employerView(employer);
  });
}

export interface EmployeeQuery { year?: number; employedInYear: boolean; q?: string }

/** By ID number, then employment (a person employed twice by the employer). */
const employeeOrder: SortKey[] = [{ by: 'p.id_number', direction: 'asc' }, { by: 'm.id', direction: 'asc' }];

/** An employee as the roster shows it: the ID number masked by policy (privacy.list_masking), as every list shows it. */
const employeeView = (masking: ListMasking) => (row: repository.EmployeeRow) => maskPersonalData({
  employmentId: row.employment_id.toString(), personId: row.person_id.toString(), idNumber: row.id_number, name: row.name,
  hiredOn: row.hired_on, separatedOn: row.separated_on, separationReason: row.separation_reason,
  base: row.declaration_id === null ? null : {
    declarationId: row.declaration_id.toString(), version: row.version!, monthlyWage: formatYuan(row.monthly_wage!),
    declaredAt: row.declared_at!.toISOString(), confirmedAt: row.employee_confirmed_at?.toISOString() ?? null,
  },
}, masking);
export type EmployeeView = ReturnType<ReturnType<typeof employeeView>>;

/**
 * The employer's employees with the base declared for `year` (this year by default) and the employee's sign-off:
 * every employment, or with `employedInYear` those employed on some day of the year (whose base is due).
 */
export async function listEmployees(database: DatabaseHandle, actor: Actor, filter: EmployeeQuery, request: ListRequest): Promise<ListAnswer<EmployeeView> & { year: number }> {
  const employerId = employerOf(actor);
  const year = rosterYear(filter.year);
  const view = employeeView(listMasking(actor.regionCode));
  const page = await inScope(database, actor, (tx) =>
    listPage(tx, repository.employeesWithBase(tx, employerId, { ...filter, year }), employeeOrder, request, (rows) => rows.map(view)));
  return { year, ...page };
}

/** The employees past the cursor (the roster's export), uncounted. */
export async function employeeRows(database: DatabaseHandle, actor: Actor, filter: EmployeeQuery, request: ListRequest) {
  const employerId = employerOf(actor);
  const year = rosterYear(filter.year);
  const view = employeeView(listMasking(actor.regionCode));
  const page = await inScope(database, actor, (tx) => keysetPage(repository.employeesWithBase(tx, employerId, { ...filter, year }), employeeOrder, request));
  return { items: page.items.map(view), nextCursor: page.nextCursor };
}

/** 缴费基数申报 for one employee of the account's employer, by the registry's rules (a correction waits for the agency's sign-off). */
export async function declareEmployeeBase(database: DatabaseHandle, actor: Actor, body: { personId: string; year: number; monthlyWage: string; reason?: string }) {
  return declareBase(database, actor, { ...body, employerId: employerOf(actor).toString() });
}

/** The person's declarations, the current version per employer and year, those awaiting sign-off first. */
export async function listBaseConfirmations(database: DatabaseHandle, actor: Actor) {
  const personId = personOf(actor);
  return inScope(database, actor, async (tx) => {
    const rows = await repository.currentDeclarationsOfPerson(tx, personId);
    const items = rows.map((row) => ({
      id: row.id.toString(), employerId: row.employer_id.toString(), employerName: row.employer_name, creditCode: row.credit_code,
      year: row.year, version: row.version, monthlyWage: formatYuan(row.monthly_wage), declaredAt: row.declared_at.toISOString(),
      confirmedAt: row.employee_confirmed_at?.toISOString() ?? null,
    }));
    return { items: [...items.filter((i) => !i.confirmedAt), ...items.filter((i) => i.confirmedAt)] };
  });
}

/** 职工签字确认 of the person's own declaration, by the registry's rules; another person's is not found. */
export async function confirmOwnBase(database: DatabaseHandle, actor: Actor, declarationId: bigint) {
  const personId = personOf(actor);
  const declaration = await inScope(database, actor, (tx) => repository.findDeclarationOfPerson(tx, personId, declarationId));
  if (!declaration) throw notFound(subjects.baseDeclaration());
  return confirmBase(database, actor, declaration.employer_id, declaration.id);
}
