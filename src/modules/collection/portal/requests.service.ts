/**
 * Employment requests (网上申报 of hires and separations, R3.6): an employer account asks, the agency reviews.
 * Approval is three steps — claim the request, let the registry register the person / hire / separate (its rules,
 * its audit), record the outcome — and a failed registry step undoes the claim, so the request waits again.
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, type Actor, type Tx } from '../../../platform/actor.ts';
import { conflict, forbidden, invalid, notFound } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { todayInChina } from '../../../platform/params/index.ts';
import { createPerson, hire, orThrow, searchPersons, separate, validateHire, validatePerson, validateSeparation } from '../../registry/index.ts';
import * as repository from './portal.repository.ts';
import type { RequestStatus } from './portal.tables.ts';
import { employerOf } from './portal.service.ts';

export const requestView = (row: repository.RequestRow) => ({
  id: row.id.toString(), employerId: row.employer_id.toString(), employerName: row.employer_name, creditCode: row.credit_code,
  kind: row.kind, idNumber: row.id_number, name: row.name, personId: row.person_id?.toString() ?? null, employmentId: row.employment_id?.toString() ?? null,
  hiredOn: row.hired_on, separatedOn: row.separated_on, separationReason: row.separation_reason, status: row.status,
  requestedBy: row.requested_by, requestedAt: row.requested_at.toISOString(),
  reviewedBy: row.reviewed_by, reviewedAt: row.reviewed_at?.toISOString() ?? null, reviewReason: row.review_reason,
});

/** Stores a new pending request of the employer and audits it; a second open request for the same person is a 409. */
async function submit(tx: Tx, actor: Actor, employer: { id: bigint; region_code: string }, values: {
  kind: 'hire' | 'separate'; id_number: string; name: string; person_id?: bigint; employment_id?: bigint;
  hired_on?: string; separated_on?: string; separation_reason?: NonNullable<repository.RequestRow['separation_reason']>;
}) {
  const id = newId();
  await tx.insertInto('employment_request').values({ ...values, employer_id: employer.id, id, region_code: employer.region_code, requested_by: actor.username })
    .execute().catch((error: { code?: string }) => {
      if (error.code === '23505') throw conflict('idNumber', `a request for ${values.name} (${values.id_number}) is already waiting for review`);
      throw error;
    });
  const view = requestView((await repository.findRequest(tx, id))!);
  await recordAudit(tx, actor, { action: `portal.request.${values.kind}`, entityType: 'employment_request', entityId: id, regionCode: employer.region_code, after: view });
  return view;
}

async function ownEmployer(tx: Tx, actor: Actor) {
  const employer = await repository.findEmployer(tx, employerOf(actor));
  if (!employer) throw notFound('employer');
  return employer;
}

/** 增员申报: the registry's rules for the ID number, the name and the hire date are checked now, not at review. */
export async function requestHire(database: DatabaseHandle, actor: Actor, body: { idNumber: string; name: string; hiredOn: string }) {
  employerOf(actor);
  const person = orThrow(validatePerson({ idNumber: body.idNumber, name: body.name }));
  const { hiredOn } = orThrow(validateHire({ hiredOn: body.hiredOn }, todayInChina()));
  return inScope(database, actor, async (tx) => {
    const employer = await ownEmployer(tx, actor);
    const open = await repository.openEmploymentByIdNumber(tx, employer.id, person.idNumber);
    if (open) throw conflict('idNumber', `${open.name} is already employed here since ${open.hired_on}`);
    return submit(tx, actor, employer, { kind: 'hire', id_number: person.idNumber, name: person.name, hired_on: hiredOn });
  });
}

/** 减员申报: only a current employee of the employer (anyone else is not found). */
export async function requestSeparation(database: DatabaseHandle, actor: Actor, body: { personId: string; separatedOn: string; reason: string }) {
  employerOf(actor);
  return inScope(database, actor, async (tx) => {
    const employer = await ownEmployer(tx, actor);
    const employment = await repository.openEmploymentOfPerson(tx, employer.id, BigInt(body.personId));
    if (!employment) throw notFound('employee');
    const input = orThrow(validateSeparation(body, employment.hired_on));
    return submit(tx, actor, employer, {
      kind: 'separate', id_number: employment.id_number, name: employment.name, person_id: employment.person_id, employment_id: employment.id,
      separated_on: input.separatedOn, separation_reason: input.reason,
    });
  });
}

