/**
 * Employment requests (网上申报 of hires and separations, R3.6): an employer account asks, the agency reviews. The
 * request is the employer's declaration (what was asked); its review is a sign-off item of kind
 * `employment.request`, decided in the agency's inbox. The approval's effect registers the person, the hire or the
 * separation through the registry (its rules, its audit) in the approval's own transaction: a registry refusal
 * rolls the approval back, and an approved request never exists without its employment.
 */
import type { DatabaseHandle } from '../../../platform/database.ts';
import { inScope, type Actor, type Tx } from '../../../platform/actor.ts';
import { AppError, conflict, forbidden, notFound } from '../../../platform/errors.ts';
import { registerSignoffKind, submitForApproval } from '../../../platform/signoff/index.ts';
import { newId } from '../../../platform/ids.ts';
import { recordAudit } from '../../../platform/audit/audit.service.ts';
import { todayInChina } from '../../../platform/params/index.ts';
import { listMasking, maskPersonalData } from '../../../platform/personal-data.ts';
import { keysetPage, listPage, type ListAnswer, type ListRequest, type SortKey } from '../../../platform/http/lists.ts';
import { createPersonInTransaction, hireInTransaction, orThrow, separateInTransaction, validateHire, validatePerson, validateSeparation } from '../../registry/index.ts';
import * as repository from './portal.repository.ts';
import type { RequestStatus } from './portal.tables.ts';
import { employerOf } from './portal.service.ts';
import { portalSaid, subjects } from '../collection.messages.ts';

export const requestView = (row: repository.RequestRow) => ({
  id: row.id.toString(), employerId: row.employer_id.toString(), employerName: row.employer_name, creditCode: row.credit_code,
  kind: row.kind, idNumber: row.id_number, name: row.name, personId: row.person_id?.toString() ?? null, employmentId: row.employment_id?.toString() ?? null,
  hiredOn: row.hired_on, separatedOn: row.separated_on, separationReason: row.separation_reason, status: row.status,
  requestedBy: row.requested_by, requestedAt: row.requested_at.toISOString(), approvalItemId: row.approval_item_id.toString(),
  reviewedBy: row.reviewed_by, reviewedAt: row.reviewed_at ? new Date(row.reviewed_at).toISOString() : null, reviewReason: row.review_reason,
});
export type RequestView = ReturnType<typeof requestView>;

type RequestPayload = { employerId: string; requestId: string };

export const employmentRequestSignoff = registerSignoffKind<RequestPayload>({
  kind: 'employment.request',
  label: '单位增减员申报',
  parameters: 'signoff.employment_request',
  requestPermission: 'employment.request.submit',
  levels: [{ name: 'review', label: '审核', permission: 'employment.request.review' }],
  async effect(tx, approver, item) {
    const request = await repository.findRequest(tx, BigInt(item.payload.requestId));
    if (!request) throw notFound(subjects.request());
    if (request.kind === 'separate') {
      await separateInTransaction(tx, approver, request.employer_id, request.employment_id!, { separatedOn: request.separated_on, reason: request.separation_reason });
      return { personId: request.person_id!.toString(), employmentId: request.employment_id!.toString() };
    }
    const hired = await registerHire(tx, approver, request);
    await repository.recordHire(tx, request.id, hired.personId, hired.employmentId);
    return { personId: hired.personId.toString(), employmentId: hired.employmentId.toString() };
  },
  subjectLink: (payload) => `/employers/${payload.employerId}`,
});

/** Stores a new pending request of the employer and audits it; a second open request for the same person is a 409. */
async function submit(tx: Tx, actor: Actor, employer: { id: bigint; region_code: string }, values: {
  kind: 'hire' | 'separate'; id_number: string; name: string; person_id?: bigint; employment_id?: bigint;
  hired_on?: string; separated_on?: string; separation_reason?: NonNullable<repository.RequestRow['separation_reason']>;
}) {
  const id = newId();
  const item = await submitForApproval(tx, actor, employmentRequestSignoff, {
    regionCode: employer.region_code, title: `${values.kind === 'hire' ? '增员' : '减员'} ${values.name}`,
    subjectKey: `employment_request:${employer.id}:${values.id_number}`, payload: { employerId: employer.id.toString(), requestId: id.toString() },
  }).catch((error: unknown) => {
    if (error instanceof AppError && error.status === 409) throw conflict('idNumber', portalSaid.requestWaiting({ name: values.name, idNumber: values.id_number }));
    throw error;
  });
  await repository.insertRequest(tx, { ...values, employer_id: employer.id, id, region_code: employer.region_code, requested_by: actor.username, approval_item_id: BigInt(item.id) });
  const view = requestView((await repository.findRequest(tx, id))!);
  await recordAudit(tx, actor, { action: `portal.request.${values.kind}`, entityType: 'employment_request', entityId: id, regionCode: employer.region_code, after: view });
  return view;
}