/** An employer account sees its own requests; staff see those of their region subtree. */
export async function listRequests(database: DatabaseHandle, actor: Actor, filter: { status?: RequestStatus; limit?: number; offset?: number }) {
  if (actor.role === 'person') throw forbidden('employment requests are for employers and agency staff');
  const employerId = actor.role === 'employer' ? employerOf(actor) : undefined;
  return inScope(database, actor, async (tx) => {
    const { items, total } = await repository.listRequests(tx, { employerId, status: filter.status, limit: filter.limit ?? 50, offset: filter.offset ?? 0 });
    return { items: items.map(requestView), total };
  });
}

function requireReviewer(actor: Actor) {
  if (!['operator', 'reviewer', 'admin'].includes(actor.role)) throw forbidden('reviewing requests needs the operator or reviewer role');
}

/** Claims a pending request as `status`; one not pending (or not visible) says why. */
async function claim(tx: Tx, actor: Actor, id: bigint, status: 'approved' | 'rejected', reason: string | null) {
  const claimed = await repository.claimRequest(tx, id, status, actor.username, reason);
  if (claimed) return claimed;
  const existing = await repository.findRequest(tx, id);
  if (!existing) throw notFound('request');
  throw conflict('status', `this request was already ${existing.status} by ${existing.reviewed_by} on ${existing.reviewed_at?.toISOString()}`);
}

/** The registry step of an approved hire: the person found by ID number (same name) or registered, then hired. */
async function registerHire(database: DatabaseHandle, actor: Actor, request: { id_number: string; name: string; region_code: string; employer_id: bigint; hired_on: string | null }) {
  const found = (await searchPersons(database, actor, { q: request.id_number, limit: 1 })).items.find((person) => person.idNumber === request.id_number);
  if (found && found.name !== request.name) throw conflict('name', `ID number ${request.id_number} is registered as ${found.name}, not ${request.name}`);
  const personId = found?.id ?? (await createPerson(database, actor, { idNumber: request.id_number, name: request.name, regionCode: request.region_code })).id;
  const employment = await hire(database, actor, { employerId: request.employer_id.toString(), personId, hiredOn: request.hired_on });
  return { personId: BigInt(personId), employmentId: BigInt(employment.id) };
}

export async function approveRequest(database: DatabaseHandle, actor: Actor, id: bigint) {
  requireReviewer(actor);
  const request = await inScope(database, actor, (tx) => claim(tx, actor, id, 'approved', null));
  let hired: { personId: bigint; employmentId: bigint } | undefined;
  try {
    if (request.kind === 'hire') hired = await registerHire(database, actor, request);
    else await separate(database, actor, request.employer_id, request.employment_id!, { separatedOn: request.separated_on, reason: request.separation_reason });
  } catch (error) {
    await inScope(database, actor, (tx) => repository.releaseRequest(tx, id));
    throw error;
  }
  return inScope(database, actor, async (tx) => {
    if (hired) await repository.recordHire(tx, id, hired.personId, hired.employmentId);
    const view = requestView((await repository.findRequest(tx, id))!);
    await recordAudit(tx, actor, { action: 'portal.request.approve', entityType: 'employment_request', entityId: id, regionCode: request.region_code, after: view });
    return view;
  });
}

export async function rejectRequest(database: DatabaseHandle, actor: Actor, id: bigint, reason: string) {
  requireReviewer(actor);
  if (!reason.trim()) throw invalid('reason', 'is required: the employer is told why');
  return inScope(database, actor, async (tx) => {
    const rejected = await claim(tx, actor, id, 'rejected', reason.trim());
    const view = requestView((await repository.findRequest(tx, id))!);
    await recordAudit(tx, actor, { action: 'portal.request.reject', entityType: 'employment_request', entityId: id, regionCode: rejected.region_code, after: view });
    return view;
  });
}