async function ownEmployer(tx: Tx, actor: Actor) {
  const employer = await repository.findEmployer(tx, employerOf(actor));
  if (!employer) throw notFound(subjects.ownEmployer());
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
    if (open) throw conflict('idNumber', portalSaid.alreadyEmployed({ name: open.name, hiredOn: open.hired_on }));
    return submit(tx, actor, employer, { kind: 'hire', id_number: person.idNumber, name: person.name, hired_on: hiredOn });
  });
}

/** 减员申报: only a current employee of the employer (anyone else is not found). */
export async function requestSeparation(database: DatabaseHandle, actor: Actor, body: { personId: string; separatedOn: string; reason: string }) {
  employerOf(actor);
  return inScope(database, actor, async (tx) => {
    const employer = await ownEmployer(tx, actor);
    const employment = await repository.openEmploymentOfPerson(tx, employer.id, BigInt(body.personId));
    if (!employment) throw notFound(subjects.employee());
    const input = orThrow(validateSeparation(body, employment.hired_on));
    return submit(tx, actor, employer, {
      kind: 'separate', id_number: employment.id_number, name: employment.name, person_id: employment.person_id, employment_id: employment.id,
      separated_on: input.separatedOn, separation_reason: input.reason,
    });
  });
}

/** Oldest first while waiting (the order of review), newest first otherwise; the id breaks ties. */
const requestOrder = (status: RequestStatus | undefined): SortKey[] => {
  const direction = status === 'pending' ? 'asc' : 'desc';
  return [{ by: 'r.requested_at', direction }, { by: 'r.id', direction }];
};

/** The requests an actor may list: an employer account its own; staff those of their region subtree. */
function visibleRequests(tx: Tx, actor: Actor, filter: { status?: RequestStatus }) {
  if (actor.role === 'person') throw forbidden(portalSaid.requestsNotForPersons());
  const employerId = actor.role === 'employer' ? employerOf(actor) : undefined;
  return repository.requestsQuery(tx, { employerId, status: filter.status });
}

/** A list: ID numbers masked by policy (privacy.list_masking); the one who asks gets back the number they typed. */
const maskedViews = (actor: Actor) => {
  const masking = listMasking(actor.regionCode);
  return (rows: repository.RequestRow[]) => rows.map((row) => maskPersonalData(requestView(row), masking));
};

/** A page of requests with their count. */
export async function listRequests(database: DatabaseHandle, actor: Actor, filter: { status?: RequestStatus }, request: ListRequest): Promise<ListAnswer<RequestView>> {
  return inScope(database, actor, (tx) => listPage(tx, visibleRequests(tx, actor, filter), requestOrder(filter.status), request, maskedViews(actor)));
}

/** The requests past the cursor (the export), uncounted. */
export async function requestRows(database: DatabaseHandle, actor: Actor, filter: { status?: RequestStatus }, request: ListRequest) {
  const page = await inScope(database, actor, (tx) => keysetPage(visibleRequests(tx, actor, filter), requestOrder(filter.status), request));
  return { items: maskedViews(actor)(page.items), nextCursor: page.nextCursor };
}

/** The registry step of an approved hire: the person found by ID number (same name) or registered, then hired. */
async function registerHire(tx: Tx, actor: Actor, request: { id_number: string; name: string; region_code: string; employer_id: bigint; hired_on: string | null }) {
  const found = await repository.findPersonByIdNumber(tx, request.id_number);
  if (found && found.name !== request.name) throw conflict('name', portalSaid.nameMismatch({ idNumber: request.id_number, registeredName: found.name, name: request.name }));
  const personId = found?.id.toString() ?? (await createPersonInTransaction(tx, actor, { idNumber: request.id_number, name: request.name, regionCode: request.region_code })).id;
  const employment = await hireInTransaction(tx, actor, { employerId: request.employer_id.toString(), personId, hiredOn: request.hired_on });
  return { personId: BigInt(personId), employmentId: BigInt(employment.id) };
}
